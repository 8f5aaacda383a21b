import { z } from 'zod';
import { freeText, type Sector } from './org.js';

type Label = { zh: string; en: string };

const day = z.iso.date();
const fileId = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 file id');
const text = (max: number) => freeText(max).pipe(z.string().min(1));

// ---------------------------------------------------------------------------------------------
// L8: the inspection checklist of seed 004 §二.(二) ("一要…七要重点检查…").
// ---------------------------------------------------------------------------------------------

/** Who a checklist item is about: the mine, or the county (区) party committee and government (七要). */
export const CHECKLIST_SUBJECTS = ['mine', 'county'] as const;
export type ChecklistSubject = (typeof CHECKLIST_SUBJECTS)[number];

/**
 * Which mines an item applies to: every mine, or only expired/cancelled ones (六要: "过期注销、未注销矿山").
 * The county item applies to the county form.
 */
export const CHECKLIST_SCOPES = ['all', 'expired'] as const;
export type ChecklistScope = (typeof CHECKLIST_SCOPES)[number];

export interface ChecklistItem {
  /** Stable code, also the problem-type code a failure becomes. */
  code: string;
  /** 1…7: the printed "一要"…"七要" group. */
  group: number;
  /** The group marker as printed. */
  groupPrinted: string;
  /** The question exactly as printed (layout line breaks joined). */
  question: string;
  /** The answer that means the check failed: "是否存在安全隐患…" fails on yes, "是否编制…" fails on no. */
  failWhen: 'yes' | 'no';
  subject: ChecklistSubject;
  appliesTo: ChecklistScope;
  /** The problem a failed answer becomes. */
  problem: Label;
  /** Line of work that usually owns the rectification (a hint for assignment, not a rule). */
  sector: Sector | null;
  /**
   * For items that only concern some mines ("对存在违法开采行为的矿山", "对拒不整改的矿山"): the
   * condition, and "not applicable" is an allowed answer. Null: every mine in scope must answer yes/no.
   */
  condition: Label | null;
}

export interface Checklist {
  id: string;
  /** Seed file the checklist is printed in. */
  seed: string;
  /** Where it is printed. */
  section: string;
  title: Label;
  items: ChecklistItem[];
}

/** The seven groups of seed 004 §二.(二), each "是否…" clause one item (14 in all). */
export const CHECKLIST_004: Checklist = {
  id: '004-inspection',
  seed: '004_ca6e5e86d8a50ba7.txt',
  section: '二.(二)',
  title: { zh: '矿产资源开采突出问题治理整顿检查表', en: 'Mine inspection checklist (rectification campaign)' },
  items: [
    {
      code: 'safety_design',
      group: 1,
      groupPrinted: '一要',
      question: '是否编制或按照专家要求及时更新安全设计，并严格按照安全设计进行建设',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '安全设计未编制、未及时更新或未按安全设计建设', en: 'Safety design missing, outdated or not followed' },
      sector: 'emergency_management',
      condition: null,
    },
    {
      code: 'safety_assessment',
      group: 1,
      groupPrinted: '一要',
      question: '是否编制或及时更新安评，并严格按照安评要求落实各项安全措施，取得安全生产许可证',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '安评未编制、未及时更新、安全措施未落实或未取得安全生产许可证', en: 'Safety assessment, safety measures or safety-production licence missing' },
      sector: 'emergency_management',
      condition: null,
    },
    {
      code: 'hidden_hazards',
      group: 1,
      groupPrinted: '一要',
      question: '是否存在安全隐患未排查整治到位',
      failWhen: 'yes',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '安全隐患未排查整治到位', en: 'Safety hazards not identified and removed' },
      sector: 'emergency_management',
      condition: null,
    },
    {
      code: 'utilisation_plan',
      group: 2,
      groupPrinted: '二要',
      question: '是否编制或及时更新开发利用方案，并严格按照开发利用方案进行开采',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '开发利用方案未编制、未及时更新或未按方案开采', en: 'Development-and-utilisation plan missing, outdated or not followed' },
      sector: 'natural_resources',
      condition: null,
    },
    {
      code: 'restoration_plan',
      group: 2,
      groupPrinted: '二要',
      question: '是否编制或及时更新恢复治理方案，并严格按照恢复治理方案进行开采和治理',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '恢复治理方案未编制、未及时更新或未按方案开采和治理', en: 'Restoration plan missing, outdated or not followed' },
      sector: 'natural_resources',
      condition: null,
    },
    {
      code: 'eia',
      group: 3,
      groupPrinted: '三要',
      // Printed without a comma between "措施" and "通过" (the line breaks there).
      question: '是否编制或及时更新环评，并严格按照环评要求落实各项环保措施通过环保监测验收',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '环评未编制、未及时更新、环保措施未落实或未通过环保监测验收', en: 'EIA missing or outdated, environmental measures not in place or acceptance not passed' },
      sector: 'ecology_environment',
      condition: null,
    },
    {
      code: 'soil_water_plan',
      group: 4,
      groupPrinted: '四要',
      question: '是否编制或及时更新水土保持方案，并严格按照水土保持方案要求进行施工',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '水土保持方案未编制、未及时更新或未按方案施工', en: 'Soil-and-water conservation plan missing, outdated or not followed' },
      sector: 'water',
      condition: null,
    },
    {
      code: 'forest_grass_occupation',
      group: 5,
      groupPrinted: '五要',
      question: '是否存在非法占用林地或草原的行为',
      failWhen: 'yes',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '非法占用林地或草原', en: 'Illegal occupation of forest land or grassland' },
      sector: 'forestry_grassland',
      condition: null,
    },
    {
      code: 'illegal_mining_not_stopped',
      group: 5,
      groupPrinted: '五要',
      question: '是否对存在违法开采行为的矿山进行依法停产、依法查处',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '存在违法开采行为未依法停产、依法查处', en: 'Illegal mining not stopped and prosecuted' },
      sector: 'natural_resources',
      condition: { zh: '存在违法开采行为的矿山', en: 'the mine has mined illegally' },
    },
    {
      code: 'refusal_not_closed',
      group: 5,
      groupPrinted: '五要',
      question: '是否对拒不整改的矿山依法取缔关闭',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '拒不整改的矿山未依法取缔关闭', en: 'Mine refusing rectification not closed down' },
      sector: 'natural_resources',
      condition: { zh: '拒不整改的矿山', en: 'the mine refuses to rectify' },
    },
    {
      code: 'illegal_mining_practice',
      group: 5,
      groupPrinted: '五要',
      question: '是否存在越界开采、破坏性开采或只开采不治理等违法违规的开采行为',
      failWhen: 'yes',
      subject: 'mine',
      appliesTo: 'all',
      problem: { zh: '越界开采、破坏性开采或只开采不治理', en: 'Over-boundary or destructive mining, or mining without restoration' },
      sector: 'natural_resources',
      condition: null,
    },
    {
      code: 'three_no_remain',
      group: 6,
      groupPrinted: '六要',
      question: '是否对过期注销、未注销矿山按照“三不留”（不留人员、不留采矿设备、不留建筑物）标准进行治理',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'expired',
      problem: { zh: '过期矿山未按“三不留”标准治理', en: 'Expired mine not cleared to the "three no-remains" standard' },
      sector: 'natural_resources',
      condition: null,
    },
    {
      code: 'expired_restoration',
      group: 6,
      groupPrinted: '六要',
      question: '是否恢复治理到位，并通过验收销号',
      failWhen: 'no',
      subject: 'mine',
      appliesTo: 'expired',
      problem: { zh: '过期矿山恢复治理未到位或未通过验收销号', en: 'Expired mine not restored or not accepted and closed off' },
      sector: 'natural_resources',
      condition: null,
    },
    {
      code: 'collective_decision',
      group: 7,
      groupPrinted: '七要',
      question: '县(区)党委、政府将矿产资源出让、登记、开复工等审核审批是否列入“三重一大”事项进行研究',
      failWhen: 'no',
      subject: 'county',
      appliesTo: 'all',
      problem: { zh: '矿产资源审核审批未列入“三重一大”事项研究', en: 'Mining approvals not decided collectively ("three majors, one large")' },
      sector: null,
      condition: null,
    },
  ],
};

export const CHECKLISTS: Record<string, Checklist> = { [CHECKLIST_004.id]: CHECKLIST_004 };

export const CHECKLIST_ANSWERS = ['yes', 'no', 'not_applicable'] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];
export const checklistAnswerLabel: Record<ChecklistAnswer, Label> = {
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
};

const answerSchema = z.strictObject({
  itemCode: z.string().min(1).max(60),
  answer: z.enum(CHECKLIST_ANSWERS),
  /** What the inspector saw; required for a failed item (it becomes the problem description). */
  note: freeText(2000).default(''),
  evidenceFileIds: z.array(fileId).max(50).default([]),
});
export type ChecklistAnswerInput = z.infer<typeof answerSchema>;

/**
 * One filled checklist: per mine (subject 'mine', `siteId`) or per county (subject 'county'). Whether
 * the answers fit the checklist (every applicable item exactly once) is `checkChecklistForm`, because
 * it depends on the checklist and the mine.
 */
export const checklistFormSchema = z
  .strictObject({
    checklistId: z.string().min(1).max(60),
    subject: z.enum(CHECKLIST_SUBJECTS),
    siteId: z.uuid().nullable().default(null),
    regionCode: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, 'region code must be a GB/T 2260 code of 6, 9 or 12 digits'),
    inspectedOn: day,
    /** The mine is expired or cancelled (过期注销、未注销): the 六要 items apply. */
    expired: z.boolean().default(false),
    inspectors: z.array(text(50)).min(1, 'name at least one inspector').max(20),
    answers: z.array(answerSchema).min(1).max(200),
  })
  .superRefine((f, ctx) => {
    if (f.subject === 'mine' && f.siteId === null) ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'a mine checklist names the mine (siteId)' });
    if (f.subject === 'county' && f.siteId !== null) ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'a county checklist is not about one mine' });
  });
export type ChecklistForm = z.infer<typeof checklistFormSchema>;

export interface ChecklistIssue {
  path: string;
  message: string;
}

/** The items a form of this subject must answer (六要 only for expired mines). */
export function applicableItems(list: Checklist, subject: ChecklistSubject, expired: boolean): ChecklistItem[] {
  return list.items.filter((i) => i.subject === subject && (i.appliesTo === 'all' || expired));
}

/**
 * Checks a form against its checklist ("不漏一矿、不漏一环"): every item in scope answered exactly
 * once, no unknown or out-of-scope items, "not applicable" only on conditional items, and a failed
 * answer carries a note saying what was found (it becomes the problem description).
 */
export function checkChecklistForm(list: Checklist, form: ChecklistForm): ChecklistIssue[] {
  const issues: ChecklistIssue[] = [];
  if (form.checklistId !== list.id) issues.push({ path: 'checklistId', message: `form is for checklist ${form.checklistId}, not ${list.id}` });
  const wanted = applicableItems(list, form.subject, form.expired);
  const byCode = new Map(list.items.map((i) => [i.code, i]));
  const seen = new Set<string>();
  form.answers.forEach((a, idx) => {
    const item = byCode.get(a.itemCode);
    const path = `answers.${idx}`;
    if (!item) return issues.push({ path: `${path}.itemCode`, message: `unknown checklist item ${a.itemCode}` });
    if (seen.has(a.itemCode)) return issues.push({ path: `${path}.itemCode`, message: `item ${a.itemCode} answered twice` });
    seen.add(a.itemCode);
    if (!wanted.includes(item)) {
      return issues.push({ path: `${path}.itemCode`, message: `item ${a.itemCode} does not apply to this ${form.subject}${item.appliesTo === 'expired' ? ' (only to expired or cancelled mines)' : ''}` });
    }
    if (a.answer === 'not_applicable' && item.condition === null) {
      return issues.push({ path: `${path}.answer`, message: `${item.code} applies to every mine in scope: answer yes or no (不漏一环)` });
    }
    if (a.answer === item.failWhen && !a.note) {
      issues.push({ path: `${path}.note`, message: `a failed item needs a note saying what was found (${item.problem.zh})` });
    }
  });
  for (const item of wanted) {
    if (!seen.has(item.code)) issues.push({ path: 'answers', message: `item ${item.code} (${item.groupPrinted}：${item.question}) is not answered` });
  }
  return issues;
}

export interface ChecklistFinding {
  item: ChecklistItem;
  note: string;
  evidenceFileIds: string[];
}

/** The failed items of a form, in checklist order: each becomes one problem. */
export function failedItems(list: Checklist, form: ChecklistForm): ChecklistFinding[] {
  const answers = new Map(form.answers.map((a) => [a.itemCode, a]));
  const out: ChecklistFinding[] = [];
  for (const item of list.items) {
    const a = answers.get(item.code);
    if (a && a.answer === item.failWhen) out.push({ item, note: a.note, evidenceFileIds: a.evidenceFileIds });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// L9: the hazard ledgers of seed 001 §五.(一).2–4 ("建立台账").
// ---------------------------------------------------------------------------------------------

export const HAZARD_LEDGER_TYPES = ['explosives_cyanide', 'illegal_power_use', 'xidong_pollution', 'gold_mine_hazard'] as const;
export type HazardLedgerType = (typeof HAZARD_LEDGER_TYPES)[number];

export interface HazardLedgerInfo {
  label: Label;
  /** Where seed 001 asks for the ledger, and the words it uses. */
  section: string;
  printed: string;
  /** Lines of work that investigate and handle the entries (001 §三). */
  sectors: Sector[];
}

export const hazardLedgerInfo: Record<HazardLedgerType, HazardLedgerInfo> = {
  explosives_cyanide: {
    label: { zh: '民用爆炸物品和氰化钠违法违规台账', en: 'Explosives and sodium cyanide misuse' },
    section: '五.(一).2',
    printed: '排查违法生产、销售、运输、倒卖、使用民用爆炸物品和氰化钠',
    sectors: ['public_security', 'emergency_management'],
  },
  illegal_power_use: {
    label: { zh: '非法采选金矿用电台账', en: 'Illegal power use for gold mining and processing' },
    section: '五.(一).2',
    printed: '非法采选金矿用电行为等情况，建立台账',
    sectors: ['energy', 'power_supply'],
  },
  xidong_pollution: {
    label: { zh: '“洗洞”环境污染台账', en: '"Cave washing" pollution' },
    section: '五.(一).3',
    printed: '排查金矿“洗洞”造成的环境污染等违法违规行为，建立台账',
    sectors: ['ecology_environment'],
  },
  gold_mine_hazard: {
    label: { zh: '金矿及其尾矿库安全隐患台账', en: 'Gold mine and tailings-pond safety hazards' },
    section: '五.(一).4',
    printed: '排查并建立金矿及其尾矿库安全隐患台账',
    sectors: ['emergency_management'],
  },
};

export const EXPLOSIVE_SUBSTANCES = ['explosives', 'sodium_cyanide'] as const;
/** The five acts printed in 001 §五.(一).2, in printed order. */
export const EXPLOSIVE_ACTS = ['produce', 'sell', 'transport', 'resell', 'use'] as const;
export const explosiveActLabel: Record<(typeof EXPLOSIVE_ACTS)[number], Label> = {
  produce: { zh: '生产', en: 'Production' },
  sell: { zh: '销售', en: 'Sale' },
  transport: { zh: '运输', en: 'Transport' },
  resell: { zh: '倒卖', en: 'Reselling' },
  use: { zh: '使用', en: 'Use' },
};
/** 001 §三: the police check 购买、运输许可证件 for both. */
export const PERMIT_STATUSES = ['none', 'expired', 'mismatch', 'valid'] as const;
export const permitStatusLabel: Record<(typeof PERMIT_STATUSES)[number], Label> = {
  none: { zh: '无许可证件', en: 'No permit' },
  expired: { zh: '许可证件过期', en: 'Permit expired' },
  mismatch: { zh: '与许可内容不符', en: 'Does not match the permit' },
  valid: { zh: '许可证件有效', en: 'Valid permit' },
};
export const QUANTITY_UNITS = ['kg', 't', 'piece', 'm'] as const;
export const quantityUnitLabel: Record<(typeof QUANTITY_UNITS)[number], Label> = {
  kg: { zh: '千克', en: 'kg' },
  t: { zh: '吨', en: 't' },
  piece: { zh: '枚', en: 'pieces (detonators)' },
  m: { zh: '米', en: 'm (detonating cord)' },
};
export const POWER_ACTIONS = ['none', 'warned', 'supply_cut'] as const;
export const POLLUTANTS = ['cyanide', 'heavy_metals', 'acid_water', 'tailings', 'other'] as const;
export const POLLUTED_MEDIA = ['surface_water', 'groundwater', 'soil', 'air'] as const;
export const ASSESSMENT_STATUSES = ['not_started', 'in_progress', 'done', 'not_required'] as const;
export const COMPENSATION_STATUSES = ['not_started', 'negotiating', 'agreed', 'paid', 'not_required'] as const;
export const HAZARD_TARGETS = ['gold_mine', 'tailings_pond'] as const;
export const HAZARD_LEVELS = ['general', 'major'] as const;
export const hazardLevelLabel: Record<(typeof HAZARD_LEVELS)[number], Label> = {
  general: { zh: '一般隐患', en: 'General hazard' },
  major: { zh: '重大隐患', en: 'Major hazard' },
};

const nonNeg = z.number().finite().min(0);

/** The fields each 001 hazard ledger keeps beyond the common problem fields (what, measures, deadline…). */
export const hazardLedgerEntrySchema = z
  .discriminatedUnion('ledgerType', [
    z.strictObject({
      ledgerType: z.literal('explosives_cyanide'),
      substance: z.enum(EXPLOSIVE_SUBSTANCES),
      acts: z.array(z.enum(EXPLOSIVE_ACTS)).min(1, 'name at least one act (生产、销售、运输、倒卖、使用)').max(5),
      party: text(200),
      partyKind: z.enum(['enterprise', 'individual']),
      quantity: nonNeg.nullable().default(null),
      quantityUnit: z.enum(QUANTITY_UNITS).nullable().default(null),
      permitStatus: z.enum(PERMIT_STATUSES),
      permitNo: freeText(60).nullable().default(null),
      seizedOn: day.nullable().default(null),
    }),
    z.strictObject({
      ledgerType: z.literal('illegal_power_use'),
      consumer: text(200),
      accountNo: freeText(40).nullable().default(null),
      meterNo: freeText(40).nullable().default(null),
      supplier: text(200),
      /** Electricity drawn in the period, kWh. */
      consumptionKwh: nonNeg.nullable().default(null),
      periodFrom: day.nullable().default(null),
      periodTo: day.nullable().default(null),
      action: z.enum(POWER_ACTIONS).default('none'),
    }),
    z.strictObject({
      ledgerType: z.literal('xidong_pollution'),
      pollutants: z.array(z.enum(POLLUTANTS)).min(1).max(5),
      media: z.array(z.enum(POLLUTED_MEDIA)).min(1).max(4),
      /** Polluted area, m². */
      affectedAreaM2: nonNeg.nullable().default(null),
      /** "有明确违法主体": then damage assessment and compensation are due (001 §六 第二阶段). */
      offenderIdentified: z.boolean(),
      offender: freeText(200).nullable().default(null),
      damageAssessment: z.enum(ASSESSMENT_STATUSES).default('not_started'),
      compensation: z.enum(COMPENSATION_STATUSES).default('not_started'),
      /** The county's 环境污染治理工作方案, when filed. */
      remediationPlanFileId: fileId.nullable().default(null),
    }),
    z.strictObject({
      ledgerType: z.literal('gold_mine_hazard'),
      target: z.enum(HAZARD_TARGETS),
      hazardLevel: z.enum(HAZARD_LEVELS),
      /** 尾矿库等别 1–5 when the target is a tailings pond and it is known. */
      pondGrade: z.number().int().min(1).max(5).nullable().default(null),
    }),
  ])
  .superRefine((e, ctx) => {
    if (e.ledgerType === 'explosives_cyanide') {
      if ((e.quantity === null) !== (e.quantityUnit === null)) ctx.addIssue({ code: 'custom', path: ['quantityUnit'], message: 'quantity and its unit go together' });
      if (e.substance === 'sodium_cyanide' && (e.quantityUnit === 'piece' || e.quantityUnit === 'm')) {
        ctx.addIssue({ code: 'custom', path: ['quantityUnit'], message: 'sodium cyanide is weighed (kg or t)' });
      }
      if (new Set(e.acts).size !== e.acts.length) ctx.addIssue({ code: 'custom', path: ['acts'], message: 'an act is listed twice' });
    }
    if (e.ledgerType === 'illegal_power_use' && e.periodFrom && e.periodTo && e.periodTo < e.periodFrom) {
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'period ends before it starts' });
    }
    if (e.ledgerType === 'xidong_pollution') {
      if (e.offenderIdentified && !e.offender) ctx.addIssue({ code: 'custom', path: ['offender'], message: '有明确违法主体: name the offender' });
      if (!e.offenderIdentified && e.compensation !== 'not_required' && e.compensation !== 'not_started') {
        ctx.addIssue({ code: 'custom', path: ['compensation'], message: 'compensation needs an identified offender' });
      }
    }
    if (e.ledgerType === 'gold_mine_hazard' && e.target !== 'tailings_pond' && e.pondGrade !== null) {
      ctx.addIssue({ code: 'custom', path: ['pondGrade'], message: 'a grade belongs to a tailings pond' });
    }
  });
export type HazardLedgerEntry = z.infer<typeof hazardLedgerEntrySchema>;

export type HazardFieldKind = 'text' | 'number' | 'date' | 'boolean' | 'enum' | 'enum[]' | 'file';
export interface HazardField {
  key: string;
  label: Label;
  kind: HazardFieldKind;
  /** Enum values, for enum fields. */
  values?: readonly string[];
  required: boolean;
}

/** Column/field descriptors of each hazard ledger, in display order (forms and ledger exports read these). */
export const hazardLedgerFields: Record<HazardLedgerType, HazardField[]> = {
  explosives_cyanide: [
    { key: 'substance', label: { zh: '物品', en: 'Substance' }, kind: 'enum', values: EXPLOSIVE_SUBSTANCES, required: true },
    { key: 'acts', label: { zh: '违法行为', en: 'Acts' }, kind: 'enum[]', values: EXPLOSIVE_ACTS, required: true },
    { key: 'party', label: { zh: '涉事单位或个人', en: 'Party' }, kind: 'text', required: true },
    { key: 'partyKind', label: { zh: '主体类别', en: 'Party kind' }, kind: 'enum', values: ['enterprise', 'individual'], required: true },
    { key: 'quantity', label: { zh: '数量', en: 'Quantity' }, kind: 'number', required: false },
    { key: 'quantityUnit', label: { zh: '单位', en: 'Unit' }, kind: 'enum', values: QUANTITY_UNITS, required: false },
    { key: 'permitStatus', label: { zh: '购买、运输许可证件', en: 'Purchase/transport permit' }, kind: 'enum', values: PERMIT_STATUSES, required: true },
    { key: 'permitNo', label: { zh: '许可证件编号', en: 'Permit no.' }, kind: 'text', required: false },
    { key: 'seizedOn', label: { zh: '查扣日期', en: 'Seized on' }, kind: 'date', required: false },
  ],
  illegal_power_use: [
    { key: 'consumer', label: { zh: '用电户名', en: 'Consumer' }, kind: 'text', required: true },
    { key: 'accountNo', label: { zh: '用电户号', en: 'Account no.' }, kind: 'text', required: false },
    { key: 'meterNo', label: { zh: '电表编号', en: 'Meter no.' }, kind: 'text', required: false },
    { key: 'supplier', label: { zh: '供电企业', en: 'Power supplier' }, kind: 'text', required: true },
    { key: 'consumptionKwh', label: { zh: '用电量（千瓦时）', en: 'Consumption (kWh)' }, kind: 'number', required: false },
    { key: 'periodFrom', label: { zh: '用电起始日期', en: 'Period from' }, kind: 'date', required: false },
    { key: 'periodTo', label: { zh: '用电截止日期', en: 'Period to' }, kind: 'date', required: false },
    { key: 'action', label: { zh: '处置措施', en: 'Action' }, kind: 'enum', values: POWER_ACTIONS, required: false },
  ],
  xidong_pollution: [
    { key: 'pollutants', label: { zh: '污染物', en: 'Pollutants' }, kind: 'enum[]', values: POLLUTANTS, required: true },
    { key: 'media', label: { zh: '受污染环境要素', en: 'Polluted media' }, kind: 'enum[]', values: POLLUTED_MEDIA, required: true },
    { key: 'affectedAreaM2', label: { zh: '污染面积（平方米）', en: 'Area (m²)' }, kind: 'number', required: false },
    { key: 'offenderIdentified', label: { zh: '有明确违法主体', en: 'Offender identified' }, kind: 'boolean', required: true },
    { key: 'offender', label: { zh: '违法主体', en: 'Offender' }, kind: 'text', required: false },
    { key: 'damageAssessment', label: { zh: '生态环境损害调查评估', en: 'Damage assessment' }, kind: 'enum', values: ASSESSMENT_STATUSES, required: false },
    { key: 'compensation', label: { zh: '生态环境损害赔偿', en: 'Damage compensation' }, kind: 'enum', values: COMPENSATION_STATUSES, required: false },
    { key: 'remediationPlanFileId', label: { zh: '环境污染治理工作方案', en: 'Remediation plan' }, kind: 'file', required: false },
  ],
  gold_mine_hazard: [
    { key: 'target', label: { zh: '隐患对象', en: 'Target' }, kind: 'enum', values: HAZARD_TARGETS, required: true },
    { key: 'hazardLevel', label: { zh: '隐患等级', en: 'Hazard level' }, kind: 'enum', values: HAZARD_LEVELS, required: true },
    { key: 'pondGrade', label: { zh: '尾矿库等别', en: 'Tailings pond grade' }, kind: 'number', required: false },
  ],
};

/**
 * 001 §六 第二阶段: "有明确违法主体并符合有关要求的，应开展生态环境损害调查评估和生态环境损害赔偿".
 * True when the entry has an identified offender and the assessment or compensation is still open.
 */
export function damageRemedyDue(e: Extract<HazardLedgerEntry, { ledgerType: 'xidong_pollution' }>): boolean {
  if (!e.offenderIdentified) return false;
  const assessed = e.damageAssessment === 'done' || e.damageAssessment === 'not_required';
  const compensated = e.compensation === 'paid' || e.compensation === 'not_required';
  return !assessed || !compensated;
}
