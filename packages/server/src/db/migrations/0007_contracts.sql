-- O5 包联/包抓 (003 §二.2, 004 §二.(四)): a person is assigned townships, villages or sites and must
-- visit each at least monthly. An assignment's region_code is the smallest region holding all of its
-- targets, so whoever sees the assignment sees every target of it (scope is a prefix match).

create table contract (
  id          uuid primary key default gen_random_uuid(),
  region_code text not null references region(code),
  person_id   uuid not null references person(id),
  valid_from  date not null,
  -- last day in force: the planned end, or the day it was ended (ended_at set)
  valid_to    date,
  note        text not null default '',
  ended_at    timestamptz,
  end_reason  text,
  ended_by    uuid references app_user(id),
  created_by  uuid references app_user(id),
  created_at  timestamptz not null default now(),
  check (valid_to is null or valid_to >= valid_from),
  check ((ended_at is null) = (end_reason is null)),
  check (ended_at is null or valid_to is not null)
);
create index contract_region_idx on contract (region_code text_pattern_ops);
create index contract_person_idx on contract (person_id);

-- A township/village (region_code is the area itself) or a site (region_code is the site's region).
create table contract_target (
  id          uuid primary key default gen_random_uuid(),
  contract_id uuid not null references contract(id),
  kind        text not null check (kind in ('region', 'site')),
  region_code text not null references region(code),
  site_id     uuid references site(id),
  sort_order  integer not null default 0,
  check ((kind = 'site') = (site_id is not null)),
  unique (contract_id, id)
);
create index contract_target_contract_idx on contract_target (contract_id, sort_order);
create unique index contract_target_region_uq on contract_target (contract_id, region_code) where kind = 'region';
create unique index contract_target_site_uq on contract_target (contract_id, site_id) where kind = 'site';
create index contract_target_region_idx on contract_target (region_code text_pattern_ops);

create table contract_visit (
  id             uuid primary key default gen_random_uuid(),
  contract_id    uuid not null,
  target_id      uuid not null,
  region_code    text not null references region(code),  -- the target's region
  visited_on     date not null,
  method         text not null check (method in ('routine', 'surprise', 'unannounced', 'other')),
  lon            double precision,  -- degrees, WGS84/CGCS2000
  lat            double precision,
  accuracy_m     double precision,  -- GPS accuracy, metres
  notes          text not null default '',
  photo_file_ids uuid[] not null default '{}',
  recorded_by    uuid references app_user(id),
  recorded_at    timestamptz not null default now(),
  -- the target must belong to the assignment the visit is recorded under
  foreign key (contract_id, target_id) references contract_target (contract_id, id),
  check ((lon is null) = (lat is null)),
  check (lon is null or (lon between 73 and 136 and lat between 3 and 54)),
  check (cardinality(photo_file_ids) <= 20)
);
create index contract_visit_target_idx on contract_visit (target_id, visited_on desc);
create index contract_visit_contract_idx on contract_visit (contract_id, visited_on desc);
