-- Supervised-object registry (一矿一档): every kind in one table, typed attributes as jsonb
-- (validated by core's siteAttributesSchema before they get here), geometry as GeoJSON in lon/lat,
-- plus a bounding box with a GiST index for map and bbox queries.
create table site (
  id          uuid primary key default gen_random_uuid(),
  region_code text not null references region(code),
  kind        text not null,
  name        text not null,
  attributes  jsonb not null,
  geometry    jsonb,
  bbox        box,
  area_m2     double precision,
  status      text,  -- derived from attributes (core siteStatus) so lists can filter on it
  version     integer not null default 1,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index site_region_idx on site (region_code text_pattern_ops);
create index site_kind_idx on site (kind, region_code text_pattern_ops);
create index site_bbox_idx on site using gist (bbox);
create index site_name_idx on site (name text_pattern_ops);
