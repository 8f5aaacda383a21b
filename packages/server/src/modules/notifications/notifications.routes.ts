import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  notificationChannelsInputSchema,
  notificationChannelsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationReadAllSchema,
  notificationSchema,
} from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import { channelsFromEnv } from './adapters.js';
import { createNotifier, type Notifier } from './notifier.js';
import * as service from './notifications.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** In-app notifications plus the e-mail/SMS adapters the environment switches on. */
    notifier: Notifier;
  }
}

const tags = ['notifications'];
const idParams = z.strictObject({ id: z.uuid() });
const userParams = z.strictObject({ userId: z.uuid() });

/** The notification centre. Registers `app.notifier` (from NOTIFY_EMAIL / NOTIFY_SMS, off by default) for the other modules. */
export function notificationRoutes(app: FastifyInstance, db: Db, notifier: Notifier = createNotifier(channelsFromEnv(process.env, app.log))): void {
  if (!app.hasDecorator('notifier')) app.decorate('notifier', notifier);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/notifications', {
    schema: {
      tags,
      summary: 'Your notifications (to you, and to the person record you act as), newest change first, with the unread count',
      querystring: notificationListQuerySchema,
      response: { 200: notificationListSchema },
    },
  }, async (req) => service.listMine(db, authorize(req, 'notification.read'), req.query));

  r.post('/api/notifications/:id/read', {
    schema: { tags, summary: 'Mark one of your notifications read', params: idParams, response: { 200: notificationSchema } },
  }, async (req) => service.markRead(db, authorize(req, 'notification.write'), req.params.id));

  r.post('/api/notifications/read-all', {
    schema: {
      tags,
      summary: 'Mark read all your unread notifications up to and including upToId (the newest one you saw), so one that arrives meanwhile stays unread',
      body: notificationReadAllSchema,
      response: { 200: z.object({ marked: z.number(), unread: z.number() }) },
    },
  }, async (req) => service.markAllRead(db, authorize(req, 'notification.write'), req.body.upToId));

  r.get('/api/notifications/channels/:userId', {
    schema: { tags, summary: "A user's e-mail/SMS settings (yourself, or as the office of the user's region) and whether the server sends them at all", params: userParams, response: { 200: notificationChannelsSchema } },
  }, async (req) => service.getChannels(db, authorize(req, 'notification.read'), req.params.userId, app.notifier));

  r.put('/api/notifications/channels/:userId', {
    schema: {
      tags,
      summary: "Set a user's e-mail address and SMS number (null: the phone of the person record) and switch each on or off",
      params: userParams,
      body: notificationChannelsInputSchema,
      response: { 200: notificationChannelsSchema },
    },
  }, async (req) => service.setChannels(db, authorize(req, 'notification.write'), req.params.userId, req.body, app.notifier));
}
