import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the table of migration 0015 (saved views). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SavedViewTable {
  id: Generated<string>;
  user_id: string;
  page: string;
  name: string;
  query: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SavedViewsDB {
  saved_view: SavedViewTable;
}
