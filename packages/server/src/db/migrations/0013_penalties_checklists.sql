-- L6 penalties tied to problems and the daily-continuous clock (按日连续处罚); L8 the 004 inspection
-- checklist submitted per mine, whose failed items become problems; L9 the 001 hazard ledgers, which
-- are problems of hazard-ledger types with their fields in problem.hazard (an index for the ledger lists).

-- One measure taken against a problem's party (core penaltyRecordSchema, validated before it gets here).
create table penalty (
  id          uuid primary key default gen_random_uuid(),
  problem_id  uuid not null references problem(id),
  campaign_id uuid not null references campaign(id),
  region_code text not null references region(code),
  kind        text not null check (kind in ('fine', 'daily_continuous_fine', 'suspend_new_faces', 'suspend_licence_extension',
                'suspend_land_application', 'suspend_coal_sales', 'credit_record', 'green_list_removal',
                'third_party_restoration', 'case_filed', 'judicial_referral', 'listed_supervision')),
  -- the day it was decided or taken (core penaltyDate)
  decided_on  date not null,
  -- the record without problemId; money in fen (integers); a daily fine keeps its rechecks here
  record      jsonb not null,
  -- fen: the fine, the fine per day, or the restoration cost; null for measures without money
  amount_fen  bigint check (amount_fen is null or amount_fen > 0),
  version     integer not null default 1,
  created_by  uuid references app_user(id),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  check (record->>'kind' = kind)
);
create index penalty_problem_idx on penalty (problem_id, decided_on, id);
create index penalty_region_idx on penalty (region_code text_pattern_ops, decided_on);

-- The daily-continuous-penalty clock of an overdue problem whose campaign rule says 按日连续处罚: started
-- by the overdue job, joined by the decision (penalty) when the enforcing unit records it, stopped by
-- a recheck that finds the violation corrected, or when the problem is closed or voided.
create table penalty_clock (
  problem_id   uuid primary key references problem(id),
  campaign_id  uuid not null references campaign(id),
  region_code  text not null references region(code),
  -- the missed deadline: days count from the day after it
  count_from   date not null,
  -- the day the overdue job found the problem past its deadline
  started_on   date not null,
  job_run_id   uuid references job_run(id),
  -- the campaign rule that starts it (where it is printed, and its words)
  rule_section text not null,
  rule_printed text not null,
  penalty_id   uuid references penalty(id),
  stopped_on   date,
  stop_reason  text check (stop_reason in ('corrected', 'closed', 'voided')),
  check ((stopped_on is null) = (stop_reason is null))
);
create index penalty_clock_running_idx on penalty_clock (problem_id) where stopped_on is null;
create index penalty_clock_region_idx on penalty_clock (region_code text_pattern_ops);
create unique index penalty_clock_penalty_idx on penalty_clock (penalty_id) where penalty_id is not null;

-- L8: one filled checklist (core checklistFormSchema) for a mine, or for a county (七要).
create table checklist_submission (
  id           uuid primary key default gen_random_uuid(),
  campaign_id  uuid not null references campaign(id),
  checklist_id text not null,
  subject      text not null check (subject in ('mine', 'county')),
  site_id      uuid references site(id),
  region_code  text not null references region(code),
  inspected_on date not null,
  expired      boolean not null default false,
  inspectors   text[] not null,
  answers      jsonb not null,
  failed_count integer not null check (failed_count >= 0),
  created_by   uuid references app_user(id),
  created_at   timestamptz not null default now(),
  check ((subject = 'mine') = (site_id is not null))
);
create index checklist_submission_region_idx on checklist_submission (region_code text_pattern_ops, inspected_on desc);
create index checklist_submission_site_idx on checklist_submission (site_id, inspected_on desc) where site_id is not null;

-- A failed item of a submission (core problemDraftsFromChecklist): it becomes a problem once the
-- measures, deadline and responsible unit are given (at submission or later).
create table checklist_finding (
  id            uuid primary key default gen_random_uuid(),
  submission_id uuid not null references checklist_submission(id),
  campaign_id   uuid not null references campaign(id),
  region_code   text not null references region(code),
  item_code     text not null,
  type_code     text not null,
  description   text not null,
  evidence      text[] not null default '{}',
  site_id       uuid references site(id),
  found_on      date not null,
  problem_id    uuid references problem(id),
  created_at    timestamptz not null default now(),
  unique (submission_id, item_code)
);
create index checklist_finding_open_idx on checklist_finding (region_code text_pattern_ops, created_at) where problem_id is null;

-- The overdue job's work list: open problems not yet marked overdue, by deadline. Marked rows leave
-- the index, so each batch (and each daily run) reads only rows it may mark, even at 1,000,000 problems.
create index problem_overdue_pending_idx on problem (deadline, id)
  where state in ('found', 'rectifying', 'submitted', 'returned') and overdue_since is null;

-- L9 ledger lists: problems of one hazard-ledger type in a region.
create index problem_hazard_idx on problem ((hazard->>'ledgerType'), region_code text_pattern_ops) where hazard is not null;
