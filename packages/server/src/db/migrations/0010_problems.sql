-- L1–L7, P1: campaigns as data, the problem ledger (台账) and its lifecycle, per-mine plans, and the
-- two-step 附件1 import. A campaign's full definition (core campaignSchema) is one jsonb document;
-- the columns beside it are what lists filter and scope on. Problems are rows, their state changes
-- are problem_event rows (the audit log holds the same facts, hash-chained).

create table campaign (
  id           uuid primary key default gen_random_uuid(),
  region_code  text not null references region(code),
  -- core campaignSchema.key
  code         text not null check (code ~ '^[a-z][a-z0-9_]*$'),
  name         text not null,
  kind         text not null check (kind in ('campaign', 'standing_mechanism')),
  period_start date,
  period_end   date,
  -- seed document the campaign is printed in; null for campaigns set up in the app
  seed         text,
  -- the campaign this one was copied from, if any
  copied_from  uuid references campaign(id),
  -- the whole campaign as core campaignSchema parses it (validated before it gets here)
  data         jsonb not null,
  version      integer not null default 1,
  created_by   uuid references app_user(id),
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  unique (region_code, code)
);
create index campaign_region_idx on campaign (region_code text_pattern_ops);

create table problem (
  id                    uuid primary key default gen_random_uuid(),
  campaign_id           uuid not null references campaign(id),
  -- key of one of the campaign's work groups (data->workGroups[].key); null when it has none
  work_group_key        text,
  -- the registry site, or only the enterprise's name (矿山企业) when it is not registered
  site_id               uuid references site(id),
  enterprise            text not null default '',
  region_code           text not null references region(code),
  type_code             text not null,
  -- 开采方式、矿种 as the ledger writes it ("露天+煤矿"); '' when unknown
  method_mineral        text not null default '',
  description           text not null,   -- 排查发现问题
  measures              text not null,   -- 整改措施
  found_on              date not null,
  deadline              date not null,   -- 完成整改时限 (a China calendar day)
  responsible_unit_id   uuid references unit(id),
  responsible_person_id uuid references person(id),
  responsible_contact   text,
  -- 整改责任人及联系方式 as the ledger shows it
  responsible_text      text not null default '',
  verifying_unit_id     uuid references unit(id),
  source                text not null check (source in ('survey', 'inspection', 'tip', 'alert', 'supervision_group')),
  source_ref            text,
  state                 text not null check (state in ('found', 'rectifying', 'submitted', 'returned', 'closed', 'voided')),
  progress_percent      integer not null default 0 check (progress_percent between 0 and 100),
  -- SHA-256 ids of evidence files (core fire() decides what each event needs)
  evidence              text[] not null default '{}',
  hazard                jsonb,
  immediate             boolean not null default false,
  submitted_on          date,
  closed_on             date,
  closed_at             timestamptz,
  -- set by the overdue job (first day found past the deadline while open); null while in time
  overdue_since         date,
  import_id             uuid,
  version               integer not null default 1,
  created_by            uuid references app_user(id),
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  check (site_id is not null or enterprise <> ''),
  check (deadline >= found_on),
  check (verifying_unit_id is null or verifying_unit_id <> responsible_unit_id),
  check ((state = 'closed') = (closed_on is not null))
);
-- List filters at a million rows: scope is a region prefix (text_pattern_ops); the common lists
-- are one campaign by state ordered by deadline, the open problems by deadline (overdue), by type.
create index problem_region_idx on problem (region_code text_pattern_ops, deadline);
create index problem_campaign_idx on problem (campaign_id, state, deadline);
-- the 附件1 export: one campaign, sheet by sheet (work group), in ledger order, keyset-paged
create index problem_ledger_idx on problem (campaign_id, work_group_key, region_code, deadline, id);
create index problem_state_deadline_idx on problem (state, deadline);
create index problem_type_idx on problem (campaign_id, type_code, state);
create index problem_open_deadline_idx on problem (deadline, id) where state in ('found', 'rectifying', 'submitted', 'returned');
create index problem_site_idx on problem (site_id) where site_id is not null;
create index problem_person_idx on problem (responsible_person_id) where responsible_person_id is not null;
create index problem_submitted_idx on problem (region_code text_pattern_ops, updated_at) where state = 'submitted';

-- The lifecycle history of a problem (the timeline): one row per fired event.
create table problem_event (
  id            bigint generated always as identity primary key,
  problem_id    uuid not null references problem(id),
  region_code   text not null references region(code),
  event         text not null,
  from_state    text not null,
  to_state      text not null,
  reason        text,
  evidence      text[] not null default '{}',
  actor_user_id uuid references app_user(id),
  actor_unit_id uuid references unit(id),
  -- the capacities the actor held (office, verifying_unit, …) when firing
  capacities    text[] not null default '{}',
  at            timestamptz not null default now()
);
create index problem_event_problem_idx on problem_event (problem_id, at);

-- L7: one mine in one campaign — 一矿一策 (policy), 一矿一方案 (plan files), 一矿一责任人, and the
-- status of each campaign stage (core minePlanInputSchema.stages).
create table mine_plan (
  id                    uuid primary key default gen_random_uuid(),
  campaign_id           uuid not null references campaign(id),
  site_id               uuid not null references site(id),
  region_code           text not null references region(code),
  policy                text not null default '',
  plan_file_ids         text[] not null default '{}',
  responsible_person_id uuid references person(id),
  stages                jsonb not null default '[]',
  version               integer not null default 1,
  updated_by            uuid references app_user(id),
  updated_at            timestamptz not null default now(),
  unique (campaign_id, site_id)
);
create index mine_plan_region_idx on mine_plan (region_code text_pattern_ops);

-- A checked 附件1 upload waiting for commit: its rows (valid or not), their errors and the
-- enterprises that match no registry site. Only the uploader may commit it, once, before expiry.
create table ledger_import_preview (
  id          uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaign(id),
  user_id     uuid not null references app_user(id),
  region_code text not null references region(code),
  -- the campaign's version the rows were checked against: a changed campaign needs a new preview
  campaign_version integer not null,
  file_name   text not null,
  -- the day the problems were found (排查) and their source, as the upload said
  found_on    date not null,
  source      text not null,
  row_count   integer not null,
  error_count integer not null,
  rows        jsonb not null,
  errors      jsonb not null,
  -- enterprises no registry site matches (recorded by name once the commit confirms them)
  unmatched   jsonb not null default '[]',
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null default now() + interval '24 hours'
);
create index ledger_import_preview_user_idx on ledger_import_preview (user_id);
