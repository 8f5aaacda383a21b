import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HAZARD_LEDGER_TYPES, hazardEntryListSchema, hazardEntryQuerySchema, hazardEntrySchema, hazardLedgerSummarySchema, regionCodeSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './hazards.service.js';

const tags = ['hazard ledgers'];
const typeParams = z.strictObject({ type: z.enum(HAZARD_LEDGER_TYPES) });

/** An entry: the fields of POST /api/problems (typeCode may be left out when the campaign has one type for the ledger) and `hazard`, the ledger's own fields. */
const entryBody = z
  .looseObject({ campaignId: z.uuid(), typeCode: z.string().optional(), hazard: z.record(z.string(), z.unknown()) })
  .describe('The fields of POST /api/problems without typeCode (or with it, when the campaign keeps several types in this ledger), and hazard: the ledger\'s fields (core hazardLedgerFields[type]).');

export function hazardRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/hazard-ledgers', {
    schema: { tags, summary: 'The four hazard ledgers of 001 §五.(一) with how many entries (and open ones) your region (or `region`) has', querystring: z.strictObject({ region: regionCodeSchema.optional() }), response: { 200: z.array(hazardLedgerSummarySchema) } },
  }, async (req) => service.summaries(db, authorize(req, 'problem.read'), req.query.region));

  r.get('/api/hazard-ledgers/:type', {
    schema: { tags, summary: 'Entries of one hazard ledger in your region, newest finding first, with the ledger\'s fields (voided entries left out)', params: typeParams, querystring: hazardEntryQuerySchema, response: { 200: hazardEntryListSchema } },
  }, async (req) => service.listEntries(db, authorize(req, 'problem.read'), req.params.type, req.query));

  r.post('/api/hazard-ledgers/:type/entries', {
    schema: { tags, summary: 'Record an entry: a problem of the campaign type kept in this ledger, checked against the campaign like any problem, with the ledger\'s fields checked by core', params: typeParams, body: entryBody, response: { 201: hazardEntrySchema } },
  }, async (req, reply) => reply.code(201).send(await service.createEntry(db, authorize(req, 'problem.write'), req.params.type, req.body)));
}
