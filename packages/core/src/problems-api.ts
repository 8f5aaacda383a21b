import { z } from 'zod';
import type { Campaign } from './campaigns.js';
import { CAMPAIGN_KINDS } from './campaigns.js';
import { freeText } from './org.js';
import { regionCodeSchema } from './region.js';
import { CAPACITIES, PROBLEM_EVENTS, PROBLEM_SOURCES, PROBLEM_STATES, PROGRESS_CLASSES, STAGE_STATUSES, problemInputSchema, problemUpdateSchema } from './problems.js';

/**
 * Request and response shapes of the campaign and problem API (issue #4), shared by the server's
 * routes and the web app. The domain rules are in campaigns.ts and problems.ts; these are wire shapes.
 */

const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'key: lower-case letters, digits and _');

// ---------- campaigns ----------

export const campaignSummarySchema = z.object({
  id: z.string(),
  /** campaign.key */
  code: z.string(),
  name: z.string(),
  en: z.string(),
  kind: z.enum(CAMPAIGN_KINDS),
  /** The campaign's region code (the stable API's "region"; the same as regionCode). */
  region: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  /** Seed document file for the four seed campaigns; null for campaigns set up in the app. */
  seed: z.string().nullable(),
  copiedFrom: z.string().nullable(),
  /**
   * True when the campaign belongs to a region above the caller's (a county inspector sees the
   * prefecture's campaign it works under); such a campaign can be read and copied, not changed.
   */
  inherited: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

export const campaignDetailSchema = campaignSummarySchema.extend({
  /** The whole campaign as core's campaignSchema defines it. */
  // Typed as core's Campaign; not re-validated on the way out (it was on the way in).
  data: z.record(z.string(), z.unknown()) as unknown as z.ZodType<Campaign>,
});
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;

/** POST /api/campaigns/{id}/copy: a new campaign from an existing one, under a new key and name. */
export const campaignCopySchema = z.strictObject({
  key: slug,
  name: freeText(300).pipe(z.string().min(1)),
  en: freeText(300).pipe(z.string().min(1)).optional(),
  /** The region the copy belongs to (default: the source's); it must be in your region. */
  regionCode: regionCodeSchema.optional(),
  /** The copy's scope (default: [regionCode] when the region changes, else the source's). */
  scopeCodes: z.array(regionCodeSchema).min(1).max(100).optional(),
  period: z.strictObject({ start: z.iso.date().nullable(), end: z.iso.date().nullable(), printed: freeText(300).nullable().default(null) }).optional(),
});
export type CampaignCopy = z.infer<typeof campaignCopySchema>;

/**
 * PATCH /api/campaigns/{id}: replaces the named top-level parts of the campaign (phases, taxonomy,
 * rules, templates, …); the result is validated whole. Key and region do not change (copy instead).
 */
export const campaignPatchSchema = z.strictObject({
  version: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()).refine((d) => Object.keys(d).length > 0, 'name at least one part of the campaign to change'),
});
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

// ---------- problems ----------

export const problemSummarySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  workGroupKey: z.string().nullable(),
  workGroupName: z.string().nullable(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  /** 矿山企业: the registry site's name, or the enterprise as written when it is not registered. */
  enterprise: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  methodMineral: z.string(),
  description: z.string(),
  measures: z.string(),
  foundOn: z.string(),
  deadline: z.string(),
  responsibleUnitId: z.string().nullable(),
  responsibleUnitName: z.string().nullable(),
  responsiblePersonId: z.string().nullable(),
  responsiblePersonName: z.string().nullable(),
  responsibleContact: z.string().nullable(),
  /** 整改责任人及联系方式 as the ledger shows it. */
  responsibleText: z.string(),
  verifyingUnitId: z.string().nullable(),
  source: z.enum(PROBLEM_SOURCES),
  state: z.enum(PROBLEM_STATES),
  progressPercent: z.number(),
  evidenceCount: z.number(),
  /** L5 class on the day of the answer; null for voided problems. */
  progressClass: z.enum(PROGRESS_CLASSES).nullable(),
  daysOverdue: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type ProblemSummary = z.infer<typeof problemSummarySchema>;

export const problemTimelineEventSchema = z.object({
  at: z.string(),
  event: z.enum(PROBLEM_EVENTS),
  from: z.enum(PROBLEM_STATES),
  to: z.enum(PROBLEM_STATES),
  reason: z.string().nullable(),
  evidence: z.array(z.string()),
  actor: z.string().nullable(),
  capacities: z.array(z.enum(CAPACITIES)),
});

export const evidenceFileSchema = z.object({
  sha256: z.string(),
  /** The file's id for GET /api/files/{id}; null when the file is not in your region. */
  fileId: z.string().nullable(),
  name: z.string().nullable(),
  mime: z.string().nullable(),
  size: z.number().nullable(),
});

export const problemDetailSchema = problemSummarySchema.extend({
  sourceRef: z.string().nullable(),
  hazard: z.unknown().nullable(),
  immediate: z.boolean(),
  submittedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  evidence: z.array(evidenceFileSchema),
  /** State changes, oldest first. */
  events: z.array(problemTimelineEventSchema),
  /** Every audited change of the problem (creation, edits, events, the import it came from), oldest first. */
  history: z.array(z.object({ at: z.string(), action: z.string(), actor: z.string().nullable(), before: z.unknown(), after: z.unknown() })),
  /** How the caller stands to the problem, and the events the state machine lets them fire now. */
  capacities: z.array(z.enum(CAPACITIES)),
  availableEvents: z.array(z.enum(PROBLEM_EVENTS)),
});
export type ProblemDetail = z.infer<typeof problemDetailSchema>;

/**
 * A page of problems. `total` is exact up to the list's counting limit; past it `totalCapped` is true
 * and `total` is the limit ("10,000+"): counting a million rows on every page costs more than the
 * page, and the exact figures are the progress report's (GET /api/problems/progress).
 */
export const problemListSchema = z.object({ items: z.array(problemSummarySchema), total: z.number(), totalCapped: z.boolean() });
export type ProblemList = z.infer<typeof problemListSchema>;

export const PROGRESS_GROUPS = ['region', 'workGroup', 'type', 'campaign'] as const;
export type ProgressGroup = (typeof PROGRESS_GROUPS)[number];

export const progressFiguresSchema = z.object({
  total: z.number(),
  completed: z.number(),
  inProgress: z.number(),
  onSchedule: z.number(),
  behindSchedule: z.number(),
  overdue: z.number(),
  closedLate: z.number(),
});

export const progressReportSchema = z.object({
  asOf: z.string(),
  groupBy: z.enum(PROGRESS_GROUPS),
  total: progressFiguresSchema,
  groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), figures: progressFiguresSchema })),
});
export type ProgressReport = z.infer<typeof progressReportSchema>;

// ---------- per mine (L7) ----------

export const mineViewSchema = z.object({
  campaignId: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  regionCode: z.string(),
  policy: z.string(),
  planFileIds: z.array(z.string()),
  responsiblePersonId: z.string().nullable(),
  responsiblePersonName: z.string().nullable(),
  stages: z.array(z.object({ code: z.string(), name: z.string(), en: z.string(), status: z.enum(STAGE_STATUSES), completedOn: z.string().nullable(), note: z.string(), evidenceFileIds: z.array(z.string()) })),
  stageProgress: z.object({ done: z.number(), applicable: z.number(), percent: z.number() }),
  /** What the mine's record still lacks ("不漏一环"); empty when complete. */
  gaps: z.array(z.object({ path: z.string(), message: z.string() })),
  problems: z.object({ open: z.number(), closed: z.number(), overdue: z.number() }),
  version: z.number().nullable(),
});
export type MineView = z.infer<typeof mineViewSchema>;

// ---------- 附件1 import ----------

export const ledgerCellErrorSchema = z.object({ sheet: z.string(), row: z.number().nullable(), column: z.string().nullable(), message: z.string(), messageEn: z.string() });
export type LedgerCellError = z.infer<typeof ledgerCellErrorSchema>;

export const ledgerPreviewRowSchema = z.object({
  sheet: z.string(),
  row: z.number(),
  workGroupKey: z.string().nullable(),
  enterprise: z.string(),
  /** The registry site the enterprise matched, or null: then it is recorded by name once confirmed. */
  siteId: z.string().nullable(),
  siteMatch: z.enum(['matched', 'unmatched', 'ambiguous']),
  township: z.string(),
  regionCode: z.string().nullable(),
  methodMineral: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  description: z.string(),
  measures: z.string(),
  deadline: z.string(),
  responsible: z.string(),
  responsiblePersonId: z.string().nullable(),
  ok: z.boolean(),
});
export type LedgerPreviewRow = z.infer<typeof ledgerPreviewRowSchema>;

export const ledgerPreviewSchema = z.object({
  previewId: z.string(),
  campaignId: z.string(),
  fileName: z.string(),
  foundOn: z.string(),
  rowCount: z.number(),
  errorCount: z.number(),
  /** Enterprises no registry site matches: the commit must confirm recording them by name. */
  unmatchedEnterprises: z.array(z.string()),
  expiresAt: z.string(),
  /** The first 1,000 rows (all rows are kept for the commit). */
  rows: z.array(ledgerPreviewRowSchema),
  /** Every error, by sheet, row and column (the first 5,000). */
  errors: z.array(ledgerCellErrorSchema),
});
export type LedgerPreview = z.infer<typeof ledgerPreviewSchema>;

export const ledgerCommitSchema = z.strictObject({
  /** Unmatched enterprises the importer confirms: they are recorded by name (no registry site). */
  confirmEnterprises: z.array(freeText(200)).max(100_000).default([]),
});

export const ledgerCommitResultSchema = z.object({ importId: z.string(), created: z.number(), confirmedEnterprises: z.number() });


// ---------- problem requests ----------
/** POST /api/problems: core's problem input (problems.ts). */
export const problemCreateSchema = problemInputSchema;
export type ProblemCreate = z.infer<typeof problemCreateSchema>;

/** PATCH /api/problems/{id}: facts only (states change through transitions). */
export const problemPatchSchema = problemUpdateSchema;
export type ProblemPatch = z.infer<typeof problemPatchSchema>;

/** GET /api/problems query: the list's filters (also the progress figures' and the ledger export's). */
export const problemFilterQuerySchema = z.strictObject({
  campaignId: z.uuid().optional(),
  workGroupKey: slug.optional(),
  /** One state or several, comma-separated. */
  state: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(PROBLEM_STATES)).max(PROBLEM_STATES.length))
    .optional(),
  typeCode: slug.optional(),
  region: regionCodeSchema.optional(),
  overdue: z.enum(['true', 'false']).transform((s) => s === 'true').optional(),
  progress: z.enum([...PROGRESS_CLASSES, 'in_progress']).optional(),
  q: freeText(100).optional(),
  siteId: z.uuid().optional(),
  responsiblePersonId: z.uuid().optional(),
  importId: z.uuid().optional(),
});
export type ProblemFilterQuery = z.infer<typeof problemFilterQuerySchema>;

// ---------- bulk assignment (批量指派) ----------

/** The assignment fields of POST /api/problems/bulk-assign (at least one is given). */
export const BULK_ASSIGN_FIELDS = ['responsibleUnitId', 'responsiblePersonId', 'responsibleContact', 'verifyingUnitId'] as const;

/**
 * POST /api/problems/bulk-assign: the campaign office gives many open problems the same responsible
 * unit, person, contact and/or verifying unit at once. Each item carries the version the office saw;
 * the change is made to all of them or to none. The fields mean what they mean in PATCH /api/problems/{id}.
 */
export const problemBulkAssignSchema = z
  .strictObject({
    items: z
      .array(z.strictObject({ id: z.uuid(), version: z.number().int().min(1) }))
      .min(1, 'name at least one problem')
      .max(1000, 'at most 1,000 problems at once'),
    responsibleUnitId: problemUpdateSchema.shape.responsibleUnitId,
    responsiblePersonId: problemUpdateSchema.shape.responsiblePersonId,
    responsibleContact: problemUpdateSchema.shape.responsibleContact,
    verifyingUnitId: problemUpdateSchema.shape.verifyingUnitId,
    reason: freeText(2000).optional(),
  })
  .superRefine((b, ctx) => {
    const first = new Map<string, number>();
    b.items.forEach((it, i) => {
      const seen = first.get(it.id.toLowerCase());
      if (seen === undefined) first.set(it.id.toLowerCase(), i);
      else ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `problem ${it.id} is listed twice (also item ${seen})` });
    });
    if (BULK_ASSIGN_FIELDS.every((k) => b[k] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: `name what to assign: at least one of ${BULK_ASSIGN_FIELDS.join(', ')}` });
    }
    if (b.verifyingUnitId && b.responsibleUnitId && b.verifyingUnitId === b.responsibleUnitId) {
      ctx.addIssue({ code: 'custom', path: ['verifyingUnitId'], message: 'the responsible unit cannot verify its own work' });
    }
  });
export type ProblemBulkAssign = z.infer<typeof problemBulkAssignSchema>;

/** The answer: how many problems changed, and each one's new version and 整改责任人及联系方式. */
export const problemBulkAssignResultSchema = z.object({
  updated: z.number(),
  items: z.array(z.object({ id: z.string(), version: z.number(), responsibleText: z.string() })),
});
export type ProblemBulkAssignResult = z.infer<typeof problemBulkAssignResultSchema>;
