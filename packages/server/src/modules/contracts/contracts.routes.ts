import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  contractEndSchema,
  contractInputSchema,
  contractSchema,
  overdueListSchema,
  regionCodeSchema,
  visitInputSchema,
  visitSchema,
} from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './contracts.service.js';

const tags = ['contracts'];
const idParams = z.strictObject({ id: z.uuid() });

/** O5 包联: assignments of leaders/cadres to townships, villages and sites; visits; who is overdue. */
export function contractRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/contracts', {
    schema: {
      tags,
      summary: '包联 assignments touching your region (a target in `region`), by person; ended ones only with includeEnded=true; paged',
      querystring: z.strictObject({
        region: regionCodeSchema.optional(),
        personId: z.uuid().optional(),
        includeEnded: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      }),
      response: { 200: z.object({ items: z.array(contractSchema), total: z.number() }) },
    },
  }, async (req) => service.listContracts(db, authorize(req, 'contract.read'), req.query));

  r.get('/api/contracts/overdue', {
    schema: {
      tags,
      summary:
        'Person × target pairs not visited in time (003: 每月至少到包联区域调研督导1次): due one calendar month after the last visit, or after the start when never visited; overdue from the next day. windowMonths/windowDays replace the month; asOf (≤ today) evaluates an earlier day',
      querystring: z.strictObject({
        region: regionCodeSchema.optional(),
        asOf: z.iso.date().optional(),
        windowMonths: z.coerce.number().int().min(1).max(12).optional(),
        windowDays: z.coerce.number().int().min(1).max(366).optional(),
      }),
      response: { 200: overdueListSchema },
    },
  }, async (req) => service.overdueList(db, authorize(req, 'contract.read'), req.query));

  r.get('/api/contracts/:id', { schema: { tags, summary: 'One assignment with its targets, last visits and overdue state', params: idParams, response: { 200: contractSchema } } }, async (req) =>
    service.getContract(db, authorize(req, 'contract.read'), req.params.id),
  );

  r.post('/api/contracts', {
    schema: { tags, summary: 'Assign a person townships/villages (region codes) and/or sites; all must lie in your region and in the person\'s region', body: contractInputSchema, response: { 201: contractSchema } },
  }, async (req, reply) => reply.code(201).send(await service.createContract(db, authorize(req, 'contract.write'), req.body)));

  r.patch('/api/contracts/:id', {
    schema: { tags, summary: 'End an assignment on a day (on or before today), with the reason', params: idParams, body: contractEndSchema, response: { 200: contractSchema } },
  }, async (req) => service.endContract(db, authorize(req, 'contract.write'), req.params.id, req.body));

  r.post('/api/contracts/:id/visits', {
    schema: {
      tags,
      summary: 'Record a visit (调研督导) to one target: date (not in the future, within the assignment), method, location, notes, photo IDs from POST /api/files',
      params: idParams,
      body: visitInputSchema,
      response: { 201: visitSchema },
    },
  }, async (req, reply) => reply.code(201).send(await service.recordVisit(db, authorize(req, 'contract.visit'), req.params.id, req.body)));

  r.get('/api/contracts/:id/visits', {
    schema: { tags, summary: 'Visits recorded under an assignment, newest first', params: idParams, querystring: z.strictObject({ targetId: z.uuid().optional() }), response: { 200: z.array(visitSchema) } },
  }, async (req) => service.listVisits(db, authorize(req, 'contract.read'), req.params.id, req.query.targetId));
}
