import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';

export async function findUserByUsername(db: Db | Tx, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(
  trx: Tx,
  u: { username: string; displayName: string; role: string; regionCode: string | null; passwordHash: string | null; personId?: string | null; unitId?: string | null },
) {
  return trx
    .insertInto('app_user')
    .values({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      region_code: u.regionCode,
      password_hash: u.passwordHash,
      person_id: u.personId ?? null,
      unit_id: u.unitId ?? null,
    })
    .returning(['id', 'username', 'display_name', 'role', 'region_code'])
    .executeTakeFirstOrThrow();
}

export async function insertSession(trx: Tx, id: string, userId: string, expiresAt: Date) {
  await trx.insertInto('session').values({ id, user_id: userId, expires_at: expiresAt }).execute();
}

export async function findLiveSession(db: Db, id: string) {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.id as session_id',
      'session.created_at',
      'session.last_seen_at',
      'session.expires_at',
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.role',
      'app_user.region_code',
      'app_user.disabled',
    ])
    .where('session.id', '=', id)
    .where('session.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, expiresAt: Date) {
  await db.updateTable('session').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(trx: Tx, id: string) {
  return trx.deleteFrom('session').where('id', '=', id).returning('user_id').executeTakeFirst();
}

export async function deleteExpiredSessions(db: Db) {
  await db.deleteFrom('session').where('expires_at', '<', sql<Date>`now()`).execute();
}

export async function recentFailures(db: Db, username: string, ip: string, sinceMinutes: number) {
  const since = sql<Date>`now() - make_interval(mins => ${sinceMinutes})`;
  const row = await db
    .selectFrom('login_attempt')
    .select([
      sql<number>`count(*) filter (where username = ${username})::int`.as('by_user'),
      sql<number>`count(*) filter (where ip = ${ip})::int`.as('by_ip'),
    ])
    .where('ok', '=', false)
    .where('at', '>', since)
    .where((eb) => eb.or([eb('username', '=', username), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return row;
}

export async function recordAttempt(trx: Tx, username: string, ip: string, ok: boolean) {
  await trx.insertInto('login_attempt').values({ username, ip, ok }).execute();
}

export async function findToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['app_user.id', 'app_user.username', 'app_user.display_name', 'app_user.role', 'app_user.region_code', 'app_user.disabled'])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertToken(trx: Tx, userId: string, name: string, tokenHash: string) {
  return trx.insertInto('api_token').values({ user_id: userId, name, token_hash: tokenHash }).returning('id').executeTakeFirstOrThrow();
}
