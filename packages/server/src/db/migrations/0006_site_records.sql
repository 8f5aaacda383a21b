-- O6 grids (网格化管理): an area of a region with its assigned people.
create table grid (
  id          uuid primary key default gen_random_uuid(),
  region_code text not null references region(code),
  name        text not null,
  geometry    jsonb,
  version     integer not null default 1,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  unique (region_code, name)
);
create index grid_region_idx on grid (region_code text_pattern_ops);

create table grid_person (
  grid_id    uuid not null references grid(id),
  person_id  uuid not null references person(id),
  role       text not null check (role in ('leader','member')),
  sort_order integer not null default 0,
  primary key (grid_id, person_id)
);

-- O6 per site: its grid, a responsible person per level (with the phone for this duty) and the two
-- signs (警示标识牌, 监管责任牌) with status, photo and date. One row per site; history is the audit trail.
create table site_responsibility (
  site_id                 uuid primary key references site(id),
  grid_id                 uuid references grid(id),
  county_person_id        uuid references person(id),
  county_phone            text,
  township_person_id      uuid references person(id),
  township_phone          text,
  village_person_id       uuid references person(id),
  village_phone           text,
  warning_sign_status     text not null default 'none' check (warning_sign_status in ('none','installed','damaged')),
  warning_sign_file_id    uuid references file(id),
  warning_sign_checked_on date,
  resp_sign_status        text not null default 'none' check (resp_sign_status in ('none','installed','damaged')),
  resp_sign_file_id       uuid references file(id),
  resp_sign_checked_on    date,
  version                 integer not null default 1,
  updated_at              timestamptz not null default now(),
  check ((county_person_id is null) = (county_phone is null)),
  check ((township_person_id is null) = (township_phone is null)),
  check ((village_person_id is null) = (village_phone is null)),
  check (warning_sign_status = 'none' or (warning_sign_file_id is not null and warning_sign_checked_on is not null)),
  check (resp_sign_status = 'none' or (resp_sign_file_id is not null and resp_sign_checked_on is not null))
);
create index site_responsibility_grid_idx on site_responsibility (grid_id);

-- S2: every sealing observation of a shaft or point, append-only; the newest one is the site's
-- sealingStatus. 已封堵 carries photo evidence (checked in the service; the join table holds it).
create table site_sealing (
  id              uuid primary key default gen_random_uuid(),
  site_id         uuid not null references site(id),
  status          text not null check (status in ('unsealed','sealed','incomplete')),
  previous_status text not null check (previous_status in ('unsealed','sealed','incomplete')),
  on_date         date not null,
  note            text not null default '',
  recorded_by     uuid references app_user(id),
  created_at      timestamptz not null default now()
);
create index site_sealing_site_idx on site_sealing (site_id, created_at);
create table site_sealing_file (
  sealing_id uuid not null references site_sealing(id),
  file_id    uuid not null references file(id),
  sort_order integer not null default 0,
  primary key (sealing_id, file_id)
);

-- S4: "三不留" checks of expired/cancelled licensed mines, append-only, each with evidence.
create table site_three_no_remain (
  id           uuid primary key default gen_random_uuid(),
  site_id      uuid not null references site(id),
  no_personnel boolean not null,
  no_equipment boolean not null,
  no_buildings boolean not null,
  checked_on   date not null,
  note         text not null default '',
  recorded_by  uuid references app_user(id),
  created_at   timestamptz not null default now()
);
create index site_three_no_remain_site_idx on site_three_no_remain (site_id, created_at);
create table site_three_no_remain_file (
  check_id   uuid not null references site_three_no_remain(id),
  file_id    uuid not null references file(id),
  sort_order integer not null default 0,
  primary key (check_id, file_id)
);
