import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEventSchema } from '@minewatch/core';
import type { Db } from '../db/database.js';
import { authorize } from '../auth/authorize.js';
import { listAudit } from './audit.repository.js';

export function auditRoutes(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Audit history in your region, newest first',
      querystring: z.strictObject({
        entityType: z.string().regex(/^[a-z_]{1,40}$/).optional(),
        entityId: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.array(auditEventSchema) },
    },
  }, async (req) => {
    const actor = authorize(req, 'audit.read');
    const rows = await listAudit(db, actor.scope, req.query);
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
  });
}
