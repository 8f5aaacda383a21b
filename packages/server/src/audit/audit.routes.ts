import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEventSchema } from '@minewatch/core';
import type { Db } from '../db/database.js';
import { authorize } from '../auth/authorize.js';
import { history } from './audit.service.js';

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
  }, async (req) => history(db, authorize(req, 'audit.read'), req.query));
}
