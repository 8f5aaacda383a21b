-- Uploaded files (photos, documents, evidence). The bytes live on disk, content-addressed by their
-- SHA-256 (<filesDir>/ab/cd/<sha256>); a row here says who uploaded them for which region. The same
-- bytes uploaded twice for one region are one row; for two regions, two rows and one blob.
create table file (
  id            uuid primary key default gen_random_uuid(),
  sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size          bigint not null check (size > 0),
  -- detected from the bytes, never the client's claim
  mime          text not null,
  original_name text not null,
  region_code   text not null references region(code),
  uploaded_by   uuid references app_user(id),
  created_at    timestamptz not null default now(),
  -- from a photo's EXIF: position (degrees, as GPS records it) and the moment it was taken
  exif_lon      double precision check (exif_lon between -180 and 180),
  exif_lat      double precision check (exif_lat between -90 and 90),
  exif_taken_at timestamptz,
  unique (region_code, sha256)
);
create index file_region_idx on file (region_code text_pattern_ops);
create index file_sha256_idx on file (sha256);

-- Documents and photos of a site (一矿一档). A photo keeps where it was taken (EXIF, or given when
-- the photo has none) and its distance from the site when attached; a far one is flagged, not refused.
create table site_attachment (
  id              uuid primary key default gen_random_uuid(),
  site_id         uuid not null references site(id),
  file_id         uuid not null references file(id),
  role            text not null check (role in ('document','photo')),
  purpose         text not null default 'general' check (purpose in ('general','sealing','sign','three_no_remain')),
  caption         text not null default '',
  taken_at        timestamptz,
  lon             double precision check (lon between -180 and 180),
  lat             double precision check (lat between -90 and 90),
  location_source text check (location_source in ('exif','given')),
  distance_m      double precision check (distance_m >= 0),
  far             boolean not null default false,
  created_by      uuid references app_user(id),
  created_at      timestamptz not null default now(),
  unique (site_id, file_id),
  check ((lon is null) = (lat is null)),
  check ((lon is null) = (location_source is null))
);
create index site_attachment_site_idx on site_attachment (site_id, created_at);
