import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PENALTY_KINDS, penaltyPatchSchema, penaltyRecheckInputSchema, penaltySchema, problemPenaltiesSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './penalties.service.js';

const tags = ['penalties'];
const idParams = z.strictObject({ id: z.uuid() });

/**
 * The record of a measure: core penaltyRecordSchema without problemId (the path names the problem).
 * Only the kind is checked here; the service parses the rest with core's schema so every field error
 * names its path.
 */
const penaltyBody = z.looseObject({ kind: z.enum(PENALTY_KINDS) }).describe(
  'A core penaltyRecordSchema record: {kind, …fields of that kind}. Money in fen (1 元 = 100 分). fine: decisionNo, decidedOn, amountFen; daily_continuous_fine: decisionNo, decidedOn, dailyAmountFen, countFrom (the missed deadline), rechecks; suspend_*: decidedOn, decisionNo, liftedOn; credit_record: recordedOn, platforms; green_list_removal: removedOn, listLevel; third_party_restoration: commissionedBy, contractor, commissionedOn, costFen, recoveredFen; case_filed: caseNo, filedOn; judicial_referral: referredOn, to; listed_supervision: listedOn, by.',
);

export function penaltyRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/problems/:id/penalties', {
    schema: {
      tags,
      summary: "A problem's penalties with the daily fines counted (按日连续处罚, core dailyPenalty), the totals, the daily clock the overdue job started, and the campaign's rules for its type",
      params: idParams,
      response: { 200: problemPenaltiesSchema },
    },
  }, async (req) => service.listForProblem(db, authorize(req, 'problem.read'), req.params.id));

  r.post('/api/problems/:id/penalties', {
    schema: {
      tags,
      summary: 'Record a measure against the problem where its campaign provides it (a rule of that kind covers its type; deadline-triggered ones only after the deadline); a daily fine joins the running clock',
      params: idParams,
      body: penaltyBody,
      response: { 201: penaltySchema },
    },
  }, async (req, reply) => reply.code(201).send(await service.createPenalty(db, authorize(req, 'penalty.write'), req.params.id, req.body)));

  r.post('/api/penalties/:id/rechecks', {
    schema: {
      tags,
      summary: 'Record a recheck of a daily fine: continuing counts the days up to it; corrected ends the count and stops the clock. Give the version you saw',
      params: idParams,
      body: penaltyRecheckInputSchema,
      response: { 200: penaltySchema },
    },
  }, async (req) => service.recordRecheck(db, authorize(req, 'penalty.write'), req.params.id, req.body));

  r.patch('/api/penalties/:id', {
    schema: { tags, summary: 'Lift a suspension (liftedOn), record money recovered for a third-party restoration (recoveredFen), or change the note. Give the version you saw', params: idParams, body: penaltyPatchSchema, response: { 200: penaltySchema } },
  }, async (req) => service.patchPenalty(db, authorize(req, 'penalty.write'), req.params.id, req.body));
}
