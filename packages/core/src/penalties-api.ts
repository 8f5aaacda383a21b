import { z } from 'zod';
import { PENALTY_KINDS, PENALTY_TRIGGERS } from './campaigns.js';
import { CHECKLIST_ANSWERS, CHECKLIST_SUBJECTS, HAZARD_LEDGER_TYPES, checklistFormSchema } from './checklists.js';
import { freeText } from './org.js';
import { PROBLEM_STATES } from './problems.js';
import { regionCodeSchema } from './region.js';

/** Shapes of the penalty (L6), checklist (L8) and hazard-ledger (L9) API, shared by server and web. */

const day = z.iso.date();
const label = z.object({ zh: z.string(), en: z.string() });

// ---------- penalties ----------

export const dailyPenaltySchema = z.object({ days: z.number(), totalFen: z.number(), through: z.string().nullable(), ongoing: z.boolean(), correctedOn: z.string().nullable() });

export const penaltySchema = z.object({
  id: z.string(),
  problemId: z.string(),
  kind: z.enum(PENALTY_KINDS),
  decidedOn: z.string(),
  /** The record as core penaltyRecordSchema has it (without problemId). */
  record: z.record(z.string(), z.unknown()),
  amountFen: z.number().nullable(),
  /** 按日连续处罚 counted by core dailyPenalty; null for other kinds. */
  daily: dailyPenaltySchema.nullable(),
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Penalty = z.infer<typeof penaltySchema>;

export const PENALTY_CLOCK_STOP_REASONS = ['corrected', 'closed', 'voided', 'deadline_moved'] as const;
export type PenaltyClockStopReason = (typeof PENALTY_CLOCK_STOP_REASONS)[number];

export const penaltyClockSchema = z.object({
  countFrom: z.string(),
  startedOn: z.string(),
  ruleSection: z.string(),
  rulePrinted: z.string(),
  penaltyId: z.string().nullable(),
  stoppedOn: z.string().nullable(),
  /** deadline_moved: the office set a new deadline; the count starts again from it if that one is missed too. */
  stopReason: z.enum(PENALTY_CLOCK_STOP_REASONS).nullable(),
  /** Days since countFrom up to today (or the stop day): how long the violation has run, not yet a fine. */
  daysRunning: z.number(),
});
export type PenaltyClock = z.infer<typeof penaltyClockSchema>;

export const penaltyTotalsSchema = z.object({
  /** Sum of one-off fines. */
  finesFen: z.number(),
  /** Sum of the daily fines counted so far (core dailyPenalty). */
  dailyFen: z.number(),
  restorationCostFen: z.number(),
  recoveredFen: z.number(),
  /** Restoration cost still to recover from the party. */
  outstandingFen: z.number(),
  /** Suspensions (new faces, licence extension, land, coal sales) not yet lifted. */
  activeSuspensions: z.number(),
});
export type PenaltyTotals = z.infer<typeof penaltyTotalsSchema>;

export const problemPenaltiesSchema = z.object({
  problem: z.object({ id: z.string(), campaignId: z.string(), typeCode: z.string(), state: z.enum(PROBLEM_STATES), deadline: z.string(), overdueSince: z.string().nullable(), regionCode: z.string() }),
  items: z.array(penaltySchema),
  totals: penaltyTotalsSchema,
  clock: penaltyClockSchema.nullable(),
  /** The campaign's penalty rules that cover this problem's type (what may be recorded). */
  rules: z.array(z.object({ kind: z.enum(PENALTY_KINDS), trigger: z.enum(PENALTY_TRIGGERS), untilRectified: z.boolean(), section: z.string(), printed: z.string() })),
});
export type ProblemPenalties = z.infer<typeof problemPenaltiesSchema>;

/** A recheck of a daily fine (第十七条): on a day, the violation found continuing or corrected. */
export const penaltyRecheckInputSchema = z.strictObject({ version: z.number().int().min(1), on: day, continuing: z.boolean() });
export type PenaltyRecheckInput = z.infer<typeof penaltyRecheckInputSchema>;

/** What may change on a recorded measure: lifting a suspension, money recovered, the note. */
export const penaltyPatchSchema = z
  .strictObject({
    version: z.number().int().min(1),
    liftedOn: day.nullable().optional(),
    recoveredFen: z.number().int().min(0).max(1e13).optional(),
    note: freeText(2000).optional(),
  })
  .refine((p) => p.liftedOn !== undefined || p.recoveredFen !== undefined || p.note !== undefined, 'change at least one of liftedOn, recoveredFen, note');
export type PenaltyPatch = z.infer<typeof penaltyPatchSchema>;

// ---------- hazard ledgers (001 §五.(一)) ----------

export const hazardLedgerSummarySchema = z.object({
  type: z.enum(HAZARD_LEDGER_TYPES),
  label,
  section: z.string(),
  printed: z.string(),
  /** Entries in your region (or the region asked for), and how many are still open. */
  total: z.number(),
  open: z.number(),
});

export const hazardEntrySchema = z.object({
  problemId: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  enterprise: z.string(),
  typeCode: z.string(),
  description: z.string(),
  measures: z.string(),
  foundOn: z.string(),
  deadline: z.string(),
  state: z.enum(PROBLEM_STATES),
  overdueSince: z.string().nullable(),
  responsibleUnitName: z.string().nullable(),
  responsiblePersonName: z.string().nullable(),
  /** The ledger's own fields (core hazardLedgerEntrySchema). */
  hazard: z.record(z.string(), z.unknown()),
});
export type HazardEntry = z.infer<typeof hazardEntrySchema>;

export const hazardEntryListSchema = z.object({ items: z.array(hazardEntrySchema), total: z.number() });

export const hazardEntryQuerySchema = z.strictObject({
  region: regionCodeSchema.optional(),
  campaignId: z.uuid().optional(),
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

// ---------- the 004 checklist (L8) ----------

/** Measures, deadline and responsibility for one failed item, so it becomes a problem at once. */
export const findingAssignmentSchema = z.strictObject({
  measures: freeText(5000).pipe(z.string().min(1, 'say what must be done (整改措施)')),
  deadline: day,
  responsibleUnitId: z.uuid(),
  responsiblePersonId: z.uuid().nullable().default(null),
  responsibleContact: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/, 'phone must be digits, spaces, +, - or parentheses (5–30 characters)')
    .nullable()
    .default(null),
});
export type FindingAssignment = z.infer<typeof findingAssignmentSchema>;

export const checklistSubmissionInputSchema = z.strictObject({
  campaignId: z.uuid(),
  form: checklistFormSchema,
  /** Per failed item code: turn it into a problem now. Items not named stay open findings. */
  assign: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), findingAssignmentSchema).default({}),
});
export type ChecklistSubmissionInput = z.infer<typeof checklistSubmissionInputSchema>;

export const checklistFindingSchema = z.object({
  id: z.string(),
  submissionId: z.string(),
  itemCode: z.string(),
  typeCode: z.string(),
  description: z.string(),
  evidence: z.array(z.string()),
  siteId: z.string().nullable(),
  regionCode: z.string(),
  foundOn: z.string(),
  /** The problem it became, or null while it waits for measures, deadline and a responsible unit. */
  problemId: z.string().nullable(),
});
export type ChecklistFindingRecord = z.infer<typeof checklistFindingSchema>;

export const checklistSubmissionSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  checklistId: z.string(),
  subject: z.enum(CHECKLIST_SUBJECTS),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  inspectedOn: z.string(),
  expired: z.boolean(),
  inspectors: z.array(z.string()),
  answers: z.array(z.object({ itemCode: z.string(), answer: z.enum(CHECKLIST_ANSWERS), note: z.string(), evidenceFileIds: z.array(z.string()) })),
  failedCount: z.number(),
  findings: z.array(checklistFindingSchema),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type ChecklistSubmission = z.infer<typeof checklistSubmissionSchema>;

export const checklistSubmissionListSchema = z.object({
  items: z.array(checklistSubmissionSchema.omit({ answers: true, findings: true }).extend({ openFindings: z.number() })),
  total: z.number(),
});

export const checklistSubmissionQuerySchema = z.strictObject({
  region: regionCodeSchema.optional(),
  campaignId: z.uuid().optional(),
  siteId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
