import {
  checkPenalty,
  daysBetween,
  dailyPenalty,
  penaltyDate,
  penaltyRecordSchema,
  penaltyRulesFor,
  type Penalty,
  type PenaltyClockStopReason,
  type PenaltyPatch,
  type PenaltyRecheckInput,
  type PenaltyRecord,
  type ProblemPenalties,
  type ProblemState,
} from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { AuditInput } from '../../audit/audit.repository.js';
import type { Actor } from '../../auth/actor.js';
import { AppError, invalid, notFound, type FieldIssue } from '../../errors.js';
import { todayInChina } from '../../clock.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import * as repo from './penalties.repository.js';

/**
 * L6 penalties: measures recorded against a problem where its campaign's rules provide them (core
 * checkPenalty), the 按日连续处罚 clock the overdue job starts, rechecks that count the days (core
 * dailyPenalty) and stop the clock when the violation is found corrected, and the totals.
 */

type Audit = Omit<AuditInput, 'actorUserId' | 'actorLabel'>;
type Daily = Extract<PenaltyRecord, { kind: 'daily_continuous_fine' }>;
const SUSPENSIONS = new Set(['suspend_new_faces', 'suspend_licence_extension', 'suspend_land_application', 'suspend_coal_sales']);

const issuesError = (issues: FieldIssue[]) => new AppError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

/** The stored record is core's record without problemId. */
const recordOf = (r: repo.PenaltyRow): PenaltyRecord => penaltyRecordSchema.parse({ ...(r.record as object), problemId: r.problem_id });
const stored = (rec: PenaltyRecord) => {
  const { problemId: _p, ...rest } = rec;
  return rest;
};

function amountOf(rec: PenaltyRecord): number | null {
  if (rec.kind === 'fine') return rec.amountFen;
  if (rec.kind === 'daily_continuous_fine') return rec.dailyAmountFen;
  if (rec.kind === 'third_party_restoration') return rec.costFen;
  return null;
}

export function toPenalty(r: repo.PenaltyRow): Penalty {
  const rec = recordOf(r);
  return {
    id: r.id,
    problemId: r.problem_id,
    kind: rec.kind,
    decidedOn: r.decided_on,
    record: stored(rec) as Record<string, unknown>,
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    daily: rec.kind === 'daily_continuous_fine' ? dailyPenalty(rec) : null,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by_name,
  };
}

async function factsOf(db: Db, actor: Actor, problemId: string) {
  const p = await repo.problemFacts(db, actor.scope, problemId);
  if (!p) throw notFound('problem');
  const { campaign } = await loadCampaign(db, actor, p.campaign_id);
  return { p, campaign };
}

export async function listForProblem(db: Db, actor: Actor, problemId: string): Promise<ProblemPenalties> {
  const { p, campaign } = await factsOf(db, actor, problemId);
  const [rows, clock] = await Promise.all([repo.penaltiesOf(db, actor.scope, problemId), repo.clockOf(db, actor.scope, problemId)]);
  const items = rows.map(toPenalty);
  const sum = (f: (x: Penalty) => number) => items.reduce((s, x) => s + f(x), 0);
  const rec = (x: Penalty) => x.record as Record<string, unknown>;
  const cost = sum((x) => (x.kind === 'third_party_restoration' ? Number(rec(x).costFen) : 0));
  const recovered = sum((x) => (x.kind === 'third_party_restoration' ? Number(rec(x).recoveredFen) : 0));
  const today = todayInChina();
  return {
    problem: { id: p.id, campaignId: p.campaign_id, typeCode: p.type_code, state: p.state as ProblemState, deadline: p.deadline, overdueSince: p.overdue_since, regionCode: p.region_code },
    items,
    totals: {
      finesFen: sum((x) => (x.kind === 'fine' ? (x.amountFen ?? 0) : 0)),
      dailyFen: sum((x) => x.daily?.totalFen ?? 0),
      restorationCostFen: cost,
      recoveredFen: recovered,
      outstandingFen: cost - recovered,
      activeSuspensions: items.filter((x) => SUSPENSIONS.has(x.kind) && rec(x).liftedOn === null).length,
    },
    clock: clock
      ? {
          countFrom: clock.count_from,
          startedOn: clock.started_on,
          ruleSection: clock.rule_section,
          rulePrinted: clock.rule_printed,
          penaltyId: clock.penalty_id,
          stoppedOn: clock.stopped_on,
          stopReason: clock.stop_reason as PenaltyClockStopReason | null,
          daysRunning: Math.max(0, daysBetween(clock.count_from, clock.stopped_on ?? today)),
        }
      : null,
    rules: penaltyRulesFor(campaign, p.type_code).map((r) => ({ kind: r.kind, trigger: r.trigger, untilRectified: r.untilRectified, section: r.section, printed: r.printed })),
  };
}

/** Dates in a record that must not lie after today (China time). */
function futureDates(rec: PenaltyRecord, today: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (penaltyDate(rec) > today) out.push({ path: `body.${dateField(rec)}`, message: `${penaltyDate(rec)} is after today (${today})` });
  if ('liftedOn' in rec && rec.liftedOn && rec.liftedOn > today) out.push({ path: 'body.liftedOn', message: `${rec.liftedOn} is after today (${today})` });
  if (rec.kind === 'daily_continuous_fine') rec.rechecks.forEach((c, i) => c.on > today && out.push({ path: `body.rechecks.${i}.on`, message: `${c.on} is after today (${today})` }));
  return out;
}
const dateField = (rec: PenaltyRecord) =>
  ({ credit_record: 'recordedOn', green_list_removal: 'removedOn', third_party_restoration: 'commissionedOn', case_filed: 'filedOn', judicial_referral: 'referredOn', listed_supervision: 'listedOn' })[rec.kind as string] ?? 'decidedOn';

/** POST /api/problems/{id}/penalties: `body` is a core penalty record without problemId. */
export async function createPenalty(db: Db, actor: Actor, problemId: string, body: Record<string, unknown>): Promise<Penalty> {
  if ('problemId' in body && body.problemId !== problemId) throw invalid('body.problemId', 'leave problemId out: the problem is the one in the path');
  const parsed = penaltyRecordSchema.safeParse({ ...body, problemId });
  if (!parsed.success) throw issuesError(parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
  const rec = parsed.data;
  const today = todayInChina();
  const future = futureDates(rec, today);
  if (future.length) throw issuesError(future);
  const { p, campaign } = await factsOf(db, actor, problemId);
  const issues = checkPenalty(campaign, { typeCode: p.type_code, state: p.state as ProblemState, deadline: p.deadline, submittedOn: p.submitted_on, closedOn: p.closed_on }, rec);
  if (issues.length) throw issuesError(issues.map((i) => ({ path: `body.${i.path}`, message: i.message })));

  const id = await changeWithAudit(db, actor, async (trx) => {
    const locked = await repo.problemFacts(trx, actor.scope, problemId, { forUpdate: true });
    if (!locked) throw notFound('problem');
    const audit: Audit[] = [];
    if (rec.kind === 'daily_continuous_fine') {
      const running = (await repo.penaltiesOf(trx, actor.scope, problemId)).filter((x) => x.kind === 'daily_continuous_fine' && dailyPenalty(recordOf(x) as Daily).correctedOn === null);
      if (running.length) {
        throw new AppError('CONFLICT', `按日连续处罚 ${(running[0]!.record as { decisionNo: string }).decisionNo} is still counting for this problem: record its rechecks instead (a new decision only after it was found corrected)`);
      }
    }
    const { id: newId } = await repo.insertPenalty(trx, { problemId, campaignId: p.campaign_id, regionCode: p.region_code, kind: rec.kind, decidedOn: penaltyDate(rec), record: stored(rec), amountFen: amountOf(rec), userId: actor.userId });
    audit.push({ action: 'penalty.create', entityType: 'problem', entityId: problemId, regionCode: p.region_code, after: { penaltyId: newId, ...stored(rec) } });
    if (rec.kind === 'daily_continuous_fine') {
      const clock = await repo.clockOf(trx, actor.scope, problemId, { forUpdate: true });
      if (clock && clock.stopped_on === null) await repo.attachClock(trx, problemId, newId);
      const corrected = dailyPenalty(rec).correctedOn;
      if (corrected && clock && clock.stopped_on === null && (await repo.stopClock(trx, problemId, corrected, 'corrected'))) {
        audit.push({ action: 'penalty.clock_stop', entityType: 'problem', entityId: problemId, regionCode: p.region_code, before: { stoppedOn: null }, after: { stoppedOn: corrected, reason: 'corrected', penaltyId: newId } });
      }
    }
    return { result: newId, audit };
  });
  return toPenalty((await repo.getPenalty(db, actor.scope, id))!);
}

/**
 * A recheck of a daily fine (第十七条): found continuing, the count runs to that day; found
 * corrected, the count ends and the problem's clock stops (第十八条: a later violation is a new decision).
 */
export async function recordRecheck(db: Db, actor: Actor, penaltyId: string, input: PenaltyRecheckInput): Promise<Penalty> {
  const today = todayInChina();
  if (input.on > today) throw invalid('body.on', `${input.on} is after today (${today})`);
  await changeWithAudit(db, actor, async (trx) => {
    const row = await repo.getPenalty(trx, actor.scope, penaltyId, { forUpdate: true });
    if (!row) throw notFound('penalty');
    const rec = recordOf(row);
    if (rec.kind !== 'daily_continuous_fine') throw invalid('params.id', `only a 按日连续处罚 has rechecks; this is ${rec.kind}`);
    if (input.version !== row.version) throw new AppError('CONFLICT', `The penalty was changed by someone else (you saw version ${input.version}, it is now ${row.version}); reload and try again`);
    const now = dailyPenalty(rec);
    if (now.correctedOn) throw new AppError('CONFLICT', `复查已于 ${now.correctedOn} 认定整改到位，按日计罚已终止；新的违法行为须重新作出处罚决定 (found corrected on ${now.correctedOn}; the count has ended)`);
    if (input.on <= rec.countFrom) throw invalid('body.on', `复查日期须在整改期限 ${rec.countFrom} 之后 (a recheck after the missed deadline counts)`);
    const last = rec.rechecks.at(-1);
    if (last && input.on <= last.on) throw invalid('body.on', `the last recheck was on ${last.on}; rechecks are recorded in date order, one per day`);
    const next = penaltyRecordSchema.safeParse({ ...rec, rechecks: [...rec.rechecks, { on: input.on, continuing: input.continuing }] });
    if (!next.success) throw issuesError(next.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
    const done = await repo.updatePenaltyRecord(trx, row.id, row.version, stored(next.data));
    if (!done) throw new AppError('CONFLICT', 'The penalty was changed by someone else; reload and try again');
    const counted = dailyPenalty(next.data as Daily);
    const audit: Audit[] = [
      {
        action: 'penalty.recheck',
        entityType: 'problem',
        entityId: row.problem_id,
        regionCode: row.region_code,
        before: { penaltyId: row.id, days: now.days, totalFen: now.totalFen },
        after: { penaltyId: row.id, on: input.on, continuing: input.continuing, days: counted.days, totalFen: counted.totalFen },
      },
    ];
    if (!input.continuing && (await repo.stopClock(trx, row.problem_id, input.on, 'corrected'))) {
      audit.push({ action: 'penalty.clock_stop', entityType: 'problem', entityId: row.problem_id, regionCode: row.region_code, before: { stoppedOn: null }, after: { stoppedOn: input.on, reason: 'corrected', penaltyId: row.id } });
    }
    return { result: null, audit };
  });
  return toPenalty((await repo.getPenalty(db, actor.scope, penaltyId))!);
}

/** Lifting a suspension, recording money recovered for a third-party restoration, or the note. */
export async function patchPenalty(db: Db, actor: Actor, penaltyId: string, patch: PenaltyPatch): Promise<Penalty> {
  const today = todayInChina();
  await changeWithAudit(db, actor, async (trx) => {
    const row = await repo.getPenalty(trx, actor.scope, penaltyId, { forUpdate: true });
    if (!row) throw notFound('penalty');
    if (patch.version !== row.version) throw new AppError('CONFLICT', `The penalty was changed by someone else (you saw version ${patch.version}, it is now ${row.version}); reload and try again`);
    const rec = recordOf(row);
    if (patch.liftedOn !== undefined && !SUSPENSIONS.has(rec.kind)) throw invalid('body.liftedOn', `only a suspension is lifted; this is ${rec.kind}`);
    if (patch.recoveredFen !== undefined && rec.kind !== 'third_party_restoration') throw invalid('body.recoveredFen', `only a third-party restoration has costs to recover; this is ${rec.kind}`);
    if (patch.liftedOn && patch.liftedOn > today) throw invalid('body.liftedOn', `${patch.liftedOn} is after today (${today})`);
    const merged = {
      ...rec,
      ...(patch.liftedOn !== undefined ? { liftedOn: patch.liftedOn } : {}),
      ...(patch.recoveredFen !== undefined ? { recoveredFen: patch.recoveredFen } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
    };
    const next = penaltyRecordSchema.safeParse(merged);
    if (!next.success) throw issuesError(next.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
    const done = await repo.updatePenaltyRecord(trx, row.id, row.version, stored(next.data));
    if (!done) throw new AppError('CONFLICT', 'The penalty was changed by someone else; reload and try again');
    const pick = (r: Record<string, unknown>) => Object.fromEntries(['liftedOn', 'recoveredFen', 'note'].filter((k) => k in r).map((k) => [k, r[k]]));
    return {
      result: null,
      audit: [{ action: 'penalty.update', entityType: 'problem', entityId: row.problem_id, regionCode: row.region_code, before: { penaltyId: row.id, ...pick(rec) }, after: { penaltyId: row.id, ...pick(next.data) } }],
    };
  });
  return toPenalty((await repo.getPenalty(db, actor.scope, penaltyId))!);
}
