-- Foundation: regions, units, people, users and sessions, coordination bodies, duties, meetings, audit.
-- Every scoped table carries region_code (GB/T 2260); scope is a prefix match on it, hence the
-- text_pattern_ops indexes.

create table region (
  code        text primary key check (code ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12})$'),
  name        text not null,
  level       text not null check (level in ('province','prefecture','county','township','village')),
  parent_code text references region(code)
);
create index region_parent_idx on region (parent_code);

create table unit (
  id             uuid primary key default gen_random_uuid(),
  region_code    text not null references region(code),
  name           text not null,
  kind           text not null,
  sector         text,
  parent_unit_id uuid references unit(id),
  created_at     timestamptz not null default now(),
  unique (region_code, name)
);
create index unit_region_idx on unit (region_code text_pattern_ops);

create table person (
  id          uuid primary key default gen_random_uuid(),
  region_code text not null references region(code),
  name        text not null,
  unit_id     uuid references unit(id),
  position    text not null default '',
  rank        text,
  phone       text,
  created_at  timestamptz not null default now()
);
create index person_region_idx on person (region_code text_pattern_ops);

create table app_user (
  id            uuid primary key default gen_random_uuid(),
  username      text not null unique check (username ~ '^[a-z0-9._-]{2,64}$'),
  display_name  text not null,
  role          text not null check (role in ('admin','office','member_unit','cadre','inspector','leader','machine')),
  -- null only for the platform admin, whose scope is everything
  region_code   text references region(code),
  person_id     uuid references person(id),
  unit_id       uuid references unit(id),
  password_hash text,
  disabled      boolean not null default false,
  created_at    timestamptz not null default now(),
  check (role = 'admin' or region_code is not null)
);

create table api_token (
  id          uuid primary key default gen_random_uuid(),
  user_id     uuid not null references app_user(id),
  name        text not null,
  token_hash  text not null unique,
  created_at  timestamptz not null default now(),
  revoked_at  timestamptz
);

create table session (
  id           text primary key,  -- sha256 of the cookie token; the token itself is never stored
  user_id      uuid not null references app_user(id),
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at   timestamptz not null
);
create index session_user_idx on session (user_id);

create table login_attempt (
  id       bigserial primary key,
  username text not null,
  ip       text not null,
  ok       boolean not null,
  at       timestamptz not null default now()
);
create index login_attempt_user_idx on login_attempt (username, at);
create index login_attempt_ip_idx on login_attempt (ip, at);

create table body (
  id             uuid primary key default gen_random_uuid(),
  region_code    text not null references region(code),
  name           text not null,
  kind           text not null,
  parent_body_id uuid references body(id),
  host_unit_id   uuid references unit(id),
  duties         text not null default '',
  district_codes text[] not null default '{}',
  cadence_months integer,
  established_on date not null default current_date,
  source         text,
  ordinal        bigint generated always as identity,  -- insertion order: rosters list bodies as printed
  created_at     timestamptz not null default now()
);
create index body_region_idx on body (region_code text_pattern_ops);

create table body_member (
  id         uuid primary key default gen_random_uuid(),
  body_id    uuid not null references body(id) on delete cascade,
  person_id  uuid references person(id),
  role       text not null,
  position   text not null default '',
  note       text not null default '',
  duty       text not null default '',
  sort_order integer not null default 0,
  check (person_id is not null or note <> '')
);
create index body_member_body_idx on body_member (body_id, sort_order);

create table duty_task (
  id          uuid primary key default gen_random_uuid(),
  region_code text not null references region(code),
  body_id     uuid references body(id),
  section     text not null,
  title       text not null,
  content     text not null default '',
  sort_order  integer not null default 0,
  source      text
);
create index duty_task_region_idx on duty_task (region_code text_pattern_ops);

create table duty_task_unit (
  task_id    uuid not null references duty_task(id) on delete cascade,
  unit_id    uuid not null references unit(id),
  role       text not null check (role in ('lead','cooperating')),
  sort_order integer not null default 0,
  primary key (task_id, unit_id, role)
);

create table meeting (
  id          uuid primary key default gen_random_uuid(),
  body_id     uuid not null references body(id),
  region_code text not null references region(code),
  kind        text not null,
  held_on     date not null,
  title       text not null,
  decisions   jsonb not null default '[]',
  created_by  uuid references app_user(id),
  created_at  timestamptz not null default now()
);
create index meeting_body_idx on meeting (body_id, held_on desc);

create table meeting_attendee (
  meeting_id uuid not null references meeting(id) on delete cascade,
  person_id  uuid not null references person(id),
  primary key (meeting_id, person_id)
);

-- Append-only, hash-chained audit log. hash = sha256(prev_hash || canonical row); audit_head keeps
-- the last link so that deleting the newest rows is detected too.
create table audit_event (
  seq           bigint primary key,
  at            timestamptz not null,
  actor_user_id uuid,
  actor_label   text,
  action        text not null,
  entity_type   text not null,
  entity_id     text not null,
  region_code   text,
  before        jsonb,
  after         jsonb,
  prev_hash     text not null,
  hash          text not null
);
create index audit_entity_idx on audit_event (entity_type, entity_id, seq);
create index audit_region_idx on audit_event (region_code text_pattern_ops);

create table audit_head (
  id   integer primary key check (id = 1),
  seq  bigint not null,
  hash text not null
);

create function audit_event_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_immutable();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_immutable();

create table app_state (
  key   text primary key,
  value jsonb not null
);
