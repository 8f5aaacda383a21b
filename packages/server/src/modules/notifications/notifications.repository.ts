import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** All SQL of the notification centre. Reads go through whereInScope on notification.region_code. */

export interface Recipient {
  userId: string;
  /** The person record the user acts as (app_user.person_id): notifications to that person are theirs too. */
  personId: string | null;
}

export async function recipientOf(db: Db | Tx, userId: string): Promise<Recipient> {
  const r = await db.selectFrom('app_user').select(['id', 'person_id']).where('id', '=', userId).executeTakeFirst();
  return { userId, personId: r?.person_id ?? null };
}

const mine = (me: Recipient): Expression<SqlBool> =>
  me.personId
    ? sql<SqlBool>`(notification.recipient_user_id = ${me.userId}::uuid or notification.recipient_person_id = ${me.personId}::uuid)`
    : sql<SqlBool>`notification.recipient_user_id = ${me.userId}::uuid`;

const mineInScope = (db: Db | Tx, scope: Scope, me: Recipient) => whereInScope(db.selectFrom('notification').where(mine(me)), 'notification.region_code', scope);

export async function listMine(db: Db, scope: Scope, me: Recipient, f: { unread?: boolean | undefined; limit: number; offset: number }) {
  let q = mineInScope(db, scope, me);
  if (f.unread) q = q.where('notification.read_at', 'is', null);
  const [rows, counts] = await Promise.all([
    q.selectAll('notification').orderBy('notification.updated_at', 'desc').orderBy('notification.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    mineInScope(db, scope, me)
      .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where notification.read_at is null))::int`.as('unread')])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: f.unread ? counts.unread : counts.total, unread: counts.unread };
}

export async function getMine(db: Db | Tx, scope: Scope, me: Recipient, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = mineInScope(db, scope, me).selectAll('notification').where('notification.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type NotificationRow = NonNullable<Awaited<ReturnType<typeof getMine>>>;

export async function markRead(trx: Tx, id: string, at: Date) {
  return trx.updateTable('notification').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).returningAll().executeTakeFirst();
}

/** Marks read the caller's unread notifications in scope last updated no later than `upTo` (the row the user saw); returns their ids. */
export async function markReadUpTo(trx: Tx, scope: Scope, me: Recipient, upToId: string, at: Date): Promise<{ id: string; region_code: string }[]> {
  // Compared with the stored timestamp (microseconds), not a JavaScript Date (milliseconds).
  const ids = mineInScope(trx, scope, me)
    .select('notification.id')
    .where('notification.read_at', 'is', null)
    .where(sql<SqlBool>`(notification.updated_at, notification.id) <= (select u.updated_at, u.id from notification u where u.id = ${upToId}::uuid)`);
  return trx.updateTable('notification').set({ read_at: at }).where('id', 'in', ids).returning(['id', 'region_code']).execute();
}

// ---------- writing ----------

export interface NotificationInsert {
  recipientUserId: string | null;
  recipientPersonId: string | null;
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  regionCode: string;
  dedupeKey: string | null;
  data: Record<string, unknown>;
  jobRunId: string | null;
}

/** Inserts single notifications (no digest); returns their ids in input order. */
export async function insertNotifications(trx: Tx, rows: NotificationInsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const got = await trx
    .insertInto('notification')
    .values(
      rows.map((r) => ({
        recipient_user_id: r.recipientUserId,
        recipient_person_id: r.recipientPersonId,
        kind: r.kind,
        title_zh: r.titleZh,
        title_en: r.titleEn,
        body_zh: r.bodyZh,
        body_en: r.bodyEn,
        link: r.link,
        entity_type: r.entityType,
        entity_id: r.entityId,
        region_code: r.regionCode,
        dedupe_key: r.dedupeKey,
        data: JSON.stringify(r.data),
        job_run_id: r.jobRunId,
      })),
    )
    .returning('id')
    .execute();
  return got.map((g) => g.id);
}

/**
 * A digest row grows by `add` items, or is created with `add` items. The titles are printf-style
 * templates with one %s for the new total (PostgreSQL format(); a literal % is written %%). While the
 * total is 1 the row links to `link` (the one item); above it to `listLink`. A digest that grows
 * becomes unread again. Set-based: one statement for all rows (unnest), whatever their number.
 */
export interface DigestUpsert {
  dedupeKey: string;
  recipientUserId: string | null;
  recipientPersonId: string | null;
  kind: string;
  titleZhTpl: string;
  titleEnTpl: string;
  bodyZh: string;
  bodyEn: string;
  link: string;
  listLink: string;
  entityType: string;
  entityId: string;
  regionCode: string;
  add: number;
  jobRunId: string | null;
}

export async function upsertDigests(trx: Tx, rows: DigestUpsert[]): Promise<{ id: string; created: boolean }[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof DigestUpsert>(k: K) => rows.map((r) => r[k]);
  const res = await sql<{ id: string; created: boolean }>`
    insert into notification as n (dedupe_key, recipient_user_id, recipient_person_id, kind, title_zh, title_en, body_zh, body_en,
                                   link, entity_type, entity_id, region_code, item_count, data, job_run_id)
    select s.dedupe_key, s.ruser, s.rperson, s.kind, format(s.tzh, s.add), format(s.ten, s.add), s.bzh, s.ben,
           case when s.add = 1 then s.link else s.list_link end, s.etype, s.eid, s.region, s.add,
           jsonb_build_object('titleZh', s.tzh, 'titleEn', s.ten, 'listLink', s.list_link), s.run
    from unnest(${col('dedupeKey')}::text[], ${col('recipientUserId')}::uuid[], ${col('recipientPersonId')}::uuid[], ${col('kind')}::text[],
                ${col('titleZhTpl')}::text[], ${col('titleEnTpl')}::text[], ${col('bodyZh')}::text[], ${col('bodyEn')}::text[],
                ${col('link')}::text[], ${col('listLink')}::text[], ${col('entityType')}::text[], ${col('entityId')}::text[],
                ${col('regionCode')}::text[], ${col('add')}::int[], ${col('jobRunId')}::uuid[])
         as s(dedupe_key, ruser, rperson, kind, tzh, ten, bzh, ben, link, list_link, etype, eid, region, add, run)
    on conflict (dedupe_key) where dedupe_key is not null do update set
      item_count = n.item_count + excluded.item_count,
      title_zh = format(n.data->>'titleZh', n.item_count + excluded.item_count),
      title_en = format(n.data->>'titleEn', n.item_count + excluded.item_count),
      link = n.data->>'listLink',
      entity_type = excluded.entity_type,
      entity_id = excluded.entity_id,
      job_run_id = excluded.job_run_id,
      updated_at = now(),
      read_at = null
    returning n.id, (xmax = 0) as created`.execute(trx);
  return res.rows;
}

// ---------- channels and deliveries ----------

/** A user whose region lies in scope (the platform admin, region null, only for scope everywhere). */
export async function getUserInScope(db: Db | Tx, scope: Scope, userId: string) {
  return whereInScope(
    db.selectFrom('app_user as u').leftJoin('person as p', 'p.id', 'u.person_id').select(['u.id', 'u.region_code', 'u.role', 'p.phone as person_phone']).where('u.id', '=', userId),
    'u.region_code',
    scope,
  ).executeTakeFirst();
}

export async function channelsOf(db: Db | Tx, userId: string) {
  return db.selectFrom('notification_channel').selectAll().where('user_id', '=', userId).execute();
}

export async function setChannel(trx: Tx, userId: string, channel: 'email' | 'sms', address: string | null, enabled: boolean) {
  if (address === null && !enabled) {
    await trx.deleteFrom('notification_channel').where('user_id', '=', userId).where('channel', '=', channel).execute();
    return;
  }
  await trx
    .insertInto('notification_channel')
    .values({ user_id: userId, channel, address: address ?? '', enabled })
    .onConflict((oc) => oc.columns(['user_id', 'channel']).doUpdateSet({ address: address ?? '', enabled, updated_at: new Date() }))
    .execute();
}

/**
 * Where each notification goes outside the app: the enabled channels of the recipient user, or of
 * every user acting as the recipient person; SMS falls back to the person's phone when the channel
 * has no address of its own, and a person without any login is texted on the phone of the record.
 */
export async function externalTargets(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const res = await sql<{ notification_id: string; channel: 'email' | 'sms'; address: string; title_zh: string; title_en: string; body_zh: string; body_en: string; link: string | null }>`
    with n as (select * from notification where id = any(${ids}::uuid[])),
    users as (
      select n.id as nid, n.recipient_user_id as uid from n where n.recipient_user_id is not null
      union
      select n.id, u.id from n join app_user u on u.person_id = n.recipient_person_id where not u.disabled
    ),
    via_channels as (
      select us.nid, c.channel, case when c.address <> '' then c.address else p.phone end as address
      from users us
      join notification_channel c on c.user_id = us.uid and c.enabled
      join app_user u on u.id = us.uid
      left join person p on p.id = u.person_id
    ),
    lone_persons as (
      select n.id as nid, 'sms'::text as channel, p.phone as address
      from n join person p on p.id = n.recipient_person_id
      where p.phone is not null and not exists (select 1 from app_user u where u.person_id = p.id)
    )
    select distinct t.nid as notification_id, t.channel, t.address, n.title_zh, n.title_en, n.body_zh, n.body_en, n.link
    from (select * from via_channels union all select * from lone_persons) t join n on n.id = t.nid
    where t.address is not null and t.address <> ''`.execute(db);
  return res.rows;
}

export async function recordDeliveries(db: Db, rows: { notificationId: string; channel: string; adapter: string; address: string; status: 'sent' | 'failed'; error: string | null }[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('notification_delivery')
    .values(rows.map((r) => ({ notification_id: r.notificationId, channel: r.channel, adapter: r.adapter, address: r.address, status: r.status, error: r.error })))
    .execute();
}
