import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the tables of migration 0007 (包联 assignments, their targets and visits). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface ContractTable {
  id: Generated<string>;
  region_code: string;
  person_id: string;
  valid_from: DateOnly;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  note: Generated<string>;
  ended_at: Date | null;
  end_reason: string | null;
  ended_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
}
export interface ContractTargetTable {
  id: Generated<string>;
  contract_id: string;
  kind: 'region' | 'site';
  region_code: string;
  site_id: string | null;
  sort_order: Generated<number>;
}
export interface ContractVisitTable {
  id: Generated<string>;
  contract_id: string;
  target_id: string;
  region_code: string;
  visited_on: DateOnly;
  method: string;
  lon: number | null;
  lat: number | null;
  accuracy_m: number | null;
  notes: Generated<string>;
  photo_file_ids: ColumnType<string[], string[] | undefined, string[]>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}
export interface ContractsDB {
  contract: ContractTable;
  contract_target: ContractTargetTable;
  contract_visit: ContractVisitTable;
}
