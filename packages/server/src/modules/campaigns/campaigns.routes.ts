import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAMPAIGN_KINDS, campaignCopySchema, campaignDetailSchema, campaignPatchSchema, campaignSchema, campaignSummarySchema, freeText, regionCodeSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './campaigns.service.js';

const tags = ['campaigns'];
const idParams = z.strictObject({ id: z.uuid() });

export function campaignRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/campaigns', {
    schema: {
      tags,
      summary: 'Campaigns of your region and below, and those of the regions above it that you work under (inherited: true)',
      querystring: z.strictObject({ region: regionCodeSchema.optional(), kind: z.enum(CAMPAIGN_KINDS).optional(), q: freeText(100).optional() }),
      response: { 200: z.object({ items: z.array(campaignSummarySchema) }) },
    },
  }, async (req) => ({ items: await service.listCampaigns(db, authorize(req, 'campaign.read'), req.query) }));
  r.get('/api/campaigns/:id', {
    schema: { tags, summary: 'One campaign with its whole definition (phases, due items, work groups, taxonomy, rules, targets, stages, templates)', params: idParams, response: { 200: campaignDetailSchema } },
  }, async (req) => service.getCampaign(db, authorize(req, 'campaign.read'), req.params.id));
  r.post('/api/campaigns', {
    schema: { tags, summary: 'Set up a campaign from scratch (validated whole by core campaignSchema)', body: campaignSchema, response: { 201: campaignDetailSchema } },
  }, async (req, reply) => reply.code(201).send(await service.createCampaign(db, authorize(req, 'campaign.write'), req.body)));
  r.post('/api/campaigns/:id/copy', {
    schema: { tags, summary: 'A new campaign copied from one you can see, under a new key and name (optionally another region, scope and period)', params: idParams, body: campaignCopySchema, response: { 201: campaignDetailSchema } },
  }, async (req, reply) => reply.code(201).send(await service.copyCampaign(db, authorize(req, 'campaign.write'), req.params.id, req.body)));
  r.patch('/api/campaigns/:id', {
    schema: { tags, summary: 'Replace parts of a campaign (data: {phases, taxonomy, rules, …}); validated whole; give the version you saw', params: idParams, body: campaignPatchSchema, response: { 200: campaignDetailSchema } },
  }, async (req) => service.patchCampaign(db, authorize(req, 'campaign.write'), req.params.id, req.body));
}
