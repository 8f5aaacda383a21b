import { z } from 'zod';
import { regionCodeSchema } from './region.js';

/**
 * Shapes of the notification centre and the job-run API (server serialisation, OpenAPI, web types).
 * Notifications are in-app first; e-mail and SMS are optional channels behind adapters that are off
 * unless the server is configured for them.
 */

const label = z.object({ zh: z.string(), en: z.string() });

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: label,
  body: label,
  /** App path to open (e.g. /problems/…), or null. */
  link: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  regionCode: z.string(),
  /** How many items a digest stands for (1 for a single event). */
  itemCount: z.number(),
  createdAt: z.string(),
  /** Last time the digest grew (= createdAt for a single event). */
  updatedAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({ items: z.array(notificationSchema), total: z.number(), unread: z.number() });
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationListQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/**
 * POST /api/notifications/read-all: marks read every notification of the caller up to and including
 * this one (by last update), so one that arrives while the user looks at the list stays unread.
 */
export const notificationReadAllSchema = z.strictObject({ upToId: z.uuid() });

const email = z.string().trim().max(254).pipe(z.email('not an e-mail address'));
const phone = z.string().trim().regex(/^\+?[0-9]{5,20}$/, 'a phone number: digits, optionally starting with +');

/** A user's channels outside the app (PUT /api/notifications/channels/{userId}). */
export const notificationChannelsInputSchema = z.strictObject({
  email: email.nullable(),
  emailEnabled: z.boolean(),
  /** null: the phone on the user's person record, if any. */
  sms: phone.nullable(),
  smsEnabled: z.boolean(),
});
export type NotificationChannelsInput = z.infer<typeof notificationChannelsInputSchema>;

export const notificationChannelsSchema = notificationChannelsInputSchema.extend({
  userId: z.string(),
  /** The phone SMS goes to when `sms` is null (person record), or null. */
  personPhone: z.string().nullable(),
  /** Whether the server has the adapter switched on (else nothing leaves the app whatever is set here). */
  emailAvailable: z.boolean(),
  smsAvailable: z.boolean(),
});
export type NotificationChannels = z.infer<typeof notificationChannelsSchema>;

// ---------- jobs ----------

export const JOB_NAMES = ['overdue'] as const;
export type JobName = (typeof JOB_NAMES)[number];
export const JOB_TRIGGERS = ['schedule', 'cli', 'api', 'test'] as const;
export const JOB_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;

export const jobRunSchema = z.object({
  id: z.string(),
  job: z.string(),
  trigger: z.enum(JOB_TRIGGERS),
  status: z.enum(JOB_STATUSES),
  /** null: the whole country; else the region the run was limited to. */
  regionCode: z.string().nullable(),
  /** The China calendar day the run evaluated. */
  forDay: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
});
export type JobRun = z.infer<typeof jobRunSchema>;

/** POST /api/jobs/overdue/run: an office runs it for its region (default: its whole region). */
export const jobRunInputSchema = z.strictObject({ regionCode: regionCodeSchema.optional() });
