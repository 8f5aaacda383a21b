-- Saved views (保存的视图): a user's named filter sets of a list page (the ledger first), kept on the
-- server so they follow the official from one device to another. `query` is the list's URL query
-- without paging and region; the API checks its form and keeps at most 50 views per user and page.
create table saved_view (
  id         uuid primary key default gen_random_uuid(),
  user_id    uuid not null references app_user(id) on delete cascade,
  page       text not null check (page ~ '^[a-z][a-z0-9_]*$'),
  name       text not null check (char_length(name) between 1 and 50),
  query      text not null check (char_length(query) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, page, name)
);
