import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the tables of migrations 0005 (files, attachments) and 0006 (grids, O6, sealing, 三不留). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string | undefined, string>;

export interface FileTable {
  id: Generated<string>;
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  region_code: string;
  uploaded_by: string | null;
  created_at: Timestamp;
  exif_lon: number | null;
  exif_lat: number | null;
  exif_taken_at: Date | null;
}
export interface SiteAttachmentTable {
  id: Generated<string>;
  site_id: string;
  file_id: string;
  role: string;
  purpose: Generated<string>;
  caption: Generated<string>;
  taken_at: Date | null;
  lon: number | null;
  lat: number | null;
  location_source: string | null;
  distance_m: number | null;
  far: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}
export interface GridTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  geometry: ColumnType<unknown, string | null, string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface GridPersonTable {
  grid_id: string;
  person_id: string;
  role: string;
  sort_order: Generated<number>;
}
export interface SiteResponsibilityTable {
  site_id: string;
  grid_id: string | null;
  county_person_id: string | null;
  county_phone: string | null;
  township_person_id: string | null;
  township_phone: string | null;
  village_person_id: string | null;
  village_phone: string | null;
  warning_sign_status: string;
  warning_sign_file_id: string | null;
  warning_sign_checked_on: DateOnly | null;
  resp_sign_status: string;
  resp_sign_file_id: string | null;
  resp_sign_checked_on: DateOnly | null;
  version: Generated<number>;
  updated_at: Timestamp;
}
export interface SiteSealingTable {
  id: Generated<string>;
  site_id: string;
  status: string;
  previous_status: string;
  on_date: DateOnly;
  note: Generated<string>;
  recorded_by: string | null;
  created_at: Timestamp;
}
export interface SiteSealingFileTable {
  sealing_id: string;
  file_id: string;
  sort_order: Generated<number>;
}
export interface SiteThreeNoRemainTable {
  id: Generated<string>;
  site_id: string;
  no_personnel: boolean;
  no_equipment: boolean;
  no_buildings: boolean;
  checked_on: DateOnly;
  note: Generated<string>;
  recorded_by: string | null;
  created_at: Timestamp;
}
export interface SiteThreeNoRemainFileTable {
  check_id: string;
  file_id: string;
  sort_order: Generated<number>;
}

export interface SiteRecordsDB {
  file: FileTable;
  site_attachment: SiteAttachmentTable;
  grid: GridTable;
  grid_person: GridPersonTable;
  site_responsibility: SiteResponsibilityTable;
  site_sealing: SiteSealingTable;
  site_sealing_file: SiteSealingFileTable;
  site_three_no_remain: SiteThreeNoRemainTable;
  site_three_no_remain_file: SiteThreeNoRemainFileTable;
}
