import { sql } from 'kysely';
import type { Region, RegionLevel } from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
}

const withHasChildren = (db: Db) =>
  db
    .selectFrom('region as r')
    .select([
      'r.code',
      'r.name',
      'r.level',
      'r.parent_code',
      sql<boolean>`exists (select 1 from region c where c.parent_code = r.code)`.as('has_children'),
    ]);

type Row = { code: string; name: string; level: string; parent_code: string | null; has_children: boolean };
const toRegion = (r: Row): Region => ({
  code: r.code,
  name: r.name,
  level: r.level as RegionLevel,
  parentCode: r.parent_code,
  hasChildren: r.has_children,
});

export async function getRegion(db: Db, code: string): Promise<Region | undefined> {
  const r = await withHasChildren(db).where('r.code', '=', code).executeTakeFirst();
  return r && toRegion(r);
}

export async function childRegions(db: Db, code: string): Promise<Region[]> {
  return (await withHasChildren(db).where('r.parent_code', '=', code).orderBy('r.code').execute()).map(toRegion);
}

export async function regionsByLevel(db: Db, level: RegionLevel): Promise<Region[]> {
  return (await withHasChildren(db).where('r.level', '=', level).orderBy('r.code').execute()).map(toRegion);
}

export async function regionExists(db: Db | Tx, code: string): Promise<boolean> {
  return !!(await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst());
}

export async function countRegions(db: Db | Tx): Promise<number> {
  const r = await db.selectFrom('region').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** Upserts regions parents-first in batches (one statement per batch via unnest). */
export async function upsertRegions(trx: Tx, rows: RegionRow[], batchSize = 5000): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const b = rows.slice(i, i + batchSize);
    await sql`
      insert into region (code, name, level, parent_code)
      select * from unnest(${b.map((r) => r.code)}::text[], ${b.map((r) => r.name)}::text[],
                           ${b.map((r) => r.level)}::text[], ${b.map((r) => r.parent_code)}::text[])
      on conflict (code) do update set name = excluded.name, level = excluded.level, parent_code = excluded.parent_code
    `.execute(trx);
  }
}
