import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checklistFindingSchema,
  checklistSubmissionInputSchema,
  checklistSubmissionListSchema,
  checklistSubmissionQuerySchema,
  checklistSubmissionSchema,
  findingAssignmentSchema,
} from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './checklists.service.js';

const tags = ['checklists'];
const idParams = z.strictObject({ id: z.uuid() });
const assignErrorSchema = z.object({ itemCode: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })) });

export function checklistRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/checklists/submissions', {
    schema: {
      tags,
      summary:
        'Submit a filled inspection checklist (004 检查表) for a mine or a county: checked item by item; each failed item becomes a finding, and a problem at once when `assign` gives its measures, deadline and responsible unit (refusals by the campaign rules come back in assignErrors, the finding stays open)',
      body: checklistSubmissionInputSchema,
      response: { 201: checklistSubmissionSchema.extend({ assignErrors: z.array(assignErrorSchema) }) },
    },
  }, async (req, reply) => reply.code(201).send(await service.submit(db, authorize(req, 'checklist.write'), req.body)));

  r.get('/api/checklists/submissions', {
    schema: { tags, summary: 'Checklist submissions in your region (or `region`), newest inspection first, with their open findings counted', querystring: checklistSubmissionQuerySchema, response: { 200: checklistSubmissionListSchema } },
  }, async (req) => service.listSubmissions(db, authorize(req, 'problem.read'), req.query));

  r.get('/api/checklists/submissions/:id', {
    schema: { tags, summary: 'One submission with its answers and findings (and the problems they became)', params: idParams, response: { 200: checklistSubmissionSchema } },
  }, async (req) => service.getSubmission(db, authorize(req, 'problem.read'), req.params.id));

  r.post('/api/checklists/findings/:id/problem', {
    schema: { tags, summary: 'Turn an open finding into a problem: measures, deadline, responsible unit (and person, contact); checked against the campaign by the problem service', params: idParams, body: findingAssignmentSchema, response: { 201: checklistFindingSchema } },
  }, async (req, reply) => reply.code(201).send(await service.assignFinding(db, authorize(req, 'checklist.write'), req.params.id, req.body)));
}
