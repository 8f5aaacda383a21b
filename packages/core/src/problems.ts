import { z } from 'zod';
import { deadlineLimitFor, problemTypeOf, penaltyRulesFor, type Campaign, type PenaltyKind } from './campaigns.js';
import { failedItems, hazardLedgerEntrySchema, type Checklist, type ChecklistForm } from './checklists.js';
import { freeText, rankAtLeast, rankLabel, type Rank } from './org.js';
import { regionCodeSchema } from './region.js';

type Label = { zh: string; en: string };

const day = z.iso.date();
const uuid = z.uuid();
const fileId = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 file id (64 hex digits)');
const text = (max: number) => freeText(max).pipe(z.string().min(1));
const phone = z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, 'phone must be digits, spaces, +, - or parentheses (5–30 characters)');

// ---------- dates ----------

const DAY_MS = 86_400_000;
/** Whole days from a to b (ISO dates; positive when b is later). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);
}
/** The calendar day in China (UTC+8, no daylight saving) at an instant: deadlines are China days. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

// ---------- what a problem is ----------

/** L1: where a problem came from. */
export const PROBLEM_SOURCES = ['survey', 'inspection', 'tip', 'alert', 'supervision_group'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];
export const problemSourceLabel: Record<ProblemSource, Label> = {
  survey: { zh: '摸底排查', en: 'Survey' },
  inspection: { zh: '检查发现', en: 'Inspection' },
  tip: { zh: '群众举报', en: 'Public tip' },
  alert: { zh: '监测预警', en: 'Monitoring alert' },
  supervision_group: { zh: '督查组反馈', en: 'Supervision group' },
};

/**
 * L1: a new problem on the ledger. References are ids of records the server checks exist in the
 * actor's scope; `typeCode` is a code of the campaign's taxonomy. Rules that depend on the campaign
 * (deadline limit, responsible rank, contact, hazard-ledger fields) are `checkProblemAgainstCampaign`.
 */
const workGroupKey = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a work-group key of the campaign');

export const problemInputSchema = z
  .strictObject({
    campaignId: uuid,
    /** A key of the campaign's work groups (排查工作组); null = the work group of the problem type. */
    workGroupKey: workGroupKey.nullable().default(null),
    siteId: uuid.nullable().default(null),
    /** 矿山企业 as written, when the site is not registered (or to keep the ledger's wording). */
    enterprise: freeText(200).default(''),
    regionCode: regionCodeSchema,
    typeCode: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a problem-type code of the campaign'),
    /** 开采方式、矿种 as 附件1 prints it ("露天+煤矿"); '' = from the registry site when it is a licensed mine. */
    methodMineral: freeText(100).default(''),
    /** 排查发现问题 */
    description: text(5000),
    /** 整改措施 */
    measures: text(5000),
    /** 完成整改时限 */
    deadline: day,
    foundOn: day,
    responsibleUnitId: uuid,
    responsiblePersonId: uuid.nullable().default(null),
    responsibleContact: phone.nullable().default(null),
    /** The unit that checks the work before 销号; null = the campaign office. Never the responsible unit. */
    verifyingUnitId: uuid.nullable().default(null),
    source: z.enum(PROBLEM_SOURCES),
    /** The tip receipt, alert, inspection or checklist the problem came from. */
    sourceRef: freeText(100).nullable().default(null),
    evidenceFileIds: z.array(fileId).max(50).default([]),
    /** 立行立改: fixed on the spot; recorded and closed at once (event immediate_fix), so evidence is required. */
    immediate: z.boolean().default(false),
    /** The 001 hazard-ledger fields, for types kept in one. */
    hazard: hazardLedgerEntrySchema.nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.siteId === null && !p.enterprise) ctx.addIssue({ code: 'custom', path: ['enterprise'], message: 'name the site (siteId) or the enterprise (矿山企业)' });
    if (p.deadline < p.foundOn) ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'the deadline is before the day the problem was found' });
    if (p.verifyingUnitId !== null && p.verifyingUnitId === p.responsibleUnitId) {
      ctx.addIssue({ code: 'custom', path: ['verifyingUnitId'], message: 'the responsible unit cannot verify its own work' });
    }
    if (p.immediate && p.evidenceFileIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['evidenceFileIds'], message: '立行立改 closes the problem at once: attach evidence of the fix' });
    }
  });
export type ProblemInput = z.infer<typeof problemInputSchema>;

/**
 * A change to a problem's facts (not its state: states change only through events). `version` is
 * the one the editor saw (409 on a concurrent edit). Moving the deadline needs a reason, which is
 * audited with the change.
 */
export const problemUpdateSchema = z
  .strictObject({
    version: z.number().int().min(1),
    workGroupKey: workGroupKey.nullable().optional(),
    siteId: uuid.nullable().optional(),
    enterprise: freeText(200).optional(),
    typeCode: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
    methodMineral: freeText(100).optional(),
    description: text(5000).optional(),
    measures: text(5000).optional(),
    deadline: day.optional(),
    responsibleUnitId: uuid.optional(),
    responsiblePersonId: uuid.nullable().optional(),
    responsibleContact: phone.nullable().optional(),
    verifyingUnitId: uuid.nullable().optional(),
    /** Reported share of the work done, 0–100 (for 序时进度). */
    progressPercent: z.number().int().min(0).max(100).optional(),
    hazard: hazardLedgerEntrySchema.nullable().optional(),
    reason: freeText(2000).optional(),
  })
  .superRefine((u, ctx) => {
    if (u.deadline !== undefined && !u.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'moving the deadline needs a reason' });
    if (u.verifyingUnitId && u.responsibleUnitId && u.verifyingUnitId === u.responsibleUnitId) {
      ctx.addIssue({ code: 'custom', path: ['verifyingUnitId'], message: 'the responsible unit cannot verify its own work' });
    }
  });
export type ProblemUpdate = z.infer<typeof problemUpdateSchema>;

export interface CampaignIssue {
  path: string;
  message: string;
}

/**
 * L3: the campaign's rules for one problem. `responsibleRank` is the rank on the responsible
 * person's record (undefined when no person is named or the record is unknown).
 */
export function checkProblemAgainstCampaign(
  campaign: Campaign,
  p: Pick<ProblemInput, 'typeCode' | 'deadline' | 'responsiblePersonId' | 'responsibleContact' | 'hazard'>,
  ctx: { responsibleRank?: Rank | null },
): CampaignIssue[] {
  const issues: CampaignIssue[] = [];
  const type = problemTypeOf(campaign, p.typeCode);
  if (!type) issues.push({ path: 'typeCode', message: `问题类型 ${p.typeCode} 不在本行动的问题类型目录中 (not a problem type of this campaign)` });
  const limit = deadlineLimitFor(campaign, type ? p.typeCode : null);
  if (limit && p.deadline > limit.limit) {
    issues.push({ path: 'deadline', message: `完成整改时限 ${p.deadline} 晚于规定的 ${limit.limit}（${limit.basis}） (deadline after the campaign limit ${limit.limit})` });
  }
  const min = campaign.rules.minResponsibleRank;
  if (min) {
    if (p.responsiblePersonId === null) {
      issues.push({ path: 'responsiblePersonId', message: `须指定整改责任人（${campaign.rules.rankBasis}） (a responsible person is required)` });
    } else if (!ctx.responsibleRank) {
      issues.push({ path: 'responsiblePersonId', message: `整改责任人未登记职级，无法核验是否${rankLabel[min].zh}以上 (the person's rank is not recorded)` });
    } else if (!rankAtLeast(ctx.responsibleRank, min)) {
      issues.push({
        path: 'responsiblePersonId',
        message: `整改责任人职级为${rankLabel[ctx.responsibleRank].zh}，低于${rankLabel[min].zh}（${campaign.rules.rankBasis}） (rank ${ctx.responsibleRank} is below ${min})`,
      });
    }
  }
  if (campaign.rules.requireResponsibleContact && (p.responsiblePersonId === null || !p.responsibleContact)) {
    issues.push({ path: 'responsibleContact', message: '须填写整改责任人及联系方式 (responsible person and contact are required)' });
  }
  if (type?.hazardLedger && p.hazard?.ledgerType !== type.hazardLedger) {
    issues.push({ path: 'hazard', message: `该类问题记入台账 ${type.hazardLedger}，须填写其字段 (this type is kept in the ${type.hazardLedger} ledger; fill in its fields)` });
  }
  if (type && !type.hazardLedger && p.hazard) issues.push({ path: 'hazard', message: '该类问题没有专门台账字段 (this type has no hazard-ledger fields)' });
  return issues;
}

// ---------- lifecycle: the state machine as data ----------

export const PROBLEM_STATES = ['found', 'rectifying', 'submitted', 'returned', 'closed', 'voided'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];
export const problemStateLabel: Record<ProblemState, Label> = {
  found: { zh: '待整改', en: 'Found' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  submitted: { zh: '待验收销号', en: 'Submitted for sign-off' },
  returned: { zh: '已退回', en: 'Returned' },
  closed: { zh: '已销号', en: 'Closed (verified)' },
  voided: { zh: '已作废', en: 'Voided' },
};
/** States that count as "on the books" (挂账). */
export const OPEN_STATES: readonly ProblemState[] = ['found', 'rectifying', 'submitted', 'returned'];

export const PROBLEM_EVENTS = ['start', 'submit', 'withdraw', 'sign_off', 'return', 'immediate_fix', 'reopen', 'void'] as const;
export type ProblemEvent = (typeof PROBLEM_EVENTS)[number];
export const problemEventLabel: Record<ProblemEvent, Label> = {
  start: { zh: '开始整改', en: 'Start rectification' },
  submit: { zh: '提交销号申请', en: 'Submit for sign-off' },
  withdraw: { zh: '撤回销号申请', en: 'Withdraw submission' },
  sign_off: { zh: '验收销号', en: 'Verify and close' },
  return: { zh: '退回整改', en: 'Return' },
  immediate_fix: { zh: '立行立改', en: 'Fixed on the spot' },
  reopen: { zh: '重新打开', en: 'Reopen' },
  void: { zh: '作废', en: 'Void (entered in error)' },
};

/**
 * How an actor stands to a problem. The server derives these from the user's role, unit and the
 * problem's campaign (office of the campaign's region, member of the supervision group stationed
 * there, …); `fire` additionally treats anyone whose unit is the problem's responsible (or
 * verifying) unit as such, so a wrong derivation cannot let a unit sign off its own work.
 */
export const CAPACITIES = ['office', 'verifying_unit', 'responsible_unit', 'supervision_group'] as const;
export type Capacity = (typeof CAPACITIES)[number];
export const capacityLabel: Record<Capacity, Label> = {
  office: { zh: '联席会议/领导小组办公室', en: 'Campaign office' },
  verifying_unit: { zh: '验收单位', en: 'Verifying unit' },
  responsible_unit: { zh: '整改责任单位', en: 'Responsible unit' },
  supervision_group: { zh: '督查组', en: 'Supervision group' },
};

export interface ProblemTransition {
  event: ProblemEvent;
  from: readonly ProblemState[];
  to: ProblemState;
  /** Who may fire it: any one of these capacities. */
  who: readonly Capacity[];
  /**
   * 'new': the event must bring at least one evidence file the problem does not hold yet;
   * 'held': the problem must hold evidence (from its submission); false: none needed.
   */
  evidence: 'new' | 'held' | false;
  reasonRequired: boolean;
  /** The unit that did the work may not fire it, whatever other capacity it has (no one verifies their own work). */
  excludeResponsibleUnit: boolean;
}

/**
 * L2 lifecycle: found → rectifying → submitted → closed (销号), or submitted → returned (with a
 * reason) → submitted again; 立行立改 closes a found problem at once with evidence; a closed problem
 * leaves only by reopen (with a reason, audited); void removes a record entered in error.
 */
export const PROBLEM_TRANSITIONS: readonly ProblemTransition[] = [
  { event: 'start', from: ['found'], to: 'rectifying', who: ['responsible_unit', 'office'], evidence: false, reasonRequired: false, excludeResponsibleUnit: false },
  { event: 'submit', from: ['rectifying', 'returned'], to: 'submitted', who: ['responsible_unit'], evidence: 'new', reasonRequired: false, excludeResponsibleUnit: false },
  { event: 'withdraw', from: ['submitted'], to: 'rectifying', who: ['responsible_unit'], evidence: false, reasonRequired: true, excludeResponsibleUnit: false },
  { event: 'sign_off', from: ['submitted'], to: 'closed', who: ['office', 'verifying_unit'], evidence: 'held', reasonRequired: false, excludeResponsibleUnit: true },
  { event: 'return', from: ['submitted'], to: 'returned', who: ['office', 'verifying_unit'], evidence: false, reasonRequired: true, excludeResponsibleUnit: true },
  {
    event: 'immediate_fix',
    from: ['found'],
    to: 'closed',
    who: ['office', 'verifying_unit', 'supervision_group'],
    evidence: 'new',
    reasonRequired: false,
    excludeResponsibleUnit: true,
  },
  { event: 'reopen', from: ['closed'], to: 'rectifying', who: ['office', 'verifying_unit', 'supervision_group'], evidence: false, reasonRequired: true, excludeResponsibleUnit: false },
  { event: 'void', from: ['found', 'rectifying', 'returned'], to: 'voided', who: ['office'], evidence: false, reasonRequired: true, excludeResponsibleUnit: true },
];

export interface ProblemSnapshot {
  state: ProblemState;
  responsibleUnitId: string | null;
  verifyingUnitId: string | null;
  evidenceFileIds: readonly string[];
}

export interface ActorContext {
  userId: string;
  unitId: string | null;
  capacities: readonly Capacity[];
}

export interface FirePayload {
  evidenceFileIds?: readonly string[];
  reason?: string | null;
}

export type Refusal =
  | { code: 'NOT_FROM_STATE'; event: ProblemEvent; state: ProblemState; allowedFrom: readonly ProblemState[] }
  | { code: 'NOT_PERMITTED'; event: ProblemEvent; needs: readonly Capacity[] }
  | { code: 'OWN_WORK'; event: ProblemEvent }
  | { code: 'REASON_REQUIRED'; event: ProblemEvent }
  | { code: 'EVIDENCE_REQUIRED'; event: ProblemEvent; kind: 'new' | 'held' }
  | { code: 'BAD_EVIDENCE'; event: ProblemEvent; fileId: string };

export interface ProblemAuditEvent {
  type: `problem.${ProblemEvent}`;
  from: ProblemState;
  to: ProblemState;
  reason: string | null;
  evidenceFileIds: string[];
  actorUserId: string;
  actorUnitId: string | null;
}

export type FireResult =
  | { ok: true; transition: ProblemTransition; from: ProblemState; to: ProblemState; next: ProblemSnapshot; audit: ProblemAuditEvent }
  | { ok: false; refusal: Refusal; message: Label };

/** The capacities `fire` uses: the given ones plus those that follow from the actor's unit. */
export function effectiveCapacities(problem: ProblemSnapshot, actor: ActorContext): Set<Capacity> {
  const caps = new Set(actor.capacities);
  if (actor.unitId !== null && actor.unitId === problem.responsibleUnitId) caps.add('responsible_unit');
  if (actor.unitId !== null && actor.unitId === problem.verifyingUnitId) caps.add('verifying_unit');
  return caps;
}

/** Chinese and English text of a refusal (the 409 message). Exhaustive over the refusal codes. */
export function refusalMessage(r: Refusal): Label {
  const ev = problemEventLabel[r.event];
  switch (r.code) {
    case 'NOT_FROM_STATE': {
      const st = problemStateLabel[r.state];
      return {
        zh: `问题处于“${st.zh}”状态，不能${ev.zh}（仅限${r.allowedFrom.map((s) => `“${problemStateLabel[s].zh}”`).join('、')}）`,
        en: `cannot ${ev.en.toLowerCase()} a problem that is ${st.en.toLowerCase()} (only from ${r.allowedFrom.join(', ')})`,
      };
    }
    case 'NOT_PERMITTED':
      return {
        zh: `只有${r.needs.map((c) => capacityLabel[c].zh).join('或')}可以${ev.zh}`,
        en: `only the ${r.needs.map((c) => capacityLabel[c].en.toLowerCase()).join(' or the ')} may ${ev.en.toLowerCase()}`,
      };
    case 'OWN_WORK':
      return { zh: `整改责任单位不能对本单位的整改${ev.zh}`, en: `the responsible unit cannot ${ev.en.toLowerCase()} its own work` };
    case 'REASON_REQUIRED':
      return { zh: `${ev.zh}须说明理由`, en: `${ev.en} needs a reason` };
    case 'EVIDENCE_REQUIRED':
      return r.kind === 'new'
        ? { zh: `${ev.zh}须上传新的整改佐证材料`, en: `${ev.en} needs new evidence files` }
        : { zh: `没有整改佐证材料，不能${ev.zh}`, en: `cannot ${ev.en.toLowerCase()} without evidence` };
    case 'BAD_EVIDENCE':
      return { zh: `佐证材料编号无效：${r.fileId}`, en: `not a file id: ${r.fileId}` };
    default: {
      const never: never = r;
      throw new Error(`unhandled refusal ${JSON.stringify(never)}`);
    }
  }
}

const FILE_ID = /^[0-9a-f]{64}$/;

/**
 * Fires an event on a problem: the next state, or a typed refusal (409 ILLEGAL_TRANSITION with the
 * message). Checks, in order: the event is allowed from this state; the responsible unit is not
 * verifying its own work; the actor has one of the capacities; a reason when needed; evidence when
 * needed. Pure: the caller stores `next` and `audit` in one transaction.
 */
export function fire(problem: ProblemSnapshot, event: ProblemEvent, actor: ActorContext, payload: FirePayload = {}): FireResult {
  const refuse = (refusal: Refusal): FireResult => ({ ok: false, refusal, message: refusalMessage(refusal) });
  const candidates = PROBLEM_TRANSITIONS.filter((t) => t.event === event);
  const transition = candidates.find((t) => t.from.includes(problem.state));
  if (!transition) {
    return refuse({ code: 'NOT_FROM_STATE', event, state: problem.state, allowedFrom: candidates.flatMap((t) => t.from) });
  }
  const caps = effectiveCapacities(problem, actor);
  if (transition.excludeResponsibleUnit && caps.has('responsible_unit')) return refuse({ code: 'OWN_WORK', event });
  if (!transition.who.some((c) => caps.has(c))) return refuse({ code: 'NOT_PERMITTED', event, needs: transition.who });
  const reason = payload.reason?.trim() || null;
  if (transition.reasonRequired && !reason) return refuse({ code: 'REASON_REQUIRED', event });
  const given = [...new Set(payload.evidenceFileIds ?? [])];
  const bad = given.find((f) => !FILE_ID.test(f));
  if (bad !== undefined) return refuse({ code: 'BAD_EVIDENCE', event, fileId: bad });
  const held = new Set(problem.evidenceFileIds);
  const added = given.filter((f) => !held.has(f));
  if (transition.evidence === 'new' && added.length === 0) return refuse({ code: 'EVIDENCE_REQUIRED', event, kind: 'new' });
  const evidence = [...problem.evidenceFileIds, ...added];
  if (transition.evidence === 'held' && evidence.length === 0) return refuse({ code: 'EVIDENCE_REQUIRED', event, kind: 'held' });
  return {
    ok: true,
    transition,
    from: problem.state,
    to: transition.to,
    next: { ...problem, state: transition.to, evidenceFileIds: evidence },
    audit: { type: `problem.${event}`, from: problem.state, to: transition.to, reason, evidenceFileIds: added, actorUserId: actor.userId, actorUnitId: actor.unitId },
  };
}

/** Events this actor may fire now, ignoring evidence and reason (for showing buttons). */
export function availableEvents(problem: ProblemSnapshot, actor: ActorContext): ProblemEvent[] {
  const caps = effectiveCapacities(problem, actor);
  return PROBLEM_TRANSITIONS.filter(
    (t) => t.from.includes(problem.state) && !(t.excludeResponsibleUnit && caps.has('responsible_unit')) && t.who.some((c) => caps.has(c)),
  ).map((t) => t.event);
}

/** What an API client sends to fire an event. */
export const problemEventInputSchema = z.strictObject({
  version: z.number().int().min(1),
  event: z.enum(PROBLEM_EVENTS),
  reason: freeText(2000).nullable().default(null),
  evidenceFileIds: z.array(fileId).max(50).default([]),
});
export type ProblemEventInput = z.infer<typeof problemEventInputSchema>;

// ---------- overdue and progress (L5) ----------

export interface ProblemTiming {
  state: ProblemState;
  foundOn: string;
  deadline: string;
  /** Reported share of the work done, 0–100. */
  progressPercent: number;
  /** Day of the latest submission for sign-off, if any. */
  submittedOn: string | null;
  /** Day it was closed (销号), if closed. */
  closedOn: string | null;
}

export interface OverdueStatus {
  overdue: boolean;
  /** Days past the deadline: today − deadline while open, closedOn − deadline once closed late. */
  daysOverdue: number;
  closedLate: boolean;
}

/**
 * Overdue (超期): an open problem whose deadline has passed (`today` > deadline; the deadline day
 * itself is still in time). A problem submitted for sign-off on or before its deadline is not
 * overdue while it waits: the wait is the verifier's, not the unit's. Closed problems are never
 * overdue but may have closed late; voided ones are neither.
 */
export function overdueStatus(p: Pick<ProblemTiming, 'state' | 'deadline' | 'submittedOn' | 'closedOn'>, today: string): OverdueStatus {
  switch (p.state) {
    case 'voided':
      return { overdue: false, daysOverdue: 0, closedLate: false };
    case 'closed': {
      const late = p.closedOn ? daysBetween(p.deadline, p.closedOn) : 0;
      return { overdue: false, daysOverdue: Math.max(0, late), closedLate: late > 0 };
    }
    case 'submitted':
      if (p.submittedOn !== null && p.submittedOn <= p.deadline) return { overdue: false, daysOverdue: 0, closedLate: false };
      break;
    case 'found':
    case 'rectifying':
    case 'returned':
      break;
    default: {
      const never: never = p.state;
      throw new Error(`unknown state ${String(never)}`);
    }
  }
  const late = daysBetween(p.deadline, today);
  return { overdue: late > 0, daysOverdue: Math.max(0, late), closedLate: false };
}

export const PROGRESS_CLASSES = ['completed', 'on_schedule', 'behind_schedule', 'overdue'] as const;
export type ProgressClass = (typeof PROGRESS_CLASSES)[number];
export const progressClassLabel: Record<ProgressClass, Label> = {
  completed: { zh: '完成整改', en: 'Completed' },
  on_schedule: { zh: '达到序时进度', en: 'On schedule' },
  behind_schedule: { zh: '未达序时进度', en: 'Behind schedule' },
  overdue: { zh: '超期未完成', en: 'Overdue' },
};

/**
 * 序时进度 (deadline-proportional progress) of an open, not overdue problem. The schedule runs from
 * the day it was found to its deadline: on `today` the elapsed share is
 *   elapsed = clamp((today − foundOn) / max(1, deadline − foundOn), 0, 1)   (whole days)
 * and the done share is 1 once submitted for sign-off, else progressPercent / 100. The problem is
 * 达到序时进度 when done ≥ elapsed; compared in integers (progress × span ≥ 100 × elapsed days) so
 * no rounding decides a case. Example: found 06-01, deadline 06-11, today 06-06 → half the time
 * gone; 50 % done is on schedule, 40 % is behind.
 */
export function onSchedule(p: ProblemTiming, today: string): boolean {
  const span = Math.max(1, daysBetween(p.foundOn, p.deadline));
  const elapsed = Math.min(span, Math.max(0, daysBetween(p.foundOn, today)));
  const done = p.state === 'submitted' ? 100 : p.progressPercent;
  return done * span >= 100 * elapsed;
}

/** L5: one problem's class on `today`; null for voided problems (they are not counted). */
export function classifyProgress(p: ProblemTiming, today: string): ProgressClass | null {
  if (p.state === 'voided') return null;
  if (p.state === 'closed') return 'completed';
  if (overdueStatus(p, today).overdue) return 'overdue';
  return onSchedule(p, today) ? 'on_schedule' : 'behind_schedule';
}

export interface ProgressFigures {
  /** Every problem not voided: completed + inProgress. */
  total: number;
  /** 完成整改数: closed (销号). */
  completed: number;
  /** 正在整改数: still open = onSchedule + behindSchedule + overdue. */
  inProgress: number;
  /** 达到序时进度数: open, not overdue, done share ≥ elapsed share. */
  onSchedule: number;
  behindSchedule: number;
  /** 超期: open past the deadline. */
  overdue: number;
  /** Closed, but after the deadline (counted in completed). */
  closedLate: number;
}

/** L5 figures for any set of problems (a region, a work group, a campaign). */
export function progressFigures(problems: Iterable<ProblemTiming>, today: string): ProgressFigures {
  const f: ProgressFigures = { total: 0, completed: 0, inProgress: 0, onSchedule: 0, behindSchedule: 0, overdue: 0, closedLate: 0 };
  for (const p of problems) {
    const c = classifyProgress(p, today);
    if (c === null) continue;
    f.total++;
    switch (c) {
      case 'completed':
        f.completed++;
        if (overdueStatus(p, today).closedLate) f.closedLate++;
        break;
      case 'on_schedule':
        f.inProgress++;
        f.onSchedule++;
        break;
      case 'behind_schedule':
        f.inProgress++;
        f.behindSchedule++;
        break;
      case 'overdue':
        f.inProgress++;
        f.overdue++;
        break;
      default: {
        const never: never = c;
        throw new Error(`unknown class ${String(never)}`);
      }
    }
  }
  return f;
}

// ---------- penalties (L6) ----------

const money = z.number().int().min(1).max(1e13);
const penaltyBase = { problemId: uuid, note: freeText(2000).default('') };
/** A suspension lasts until lifted (002: "直至按要求完成整改"). */
const suspension = <K extends 'suspend_new_faces' | 'suspend_licence_extension' | 'suspend_land_application' | 'suspend_coal_sales'>(k: K) =>
  z.strictObject({ kind: z.literal(k), ...penaltyBase, decisionNo: freeText(100).nullable().default(null), decidedOn: day, liftedOn: day.nullable().default(null) });

export const CREDIT_PLATFORMS = ['national_credit_sharing', 'enterprise_credit_publicity'] as const;
export const creditPlatformLabel: Record<(typeof CREDIT_PLATFORMS)[number], Label> = {
  national_credit_sharing: { zh: '全国信用信息共享平台', en: 'National credit information sharing platform' },
  enterprise_credit_publicity: { zh: '国家企业信用信息公示系统', en: 'National enterprise credit publicity system' },
};

/**
 * L6: a measure taken against a problem's party. Money is in fen (1 元 = 100 分) as integers, so
 * sums are exact. The daily continuous fine keeps its rechecks; its total is `dailyPenalty`.
 */
export const penaltyRecordSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fine'), ...penaltyBase, decisionNo: text(100), decidedOn: day, amountFen: money }),
    z.strictObject({
      kind: z.literal('daily_continuous_fine'),
      ...penaltyBase,
      decisionNo: text(100),
      decidedOn: day,
      /** The amount of the original fine decision: the fine per day (办法 第十九条). */
      dailyAmountFen: money,
      /** Counting starts the day after this date: the rectification deadline the party missed. */
      countFrom: day,
      rechecks: z.array(z.strictObject({ on: day, continuing: z.boolean() })).max(1000).default([]),
    }),
    suspension('suspend_new_faces'),
    suspension('suspend_licence_extension'),
    suspension('suspend_land_application'),
    suspension('suspend_coal_sales'),
    z.strictObject({ kind: z.literal('credit_record'), ...penaltyBase, recordedOn: day, platforms: z.array(z.enum(CREDIT_PLATFORMS)).min(1).max(2) }),
    z.strictObject({ kind: z.literal('green_list_removal'), ...penaltyBase, removedOn: day, listLevel: z.enum(['national', 'provincial']) }),
    z.strictObject({
      kind: z.literal('third_party_restoration'),
      ...penaltyBase,
      /** The county (district) government that commissions it. */
      commissionedBy: text(200),
      contractor: text(200),
      commissionedOn: day,
      costFen: money,
      /** Recovered from the responsible party through the courts so far. */
      recoveredFen: z.number().int().min(0).max(1e13).default(0),
    }),
    z.strictObject({ kind: z.literal('case_filed'), ...penaltyBase, caseNo: text(100), filedOn: day }),
    z.strictObject({ kind: z.literal('judicial_referral'), ...penaltyBase, referredOn: day, to: text(200) }),
    z.strictObject({ kind: z.literal('listed_supervision'), ...penaltyBase, listedOn: day, by: text(200) }),
  ])
  .superRefine((r, ctx) => {
    if (r.kind === 'daily_continuous_fine') {
      if (r.decidedOn <= r.countFrom) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'a daily fine is decided after the deadline has passed' });
      const days = r.rechecks.map((c) => c.on);
      if (days.some((d, i) => i > 0 && d <= days[i - 1]!)) ctx.addIssue({ code: 'custom', path: ['rechecks'], message: 'rechecks are listed in date order, one per day' });
    }
    if ('liftedOn' in r && r.liftedOn !== null && r.liftedOn < r.decidedOn) ctx.addIssue({ code: 'custom', path: ['liftedOn'], message: 'lifted before it was decided' });
    if (r.kind === 'third_party_restoration' && r.recoveredFen > r.costFen) {
      ctx.addIssue({ code: 'custom', path: ['recoveredFen'], message: 'more recovered than the restoration cost' });
    }
    if (r.kind === 'credit_record' && new Set(r.platforms).size !== r.platforms.length) ctx.addIssue({ code: 'custom', path: ['platforms'], message: 'a platform is listed twice' });
  });
export type PenaltyRecord = z.infer<typeof penaltyRecordSchema>;

export interface DailyPenalty {
  /** Days counted (计罚日数). */
  days: number;
  totalFen: number;
  /** The last day counted, or null when nothing is counted yet. */
  through: string | null;
  /** True while the last recheck found the violation continuing: the count grows at the next recheck. */
  ongoing: boolean;
  /** The recheck that found it corrected, which ends the count. */
  correctedOn: string | null;
}

/**
 * 按日连续处罚 (002 §四.工作措施.(二): "超出下达整改期限的，实施按日连续处罚，直至整改到位"), counted as
 * 《环境保护主管部门实施按日连续处罚办法》 does: days run from the day after `countFrom` (here the
 * missed deadline) to the day a recheck found the violation continuing (第十七条), accumulating over
 * later rechecks that still find it; a recheck that finds it corrected ends the count (a new
 * violation needs a new decision, 第十八条); the fine per day is the original fine (第十九条), so the
 * total is the daily amount × the days. Rechecks on or before `countFrom` count nothing.
 */
export function dailyPenalty(r: { dailyAmountFen: number; countFrom: string; rechecks: readonly { on: string; continuing: boolean }[] }): DailyPenalty {
  let through: string | null = null;
  let correctedOn: string | null = null;
  for (const c of [...r.rechecks].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))) {
    if (c.on <= r.countFrom) continue;
    if (!c.continuing) {
      correctedOn = c.on;
      break;
    }
    through = c.on;
  }
  const days = through === null ? 0 : daysBetween(r.countFrom, through);
  return { days, totalFen: days * r.dailyAmountFen, through, ongoing: correctedOn === null && through !== null, correctedOn };
}

/**
 * Whether the campaign's rules allow this measure against this problem (L6: "where a campaign rule
 * says so"): a rule of the same kind must cover the problem's type, and a rule triggered by the
 * deadline needs the problem to have been overdue when the measure was decided. Returns issues, empty when allowed.
 */
export function checkPenalty(
  campaign: Campaign,
  problem: { typeCode: string } & Pick<ProblemTiming, 'state' | 'deadline' | 'submittedOn' | 'closedOn'>,
  record: PenaltyRecord,
): CampaignIssue[] {
  const rules = penaltyRulesFor(campaign, problem.typeCode).filter((r) => r.kind === record.kind);
  const kind: PenaltyKind = record.kind;
  if (rules.length === 0) {
    return [{ path: 'kind', message: `本行动没有对该类问题规定“${kind}”措施 (the campaign sets no ${kind} for problem type ${problem.typeCode})` }];
  }
  const issues: CampaignIssue[] = [];
  const decided = penaltyDate(record);
  if (rules.every((r) => r.trigger === 'overdue')) {
    if (decided <= problem.deadline) {
      issues.push({ path: 'decidedOn', message: `整改期限 ${problem.deadline} 届满前不得采取此措施（${rules[0]!.printed}） (only after the deadline ${problem.deadline})` });
    } else if (problem.state === 'closed' && problem.closedOn !== null && problem.closedOn <= decided) {
      issues.push({ path: 'decidedOn', message: '问题已销号，不再处罚 (the problem was already closed)' });
    }
  }
  if (record.kind === 'daily_continuous_fine' && record.countFrom < problem.deadline) {
    issues.push({ path: 'countFrom', message: `按日连续处罚自整改期限 ${problem.deadline} 届满次日起计 (counting starts after the deadline)` });
  }
  return issues;
}

/** The day a measure was decided or taken. */
export function penaltyDate(r: PenaltyRecord): string {
  switch (r.kind) {
    case 'fine':
    case 'daily_continuous_fine':
    case 'suspend_new_faces':
    case 'suspend_licence_extension':
    case 'suspend_land_application':
    case 'suspend_coal_sales':
      return r.decidedOn;
    case 'credit_record':
      return r.recordedOn;
    case 'green_list_removal':
      return r.removedOn;
    case 'third_party_restoration':
      return r.commissionedOn;
    case 'case_filed':
      return r.filedOn;
    case 'judicial_referral':
      return r.referredOn;
    case 'listed_supervision':
      return r.listedOn;
    default: {
      const never: never = r;
      throw new Error(`unknown penalty ${JSON.stringify(never)}`);
    }
  }
}

// ---------- per mine (L7) ----------

export const STAGE_STATUSES = ['pending', 'in_progress', 'done', 'not_applicable'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];
export const stageStatusLabel: Record<StageStatus, Label> = {
  pending: { zh: '未开始', en: 'Pending' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
};

/**
 * L7: one mine in a campaign — 一矿一策 (the policy: what is wrong and what will be done), 一矿一方案
 * (the rectification plan document), 一矿一责任人 (one responsible person), and the status of each
 * stage of the campaign (004: the eight stages). Whether all of that is there is `minePlanGaps`.
 */
export const minePlanInputSchema = z
  .strictObject({
    campaignId: uuid,
    siteId: uuid,
    policy: freeText(5000).default(''),
    planFileIds: z.array(fileId).max(20).default([]),
    responsiblePersonId: uuid.nullable().default(null),
    stages: z
      .array(
        z.strictObject({
          code: z.string().regex(/^[a-z][a-z0-9_]*$/),
          status: z.enum(STAGE_STATUSES),
          completedOn: day.nullable().default(null),
          note: freeText(2000).default(''),
          evidenceFileIds: z.array(fileId).max(50).default([]),
        }),
      )
      .max(50)
      .default([]),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.stages.forEach((s, i) => {
      if (seen.has(s.code)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'code'], message: `stage ${s.code} listed twice` });
      seen.add(s.code);
      if ((s.status === 'done') !== (s.completedOn !== null)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'completedOn'], message: 'a done stage has its completion day, and only a done stage' });
      if (s.status === 'not_applicable' && !s.note) ctx.addIssue({ code: 'custom', path: ['stages', i, 'note'], message: 'say why the stage does not apply to this mine' });
    });
  });
export type MinePlanInput = z.infer<typeof minePlanInputSchema>;

/**
 * "不漏一矿、不漏一环": what a mine's record still lacks under the campaign — the per-mine
 * requirements it names, a status for every stage, evidence for every done stage; stages the
 * campaign does not have are refused.
 */
export function minePlanGaps(campaign: Campaign, m: MinePlanInput): CampaignIssue[] {
  const issues: CampaignIssue[] = [];
  for (const req of campaign.perMine) {
    if (req === 'one_policy' && !m.policy) issues.push({ path: 'policy', message: '缺少“一矿一策” (no per-mine policy)' });
    if (req === 'one_plan' && m.planFileIds.length === 0) issues.push({ path: 'planFileIds', message: '缺少“一矿一方案” (no rectification plan document)' });
    if (req === 'one_responsible' && m.responsiblePersonId === null) issues.push({ path: 'responsiblePersonId', message: '缺少“一矿一责任人” (no responsible person)' });
    if (req === 'one_case_file' && !m.policy && m.planFileIds.length === 0) issues.push({ path: 'policy', message: '缺少“一矿一案”建档材料 (no case file)' });
  }
  const codes = new Set(campaign.stages.map((s) => s.code));
  m.stages.forEach((s, i) => {
    if (!codes.has(s.code)) issues.push({ path: `stages.${i}.code`, message: `本行动没有环节 ${s.code} (no such stage in this campaign)` });
    if (s.status === 'done' && s.evidenceFileIds.length === 0) issues.push({ path: `stages.${i}.evidenceFileIds`, message: '已完成的环节须有佐证材料 (a done stage needs evidence)' });
  });
  for (const st of campaign.stages) {
    if (!m.stages.some((s) => s.code === st.code)) issues.push({ path: 'stages', message: `环节“${st.name}”未填报状态（不漏一环） (stage ${st.code} has no status)` });
  }
  return issues;
}

/** Done and applicable stages of a mine; `percent` feeds 序时进度 (0 when nothing applies). */
export function mineStageProgress(campaign: Campaign, m: MinePlanInput): { done: number; applicable: number; percent: number } {
  const status = new Map(m.stages.map((s) => [s.code, s.status]));
  const applicable = campaign.stages.filter((s) => status.get(s.code) !== 'not_applicable').length;
  const done = campaign.stages.filter((s) => status.get(s.code) === 'done').length;
  return { done, applicable, percent: applicable === 0 ? 0 : Math.floor((100 * done) / applicable) };
}

// ---------- checklist findings become problems (L8) ----------

export interface ChecklistProblemDraft {
  typeCode: string;
  /** 排查发现问题: the failed check and what the inspector noted. */
  description: string;
  siteId: string | null;
  regionCode: string;
  foundOn: string;
  source: 'inspection';
  /** The stored checklist form, when the caller has its id. */
  sourceRef: string | null;
  evidenceFileIds: string[];
  /** The checklist item that failed. */
  itemCode: string;
}

/**
 * The problems a checked form raises: one per failed item, typed by the item's code in the
 * campaign taxonomy (004 has one type per item). Measures, deadline and the responsible person are
 * the office's to add. Throws when the campaign does not use this checklist (a caller error).
 */
export function problemDraftsFromChecklist(campaign: Campaign, list: Checklist, form: ChecklistForm, sourceRef: string | null = null): ChecklistProblemDraft[] {
  if (campaign.checklistId !== list.id) throw new Error(`campaign ${campaign.key} does not use checklist ${list.id}`);
  return failedItems(list, form).map((f) => {
    if (!problemTypeOf(campaign, f.item.code)) throw new Error(`campaign ${campaign.key} has no problem type ${f.item.code}`);
    return {
      typeCode: f.item.code,
      description: f.note ? `${f.item.problem.zh}：${f.note}` : f.item.problem.zh,
      siteId: form.siteId,
      regionCode: form.regionCode,
      foundOn: form.inspectedOn,
      source: 'inspection',
      sourceRef,
      evidenceFileIds: f.evidenceFileIds,
      itemCode: f.item.code,
    };
  });
}
