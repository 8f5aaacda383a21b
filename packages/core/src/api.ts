import { z } from 'zod';
import { REGION_LEVELS } from './region.js';
import { ROLES } from './roles.js';
import { BODY_KINDS, MEETING_KINDS, MEMBER_ROLES, RANKS, SECTORS, UNIT_KINDS } from './org.js';

/** Response shapes shared by the server (serialization + OpenAPI) and the web app (types). */

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
  hasChildren: z.boolean(),
});
export type Region = z.infer<typeof regionSchema>;

export const meSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  /** Root of the user's scope; null for the platform admin (everything). */
  regionCode: z.string().nullable(),
  /** The regions the switcher offers: the scope root and its ancestors are not included, only the root. */
  scopeRoots: z.array(regionSchema),
});
export type Me = z.infer<typeof meSchema>;

export const unitSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  sector: z.enum(SECTORS).nullable(),
  parentUnitId: z.string().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export const personSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  name: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  position: z.string(),
  rank: z.enum(RANKS).nullable(),
  phone: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;

export const memberSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  name: z.string().nullable(),
  position: z.string(),
  role: z.enum(MEMBER_ROLES),
  unitName: z.string().nullable(),
  note: z.string(),
  duty: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const cadenceSchema = z.object({
  cadenceMonths: z.number(),
  lastHeldOn: z.string().nullable(),
  dueBy: z.string(),
  overdue: z.boolean(),
  daysOverdue: z.number(),
});
export type Cadence = z.infer<typeof cadenceSchema>;

export const bodySummarySchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  kind: z.enum(BODY_KINDS),
  parentBodyId: z.string().nullable(),
  hostUnitName: z.string().nullable(),
  districtCodes: z.array(z.string()),
  members: z.array(memberSchema),
  cadence: cadenceSchema.nullable(),
});
export type BodySummary = z.infer<typeof bodySummarySchema>;

export const dutyTaskSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  section: z.string(),
  title: z.string(),
  content: z.string(),
  leadUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  cooperatingUnits: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type DutyTask = z.infer<typeof dutyTaskSchema>;

export const meetingSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  kind: z.enum(MEETING_KINDS),
  heldOn: z.string(),
  title: z.string(),
  attendees: z.array(z.object({ personId: z.string(), name: z.string() })),
  decisions: z.array(z.string()),
  createdAt: z.string(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const bodyDetailSchema = bodySummarySchema.extend({
  duties: z.string(),
  children: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(BODY_KINDS) })),
  meetings: z.array(meetingSchema),
});
export type BodyDetail = z.infer<typeof bodyDetailSchema>;

export const auditEventSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
