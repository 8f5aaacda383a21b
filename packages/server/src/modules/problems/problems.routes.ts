import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PROGRESS_GROUPS,
  mineViewSchema,
  minePlanInputSchema,
  problemBulkAssignResultSchema,
  problemBulkAssignSchema,
  problemCreateSchema,
  problemDetailSchema,
  problemEventInputSchema,
  problemFilterQuerySchema,
  problemListSchema,
  problemPatchSchema,
  progressReportSchema,
  regionCodeSchema,
} from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './problems.service.js';

const tags = ['problems'];
const idParams = z.strictObject({ id: z.uuid() });
const paging = {
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

export function problemRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/problems', {
    schema: {
      tags,
      summary: 'The problem ledger (台账) in your region: filters campaignId, workGroupKey, state (comma-separated), typeCode, region, overdue, progress (completed|on_schedule|behind_schedule|overdue|in_progress), q, siteId, responsiblePersonId, importId; sort deadline|updated|found; paged; asOf = the day overdue and 序时进度 are judged on (default today, China time)',
      querystring: problemFilterQuerySchema.extend({ ...paging, sort: z.enum(['deadline', 'updated', 'found']).default('deadline'), asOf: z.iso.date().optional() }),
      response: { 200: problemListSchema },
    },
  }, async (req) => {
    const { limit, offset, sort, asOf, ...f } = req.query;
    return service.listProblems(db, authorize(req, 'problem.read'), f, { limit, offset, sort }, asOf);
  });
  r.get('/api/problems/sign-off-queue', {
    schema: { tags, summary: 'Problems submitted for sign-off (待验收销号) that you may verify: as the campaign office or the verifying unit, never your own unit\'s work; oldest first', querystring: z.strictObject(paging), response: { 200: problemListSchema } },
  }, async (req) => service.signOffQueue(db, authorize(req, 'problem.read'), req.query));
  r.get('/api/problems/progress', {
    schema: {
      tags,
      summary: 'L5 progress figures (completed, in progress, on schedule 达到序时进度, behind, overdue, closed late) of the filtered problems, grouped by region (child regions), workGroup, type (both need campaignId) or campaign; asOf = the day to judge deadlines on (default today, China time)',
      querystring: problemFilterQuerySchema.extend({ groupBy: z.enum(PROGRESS_GROUPS).default('region'), asOf: z.iso.date().optional() }),
      response: { 200: progressReportSchema },
    },
  }, async (req) => {
    const { groupBy, asOf, ...f } = req.query;
    return service.progressReport(db, authorize(req, 'problem.read'), f, groupBy, asOf);
  });
  r.get('/api/problems/:id', {
    schema: { tags, summary: 'One problem with its timeline (state changes and every audited change), evidence, your capacities and the events you may fire', params: idParams, response: { 200: problemDetailSchema } },
  }, async (req) => service.getProblem(db, authorize(req, 'problem.read'), req.params.id));
  r.post('/api/problems', {
    schema: { tags, summary: 'Put a problem on the ledger, checked against its campaign (type in the taxonomy, deadline limit, responsible person rank and contact); immediate=true closes it at once with evidence (立行立改)', body: problemCreateSchema, response: { 201: problemDetailSchema } },
  }, async (req, reply) => reply.code(201).send(await service.createProblem(db, authorize(req, 'problem.write'), req.body)));
  r.patch('/api/problems/:id', {
    schema: { tags, summary: "Change a problem's facts (campaign office), or report progressPercent (responsible unit); moving the deadline needs a reason; give the version you saw", params: idParams, body: problemPatchSchema, response: { 200: problemDetailSchema } },
  }, async (req) => service.patchProblem(db, authorize(req, 'problem.write'), req.params.id, req.body));
  r.post('/api/problems/bulk-assign', {
    schema: {
      tags,
      summary: '批量指派: give up to 1,000 open problems the same responsible unit, person, contact and/or verifying unit (campaign office; each item with the version you saw); all change or none: 404/409/403/400 name the items, the field and the campaign whose rule refused',
      body: problemBulkAssignSchema,
      response: { 200: problemBulkAssignResultSchema },
    },
  }, async (req) => service.bulkAssign(db, authorize(req, 'problem.write'), req.body));
  r.post('/api/problems/:id/transitions', {
    schema: {
      tags,
      summary: 'Fire a lifecycle event (start, submit, withdraw, sign_off, return, immediate_fix, reopen, void) through the state machine; evidenceFileIds are SHA-256 ids of uploaded files; a refusal is 409 ILLEGAL_TRANSITION with the reason',
      params: idParams,
      body: problemEventInputSchema,
      response: { 200: problemDetailSchema },
    },
  }, async (req) => service.transition(db, authorize(req, 'problem.transition'), req.params.id, req.body));

  // L7: per mine
  r.get('/api/campaigns/:id/mines', {
    schema: {
      tags,
      summary: 'L7: the mines of a campaign (registry sites with problems or a plan): 一矿一策/一矿一方案/一矿一责任人, the status of every stage, what is still missing (不漏一环), problem counts',
      params: idParams,
      querystring: z.strictObject({ ...paging, region: regionCodeSchema.optional() }),
      response: { 200: z.object({ items: z.array(mineViewSchema) }) },
    },
  }, async (req) => service.listMines(db, authorize(req, 'problem.read'), req.params.id, req.query));
  r.get('/api/campaigns/:id/mines/:siteId', {
    schema: { tags, summary: 'L7: one mine in a campaign', params: z.strictObject({ id: z.uuid(), siteId: z.uuid() }), response: { 200: mineViewSchema } },
  }, async (req) => service.getMine(db, authorize(req, 'problem.read'), req.params.id, req.params.siteId));
  r.put('/api/mine-plans', {
    schema: { tags, summary: "L7: set a mine's plan in a campaign (policy, plan files by SHA-256, responsible person, stage statuses); the campaign office; replaces the previous plan (audited before/after)", body: minePlanInputSchema, response: { 200: mineViewSchema } },
  }, async (req) => service.putMinePlan(db, authorize(req, 'problem.write'), req.body));
}
