import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { Scope } from '../auth/scope.js';
import { whereInScope } from '../auth/scope.js';
import { jsonArrayBytes } from '../db/json-array-bytes.js';

/** Typed audit events: every state change names one. */
export type AuditAction =
  | 'patch.import'
  | 'patch.classify'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'user.create'
  | 'token.create'
  | 'region.import'
  | 'region.boundary'
  | 'unit.create'
  | 'person.create'
  | 'body.create'
  | 'member.add'
  | 'member.remove'
  | 'meeting.create'
  | 'demo.seed'
  | 'site.create'
  | 'site.update'
  | 'site.import'
  | 'contract.create'
  | 'contract.end'
  | 'contract.visit'
  | 'file.upload'
  | 'site.attach'
  | 'site.responsibility'
  | 'site.sealing'
  | 'site.three_no_remain'
  | 'grid.create'
  | 'grid.update'
  | 'campaign.create'
  | 'campaign.copy'
  | 'campaign.update'
  | 'problem.create'
  | 'problem.update'
  | `problem.${import('@minewatch/core').ProblemEvent}`
  | 'problem.import'
  | 'mine_plan.update'
  // notification centre, scheduled jobs, penalties and their daily clocks, 004 checklists
  | 'notification.read'
  | 'notification.channels'
  | 'job.run'
  | 'problem.overdue'
  | 'penalty.create'
  | 'penalty.update'
  | 'penalty.recheck'
  | 'penalty.clock_start'
  | 'penalty.clock_stop'
  | 'checklist.submit'
  | 'checklist.finding_assign'
  // saved views of list pages (per user)
  | 'view.save'
  | 'view.delete';

export interface AuditInput {
  actorUserId: string | null;
  actorLabel: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);

/** Whether v is an array of at most 4 numbers, without holes (a GeoJSON position). */
function isPosition(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > 4) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
  return true;
}

/** JSON with sorted keys, so a row hashes the same after a round trip through jsonb. */
export function canonical(value: unknown): string {
  const t = typeof value;
  // Coordinates are most of what is hashed: numbers and strings first, arrays without map().
  if (t === 'number' || t === 'string' || t === 'boolean') return JSON.stringify(value);
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    // Same text as `[${value.map(canonical).join(',')}]` (a hole stays empty), without the copies.
    // A position, or a ring of them, holds numbers only: JSON.stringify writes exactly that text.
    if (isPosition(value)) return JSON.stringify(value);
    let ring = value.length > 0;
    for (let i = 0; ring && i < value.length; i++) ring = isPosition(value[i]);
    if (ring) return JSON.stringify(value);
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (i in value ? canonical(value[i]) : '');
    return out + ']';
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** jsonb normalises values (e.g. Dates become strings); hash what will be read back. */
const normalise = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

function rowHash(prevHash: string, r: {
  seq: number; at: Date; actorUserId: string | null; actorLabel: string | null; action: string;
  entityType: string; entityId: string; regionCode: string | null; before: unknown; after: unknown;
}): string {
  return createHash('sha256').update(prevHash).update(canonical(r)).digest('hex');
}

/**
 * Appends one audit row inside the caller's transaction. The advisory lock serialises writers so
 * the chain has no forks; it is released at commit/rollback.
 */
export async function appendAudit(trx: Tx, e: AuditInput): Promise<void> {
  await sql`select pg_advisory_xact_lock(7355609)`.execute(trx);
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  const seq = head ? Number(head.seq) + 1 : 1;
  const prevHash = head?.hash ?? GENESIS;
  const row = {
    seq,
    at: new Date(),
    actorUserId: e.actorUserId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    regionCode: e.regionCode,
    before: normalise(e.before),
    after: normalise(e.after),
  };
  const hash = rowHash(prevHash, row);
  await trx
    .insertInto('audit_event')
    .values({
      seq,
      at: row.at,
      actor_user_id: row.actorUserId,
      actor_label: row.actorLabel,
      action: row.action,
      entity_type: row.entityType,
      entity_id: row.entityId,
      region_code: row.regionCode,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  await trx
    .insertInto('audit_head')
    .values({ id: 1, seq, hash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq, hash }))
    .execute();
}

/** Audit rows per INSERT: about a megabyte of JSON when they carry geometry. */
const AUDIT_BATCH = 1000;

/**
 * Appends many audit rows inside the caller's transaction, in order, exactly as that many
 * appendAudit calls would (same rows, same chain), but with one lock, one head read, one INSERT
 * per 1,000 rows (sent as one JSON array, see jsonArrayBytes) and one head update: an import of
 * 20,000 sites writes its 20,000 events in seconds instead of 80,000 round trips.
 */
export async function appendAuditBatch(trx: Tx, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await sql`select pg_advisory_xact_lock(7355609)`.execute(trx);
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? GENESIS;
  const text = (v: unknown) => (v === undefined || v === null ? 'null' : JSON.stringify(v));
  for (let i = 0; i < events.length; i += AUDIT_BATCH) {
    const batch = events.slice(i, i + AUDIT_BATCH);
    // Each row is hashed and written out in turn: the normalised copies (geometry included) and
    // texts of one row only are alive at a time.
    const rows = jsonArrayBytes(batch.length, (k) => {
      const e = batch[k]!;
      seq++;
      // The JSON text is both what is stored and, parsed back, what jsonb returns: hash that.
      const beforeText = text(e.before), afterText = text(e.after);
      const row = {
        seq,
        at: new Date(),
        actorUserId: e.actorUserId,
        actorLabel: e.actorLabel,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        regionCode: e.regionCode,
        before: JSON.parse(beforeText) as unknown,
        after: JSON.parse(afterText) as unknown,
      };
      const hash = rowHash(prevHash, row);
      // before/after go in as their text, not stringified again
      const json =
        `{"seq":${seq},"at":${JSON.stringify(row.at.toISOString())},"actor_user_id":${JSON.stringify(row.actorUserId)},"actor_label":${JSON.stringify(row.actorLabel)},` +
        `"action":${JSON.stringify(row.action)},"entity_type":${JSON.stringify(row.entityType)},"entity_id":${JSON.stringify(row.entityId)},"region_code":${JSON.stringify(row.regionCode)},` +
        `"before":${row.before === null ? 'null' : beforeText},"after":${row.after === null ? 'null' : afterText},"prev_hash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)}}`;
      prevHash = hash;
      return json;
    });
    // JSON null becomes SQL NULL, as appendAudit stores an absent before/after.
    await sql`insert into audit_event (seq, at, actor_user_id, actor_label, action, entity_type, entity_id, region_code, before, after, prev_hash, hash)
      select seq, at, actor_user_id, actor_label, action, entity_type, entity_id, region_code, before, after, prev_hash, hash
      from jsonb_to_recordset(convert_from(${rows}, 'UTF8')::jsonb)
        as r(seq bigint, at timestamptz, actor_user_id uuid, actor_label text, action text, entity_type text, entity_id text, region_code text, before jsonb, after jsonb, prev_hash text, hash text)`.execute(trx);
  }
  await trx
    .insertInto('audit_head')
    .values({ id: 1, seq, hash: prevHash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq, hash: prevHash }))
    .execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: string[];
}

/** Recomputes the whole chain; reports edited rows, deleted rows (gaps, broken links) and a cut tail. */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  const problems: string[] = [];
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  const batch = 5000;
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('audit_event').selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) problems.push(`rows ${expectedSeq}..${seq - 1} are missing (deleted)`);
      if (r.prev_hash !== prevHash) problems.push(`row ${seq}: link to the previous row is broken`);
      const h = rowHash(r.prev_hash, {
        seq, at: r.at, actorUserId: r.actor_user_id, actorLabel: r.actor_label, action: r.action,
        entityType: r.entity_type, entityId: r.entity_id, regionCode: r.region_code, before: r.before, after: r.after,
      });
      if (h !== r.hash) problems.push(`row ${seq}: content does not match its hash (edited)`);
      prevHash = r.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    if (rows.length < batch) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst();
  if (head && (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash)) {
    problems.push(`the newest rows after ${expectedSeq - 1} up to ${head.seq} are missing (deleted)`);
  }
  if (!head && checked > 0) problems.push('audit head is missing');
  return { ok: problems.length === 0, checked, problems };
}

export async function listAudit(
  db: Db,
  scope: Scope,
  f: { entityType?: string | undefined; entityId?: string | undefined; limit: number },
) {
  let q = db.selectFrom('audit_event').selectAll();
  q = whereInScope(q, 'audit_event.region_code', scope);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  return q.orderBy('seq', 'desc').limit(f.limit).execute();
}
