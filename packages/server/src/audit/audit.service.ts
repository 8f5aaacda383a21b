import type { AuditEvent } from '@minewatch/core';
import type { Db } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { listAudit } from './audit.repository.js';

/** History in the actor's scope, newest first (for the auditor reading a record's past). */
export async function history(db: Db, actor: Actor, f: { entityType?: string | undefined; entityId?: string | undefined; limit: number }): Promise<AuditEvent[]> {
  const rows = await listAudit(db, actor.scope, f);
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actor: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    before: r.before,
    after: r.after,
  }));
}
