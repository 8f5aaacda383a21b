import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** All SQL of grids (网格). Every read goes through whereInScope. */

const select = (db: Db | Tx) =>
  db
    .selectFrom('grid')
    .innerJoin('region', 'region.code', 'grid.region_code')
    .select(['grid.id', 'grid.region_code', 'region.name as region_name', 'grid.name', 'grid.geometry', 'grid.version', 'grid.updated_at']);
export type GridRow = NonNullable<Awaited<ReturnType<typeof getGrid>>>;

export async function listGrids(db: Db, scope: Scope, region?: string) {
  return whereInScope(select(db), 'grid.region_code', scope, region).orderBy('grid.region_code').orderBy('grid.name').limit(2000).execute();
}

export async function getGrid(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(select(db).where('grid.id', '=', id), 'grid.region_code', scope).executeTakeFirst();
}

export async function findGridByName(db: Db | Tx, regionCode: string, name: string) {
  return db.selectFrom('grid').select('id').where('region_code', '=', regionCode).where('name', '=', name).executeTakeFirst();
}

export async function peopleOf(db: Db | Tx, gridIds: string[]) {
  if (gridIds.length === 0) return [];
  return db
    .selectFrom('grid_person')
    .innerJoin('person', 'person.id', 'grid_person.person_id')
    .leftJoin('unit', 'unit.id', 'person.unit_id')
    .select(['grid_person.grid_id', 'grid_person.person_id', 'grid_person.role', 'person.name', 'person.position', 'person.phone', 'person.region_code', 'unit.name as unit_name'])
    .where('grid_person.grid_id', 'in', gridIds)
    .orderBy('grid_person.grid_id')
    .orderBy('grid_person.sort_order')
    .execute();
}

/** Number of sites per grid that the reader may see. */
export async function siteCounts(db: Db, scope: Scope, gridIds: string[]): Promise<Map<string, number>> {
  if (gridIds.length === 0) return new Map();
  const q = db
    .selectFrom('site_responsibility')
    .innerJoin('site', 'site.id', 'site_responsibility.site_id')
    .select(['site_responsibility.grid_id', sql<number>`count(*)::int`.as('n')])
    .where('site_responsibility.grid_id', 'in', gridIds)
    .groupBy('site_responsibility.grid_id');
  const rows = await whereInScope(q, 'site.region_code', scope).execute();
  return new Map(rows.map((r) => [r.grid_id!, r.n]));
}

export async function sitesOf(db: Db, scope: Scope, gridId: string) {
  const q = db
    .selectFrom('site_responsibility')
    .innerJoin('site', 'site.id', 'site_responsibility.site_id')
    .select(['site.id', 'site.name', 'site.kind', 'site.status', 'site.region_code'])
    .where('site_responsibility.grid_id', '=', gridId);
  return whereInScope(q, 'site.region_code', scope).orderBy('site.region_code').orderBy('site.name').limit(5000).execute();
}

export async function insertGrid(trx: Tx, g: { regionCode: string; name: string; geometry: unknown | null }) {
  return trx
    .insertInto('grid')
    .values({ region_code: g.regionCode, name: g.name, geometry: g.geometry === null ? null : JSON.stringify(g.geometry) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Updates only when the stored version is still `version`; undefined when someone else changed it first. */
export async function updateGrid(trx: Tx, id: string, version: number, g: { name: string; geometry: unknown | null }) {
  return trx
    .updateTable('grid')
    .set({ name: g.name, geometry: g.geometry === null ? null : JSON.stringify(g.geometry), version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
}

export async function replacePeople(trx: Tx, gridId: string, people: { personId: string; role: string }[]) {
  await trx.deleteFrom('grid_person').where('grid_id', '=', gridId).execute();
  if (people.length === 0) return;
  await trx
    .insertInto('grid_person')
    .values(people.map((p, i) => ({ grid_id: gridId, person_id: p.personId, role: p.role, sort_order: i })))
    .execute();
}
