-- Geometry imports are two-step: the parsed file is kept as a preview the user checks, then
-- committed all-or-nothing. Previews expire; only the user who uploaded one may commit it.
create table import_preview (
  id          uuid primary key default gen_random_uuid(),
  user_id     uuid not null references app_user(id),
  region_code text not null references region(code),
  kind        text not null,
  file_name   text not null,
  items       jsonb not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null default now() + interval '24 hours'
);
create index import_preview_user_idx on import_preview (user_id);
