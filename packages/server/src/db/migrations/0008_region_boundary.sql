-- Region boundaries, the map's offline base layer. Only official files uploaded by an office or the
-- platform admin land here (GeoJSON, zipped Shapefile, KML/KMZ, read by packages/geo); no boundary
-- ships with the code. Geometry is a (Multi)Polygon in longitude/latitude (CGCS2000 ≈ WGS 84).
create table region_boundary (
  region_code text primary key references region(code),
  geometry    jsonb not null,
  bbox        box not null,
  vertices    integer not null,
  source      text not null,
  file_name   text not null,
  uploaded_by uuid references app_user(id),
  uploaded_at timestamptz not null default now()
);
create index region_boundary_scope_idx on region_boundary (region_code text_pattern_ops);
create index region_boundary_bbox_idx on region_boundary using gist (bbox);
