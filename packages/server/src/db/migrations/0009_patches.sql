-- M4: change patches (图斑) from satellite-image comparison and their overlay classification.
-- The fields the monitoring tables carry (图斑编号, 行政区代码, 前时相, 后时相, 面积 with the unit
-- it was given in, 中心坐标) are columns; every other column of the source row is kept verbatim in
-- attributes. Geometry is GeoJSON in lon/lat (a polygon, or only the centre point when the table
-- has no outline) with a bounding box for bbox queries and the overlay's candidate search.
create table patch (
  id                    uuid primary key default gen_random_uuid(),
  region_code           text not null references region(code),
  code                  text not null,                 -- 图斑编号
  before_date           date,                          -- 前时相
  after_date            date,                          -- 后时相
  declared_area         double precision,              -- 面积 as given
  declared_area_unit    text check (declared_area_unit in ('mu', 'm2', 'ha', 'km2')),
  center_lon            double precision not null,     -- 中心坐标
  center_lat            double precision not null,
  geometry              jsonb not null,
  geometry_type         text not null check (geometry_type in ('Polygon', 'MultiPolygon', 'Point')),
  bbox                  box not null,
  area_m2               double precision,              -- ellipsoidal area of the outline; null for a point
  attributes            jsonb not null default '{}',
  import_id             uuid not null,                 -- the committed import (its audit event's entity)
  source_file           text,
  -- Last overlay classification (POST /api/patches/classify); null until classified. A patch
  -- carries several classes (越界 and 保护区); overlay holds the areas (m²) and the registry
  -- objects involved, as core's patchOverlaySchema without the 亩 figures.
  classes               text[],
  overlay               jsonb,
  classified_at         timestamptz,
  classification_run_id uuid,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  constraint patch_dates check (before_date is null or after_date is null or before_date <= after_date),
  constraint patch_area_unit check ((declared_area is null) = (declared_area_unit is null))
);
-- 图斑编号 is unique within a region, so one region's codes never collide with (or reveal) another's.
create unique index patch_region_code_uq on patch (region_code, code);
create index patch_region_idx on patch (region_code text_pattern_ops);
create index patch_bbox_idx on patch using gist (bbox);
create index patch_classes_idx on patch using gin (classes);
create index patch_after_date_idx on patch (after_date);

-- Patch imports are two-step like site imports, in their own table so a patch preview can never be
-- committed through the site import route (and the other way round).
create table patch_import_preview (
  id          uuid primary key default gen_random_uuid(),
  user_id     uuid not null references app_user(id),
  region_code text not null references region(code),
  file_name   text not null,
  items       jsonb not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null default now() + interval '24 hours'
);
create index patch_import_preview_user_idx on patch_import_preview (user_id);

-- One row per classification run: what was compared and the totals per class.
create table patch_classification_run (
  id          uuid primary key default gen_random_uuid(),
  region_code text not null references region(code),
  user_id     uuid references app_user(id),
  patches     integer not null,
  sites       integer not null,
  counts      jsonb not null,                          -- {class: number of patches}
  areas       jsonb not null,                          -- {class: m²}
  changed     integer not null,                        -- patches whose classes changed
  duration_ms integer not null,
  created_at  timestamptz not null default now()
);
create index patch_classification_run_region_idx on patch_classification_run (region_code text_pattern_ops, created_at);
