import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attachmentInputSchema,
  attachmentSchema,
  responsibilityInputSchema,
  responsibilitySchema,
  sealingInputSchema,
  sealingRecordSchema,
  sealingResultSchema,
  threeNoRemainInputSchema,
  threeNoRemainRecordSchema,
} from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './site-records.service.js';

const tags = ['sites'];
const idParams = z.strictObject({ id: z.uuid() });

/** A site's documents and photos, O6 responsibility (people per level, signs, grid), S2 sealing and S4 三不留. */
export function siteRecordRoutes(app: FastifyInstance, db: Db, o: service.SiteRecordOptions): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/sites/:id/attachments', { schema: { tags, summary: 'Documents and photos of a site, newest first, with where each photo was taken', params: idParams, response: { 200: z.array(attachmentSchema) } } }, async (req) =>
    service.listAttachments(db, authorize(req, 'site.read'), req.params.id),
  );
  r.post('/api/sites/:id/attachments', {
    schema: { tags, summary: `Attach an uploaded file (POST /api/files) as a document or photo; a photo taken more than ${o.photoMaxDistanceKm} km from the site is flagged far, not refused`, params: idParams, body: attachmentInputSchema, response: { 201: attachmentSchema } },
  }, async (req, reply) => reply.code(201).send(await service.attach(db, authorize(req, 'site.write'), o, req.params.id, req.body)));
  r.get('/api/sites/:id/responsibility', { schema: { tags, summary: 'O6: grid, responsible person per level (county/township/village) and the two signs of a site', params: idParams, response: { 200: responsibilitySchema } } }, async (req) =>
    service.getResponsibility(db, authorize(req, 'site.read'), req.params.id),
  );
  r.put('/api/sites/:id/responsibility', {
    schema: { tags, summary: 'Replace the O6 record of a site (optimistic: give the version you saw, 0 for the first)', params: idParams, body: responsibilityInputSchema, response: { 200: responsibilitySchema } },
  }, async (req) => service.setResponsibility(db, authorize(req, 'site.write'), o, req.params.id, req.body));
  r.get('/api/sites/:id/sealing', { schema: { tags, summary: 'S2: sealing records of a shaft or illegal point, newest first', params: idParams, response: { 200: z.array(sealingRecordSchema) } } }, async (req) =>
    service.listSealing(db, authorize(req, 'site.read'), req.params.id),
  );
  r.post('/api/sites/:id/sealing', {
    schema: { tags, summary: 'S2: record sealing (未封堵/已封堵/封堵不彻底); 已封堵 needs photos, 封堵不彻底 a note and reopens sealing', params: idParams, body: sealingInputSchema, response: { 201: sealingResultSchema } },
  }, async (req, reply) => reply.code(201).send(await service.recordSealing(db, authorize(req, 'site.write'), o, req.params.id, req.body)));
  r.get('/api/sites/:id/three-no-remain', { schema: { tags, summary: 'S4: 三不留 checks of an expired or cancelled licensed mine, newest first', params: idParams, response: { 200: z.array(threeNoRemainRecordSchema) } } }, async (req) =>
    service.listThreeNoRemain(db, authorize(req, 'site.read'), req.params.id),
  );
  r.post('/api/sites/:id/three-no-remain', {
    schema: { tags, summary: 'S4: record a 三不留 check (no personnel, equipment, buildings) with evidence files', params: idParams, body: threeNoRemainInputSchema, response: { 201: threeNoRemainRecordSchema } },
  }, async (req, reply) => reply.code(201).send(await service.recordThreeNoRemain(db, authorize(req, 'site.write'), o, req.params.id, req.body)));
}
