import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

// date columns stay ISO strings (yyyy-mm-dd): they are calendar days, not instants.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint (int8) counts fit comfortably in a JS number for our tables.
pg.types.setTypeParser(20, (v: string) => Number(v));

export function createDb(connectionString: string, max = 10, onError?: (err: Error) => void): Db {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its server (restart, shutdown) must not crash the process; the next query reports it.
  pool.on('error', (err) => onError?.(err));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
