import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BODY_KINDS,
  bodyDetailSchema,
  freeText,
  bodyInputSchema,
  bodySummarySchema,
  cadenceSchema,
  dutyTaskSchema,
  meetingInputSchema,
  meetingSchema,
  memberInputSchema,
  memberSchema,
  personInputSchema,
  personSchema,
  regionCodeSchema,
  unitInputSchema,
  unitSchema,
} from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './org.service.js';

const regionQuery = z.strictObject({ region: regionCodeSchema.optional() });
const idParams = z.strictObject({ id: z.uuid() });
const tags = ['org'];

export function orgRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/org/units', { schema: { tags, summary: 'Units in a region and below', querystring: regionQuery, response: { 200: z.array(unitSchema) } } }, async (req) =>
    service.listUnits(db, authorize(req, 'org.read'), req.query.region),
  );
  r.post('/api/org/units', { schema: { tags, summary: 'Create a unit', body: unitInputSchema, response: { 201: unitSchema } } }, async (req, reply) =>
    reply.code(201).send(await service.createUnit(db, authorize(req, 'org.write'), req.body)),
  );

  r.get('/api/org/people', {
    schema: { tags, summary: 'People in a region and below, optionally matching text', querystring: z.strictObject({ region: regionCodeSchema.optional(), q: freeText(50).optional() }), response: { 200: z.array(personSchema) } },
  }, async (req) => service.listPeople(db, authorize(req, 'org.read'), req.query.region, req.query.q));
  r.post('/api/org/people', { schema: { tags, summary: 'Create a person', body: personInputSchema, response: { 201: personSchema } } }, async (req, reply) =>
    reply.code(201).send(await service.createPerson(db, authorize(req, 'org.write'), req.body)),
  );

  r.get('/api/org/bodies', { schema: { tags, summary: 'Coordination bodies in a region and below, with members', querystring: regionQuery, response: { 200: z.array(bodySummarySchema) } } }, async (req) =>
    service.listBodies(db, authorize(req, 'org.read'), req.query.region),
  );
  r.get('/api/org/bodies/:id', { schema: { tags, summary: 'One body with roster, duties, sub-bodies, meetings, cadence', params: idParams, response: { 200: bodyDetailSchema } } }, async (req) =>
    service.getBody(db, authorize(req, 'org.read'), req.params.id),
  );
  r.post('/api/org/bodies', { schema: { tags, summary: 'Create a coordination body', body: bodyInputSchema, response: { 201: bodyDetailSchema } } }, async (req, reply) =>
    reply.code(201).send(await service.createBody(db, authorize(req, 'org.write'), req.body)),
  );
  r.post('/api/org/bodies/:id/members', { schema: { tags, summary: 'Add a member to a body', params: idParams, body: memberInputSchema, response: { 201: memberSchema } } }, async (req, reply) =>
    reply.code(201).send(await service.addMember(db, authorize(req, 'org.write'), req.params.id, req.body)),
  );
  r.delete('/api/org/bodies/:id/members/:memberId', { schema: { tags, summary: 'Remove a member from a body', params: z.strictObject({ id: z.uuid(), memberId: z.uuid() }) } }, async (req, reply) => {
    await service.removeMember(db, authorize(req, 'org.write'), req.params.id, req.params.memberId);
    return reply.code(204).send();
  });
  r.post('/api/org/bodies/:id/meetings', { schema: { tags, summary: "Record a body's meeting", params: idParams, body: meetingInputSchema, response: { 201: meetingSchema } } }, async (req, reply) =>
    reply.code(201).send(await service.recordMeeting(db, authorize(req, 'meeting.write'), req.params.id, req.body)),
  );

  r.get('/api/org/duties', { schema: { tags, summary: 'Duties matrix (责任单位/配合单位)', querystring: regionQuery, response: { 200: z.array(dutyTaskSchema) } } }, async (req) =>
    service.listDuties(db, authorize(req, 'org.read'), req.query.region),
  );
  r.get('/api/org/cadence', {
    schema: {
      tags,
      summary: 'Meeting-cadence compliance of bodies with a cadence rule, overdue first',
      querystring: regionQuery,
      response: { 200: z.array(z.object({ body: z.object({ id: z.string(), name: z.string(), kind: z.enum(BODY_KINDS), regionCode: z.string(), regionName: z.string() }), cadence: cadenceSchema })) },
    },
  }, async (req) => service.cadenceCompliance(db, authorize(req, 'org.read'), req.query.region));
}
