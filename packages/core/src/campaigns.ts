import { z } from 'zod';
import { CHECKLISTS, HAZARD_LEDGER_TYPES } from './checklists.js';
import { RANKS, freeText } from './org.js';
import { regionCodeSchema } from './region.js';

type Label = { zh: string; en: string };

/**
 * P1: a campaign as data. Each seed document loads as one campaign exactly as printed
 * (`campaigns/seed00N.campaign.ts`); a campaign set up in the app has the same shape.
 *
 * Conventions: `printed` fields hold the document's own words (layout line breaks joined), so a
 * reader can find them in the source; `section` says where (e.g. "六.第一阶段", "四.(二)").
 * Dates are ISO yyyy-mm-dd calendar days in China time. When the document prints only a month
 * ("2022 年 4 月—7 月") a phase runs from the first to the last day of those months; "N月底" is the
 * last day of month N; derivations that are not printed are said so in `notes`.
 */

export const CAMPAIGN_KINDS = ['campaign', 'standing_mechanism'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const campaignKindLabel: Record<CampaignKind, Label> = {
  campaign: { zh: '专项行动', en: 'Campaign' },
  standing_mechanism: { zh: '常态化工作机制', en: 'Standing mechanism' },
};

/** What the seeds ask of every mine (002 "一矿一案建档", 004 "一矿一策、一矿一方案、一矿一责任人"). */
export const PER_MINE_REQUIREMENTS = ['one_case_file', 'one_policy', 'one_plan', 'one_responsible'] as const;
export type PerMineRequirement = (typeof PER_MINE_REQUIREMENTS)[number];
export const perMineRequirementLabel: Record<PerMineRequirement, Label> = {
  one_case_file: { zh: '一矿一案', en: 'One case file per mine' },
  one_policy: { zh: '一矿一策', en: 'One policy per mine' },
  one_plan: { zh: '一矿一方案', en: 'One rectification plan per mine' },
  one_responsible: { zh: '一矿一责任人', en: 'One responsible person per mine' },
};

/** L6: measures a campaign rule may attach to a problem. */
export const PENALTY_KINDS = [
  'fine',
  'daily_continuous_fine',
  'suspend_new_faces',
  'suspend_licence_extension',
  'suspend_land_application',
  'suspend_coal_sales',
  'credit_record',
  'green_list_removal',
  'third_party_restoration',
  'case_filed',
  'judicial_referral',
  'listed_supervision',
] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const penaltyKindLabel: Record<PenaltyKind, Label> = {
  fine: { zh: '高限处罚（罚款）', en: 'Fine (upper limit)' },
  daily_continuous_fine: { zh: '按日连续处罚', en: 'Daily continuous fine' },
  suspend_new_faces: { zh: '暂停新增开采面', en: 'No new mining faces' },
  suspend_licence_extension: { zh: '停止办理采矿许可证延续', en: 'Licence extension suspended' },
  suspend_land_application: { zh: '停止办理用地申报', en: 'Land applications suspended' },
  suspend_coal_sales: { zh: '停止办理煤炭准销', en: 'Coal sales permits suspended' },
  credit_record: { zh: '录入信用信息平台、联合惩戒', en: 'Credit record and joint punishment' },
  green_list_removal: { zh: '移出绿色矿山建设名录', en: 'Removed from the green-mine list' },
  third_party_restoration: { zh: '委托第三方先行修复、依法追偿', en: 'Third-party restoration, cost recovered' },
  case_filed: { zh: '立案查处', en: 'Case filed' },
  judicial_referral: { zh: '移送司法机关', en: 'Referred to the judiciary' },
  listed_supervision: { zh: '挂牌督办', en: 'Listed for supervision' },
};

/** When a penalty rule applies to a problem. */
export const PENALTY_TRIGGERS = ['on_finding', 'overdue', 'not_reclaimed', 'refuses_restoration', 'crime_suspected', 'serious_case'] as const;
export type PenaltyTrigger = (typeof PENALTY_TRIGGERS)[number];
export const penaltyTriggerLabel: Record<PenaltyTrigger, Label> = {
  on_finding: { zh: '查实即处罚', en: 'When the violation is established' },
  overdue: { zh: '超出整改期限', en: 'Past the rectification deadline' },
  not_reclaimed: { zh: '未按要求完成复垦还地', en: 'Land not reclaimed and returned' },
  refuses_restoration: { zh: '拒不履行恢复治理责任', en: 'Refuses to restore' },
  crime_suspected: { zh: '涉嫌犯罪', en: 'Crime suspected' },
  serious_case: { zh: '造成生态环境严重破坏、屡查屡犯、社会影响恶劣', en: 'Serious, repeated or notorious case' },
};

export const WORK_GROUP_KINDS = ['work_group', 'supervision_group', 'task_force'] as const;

const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'key: lower-case letters, digits and _');
const day = z.iso.date();
const printed = (max = 2000) => freeText(max).pipe(z.string().min(1));
const label = z.strictObject({ zh: printed(500), en: printed(500) });

export const phaseSchema = z.strictObject({
  key: slug,
  /** 1, 2, …: "第一阶段" / "（一）". */
  ordinal: z.number().int().min(1),
  name: printed(100),
  en: printed(200),
  start: day,
  end: day,
  /** The heading as printed, with its dates. */
  printed: printed(300),
  /** True when the start date is not printed but follows from the previous phase (see `notes`). */
  startDerived: z.boolean().default(false),
});
export type Phase = z.infer<typeof phaseSchema>;

/** Something due from someone by a date (P1: "who has submitted, who is late"). */
export const dueItemSchema = z.strictObject({
  key: slug,
  /** The phase whose paragraph prints it, or whose dates contain it when it is printed elsewhere. */
  phaseKey: slug.nullable(),
  what: printed(300),
  en: printed(300),
  /** Who must deliver, as printed ("各县市"). */
  from: printed(200),
  /** To whom, as printed; null when not printed. */
  to: freeText(200).nullable(),
  /** Null when the document sets no date ("及时上报"). */
  dueBy: day.nullable(),
  printed: printed(500),
  section: printed(50),
  workGroupKey: slug.nullable().default(null),
});
export type DueItem = z.infer<typeof dueItemSchema>;

export const workGroupSchema = z.strictObject({
  key: slug,
  /** The coordination body in the seed's organisation data (`seeds/seedNNN.ts`) or in the database. */
  bodyKey: slug,
  name: printed(300),
  kind: z.enum(WORK_GROUP_KINDS),
  /** Districts a supervision group is stationed in. */
  districtCodes: z.array(regionCodeSchema).default([]),
});
export type CampaignWorkGroup = z.infer<typeof workGroupSchema>;

/** L1/L3: one problem type of a campaign's taxonomy. */
export const problemTypeSchema = z.strictObject({
  code: slug,
  /** The type as a ledger writes it; for printed lists, the printed words. */
  name: printed(200),
  en: printed(300),
  workGroupKey: slug.nullable(),
  section: printed(50),
  printed: printed(1000),
  /** Other ways officials write the same type (matched after normalisation, see ledger-import.ts). */
  aliases: z.array(printed(200)).default([]),
  /** A deadline limit for this type that differs from the campaign's (e.g. 排土场 problems by 2022-06-30). */
  deadlineLimit: day.nullable().default(null),
  deadlineBasis: freeText(500).nullable().default(null),
  /** A 001 hazard ledger this type is kept in, with its own fields. */
  hazardLedger: z.enum(HAZARD_LEDGER_TYPES).nullable().default(null),
});
export type ProblemType = z.infer<typeof problemTypeSchema>;

/** L6: "where a campaign rule says so" — which measures apply to which problems, and when. */
export const penaltyRuleSchema = z.strictObject({
  kind: z.enum(PENALTY_KINDS),
  trigger: z.enum(PENALTY_TRIGGERS),
  /** Problem types the rule covers; empty = every type of `workGroupKey`, or of the campaign when that is null too. */
  problemTypeCodes: z.array(slug).default([]),
  workGroupKey: slug.nullable().default(null),
  /** The measure lasts until the problem is rectified ("直至整改到位"). */
  untilRectified: z.boolean().default(false),
  section: printed(50),
  printed: printed(1000),
});
export type PenaltyRule = z.infer<typeof penaltyRuleSchema>;

export const campaignRulesSchema = z.strictObject({
  /** No problem deadline may be later than this ("整改时限不得超过 2022 年 12 月 31 日"). */
  deadlineLimit: day.nullable(),
  deadlineBasis: freeText(500).nullable(),
  /** The responsible person must hold at least this rank ("至少为旗区副科级以上实职分管领导"). */
  minResponsibleRank: z.enum(RANKS).nullable(),
  rankBasis: freeText(500).nullable(),
  /** 开采方式、矿种 must be written "方式+矿种" ("露天/井工+煤矿/石灰石/..."). */
  methodFormat: z.strictObject({ example: printed(100), printed: printed(300) }).nullable(),
  /**
   * Every problem's type is a taxonomy code; this is the printed rule behind the list, if any
   * ("问题类型须表述详细，如…").
   */
  typeBasis: freeText(1000).nullable(),
  /** Every problem names its responsible person and a contact. */
  requireResponsibleContact: z.boolean(),
  /** At most one responsible person per mine ("一矿一责任人"). */
  singleResponsiblePerson: z.boolean(),
  penalties: z.array(penaltyRuleSchema).default([]),
});
export type CampaignRules = z.infer<typeof campaignRulesSchema>;

export const targetSchema = z.strictObject({
  key: slug,
  what: printed(300),
  en: printed(300),
  count: z.number().int().min(1),
  unit: printed(10),
  dueBy: day.nullable(),
  printed: printed(500),
  section: printed(50),
});
export type CampaignTarget = z.infer<typeof targetSchema>;

/** L7: a per-mine stage (004: 查清现状 … 后续管理). */
export const stageSchema = z.strictObject({ code: slug, name: printed(50), en: printed(100) });
export type CampaignStage = z.infer<typeof stageSchema>;

/** O7: "at least every N months" obligations printed in a campaign. */
export const campaignCadenceSchema = z.strictObject({
  key: slug,
  what: printed(200),
  en: printed(300),
  who: printed(200),
  everyMonths: z.number().int().min(1).max(24),
  printed: printed(500),
  section: printed(50),
});
export type CampaignCadence = z.infer<typeof campaignCadenceSchema>;

/** A standing order of the campaign (e.g. 004 "两个暂停"). */
export const orderSchema = z.strictObject({ key: slug, zh: printed(500), en: printed(500), section: printed(50) });

/** L4: a ledger form (002 附件1): title, the group line, the columns in order and the notes under the table. */
export const ledgerTemplateSchema = z.strictObject({
  id: slug,
  title: printed(200),
  groupLabel: printed(50),
  columns: z.array(printed(50)).min(1).max(30),
  notes: z.array(printed(500)),
  section: printed(50),
});
export type LedgerTemplate = z.infer<typeof ledgerTemplateSchema>;

/** P4: a report outline (002 附件2): headings by level with the prescribed fonts. */
export const reportTemplateSchema = z.strictObject({
  id: slug,
  title: printed(200),
  titleFont: printed(100),
  headings: z.array(z.strictObject({ level: z.number().int().min(1).max(3), text: printed(200), font: printed(100) })),
  section: printed(50),
});
export type ReportTemplate = z.infer<typeof reportTemplateSchema>;

export const campaignDutySchema = z.strictObject({
  section: printed(50),
  title: printed(200),
  content: printed(5000),
  leadUnitKeys: z.array(slug),
  cooperatingUnitKeys: z.array(slug),
});

export const campaignSchema = z
  .strictObject({
    key: slug,
    /** Seed file the campaign is printed in; null for campaigns set up in the app. */
    seed: z.string().max(100).nullable(),
    kind: z.enum(CAMPAIGN_KINDS),
    /** The campaign's name as printed. */
    name: printed(300),
    en: printed(300),
    /** The title of the document that sets it up. */
    documentTitle: printed(300),
    /** 发文字号, when printed. */
    docNo: freeText(100).nullable(),
    issuedOn: day.nullable(),
    /** Issuing bodies exactly as printed; empty when the document prints none. */
    issuers: z.array(printed(100)),
    regionCode: regionCodeSchema,
    /** Regions the campaign covers (the issuing region, or named districts). */
    scopeCodes: z.array(regionCodeSchema).min(1),
    /** Body keys in the seed organisation data: the lead body and the office that signs off. */
    leadBodyKey: slug.nullable(),
    officeBodyKey: slug.nullable(),
    period: z.strictObject({ start: day.nullable(), end: day.nullable(), printed: freeText(300).nullable() }),
    phases: z.array(phaseSchema),
    dueItems: z.array(dueItemSchema),
    workGroups: z.array(workGroupSchema),
    taxonomy: z.array(problemTypeSchema).min(1),
    rules: campaignRulesSchema,
    targets: z.array(targetSchema),
    stages: z.array(stageSchema),
    perMine: z.array(z.enum(PER_MINE_REQUIREMENTS)),
    perMinePrinted: freeText(300).nullable(),
    checklistId: z.string().max(60).nullable(),
    cadences: z.array(campaignCadenceSchema),
    orders: z.array(orderSchema),
    duties: z.array(campaignDutySchema),
    templates: z.strictObject({ ledger: ledgerTemplateSchema.nullable(), report: reportTemplateSchema.nullable() }),
    /** Derivations and readings that are not printed verbatim, each with its reason. */
    notes: z.array(label),
  })
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unique = (keys: string[], path: string) => {
      const seen = new Set<string>();
      keys.forEach((k, i) => {
        if (seen.has(k)) issue([path, i], `duplicate key ${k}`);
        seen.add(k);
      });
      return seen;
    };
    const phases = unique(c.phases.map((p) => p.key), 'phases');
    const groups = unique(c.workGroups.map((g) => g.key), 'workGroups');
    const types = unique(c.taxonomy.map((t) => t.code), 'taxonomy');
    unique(c.dueItems.map((d) => d.key), 'dueItems');
    unique(c.targets.map((t) => t.key), 'targets');
    unique(c.stages.map((s) => s.code), 'stages');
    unique(c.cadences.map((s) => s.key), 'cadences');
    unique(c.taxonomy.map((t) => t.name), 'taxonomy');
    const { start, end } = c.period;
    if (start && end && end < start) issue(['period', 'end'], 'the campaign ends before it starts');
    c.phases.forEach((p, i) => {
      if (p.end < p.start) issue(['phases', i, 'end'], `phase ${p.key} ends before it starts`);
      if (p.ordinal !== i + 1) issue(['phases', i, 'ordinal'], 'phases are numbered 1, 2, … in order');
      const prev = c.phases[i - 1];
      if (prev && p.start <= prev.end) issue(['phases', i, 'start'], `phase ${p.key} overlaps ${prev.key}`);
      if (start && p.start < start) issue(['phases', i, 'start'], `phase ${p.key} starts before the campaign`);
      if (end && p.end > end) issue(['phases', i, 'end'], `phase ${p.key} ends after the campaign`);
    });
    c.dueItems.forEach((d, i) => {
      if (d.phaseKey !== null && !phases.has(d.phaseKey)) issue(['dueItems', i, 'phaseKey'], `no phase ${d.phaseKey}`);
      if (d.workGroupKey !== null && !groups.has(d.workGroupKey)) issue(['dueItems', i, 'workGroupKey'], `no work group ${d.workGroupKey}`);
    });
    c.taxonomy.forEach((t, i) => {
      if (t.workGroupKey !== null && !groups.has(t.workGroupKey)) issue(['taxonomy', i, 'workGroupKey'], `no work group ${t.workGroupKey}`);
      if ((t.deadlineLimit === null) !== (t.deadlineBasis === null)) issue(['taxonomy', i, 'deadlineBasis'], 'a type deadline limit states its basis');
    });
    c.rules.penalties.forEach((p, i) => {
      p.problemTypeCodes.forEach((code, j) => {
        if (!types.has(code)) issue(['rules', 'penalties', i, 'problemTypeCodes', j], `no problem type ${code}`);
      });
      if (p.workGroupKey !== null && !groups.has(p.workGroupKey)) issue(['rules', 'penalties', i, 'workGroupKey'], `no work group ${p.workGroupKey}`);
    });
    if ((c.rules.deadlineLimit === null) !== (c.rules.deadlineBasis === null)) issue(['rules', 'deadlineBasis'], 'a deadline limit states its basis');
    if ((c.rules.minResponsibleRank === null) !== (c.rules.rankBasis === null)) issue(['rules', 'rankBasis'], 'a rank rule states its basis');
    if (c.checklistId !== null && !(c.checklistId in CHECKLISTS)) issue(['checklistId'], `no checklist ${c.checklistId}`);
    if (c.perMine.length > 0 && !c.perMinePrinted) issue(['perMinePrinted'], 'per-mine requirements state where they are printed');
    if (c.kind === 'campaign' && !end) issue(['period', 'end'], 'a campaign (not a standing mechanism) has an end date');
  });
export type Campaign = z.infer<typeof campaignSchema>;
/** The campaign as written in data files (defaults not yet applied). */
export type CampaignData = z.input<typeof campaignSchema>;

// ---------- rules read from a campaign ----------

/** A problem type of the campaign by code, or undefined. */
export function problemTypeOf(campaign: Campaign, code: string): ProblemType | undefined {
  return campaign.taxonomy.find((t) => t.code === code);
}

/**
 * The latest deadline a problem of this type may have: the type's own limit when the document sets
 * one for it (it is the more specific rule), else the campaign's; null = no limit.
 */
export function deadlineLimitFor(campaign: Campaign, typeCode: string | null): { limit: string; basis: string } | null {
  const type = typeCode === null ? undefined : problemTypeOf(campaign, typeCode);
  if (type?.deadlineLimit) return { limit: type.deadlineLimit, basis: type.deadlineBasis ?? '' };
  if (campaign.rules.deadlineLimit) return { limit: campaign.rules.deadlineLimit, basis: campaign.rules.deadlineBasis ?? '' };
  return null;
}

/** The penalty rules that cover a problem of this type (and work group) under a given trigger. */
export function penaltyRulesFor(campaign: Campaign, typeCode: string, trigger?: PenaltyTrigger): PenaltyRule[] {
  const type = problemTypeOf(campaign, typeCode);
  return campaign.rules.penalties.filter((r) => {
    if (trigger && r.trigger !== trigger) return false;
    if (r.problemTypeCodes.length > 0) return r.problemTypeCodes.includes(typeCode);
    if (r.workGroupKey !== null) return type?.workGroupKey === r.workGroupKey;
    return true;
  });
}

/** The phase a date falls in, or null (before, after or between phases). */
export function phaseOn(campaign: Campaign, date: string): Phase | null {
  return campaign.phases.find((p) => p.start <= date && date <= p.end) ?? null;
}

/**
 * The calendar year a date printed without one ("12月底", "6月5日") belongs to: the campaign's
 * start year, or the next year when that month lies before the start month and the campaign runs
 * into the next year (001: April 2022 – March 2023, so "2月底" is February 2023). Falls back to
 * the issue year, then the end year.
 */
export function yearForMonth(campaign: Pick<Campaign, 'period' | 'issuedOn'>, month: number): number | null {
  const start = campaign.period.start ?? campaign.issuedOn;
  const end = campaign.period.end;
  if (!start) return end ? Number(end.slice(0, 4)) : null;
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  if (month < m && end && Number(end.slice(0, 4)) > y) return y + 1;
  return y;
}

export interface DueStatus {
  item: DueItem;
  /** Submitted on (ISO date), if so. */
  submittedOn: string | null;
  state: 'submitted' | 'submitted_late' | 'pending' | 'late' | 'no_date';
  daysLate: number;
}

/**
 * P1: the state of one due item for one submitter, on `today`: submitted (on time or late), still
 * pending before the date, late (not submitted after the date), or no date set. The due day itself
 * still counts as on time.
 */
export function dueStatus(item: DueItem, submittedOn: string | null, today: string): DueStatus {
  const days = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000);
  if (item.dueBy === null) return { item, submittedOn, state: submittedOn ? 'submitted' : 'no_date', daysLate: 0 };
  if (submittedOn) {
    const late = days(submittedOn, item.dueBy);
    return { item, submittedOn, state: late > 0 ? 'submitted_late' : 'submitted', daysLate: Math.max(0, late) };
  }
  const late = days(today, item.dueBy);
  return { item, submittedOn, state: late > 0 ? 'late' : 'pending', daysLate: Math.max(0, late) };
}
