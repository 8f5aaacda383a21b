-- The rows of a 附件1 import preview, one table row each, instead of one jsonb array in
-- ledger_import_preview.rows: a 100,000-row ledger was one JSON value of tens of megabytes, built,
-- sent and read back whole. The preview writes its rows in batches as it reads the workbook, and
-- the commit turns them into problems with one INSERT … SELECT. Only previews without errors keep
-- their rows (one with errors can never be committed). Both tables go with their preview.
-- ledger_import_preview.errors now keeps the errors the preview lists (the first 5,000); error_count
-- stays exact.
create table ledger_import_row (
  preview_id            uuid not null references ledger_import_preview(id) on delete cascade,
  -- the row's place in the workbook's order (0, 1, …)
  ordinal               integer not null,
  sheet                 text not null,
  sheet_row             integer not null,
  -- what problem gets: the checked values, as the multi-row insert of the commit was given them
  work_group_key        text,
  enterprise            text not null,
  region_code           text not null,
  type_code             text not null,
  method_mineral        text not null,
  description           text not null,
  measures              text not null,
  deadline              date not null,
  responsible_text      text not null,
  responsible_person_id uuid,
  responsible_unit_id   uuid,
  responsible_contact   text,
  primary key (preview_id, ordinal)
);

-- The registry site an enterprise name of the preview matched (exactly one site), found once every
-- name of the workbook was known; names without a single match are in ledger_import_preview.unmatched.
create table ledger_import_site (
  preview_id uuid not null references ledger_import_preview(id) on delete cascade,
  enterprise text not null,
  site_id    uuid not null
);
create index ledger_import_site_preview_idx on ledger_import_site (preview_id);

-- Previews made before this migration: the rows of those that can be committed move here.
insert into ledger_import_row (preview_id, ordinal, sheet, sheet_row, work_group_key, enterprise, region_code, type_code, method_mineral,
  description, measures, deadline, responsible_text, responsible_person_id, responsible_unit_id, responsible_contact)
select p.id, e.n - 1, e.r->>'sheet', (e.r->>'row')::int, e.r->>'workGroupKey', e.r->>'enterprise', e.r->>'regionCode', e.r->>'typeCode',
  e.r->>'methodMineral', e.r->>'description', e.r->>'measures', (e.r->>'deadline')::date, e.r->>'responsible',
  (e.r->>'responsiblePersonId')::uuid, (e.r->>'responsibleUnitId')::uuid, e.r->>'contact'
from ledger_import_preview p
cross join lateral jsonb_array_elements(p.rows) with ordinality as e(r, n)
where p.error_count = 0;
insert into ledger_import_site (preview_id, enterprise, site_id)
select distinct p.id, e.r->>'enterprise', (e.r->>'siteId')::uuid
from ledger_import_preview p
cross join lateral jsonb_array_elements(p.rows) as e(r)
where p.error_count = 0 and e.r->>'siteId' is not null;
-- The column stays (always '[]') so that 0010's table keeps its shape.
update ledger_import_preview set rows = '[]' where rows <> '[]';
