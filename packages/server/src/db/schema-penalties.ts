import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the tables of migration 0013 (penalties and their clocks, checklist submissions and findings). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json = ColumnType<unknown, string, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface PenaltyTable {
  id: Generated<string>;
  problem_id: string;
  campaign_id: string;
  region_code: string;
  kind: string;
  decided_on: DateOnly;
  record: Json;
  amount_fen: number | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PenaltyClockTable {
  problem_id: string;
  campaign_id: string;
  region_code: string;
  count_from: DateOnly;
  started_on: DateOnly;
  job_run_id: string | null;
  rule_section: string;
  rule_printed: string;
  penalty_id: string | null;
  stopped_on: NullableDate;
  stop_reason: string | null;
}

export interface ChecklistSubmissionTable {
  id: Generated<string>;
  campaign_id: string;
  checklist_id: string;
  subject: string;
  site_id: string | null;
  region_code: string;
  inspected_on: DateOnly;
  expired: Generated<boolean>;
  inspectors: TextArray;
  answers: Json;
  failed_count: number;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ChecklistFindingTable {
  id: Generated<string>;
  submission_id: string;
  campaign_id: string;
  region_code: string;
  item_code: string;
  type_code: string;
  description: string;
  evidence: TextArray;
  site_id: string | null;
  found_on: DateOnly;
  problem_id: string | null;
  created_at: Timestamp;
}

export interface PenaltiesDB {
  penalty: PenaltyTable;
  penalty_clock: PenaltyClockTable;
  checklist_submission: ChecklistSubmissionTable;
  checklist_finding: ChecklistFindingTable;
}
