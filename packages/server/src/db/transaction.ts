import type { Db, Tx } from './database.js';
import { appendAudit, type AuditInput } from '../audit/audit.repository.js';
import type { Actor } from '../auth/actor.js';
import { auditActor } from '../auth/actor.js';

/**
 * Runs a state change and its audit rows in one transaction: the change returns the result and
 * the audit events describing it; neither is written without the other.
 */
export async function changeWithAudit<T>(
  db: Db,
  actor: Actor,
  fn: (trx: Tx) => Promise<{ result: T; audit: Omit<AuditInput, 'actorUserId' | 'actorLabel'>[] }>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { result, audit } = await fn(trx);
    if (audit.length === 0) throw new Error('a state change must write at least one audit event');
    for (const e of audit) await appendAudit(trx, { ...auditActor(actor), ...e });
    return result;
  });
}
