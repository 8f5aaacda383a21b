import { z } from 'zod';
import { addMonths, freeText } from './org.js';
import { regionCodeSchema } from './region.js';
import { SITE_KINDS } from './sites.js';

/**
 * O5 包联/包抓: a leader or cadre (a person record) is assigned key townships, villages or mines and
 * must visit each. 003 §二.2: "乡（镇）包联责任人每月至少到包联区域调研督导1次，采取日常督导、突击检查、
 * 明察暗访等方式"; 004 §二.(四): "县领导包抓乡镇，乡镇领导包抓辖区，乡镇班子成员包抓矿山".
 */

type Label = { zh: string; en: string };

/** How a visit was made, as 003 §二.2 lists the ways ("等方式", hence `other`). */
export const VISIT_METHODS = ['routine', 'surprise', 'unannounced', 'other'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
export const visitMethodLabel: Record<VisitMethod, Label> = {
  routine: { zh: '日常督导', en: 'Routine supervision' },
  surprise: { zh: '突击检查', en: 'Surprise inspection' },
  unannounced: { zh: '明察暗访', en: 'Open and unannounced visit' },
  other: { zh: '其他方式', en: 'Other' },
};

export const CONTRACT_TARGET_KINDS = ['region', 'site'] as const;
export type ContractTargetKind = (typeof CONTRACT_TARGET_KINDS)[number];
export const contractTargetKindLabel: Record<ContractTargetKind, Label> = {
  region: { zh: '乡镇/村', en: 'Township / village' },
  site: { zh: '矿山/监管对象', en: 'Mine / supervised object' },
};

/** Earliest date any record of this system may carry (as for meetings). */
const EPOCH = '1949-10-01';
const day = z.iso.date().refine((d) => d >= EPOCH, `date must be on or after ${EPOCH}`);

/**
 * A contracted area: a township or village by its code (12- or 9-digit statistical code; a county
 * is too wide for one person to visit as "an area"), or a registered site such as a mine.
 */
export const contractTargetInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('region'),
    regionCode: regionCodeSchema.refine((c) => c.length === 9 || c.length === 12, 'a contracted area must be a township (9 digits) or a village (12 digits)'),
  }),
  z.strictObject({ kind: z.literal('site'), siteId: z.uuid() }),
]);
export type ContractTargetInput = z.infer<typeof contractTargetInputSchema>;

const targetKey = (t: ContractTargetInput) => (t.kind === 'region' ? `region:${t.regionCode}` : `site:${t.siteId.toLowerCase()}`);

export const contractInputSchema = z
  .strictObject({
    /** The contracted leader/cadre (a person record, not a login). */
    personId: z.uuid(),
    targets: z.array(contractTargetInputSchema).min(1, 'give at least one contracted township, village or site').max(50),
    validFrom: day,
    /** Planned end; null = until ended. */
    validTo: day.nullable().default(null),
    note: freeText(1000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.validTo !== null && v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: `must not be before validFrom ${v.validFrom}` });
    const seen = new Map<string, number>();
    v.targets.forEach((t, i) => {
      const k = targetKey(t);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['targets', i], message: `same target as targets.${seen.get(k)}` });
      else seen.set(k, i);
    });
  });
export type ContractInput = z.infer<typeof contractInputSchema>;

/** PATCH: ends an assignment on a day (the last day it was in force), with the reason (e.g. 工作调整). */
export const contractEndSchema = z.strictObject({
  endOn: day,
  reason: freeText(500).pipe(z.string().min(1, 'say why the assignment ends')),
});
export type ContractEnd = z.infer<typeof contractEndSchema>;

/** Rough bounding box of China incl. islands, degrees; the same box as @minewatch/geo's CHINA_BBOX. */
export const CHINA_LON_LAT_BOX = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;
const inBox = (lon: number, lat: number) => lon >= CHINA_LON_LAT_BOX.minLon && lon <= CHINA_LON_LAT_BOX.maxLon && lat >= CHINA_LON_LAT_BOX.minLat && lat <= CHINA_LON_LAT_BOX.maxLat;

/** Where the visitor stood: WGS84/CGCS2000 longitude and latitude in degrees, GPS accuracy in metres. */
export const visitLocationSchema = z
  .strictObject({
    lon: z.number().finite(),
    lat: z.number().finite(),
    accuracyM: z.number().finite().min(0).max(100_000).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (inBox(p.lon, p.lat)) return;
    const swapped = inBox(p.lat, p.lon) ? ' (longitude and latitude look swapped)' : '';
    if (p.lon < CHINA_LON_LAT_BOX.minLon || p.lon > CHINA_LON_LAT_BOX.maxLon) ctx.addIssue({ code: 'custom', path: ['lon'], message: `longitude ${p.lon} is not in China (${CHINA_LON_LAT_BOX.minLon}–${CHINA_LON_LAT_BOX.maxLon}°E)${swapped}` });
    if (p.lat < CHINA_LON_LAT_BOX.minLat || p.lat > CHINA_LON_LAT_BOX.maxLat) ctx.addIssue({ code: 'custom', path: ['lat'], message: `latitude ${p.lat} is not in China (${CHINA_LON_LAT_BOX.minLat}–${CHINA_LON_LAT_BOX.maxLat}°N)${swapped}` });
  });
export type VisitLocation = z.infer<typeof visitLocationSchema>;

/** Most photos one visit may carry. */
export const MAX_VISIT_PHOTOS = 20;

/**
 * One 调研督导 visit to one target of an assignment. "Not in the future" and "within the
 * assignment's period" need today and the assignment, so they are `visitDateIssue` below.
 */
export const visitInputSchema = z
  .strictObject({
    targetId: z.uuid(),
    visitedOn: day,
    method: z.enum(VISIT_METHODS).default('routine'),
    location: visitLocationSchema.nullable().default(null),
    notes: freeText(5000).default(''),
    /** IDs of uploaded photos (POST /api/files). */
    photoFileIds: z.array(z.uuid()).max(MAX_VISIT_PHOTOS).default([]),
  })
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    v.photoFileIds.forEach((id, i) => {
      const k = id.toLowerCase();
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['photoFileIds', i], message: `same photo as photoFileIds.${seen.get(k)}` });
      else seen.set(k, i);
    });
  });
export type VisitInput = z.infer<typeof visitInputSchema>;

/** Why a visit date cannot be recorded for an assignment running validFrom..validTo, or null when it can. */
export function visitDateIssue(visitedOn: string, today: string, period: { validFrom: string; validTo: string | null }): string | null {
  if (visitedOn > today) return `a visit cannot be recorded before it happens (today is ${today} in China)`;
  if (visitedOn < period.validFrom) return `the assignment starts on ${period.validFrom}; a visit on ${visitedOn} was not made under it`;
  if (period.validTo !== null && visitedOn > period.validTo) return `the assignment ended on ${period.validTo}; a visit on ${visitedOn} was not made under it`;
  return null;
}

/* ------------------------------------------------------------------ overdue rule */

/**
 * How long a target may go without a visit: calendar months (003's "每月至少…1次" = one month) or days.
 */
export type VisitWindow = { months: number } | { days: number };
/** 003 §二.2: "每月至少到包联区域调研督导1次". */
export const DEFAULT_VISIT_WINDOW: VisitWindow = { months: 1 };

const DAY_MS = 86_400_000;
/** Whole days from a to b (ISO dates), b − a. */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);
const addDays = (d: string, n: number) => new Date(Date.parse(d) + n * DAY_MS).toISOString().slice(0, 10);

/** The last day on which the next visit is still in time, when the clock started on `from`. */
export function visitDueBy(from: string, window: VisitWindow): string {
  return 'months' in window ? addMonths(from, window.months) : addDays(from, window.days);
}

export interface RuleContract {
  id: string;
  personId: string;
  validFrom: string;
  /** Last day in force (planned end or the day it was ended); null = open. */
  validTo: string | null;
  targets: { id: string }[];
}
export interface RuleVisit {
  contractId: string;
  targetId: string;
  visitedOn: string;
}
export interface TargetVisitStatus {
  contractId: string;
  personId: string;
  targetId: string;
  /** Latest visit on or before `today` within the assignment; null = never visited. */
  lastVisitOn: string | null;
  daysSinceLastVisit: number | null;
  /** The next visit is in time up to and including this day. */
  dueBy: string;
  overdue: boolean;
  daysOverdue: number;
}

/** An assignment is in force on `today` when today lies within validFrom..validTo. */
export const contractActiveOn = (c: Pick<RuleContract, 'validFrom' | 'validTo'>, today: string) => c.validFrom <= today && (c.validTo === null || today <= c.validTo);

/**
 * O5 overdue rule, one row per target of every assignment in force on `today`.
 *
 * Reading of 003 §二.2 "每月至少到包联区域调研督导1次": the clock of a target starts at its last visit
 * (or at the assignment's first day when it was never visited); the next visit is due within one
 * calendar month, i.e. by `addMonths(start, 1)` — visited on 15 Jan, due by 15 Feb, overdue from
 * 16 Feb; visited 31 Jan, due by 28/29 Feb (month end clamps). `window` replaces the month, e.g.
 * `{ days: 30 }` for a 30-day reading. Visits dated after `today`, before the assignment started,
 * or to targets the assignment does not have are ignored. Assignments not in force on `today`
 * (not yet started, ended) owe no visits and yield no rows.
 */
export function contractVisitStatus(contracts: readonly RuleContract[], visits: readonly RuleVisit[], today: string, window: VisitWindow = DEFAULT_VISIT_WINDOW): TargetVisitStatus[] {
  const last = new Map<string, string>();
  for (const v of visits) {
    if (v.visitedOn > today) continue;
    const k = `${v.contractId}|${v.targetId}`;
    const prev = last.get(k);
    if (prev === undefined || v.visitedOn > prev) last.set(k, v.visitedOn);
  }
  const out: TargetVisitStatus[] = [];
  for (const c of contracts) {
    if (!contractActiveOn(c, today)) continue;
    for (const t of c.targets) {
      const seen = last.get(`${c.id}|${t.id}`);
      const lastVisitOn = seen !== undefined && seen >= c.validFrom ? seen : null;
      const dueBy = visitDueBy(lastVisitOn ?? c.validFrom, window);
      const late = daysBetween(dueBy, today);
      out.push({
        contractId: c.id,
        personId: c.personId,
        targetId: t.id,
        lastVisitOn,
        daysSinceLastVisit: lastVisitOn === null ? null : daysBetween(lastVisitOn, today),
        dueBy,
        overdue: late > 0,
        daysOverdue: Math.max(0, late),
      });
    }
  }
  return out;
}

/** The overdue rows of `contractVisitStatus`, longest overdue first. */
export function overdueTargets(contracts: readonly RuleContract[], visits: readonly RuleVisit[], today: string, window: VisitWindow = DEFAULT_VISIT_WINDOW): TargetVisitStatus[] {
  return contractVisitStatus(contracts, visits, today, window)
    .filter((s) => s.overdue)
    .sort((a, b) => b.daysOverdue - a.daysOverdue);
}

/* ------------------------------------------------------------------ who records visits */

/**
 * Who may record a visit (the role must also hold 'contract.visit'): the office and township/village
 * cadres record for the contracted person (the person record need not have a login); a member-unit
 * officer or inspector only for assignments of the person their own login is linked to
 * (app_user.person_id). Leaders (read-only) and machines never.
 */
export function mayRecordVisit(role: string, actorPersonId: string | null, contractPersonId: string): boolean {
  if (role === 'admin' || role === 'office' || role === 'cadre') return true;
  if (role === 'member_unit' || role === 'inspector') return actorPersonId !== null && actorPersonId === contractPersonId;
  return false;
}

/* ------------------------------------------------------------------ response shapes */

export const contractTargetSchema = z.object({
  id: z.string(),
  kind: z.enum(CONTRACT_TARGET_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  siteKind: z.enum(SITE_KINDS).nullable(),
  lastVisitOn: z.string().nullable(),
  daysSinceLastVisit: z.number().nullable(),
  /** Null when the assignment is not in force today. */
  dueBy: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number(),
});
export type ContractTarget = z.infer<typeof contractTargetSchema>;

export const contractPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string(),
  unitName: z.string().nullable(),
  regionCode: z.string(),
});

export const contractSchema = z.object({
  id: z.string(),
  /** The smallest region holding every target: who may see the assignment. */
  regionCode: z.string(),
  regionName: z.string(),
  person: contractPersonSchema,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string(),
  ended: z.object({ on: z.string(), reason: z.string(), at: z.string() }).nullable(),
  active: z.boolean(),
  overdue: z.boolean(),
  targets: z.array(contractTargetSchema),
  /** Whether the caller may record a visit (see mayRecordVisit). */
  mayRecordVisit: z.boolean(),
  createdAt: z.string(),
});
export type Contract = z.infer<typeof contractSchema>;

export const visitSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  targetId: z.string(),
  visitedOn: z.string(),
  method: z.enum(VISIT_METHODS),
  location: z.object({ lon: z.number(), lat: z.number(), accuracyM: z.number().nullable() }).nullable(),
  notes: z.string(),
  photoFileIds: z.array(z.string()),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type Visit = z.infer<typeof visitSchema>;

export const overdueRowSchema = z.object({
  contractId: z.string(),
  person: contractPersonSchema,
  target: contractTargetSchema.pick({ id: true, kind: true, regionCode: true, regionName: true, siteId: true, siteName: true, siteKind: true }),
  /** The target's region. */
  regionCode: z.string(),
  lastVisitOn: z.string().nullable(),
  daysSinceLastVisit: z.number().nullable(),
  dueBy: z.string(),
  daysOverdue: z.number(),
});
export type OverdueRow = z.infer<typeof overdueRowSchema>;

export const overdueListSchema = z.object({
  asOf: z.string(),
  window: z.union([z.object({ months: z.number() }), z.object({ days: z.number() })]),
  items: z.array(overdueRowSchema),
});
export type OverdueList = z.infer<typeof overdueListSchema>;
