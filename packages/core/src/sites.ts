import { z } from 'zod';
import { freeText } from './org.js';

type Label = { zh: string; en: string };

/** S1: kinds of supervised object (监管对象), one registry for all ("一矿一档"). */
export const SITE_KINDS = [
  'licensed_mine',
  'abandoned_mine',
  'illegal_point',
  'tailings_pond',
  'tailing_pit',
  'dump_site',
  'temporary_land',
  'protected_area',
  'green_mine_entry',
  'camera',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
export const siteKindLabel: Record<SiteKind, Label> = {
  licensed_mine: { zh: '有证矿山', en: 'Licensed mine' },
  abandoned_mine: { zh: '废弃矿井', en: 'Abandoned/closed mine or shaft' },
  illegal_point: { zh: '盗采点', en: 'Illegal mining point' },
  tailings_pond: { zh: '尾矿库', en: 'Tailings pond' },
  tailing_pit: { zh: '尾矿坑', en: 'Tailing pit' },
  dump_site: { zh: '排土场/排矸场', en: 'Dump site' },
  temporary_land: { zh: '临时用地', en: 'Temporary land use' },
  protected_area: { zh: '保护区/水源地', en: 'Protected / water-source area' },
  green_mine_entry: { zh: '绿色矿山名录', en: 'Green-mine list entry' },
  camera: { zh: '监控点位', en: 'Camera position' },
};

/** S4: mine lifecycle. */
export const MINE_STATUSES = ['producing', 'suspended', 'closed', 'expired', 'cancelled'] as const;
export type MineStatus = (typeof MINE_STATUSES)[number];
export const mineStatusLabel: Record<MineStatus, Label> = {
  producing: { zh: '生产', en: 'Producing' },
  suspended: { zh: '停产整顿', en: 'Suspended' },
  closed: { zh: '取缔关闭', en: 'Closed / banned' },
  expired: { zh: '过期', en: 'Expired' },
  cancelled: { zh: '注销', en: 'Cancelled' },
};

export const MINING_METHODS = ['open_pit', 'underground', 'combined'] as const;
export const miningMethodLabel: Record<(typeof MINING_METHODS)[number], Label> = {
  open_pit: { zh: '露天', en: 'Open pit' },
  underground: { zh: '井工(地下)', en: 'Underground' },
  combined: { zh: '联合', en: 'Combined' },
};

/** 001 §五.(一).1 and §六 stage 2: categories of abandoned gold-mine shafts. */
export const CLOSURE_CATEGORIES = ['policy_closure', 'protected_area_exit', 'normal_closure', 'illegal_point'] as const;
export type ClosureCategory = (typeof CLOSURE_CATEGORIES)[number];
export const closureCategoryLabel: Record<ClosureCategory, Label> = {
  policy_closure: { zh: '政策性关闭', en: 'Policy closure' },
  protected_area_exit: { zh: '保护地内退出', en: 'Exit from a protected area' },
  normal_closure: { zh: '正常关闭', en: 'Normal closure' },
  illegal_point: { zh: '盗采点', en: 'Illegal mining point' },
};

export const SEALING_STATUSES = ['unsealed', 'sealed', 'incomplete'] as const;
export type SealingStatus = (typeof SEALING_STATUSES)[number];
export const sealingStatusLabel: Record<SealingStatus, Label> = {
  unsealed: { zh: '未封堵', en: 'Not sealed' },
  sealed: { zh: '已封堵', en: 'Sealed' },
  incomplete: { zh: '封堵不彻底', en: 'Incompletely sealed, reseal' },
};

const day = z.iso.date();
const name = (max = 200) => freeText(max);
const nonNeg = z.number().finite().min(0);

/** Attributes per kind, validated before anything is stored. */
export const siteAttributesSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('licensed_mine'),
    licenceNo: name(60).pipe(z.string().min(1)),
    holder: name().pipe(z.string().min(1)),
    mineral: name(60).pipe(z.string().min(1)),
    method: z.enum(MINING_METHODS),
    scale: z.enum(['large', 'medium', 'small']).nullable().default(null),
    validFrom: day.nullable().default(null),
    validTo: day.nullable().default(null),
    /** Licensed area as printed on the licence, km². */
    licensedAreaKm2: nonNeg.nullable().default(null),
    /** 开采标高, metres above sea level: top ≥ bottom. */
    elevationTop: z.number().finite().nullable().default(null),
    elevationBottom: z.number().finite().nullable().default(null),
    status: z.enum(MINE_STATUSES).default('producing'),
  }),
  z.strictObject({
    kind: z.literal('abandoned_mine'),
    category: z.enum(CLOSURE_CATEGORIES),
    shaftCount: z.number().int().min(1).default(1),
    rightHolder: name().nullable().default(null),
    /** The party fixed at policy closure / protected-area exit (治理责任主体), when one was. */
    partyFixedAtClosure: name().nullable().default(null),
    closedOn: day.nullable().default(null),
    sealingStatus: z.enum(SEALING_STATUSES).default('unsealed'),
  }),
  z.strictObject({
    kind: z.literal('illegal_point'),
    mineral: name(60).nullable().default(null),
    discoveredOn: day.nullable().default(null),
    sealingStatus: z.enum(SEALING_STATUSES).default('unsealed'),
  }),
  z.strictObject({
    kind: z.literal('tailings_pond'),
    enterprise: name().nullable().default(null),
    /** 全库容, 10⁴ m³ (万m³). */
    capacity10kM3: nonNeg,
    /** 坝高, metres. */
    damHeightM: nonNeg,
    safetyStatus: z.enum(['normal', 'ill', 'dangerous', 'critical']).default('normal'),
  }),
  z.strictObject({
    kind: z.literal('tailing_pit'),
    owned: z.boolean(),
    owner: name().nullable().default(null),
    areaMu: nonNeg.nullable().default(null),
    damagedForestGrassMu: nonNeg.nullable().default(null),
    restoration: z.enum(['not_started', 'in_progress', 'completed']).default('not_started'),
  }),
  z.strictObject({
    kind: z.literal('dump_site'),
    type: z.enum(['soil', 'gangue']),
    approved: z.boolean(),
    approvedElevationTop: z.number().finite().nullable().default(null),
    currentElevationTop: z.number().finite().nullable().default(null),
  }),
  z.strictObject({
    kind: z.literal('temporary_land'),
    approvalNo: name(60).nullable().default(null),
    // 用地单位: the overlay attributes approvals to a holder (批东占西 compares a patch's holder with it).
    holder: name(100).nullable().default(null),
    approvedFrom: day.nullable().default(null),
    approvedTo: day.nullable().default(null),
    reclaimed: z.boolean().default(false),
    returned: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('protected_area'),
    category: z.enum(['nature_reserve', 'water_source', 'scenic_area', 'forest_park', 'other']),
    level: z.enum(['national', 'provincial', 'prefecture', 'county']).nullable().default(null),
  }),
  z.strictObject({
    kind: z.literal('green_mine_entry'),
    listLevel: z.enum(['national', 'provincial']),
    listedOn: day.nullable().default(null),
    removedOn: day.nullable().default(null),
    removalReason: name(500).nullable().default(null),
  }),
  z.strictObject({
    kind: z.literal('camera'),
    deviceId: name(100).pipe(z.string().min(1)),
    heightM: nonNeg.nullable().default(null),
    /** Direction of view, degrees clockwise from north. */
    azimuthDeg: z.number().min(0).max(360).nullable().default(null),
    rangeM: nonNeg.nullable().default(null),
  }),
]).superRefine((a, ctx) => {
  if (a.kind === 'licensed_mine') {
    if (a.elevationTop !== null && a.elevationBottom !== null && a.elevationTop < a.elevationBottom) {
      ctx.addIssue({ code: 'custom', path: ['elevationBottom'], message: '开采标高: the bottom elevation is above the top' });
    }
    if (a.validFrom && a.validTo && a.validTo < a.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validity ends before it starts' });
  }
  if (a.kind === 'tailing_pit' && a.owned && !a.owner) ctx.addIssue({ code: 'custom', path: ['owner'], message: '有主尾矿坑 needs its owner' });
  if (a.kind === 'temporary_land' && a.approvedFrom && a.approvedTo && a.approvedTo < a.approvedFrom) {
    ctx.addIssue({ code: 'custom', path: ['approvedTo'], message: 'approval ends before it starts' });
  }
});
export type SiteAttributes = z.infer<typeof siteAttributesSchema>;

export type SealingParty = 'right_holder' | 'fixed_at_closure' | 'county_government';

export interface SealingResponsibility {
  party: SealingParty;
  /** The named party, when the data names one; for the county government, null (the county of the site). */
  name: string | null;
  /** Policy closure / protected-area exit with no party fixed: the county government must name one. */
  awaitingDesignation: boolean;
  /** Whether (re)sealing is still to be done: unsealed, or 封堵不彻底. */
  sealingDue: boolean;
  /** The sentence of seed 001 §六 stage 2 the answer rests on. */
  basis: string;
}

/**
 * S2, from 001 §六 第二阶段: 正常关闭 → the mining-right holder ("谁破坏、谁治理"); 政策性关闭 /
 * 保护地内退出 → the party fixed at closure, or, if none was fixed, the county government names one;
 * 盗采点 → the county government ("发现一处封堵一处"). 封堵不彻底 means it must be sealed again.
 */
export function sealingResponsibility(site: Extract<SiteAttributes, { kind: 'abandoned_mine' | 'illegal_point' }>): SealingResponsibility {
  const sealingDue = site.sealingStatus !== 'sealed';
  const category: ClosureCategory = site.kind === 'illegal_point' ? 'illegal_point' : site.category;
  switch (category) {
    case 'normal_closure':
      return {
        party: 'right_holder',
        name: site.kind === 'abandoned_mine' ? site.rightHolder : null,
        awaitingDesignation: false,
        sealingDue,
        basis: '对正常关闭金矿的废弃矿井，按照“谁破坏、谁治理”的原则，由矿业权人予以封堵',
      };
    case 'policy_closure':
    case 'protected_area_exit': {
      const fixed = site.kind === 'abandoned_mine' ? site.partyFixedAtClosure : null;
      return {
        party: fixed ? 'fixed_at_closure' : 'county_government',
        name: fixed,
        awaitingDesignation: !fixed,
        sealingDue,
        basis: '对政策性关闭、保护地内退出金矿的废弃矿井，由关闭、退出时确定的治理责任主体予以封堵，未明确治理责任主体的，由县市人民政府明确后，由治理责任主体予以封堵',
      };
    }
    case 'illegal_point':
      return { party: 'county_government', name: null, awaitingDesignation: false, sealingDue, basis: '对盗采点，由县市人民政府负责，发现一处封堵一处' };
  }
}

/** "三不留" (004): an expired or cancelled mine leaves no personnel, equipment or buildings. */
export const threeNoRemainSchema = z.strictObject({
  noPersonnel: z.boolean(),
  noEquipment: z.boolean(),
  noBuildings: z.boolean(),
  checkedOn: day,
  evidenceFileIds: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 file id')).min(1, 'at least one photo or document as evidence'),
});
export type ThreeNoRemain = z.infer<typeof threeNoRemainSchema>;
export const threeNoRemainPassed = (c: ThreeNoRemain) => c.noPersonnel && c.noEquipment && c.noBuildings;

/**
 * 尾矿库等别 from total capacity (万m³) and dam height (m): each gives a grade (一等 = 1 … 五等 = 5)
 * by the thresholds 50000/10000/1000/100 万m³ and 200/100/60/30 m; when the two differ by one the
 * higher grade (smaller number) holds, when they differ by more the higher grade lowered by one.
 */
export function tailingsPondGrade(capacity10kM3: number, damHeightM: number): 1 | 2 | 3 | 4 | 5 {
  const byV = capacity10kM3 >= 50000 ? 1 : capacity10kM3 >= 10000 ? 2 : capacity10kM3 >= 1000 ? 3 : capacity10kM3 >= 100 ? 4 : 5;
  const byH = damHeightM >= 200 ? 1 : damHeightM >= 100 ? 2 : damHeightM >= 60 ? 3 : damHeightM >= 30 ? 4 : 5;
  const hi = Math.min(byV, byH);
  const gap = Math.abs(byV - byH);
  return (gap <= 1 ? hi : hi + 1) as 1 | 2 | 3 | 4 | 5;
}

const position = z.tuple([z.number().finite(), z.number().finite()]).rest(z.number().finite());
const ring = z.array(position).max(100_000);
/** GeoJSON geometry of a site, lon/lat degrees (structure only; the geo package checks rings and extent). */
export const siteGeometrySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Point'), coordinates: position }),
  z.strictObject({ type: z.literal('MultiPoint'), coordinates: z.array(position).min(1).max(10_000) }),
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(1000) }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1).max(1000)).min(1).max(1000) }),
]);
export type SiteGeometry = z.infer<typeof siteGeometrySchema>;

export const siteInputSchema = z.strictObject({
  regionCode: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, 'region code must be a GB/T 2260 code of 6, 9 or 12 digits'),
  name: freeText(200).pipe(z.string().min(1)),
  attributes: siteAttributesSchema,
  geometry: siteGeometrySchema.nullable().default(null),
});
export type SiteInput = z.infer<typeof siteInputSchema>;

/** A change to a site; `version` is the one the editor saw, so a concurrent edit is a 409, not a silent overwrite. */
export const siteUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  name: freeText(200).pipe(z.string().min(1)).optional(),
  attributes: siteAttributesSchema.optional(),
  geometry: siteGeometrySchema.nullable().optional(),
});
export type SiteUpdate = z.infer<typeof siteUpdateSchema>;

export const siteSummarySchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  kind: z.enum(SITE_KINDS),
  name: z.string(),
  status: z.string().nullable(),
  areaM2: z.number().nullable(),
  areaMu: z.number().nullable(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type SiteSummary = z.infer<typeof siteSummarySchema>;

export const siteDetailSchema = siteSummarySchema.extend({
  attributes: z.record(z.string(), z.unknown()),
  geometry: z.unknown().nullable(),
  sealing: z
    .object({ party: z.enum(['right_holder', 'fixed_at_closure', 'county_government']), name: z.string().nullable(), awaitingDesignation: z.boolean(), sealingDue: z.boolean(), basis: z.string() })
    .nullable(),
  tailingsGrade: z.number().nullable(),
});
export type SiteDetail = z.infer<typeof siteDetailSchema>;

/** The status a list shows for a site: lifecycle for mines, sealing for shafts and points, safety for ponds. */
/** 1 亩 in m² (10000/15), for figures computed outside the geo package. */
export const M2_PER_MU_VALUE = 10000 / 15;

export function siteStatus(a: SiteAttributes): string | null {
  switch (a.kind) {
    case 'licensed_mine':
      return a.status;
    case 'abandoned_mine':
    case 'illegal_point':
      return a.sealingStatus;
    case 'tailings_pond':
      return a.safetyStatus;
    case 'tailing_pit':
      return a.restoration;
    case 'temporary_land':
      return a.returned ? 'returned' : a.reclaimed ? 'reclaimed' : 'in_use';
    case 'green_mine_entry':
      return a.removedOn ? 'removed' : 'listed';
    default:
      return null;
  }
}
