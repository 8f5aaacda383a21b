import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the tables of migration 0010 (campaigns, problems, their events, mine plans, ledger imports). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json = ColumnType<unknown, string, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface CampaignTable {
  id: Generated<string>;
  region_code: string;
  code: string;
  name: string;
  kind: string;
  period_start: NullableDate;
  period_end: NullableDate;
  seed: string | null;
  copied_from: string | null;
  data: Json;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProblemTable {
  id: Generated<string>;
  campaign_id: string;
  work_group_key: string | null;
  site_id: string | null;
  enterprise: Generated<string>;
  region_code: string;
  type_code: string;
  method_mineral: Generated<string>;
  description: string;
  measures: string;
  found_on: DateOnly;
  deadline: DateOnly;
  responsible_unit_id: string | null;
  responsible_person_id: string | null;
  responsible_contact: string | null;
  responsible_text: Generated<string>;
  verifying_unit_id: string | null;
  source: string;
  source_ref: string | null;
  state: string;
  progress_percent: Generated<number>;
  evidence: TextArray;
  hazard: ColumnType<unknown, string | null | undefined, string | null>;
  immediate: Generated<boolean>;
  submitted_on: NullableDate;
  closed_on: NullableDate;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  overdue_since: NullableDate;
  import_id: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProblemEventTable {
  id: Generated<number>;
  problem_id: string;
  region_code: string;
  event: string;
  from_state: string;
  to_state: string;
  reason: string | null;
  evidence: TextArray;
  actor_user_id: string | null;
  actor_unit_id: string | null;
  capacities: TextArray;
  at: Timestamp;
}

export interface MinePlanTable {
  id: Generated<string>;
  campaign_id: string;
  site_id: string;
  region_code: string;
  policy: Generated<string>;
  plan_file_ids: TextArray;
  responsible_person_id: string | null;
  stages: Json;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface LedgerImportPreviewTable {
  id: Generated<string>;
  campaign_id: string;
  user_id: string;
  region_code: string;
  campaign_version: number;
  file_name: string;
  found_on: DateOnly;
  source: string;
  row_count: number;
  error_count: number;
  rows: Json;
  errors: Json;
  unmatched: Json;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ProblemsDB {
  campaign: CampaignTable;
  problem: ProblemTable;
  problem_event: ProblemEventTable;
  mine_plan: MinePlanTable;
  ledger_import_preview: LedgerImportPreviewTable;
}
