import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { Scope } from '../auth/scope.js';
import { whereInScope } from '../auth/scope.js';

/** Typed audit events: every state change names one. */
export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'user.create'
  | 'token.create'
  | 'region.import'
  | 'unit.create'
  | 'person.create'
  | 'body.create'
  | 'member.add'
  | 'member.remove'
  | 'meeting.create'
  | 'demo.seed'
  | 'site.create'
  | 'site.update'
  | 'site.import';

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

/** JSON with sorted keys, so a row hashes the same after a round trip through jsonb. */
export function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
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
