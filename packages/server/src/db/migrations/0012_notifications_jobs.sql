-- Notification centre (in-app, always on; e-mail/SMS deliveries logged beside it) and the record of
-- scheduled job runs (the daily overdue job first).

-- One notification for one recipient: an app user, or a person record (a responsible official who
-- may have no login; users linked to that person through app_user.person_id see it). A digest counts
-- several items (`item_count`) under one `dedupe_key`, so a job that finds 10,000 overdue problems
-- writes one row per recipient and campaign, not 10,000.
create table notification (
  id                  uuid primary key default gen_random_uuid(),
  recipient_user_id   uuid references app_user(id),
  recipient_person_id uuid references person(id),
  kind                text not null check (kind ~ '^[a-z][a-z0-9_.]*$'),
  title_zh            text not null,
  title_en            text not null,
  body_zh             text not null default '',
  body_en             text not null default '',
  -- app path the notification opens (e.g. /problems/…); null when there is nothing to open
  link                text,
  entity_type         text,
  entity_id           text,
  region_code         text not null references region(code),
  item_count          integer not null default 1 check (item_count >= 1),
  -- digest key: rows with the same key are one notification whose count grows
  dedupe_key          text,
  data                jsonb not null default '{}',
  job_run_id          uuid,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  read_at             timestamptz,
  check (num_nonnulls(recipient_user_id, recipient_person_id) = 1),
  check ((entity_type is null) = (entity_id is null))
);
create unique index notification_dedupe_idx on notification (dedupe_key) where dedupe_key is not null;
create index notification_user_idx on notification (recipient_user_id, updated_at desc, id) where recipient_user_id is not null;
create index notification_person_idx on notification (recipient_person_id, updated_at desc, id) where recipient_person_id is not null;
create index notification_region_idx on notification (region_code text_pattern_ops);

-- Where a user wants notifications outside the app. Delivery happens only when the channel's
-- adapter is switched on (NOTIFY_EMAIL / NOTIFY_SMS); SMS falls back to person.phone.
create table notification_channel (
  user_id    uuid not null references app_user(id),
  channel    text not null check (channel in ('email', 'sms')),
  address    text not null,
  enabled    boolean not null default true,
  updated_at timestamptz not null default now(),
  primary key (user_id, channel)
);

-- Each attempt to deliver a notification outside the app (e-mail, SMS), with its outcome.
create table notification_delivery (
  id              uuid primary key default gen_random_uuid(),
  notification_id uuid not null references notification(id),
  channel         text not null check (channel in ('email', 'sms')),
  adapter         text not null,
  address         text not null,
  status          text not null check (status in ('sent', 'failed')),
  error           text,
  at              timestamptz not null default now()
);
create index notification_delivery_notification_idx on notification_delivery (notification_id);

-- One row per attempted run of a scheduled job: when, why, for which day and region, what it did.
create table job_run (
  id            uuid primary key default gen_random_uuid(),
  job           text not null check (job ~ '^[a-z][a-z0-9_]*$'),
  trigger       text not null check (trigger in ('schedule', 'cli', 'api', 'test')),
  actor_user_id uuid references app_user(id),
  -- null: every region; else the run was limited to this region and below
  region_code   text references region(code),
  -- the China calendar day the run evaluated
  for_day       date not null,
  status        text not null check (status in ('running', 'succeeded', 'failed', 'skipped')),
  started_at    timestamptz not null default now(),
  finished_at   timestamptz,
  counts        jsonb not null default '{}',
  error         text,
  check ((status = 'running') = (finished_at is null))
);
create index job_run_job_idx on job_run (job, started_at desc);
alter table notification add foreign key (job_run_id) references job_run(id);
