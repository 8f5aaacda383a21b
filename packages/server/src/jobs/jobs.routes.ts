import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JOB_NAMES, jobRunInputSchema, jobRunSchema } from '@minewatch/core';
import type { Db } from '../db/database.js';
import { authorize } from '../auth/authorize.js';
import * as service from './jobs.service.js';

const tags = ['jobs'];

/** Scheduled jobs run by hand, and their run records. Needs notificationRoutes registered first (app.notifier). */
export function jobRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/jobs/overdue/run', {
    schema: {
      tags,
      summary:
        'Run the overdue job now (it also runs daily by itself): marks open problems past their deadline, starts 按日连续处罚 clocks, notifies. Admin: everything, or regionCode; office: its region or regionCode below it. 409 while another run is in progress',
      body: jobRunInputSchema,
      response: { 200: jobRunSchema },
    },
  }, async (req) => service.runOverdueNow(db, authorize(req, 'job.run'), app.notifier, req.body));

  r.get('/api/jobs/runs', {
    schema: {
      tags,
      summary: 'Recorded job runs, newest first: the admin sees all, an office the runs limited to its region',
      querystring: z.strictObject({ job: z.enum(JOB_NAMES).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: z.object({ items: z.array(jobRunSchema) }) },
    },
  }, async (req) => ({ items: await service.listRuns(db, authorize(req, 'job.read'), req.query) }));
}
