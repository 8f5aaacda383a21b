import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SAVED_VIEW_LIMIT, savedViewInputSchema, savedViewListSchema, savedViewQuerySchema, savedViewSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authenticated, authorize } from '../../auth/authorize.js';
import * as service from './saved-views.service.js';

const tags = ['saved-views'];

/** 保存的视图: each user's named filter sets of a list page, on the server so they follow the user across devices. */
export function savedViewRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/saved-views', {
    schema: { tags, summary: 'Your saved views of a list page (page=ledger), oldest first; only your own', querystring: savedViewQuerySchema, response: { 200: savedViewListSchema } },
  }, async (req) => service.listViews(db, authorize(req, service.PAGE_ACTION[req.query.page]), req.query.page));
  r.put('/api/saved-views', {
    schema: {
      tags,
      summary: `Save the list's current filters (its URL query without page and region) under a name; the same page and name replaces your view; at most ${SAVED_VIEW_LIMIT} views per page; any role that reads the page, the read-only leader included`,
      body: savedViewInputSchema,
      response: { 200: savedViewSchema },
    },
  }, async (req) => service.saveView(db, authorize(req, service.PAGE_ACTION[req.body.page]), req.body));
  r.delete('/api/saved-views/:id', {
    schema: { tags, summary: "Delete one of your saved views (another user's view is 404)", params: z.strictObject({ id: z.uuid() }) },
  }, async (req, reply) => {
    await service.deleteView(db, authenticated(req), req.params.id);
    return reply.code(204).send();
  });
}
