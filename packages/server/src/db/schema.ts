import type { ColumnType, Generated } from 'kysely';

/** Kysely table types; kept beside the SQL migrations they describe. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string | undefined, string>;

export interface RegionTable {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
}
export interface UnitTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  kind: string;
  sector: string | null;
  parent_unit_id: string | null;
  created_at: Timestamp;
}
export interface PersonTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  unit_id: string | null;
  position: Generated<string>;
  rank: string | null;
  phone: string | null;
  created_at: Timestamp;
}
export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: string;
  region_code: string | null;
  person_id: string | null;
  unit_id: string | null;
  password_hash: string | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
}
export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Date | null;
}
export interface SessionTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}
export interface LoginAttemptTable {
  id: Generated<string>;
  username: string;
  ip: string;
  ok: boolean;
  at: Timestamp;
}
export interface BodyTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  kind: string;
  parent_body_id: string | null;
  host_unit_id: string | null;
  duties: Generated<string>;
  district_codes: ColumnType<string[], string[] | undefined, string[]>;
  cadence_months: number | null;
  established_on: DateOnly;
  source: string | null;
  ordinal: Generated<number>;
  created_at: Timestamp;
}
export interface BodyMemberTable {
  id: Generated<string>;
  body_id: string;
  person_id: string | null;
  role: string;
  position: Generated<string>;
  note: Generated<string>;
  duty: Generated<string>;
  sort_order: Generated<number>;
}
export interface DutyTaskTable {
  id: Generated<string>;
  region_code: string;
  body_id: string | null;
  section: string;
  title: string;
  content: Generated<string>;
  sort_order: Generated<number>;
  source: string | null;
}
export interface DutyTaskUnitTable {
  task_id: string;
  unit_id: string;
  role: 'lead' | 'cooperating';
  sort_order: Generated<number>;
}
export interface MeetingTable {
  id: Generated<string>;
  body_id: string;
  region_code: string;
  kind: string;
  held_on: DateOnly;
  title: string;
  decisions: ColumnType<string[], string, string>;
  created_by: string | null;
  created_at: Timestamp;
}
export interface MeetingAttendeeTable {
  meeting_id: string;
  person_id: string;
}
export interface AuditEventTable {
  seq: ColumnType<number, number, never>;
  at: ColumnType<Date, Date, never>;
  actor_user_id: string | null;
  actor_label: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  region_code: string | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  prev_hash: string;
  hash: string;
}
export interface AuditHeadTable {
  id: number;
  seq: ColumnType<number, number, number>;
  hash: string;
}
export interface AppStateTable {
  key: string;
  value: ColumnType<unknown, string, string>;
}

export interface DB {
  region: RegionTable;
  unit: UnitTable;
  person: PersonTable;
  app_user: AppUserTable;
  api_token: ApiTokenTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  body: BodyTable;
  body_member: BodyMemberTable;
  duty_task: DutyTaskTable;
  duty_task_unit: DutyTaskUnitTable;
  meeting: MeetingTable;
  meeting_attendee: MeetingAttendeeTable;
  audit_event: AuditEventTable;
  audit_head: AuditHeadTable;
  app_state: AppStateTable;
  site: SiteTable;
  import_preview: ImportPreviewTable;
  // 包联 assignments, targets, visits (migration 0007)
  contract: import('./schema-contracts.js').ContractsDB['contract'];
  contract_target: import('./schema-contracts.js').ContractsDB['contract_target'];
  contract_visit: import('./schema-contracts.js').ContractsDB['contract_visit'];
  // files, attachments, grids, O6, sealing, 三不留 (migrations 0005, 0006)
  file: import('./schema-site-records.js').SiteRecordsDB['file'];
  site_attachment: import('./schema-site-records.js').SiteRecordsDB['site_attachment'];
  grid: import('./schema-site-records.js').SiteRecordsDB['grid'];
  grid_person: import('./schema-site-records.js').SiteRecordsDB['grid_person'];
  site_responsibility: import('./schema-site-records.js').SiteRecordsDB['site_responsibility'];
  site_sealing: import('./schema-site-records.js').SiteRecordsDB['site_sealing'];
  site_sealing_file: import('./schema-site-records.js').SiteRecordsDB['site_sealing_file'];
  site_three_no_remain: import('./schema-site-records.js').SiteRecordsDB['site_three_no_remain'];
  site_three_no_remain_file: import('./schema-site-records.js').SiteRecordsDB['site_three_no_remain_file'];
  // campaigns, problems, problem events, mine plans, ledger import previews (migration 0010)
  campaign: import('./schema-problems.js').ProblemsDB['campaign'];
  problem: import('./schema-problems.js').ProblemsDB['problem'];
  problem_event: import('./schema-problems.js').ProblemsDB['problem_event'];
  mine_plan: import('./schema-problems.js').ProblemsDB['mine_plan'];
  ledger_import_preview: import('./schema-problems.js').ProblemsDB['ledger_import_preview'];
  // the checked rows of a 附件1 import preview and the registry site of each matched enterprise (migration 0014)
  ledger_import_row: {
    preview_id: string;
    ordinal: number;
    sheet: string;
    sheet_row: number;
    work_group_key: string | null;
    enterprise: string;
    region_code: string;
    type_code: string;
    method_mineral: string;
    description: string;
    measures: string;
    deadline: ColumnType<string, string, string>;
    responsible_text: string;
    responsible_person_id: string | null;
    responsible_unit_id: string | null;
    responsible_contact: string | null;
  };
  ledger_import_site: { preview_id: string; enterprise: string; site_id: string };
  // notifications, external channels and deliveries, job runs (migration 0012)
  notification: import('./schema-notifications.js').NotificationsDB['notification'];
  notification_channel: import('./schema-notifications.js').NotificationsDB['notification_channel'];
  notification_delivery: import('./schema-notifications.js').NotificationsDB['notification_delivery'];
  job_run: import('./schema-notifications.js').NotificationsDB['job_run'];
  // penalties and their daily clocks, checklist submissions and findings (migration 0013)
  penalty: import('./schema-penalties.js').PenaltiesDB['penalty'];
  penalty_clock: import('./schema-penalties.js').PenaltiesDB['penalty_clock'];
  checklist_submission: import('./schema-penalties.js').PenaltiesDB['checklist_submission'];
  checklist_finding: import('./schema-penalties.js').PenaltiesDB['checklist_finding'];
  // saved views of list pages, per user (migration 0015)
  saved_view: import('./schema-saved-views.js').SavedViewsDB['saved_view'];
}

export interface SiteTable {
  id: Generated<string>;
  region_code: string;
  kind: string;
  name: string;
  attributes: ColumnType<unknown, string, string>;
  geometry: ColumnType<unknown, string | null, string | null>;
  bbox: ColumnType<string | null, string | null, string | null>;
  area_m2: number | null;
  status: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImportPreviewTable {
  id: Generated<string>;
  user_id: string;
  region_code: string;
  kind: string;
  file_name: string;
  items: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  expires_at: Timestamp;
}
