import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

export type SavedViewRow = Awaited<ReturnType<typeof listOf>>[number];

const columns = ['id', 'page', 'name', 'query', 'created_at', 'updated_at'] as const;

/** A user's views of one page, oldest first. */
export async function listOf(db: Db | Tx, userId: string, page: string) {
  return db.selectFrom('saved_view').select(columns).where('user_id', '=', userId).where('page', '=', page).orderBy('created_at').orderBy('name').execute();
}

/** Holds the user's row until commit, so two saves of one user never both pass the per-page limit. */
export async function lockUser(trx: Tx, userId: string): Promise<void> {
  await trx.selectFrom('app_user').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
}

export async function byName(trx: Tx, userId: string, page: string, name: string) {
  return trx.selectFrom('saved_view').select(columns).where('user_id', '=', userId).where('page', '=', page).where('name', '=', name).executeTakeFirst();
}

export async function countOf(trx: Tx, userId: string, page: string): Promise<number> {
  const r = await trx.selectFrom('saved_view').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).where('page', '=', page).executeTakeFirstOrThrow();
  return r.n;
}

/** Inserts the view, or replaces the query of the user's view of that page and name. */
export async function upsert(trx: Tx, v: { userId: string; page: string; name: string; query: string }) {
  return trx
    .insertInto('saved_view')
    .values({ user_id: v.userId, page: v.page, name: v.name, query: v.query })
    .onConflict((oc) => oc.columns(['user_id', 'page', 'name']).doUpdateSet({ query: v.query, updated_at: new Date() }))
    .returning(columns)
    .executeTakeFirstOrThrow();
}

/** The user's own view with this id, locked for deletion; another user's view is not found. */
export async function ownForUpdate(trx: Tx, userId: string, id: string) {
  return trx.selectFrom('saved_view').select(columns).where('id', '=', id).where('user_id', '=', userId).forUpdate().executeTakeFirst();
}

export async function remove(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom('saved_view').where('id', '=', id).execute();
}
