import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaign001, campaign002, campaign004 } from './campaigns/index.js';
import { CHECKLIST_004, applicableItems, checklistFormSchema } from './checklists.js';
import {
  CAPACITIES,
  OPEN_STATES,
  PROBLEM_EVENTS,
  PROBLEM_STATES,
  PROBLEM_TRANSITIONS,
  availableEvents,
  checkPenalty,
  checkProblemAgainstCampaign,
  chinaDate,
  classifyProgress,
  dailyPenalty,
  effectiveCapacities,
  fire,
  minePlanGaps,
  minePlanInputSchema,
  mineStageProgress,
  onSchedule,
  overdueStatus,
  penaltyRecordSchema,
  problemDraftsFromChecklist,
  problemEventInputSchema,
  problemInputSchema,
  problemUpdateSchema,
  progressFigures,
  refusalMessage,
  type ActorContext,
  type Capacity,
  type ProblemSnapshot,
  type ProblemTiming,
  type Refusal,
} from './problems.js';

const EV1 = 'a'.repeat(64);
const EV2 = 'b'.repeat(64);
const RESP = 'unit-responsible';
const VERIFY = 'unit-verifier';
const OFFICE_UNIT = 'unit-office';
const fresh = (): ProblemSnapshot => ({ state: 'found', responsibleUnitId: RESP, verifyingUnitId: VERIFY, evidenceFileIds: [] });
const actor = (unitId: string | null, ...capacities: Capacity[]): ActorContext => ({ userId: `user-${unitId}-${capacities.join('+')}`, unitId, capacities });
const worker = actor(RESP);
const office = actor(OFFICE_UNIT, 'office');
const verifier = actor(VERIFY);
const inspector = actor('unit-inspector', 'supervision_group');

function must(p: ProblemSnapshot, ...args: Parameters<typeof fire> extends [unknown, ...infer R] ? R : never): ProblemSnapshot {
  const r = fire(p, ...args);
  if (!r.ok) throw new Error(`${args[0]} refused: ${r.message.en}`);
  return r.next;
}
function refusal(p: ProblemSnapshot, ...args: Parameters<typeof fire> extends [unknown, ...infer R] ? R : never): Refusal {
  const r = fire(p, ...args);
  if (r.ok) throw new Error(`${args[0]} was allowed`);
  return r.refusal;
}

describe('the lifecycle as data', () => {
  it('every event has a transition, every state is reachable from found, voided is final', () => {
    for (const e of PROBLEM_EVENTS) expect(PROBLEM_TRANSITIONS.some((t) => t.event === e), e).toBe(true);
    const reach = new Set(['found']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of PROBLEM_TRANSITIONS) {
        if (t.from.some((f) => reach.has(f)) && !reach.has(t.to)) {
          reach.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reach].sort()).toEqual([...PROBLEM_STATES].sort());
    expect(PROBLEM_TRANSITIONS.filter((t) => t.from.includes('voided'))).toEqual([]);
  });

  it('closing needs evidence and a signer who is not the responsible unit; closed leaves only by reopen with a reason', () => {
    for (const t of PROBLEM_TRANSITIONS.filter((x) => x.to === 'closed')) {
      expect(t.evidence, t.event).not.toBe(false);
      expect(t.excludeResponsibleUnit, t.event).toBe(true);
      expect(t.who, t.event).not.toContain('responsible_unit');
    }
    expect(PROBLEM_TRANSITIONS.filter((t) => t.event === 'sign_off').flatMap((t) => t.who)).toEqual(['office', 'verifying_unit']);
    const leaving = PROBLEM_TRANSITIONS.filter((t) => t.from.includes('closed'));
    expect(leaving.map((t) => [t.event, t.reasonRequired])).toEqual([['reopen', true]]);
  });
});

describe('fire', () => {
  it('found → rectifying → submitted → closed (销号), with the audit record of each step', () => {
    let p = must(fresh(), 'start', worker);
    expect(p.state).toBe('rectifying');
    const submitted = fire(p, 'submit', worker, { evidenceFileIds: [EV1, EV1] });
    expect(submitted.ok && submitted.audit).toEqual({ type: 'problem.submit', from: 'rectifying', to: 'submitted', reason: null, evidenceFileIds: [EV1], actorUserId: worker.userId, actorUnitId: RESP });
    p = submitted.ok ? submitted.next : p;
    const closed = fire(p, 'sign_off', office);
    expect(closed.ok).toBe(true);
    expect(closed.ok && closed.next).toEqual({ ...p, state: 'closed', evidenceFileIds: [EV1] });
  });

  it('returned with a reason, resubmitted with new evidence, verified by the verifying unit', () => {
    let p = must(must(fresh(), 'start', office), 'submit', worker, { evidenceFileIds: [EV1] });
    expect(refusal(p, 'return', verifier, { reason: '   ' })).toEqual({ code: 'REASON_REQUIRED', event: 'return' });
    const returned = fire(p, 'return', verifier, { reason: '复垦面积不足' });
    expect(returned.ok && returned.audit.reason).toBe('复垦面积不足');
    p = returned.ok ? returned.next : p;
    expect(p.state).toBe('returned');
    expect(refusal(p, 'submit', worker, { evidenceFileIds: [EV1] })).toEqual({ code: 'EVIDENCE_REQUIRED', event: 'submit', kind: 'new' });
    p = must(p, 'submit', worker, { evidenceFileIds: [EV1, EV2] });
    expect(p.evidenceFileIds).toEqual([EV1, EV2]);
    expect(must(p, 'sign_off', verifier).state).toBe('closed');
  });

  it('the responsible unit cannot sign off its own work, even as the office', () => {
    const p = must(must(fresh(), 'start', worker), 'submit', worker, { evidenceFileIds: [EV1] });
    expect(refusal(p, 'sign_off', worker)).toEqual({ code: 'OWN_WORK', event: 'sign_off' });
    expect(refusal(p, 'sign_off', actor(RESP, 'office'))).toEqual({ code: 'OWN_WORK', event: 'sign_off' });
    expect(refusal(p, 'sign_off', actor('elsewhere', 'office', 'responsible_unit'))).toEqual({ code: 'OWN_WORK', event: 'sign_off' });
    expect(refusal(p, 'return', worker, { reason: 'x' }).code).toBe('OWN_WORK');
    // A verifying unit that is also the responsible unit is still the responsible unit.
    expect(refusal({ ...p, verifyingUnitId: RESP }, 'sign_off', worker).code).toBe('OWN_WORK');
  });

  it('only the office or the verifying unit signs off; a supervision group cannot', () => {
    const p = must(must(fresh(), 'start', worker), 'submit', worker, { evidenceFileIds: [EV1] });
    expect(refusal(p, 'sign_off', inspector)).toEqual({ code: 'NOT_PERMITTED', event: 'sign_off', needs: ['office', 'verifying_unit'] });
    expect(refusal(p, 'sign_off', actor(null))).toMatchObject({ code: 'NOT_PERMITTED' });
  });

  it('立行立改 closes a found problem at once, only with evidence, not by the responsible unit', () => {
    expect(refusal(fresh(), 'immediate_fix', inspector)).toEqual({ code: 'EVIDENCE_REQUIRED', event: 'immediate_fix', kind: 'new' });
    expect(refusal(fresh(), 'immediate_fix', worker, { evidenceFileIds: [EV1] }).code).toBe('OWN_WORK');
    expect(must(fresh(), 'immediate_fix', inspector, { evidenceFileIds: [EV1] })).toMatchObject({ state: 'closed', evidenceFileIds: [EV1] });
    expect(refusal(must(fresh(), 'start', worker), 'immediate_fix', inspector, { evidenceFileIds: [EV1] }).code).toBe('NOT_FROM_STATE');
  });

  it('a closed problem is reopened with a reason by the office, verifier or a supervision group', () => {
    const closed = must(fresh(), 'immediate_fix', office, { evidenceFileIds: [EV1] });
    for (const e of PROBLEM_EVENTS.filter((x) => x !== 'reopen')) {
      expect(refusal(closed, e, office, { reason: 'x', evidenceFileIds: [EV2] }).code, e).toBe('NOT_FROM_STATE');
    }
    expect(refusal(closed, 'reopen', inspector)).toEqual({ code: 'REASON_REQUIRED', event: 'reopen' });
    expect(refusal(closed, 'reopen', worker, { reason: 'x' }).code).toBe('NOT_PERMITTED');
    const r = fire(closed, 'reopen', inspector, { reason: '回头看发现复发' });
    expect(r.ok && [r.to, r.audit.type, r.audit.reason]).toEqual(['rectifying', 'problem.reopen', '回头看发现复发']);
  });

  it('withdraw and void', () => {
    const submitted = must(must(fresh(), 'start', worker), 'submit', worker, { evidenceFileIds: [EV1] });
    expect(must(submitted, 'withdraw', worker, { reason: '材料上传错误' }).state).toBe('rectifying');
    expect(refusal(submitted, 'withdraw', office, { reason: 'x' }).code).toBe('NOT_PERMITTED');
    expect(refusal(submitted, 'void', office, { reason: '重复录入' }).code).toBe('NOT_FROM_STATE');
    const voided = must(fresh(), 'void', office, { reason: '重复录入' });
    expect(voided.state).toBe('voided');
    for (const e of PROBLEM_EVENTS) expect(refusal(voided, e, office, { reason: 'x', evidenceFileIds: [EV2] }).code).toBe('NOT_FROM_STATE');
  });

  it('refuses malformed evidence ids and a sign-off with nothing on file', () => {
    expect(refusal(must(fresh(), 'start', worker), 'submit', worker, { evidenceFileIds: ['../etc/passwd'] })).toEqual({ code: 'BAD_EVIDENCE', event: 'submit', fileId: '../etc/passwd' });
    expect(refusal({ ...fresh(), state: 'submitted' }, 'sign_off', office)).toEqual({ code: 'EVIDENCE_REQUIRED', event: 'sign_off', kind: 'held' });
  });

  it('every refusal has a Chinese and an English message', () => {
    const all: Refusal[] = [
      { code: 'NOT_FROM_STATE', event: 'sign_off', state: 'found', allowedFrom: ['submitted'] },
      { code: 'NOT_PERMITTED', event: 'sign_off', needs: ['office', 'verifying_unit'] },
      { code: 'OWN_WORK', event: 'sign_off' },
      { code: 'REASON_REQUIRED', event: 'return' },
      { code: 'EVIDENCE_REQUIRED', event: 'submit', kind: 'new' },
      { code: 'EVIDENCE_REQUIRED', event: 'sign_off', kind: 'held' },
      { code: 'BAD_EVIDENCE', event: 'submit', fileId: 'x' },
    ];
    for (const r of all) {
      const m = refusalMessage(r);
      expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(refusalMessage(all[0]!).zh).toBe('问题处于“待整改”状态，不能验收销号（仅限“待验收销号”）');
    expect(refusalMessage(all[1]!).en).toBe('only the campaign office or the verifying unit may verify and close');
  });

  it('availableEvents shows what the actor may do now', () => {
    const submitted = must(must(fresh(), 'start', worker), 'submit', worker, { evidenceFileIds: [EV1] });
    expect(availableEvents(fresh(), worker)).toEqual(['start']);
    expect(availableEvents(fresh(), office)).toEqual(['start', 'immediate_fix', 'void']);
    expect(availableEvents(submitted, worker)).toEqual(['withdraw']);
    expect(availableEvents(submitted, verifier)).toEqual(['sign_off', 'return']);
    expect(availableEvents(submitted, inspector)).toEqual([]);
    expect([...effectiveCapacities(submitted, verifier)]).toEqual(['verifying_unit']);
  });

  it('the event input schema', () => {
    expect(problemEventInputSchema.parse({ version: 3, event: 'submit', evidenceFileIds: [EV1] })).toEqual({ version: 3, event: 'submit', reason: null, evidenceFileIds: [EV1] });
    expect(problemEventInputSchema.safeParse({ version: 3, event: 'close' }).success).toBe(false);
  });
});

describe('lifecycle properties (fast-check)', () => {
  const UNITS = [RESP, VERIFY, OFFICE_UNIT, 'unit-other', null];
  const actorArb = fc.record({
    userId: fc.constantFrom('u1', 'u2', 'u3'),
    unitId: fc.constantFrom(...UNITS),
    capacities: fc.subarray([...CAPACITIES]),
  });
  const payloadArb = fc.record({
    evidenceFileIds: fc.subarray([EV1, EV2, 'c'.repeat(64), 'not-a-file']),
    reason: fc.constantFrom(null, '', '   ', '理由'),
  });
  const stepArb = fc.record({ event: fc.constantFrom(...PROBLEM_EVENTS), actor: actorArb, payload: payloadArb });
  // Any state, holding evidence or not, so short sequences reach every transition.
  const startArb = fc.record({ state: fc.constantFrom(...PROBLEM_STATES), verifyingUnitId: fc.constantFrom(VERIFY, RESP, null), evidenceFileIds: fc.subarray([EV1]) });
  const SIGNERS: Record<string, Capacity[]> = { sign_off: ['office', 'verifying_unit'], immediate_fix: ['office', 'verifying_unit', 'supervision_group'] };

  it('no sequence of events closes a problem without evidence and an allowed signer who is not the responsible unit', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { maxLength: 40 }), (start, steps) => {
        let p: ProblemSnapshot = { ...fresh(), ...start };
        for (const s of steps) {
          const r = fire(p, s.event, s.actor, s.payload);
          if (!r.ok) continue;
          if (r.to === 'closed') {
            expect(r.next.evidenceFileIds.length).toBeGreaterThan(0);
            const caps = effectiveCapacities(p, s.actor);
            expect(SIGNERS[s.event]!.some((c) => caps.has(c))).toBe(true);
            expect(s.actor.unitId === RESP || s.actor.capacities.includes('responsible_unit')).toBe(false);
          }
          p = r.next;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the responsible unit can never sign off, return or void its own work', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROBLEM_STATES), actorArb, payloadArb, (state, a, payload) => {
        const inUnit = { ...a, unitId: RESP };
        for (const e of ['sign_off', 'return', 'immediate_fix', 'void'] as const) {
          const r = fire({ ...fresh(), state, evidenceFileIds: [EV1] }, e, inUnit, payload);
          expect(r.ok).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a closed problem leaves only by reopen, with a reason', () => {
    fc.assert(
      fc.property(stepArb, (s) => {
        const r = fire({ ...fresh(), state: 'closed', evidenceFileIds: [EV1] }, s.event, s.actor, s.payload);
        if (r.ok) {
          expect(r.transition.event).toBe('reopen');
          expect(r.audit.reason?.trim()).toBeTruthy();
          expect(r.audit.type).toBe('problem.reopen');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('立行立改 always brings new evidence; evidence is never lost; a refusal changes nothing', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        let p = fresh();
        for (const s of steps) {
          const before = structuredClone(p);
          const r = fire(p, s.event, s.actor, s.payload);
          expect(p).toEqual(before);
          if (!r.ok) continue;
          if (s.event === 'immediate_fix') expect(r.audit.evidenceFileIds.length).toBeGreaterThan(0);
          expect(r.next.evidenceFileIds.slice(0, p.evidenceFileIds.length)).toEqual(p.evidenceFileIds);
          expect(PROBLEM_STATES).toContain(r.next.state);
          p = r.next;
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('overdue (超期)', () => {
  const open = { state: 'rectifying' as const, deadline: '2022-06-30', submittedOn: null, closedOn: null };

  it('the deadline day is still in time; the day after is 1 day overdue', () => {
    expect(overdueStatus(open, '2022-06-30')).toEqual({ overdue: false, daysOverdue: 0, closedLate: false });
    expect(overdueStatus(open, '2022-07-01')).toEqual({ overdue: true, daysOverdue: 1, closedLate: false });
    expect(overdueStatus({ ...open, state: 'found' }, '2022-07-31').daysOverdue).toBe(31);
    expect(overdueStatus({ ...open, state: 'returned' }, '2022-07-02').overdue).toBe(true);
  });

  it('submitted in time is not overdue while it waits; submitted late is', () => {
    expect(overdueStatus({ ...open, state: 'submitted', submittedOn: '2022-06-30' }, '2022-08-01').overdue).toBe(false);
    expect(overdueStatus({ ...open, state: 'submitted', submittedOn: '2022-07-02' }, '2022-07-05')).toEqual({ overdue: true, daysOverdue: 5, closedLate: false });
  });

  it('closed is never overdue but may have closed late; voided is neither', () => {
    expect(overdueStatus({ ...open, state: 'closed', closedOn: '2022-07-03' }, '2023-01-01')).toEqual({ overdue: false, daysOverdue: 3, closedLate: true });
    expect(overdueStatus({ ...open, state: 'closed', closedOn: '2022-06-01' }, '2023-01-01').closedLate).toBe(false);
    expect(overdueStatus({ ...open, state: 'voided' }, '2023-01-01')).toEqual({ overdue: false, daysOverdue: 0, closedLate: false });
  });

  it('China days: an instant after 16:00 UTC is already the next day in China', () => {
    expect(chinaDate(new Date('2022-12-31T15:59:59Z'))).toBe('2022-12-31');
    expect(chinaDate(new Date('2022-12-31T16:00:00Z'))).toBe('2023-01-01');
  });
});

describe('progress (L5, 序时进度)', () => {
  const p = (over: Partial<ProblemTiming>): ProblemTiming => ({
    state: 'rectifying',
    foundOn: '2022-06-01',
    deadline: '2022-06-11',
    progressPercent: 0,
    submittedOn: null,
    closedOn: null,
    ...over,
  });

  it('the documented example: half the time gone, 50 % is on schedule, 40 % behind', () => {
    expect(onSchedule(p({ progressPercent: 50 }), '2022-06-06')).toBe(true);
    expect(onSchedule(p({ progressPercent: 40 }), '2022-06-06')).toBe(false);
    expect(classifyProgress(p({ progressPercent: 49 }), '2022-06-06')).toBe('behind_schedule');
  });

  it('on the day found anything is on schedule; on the deadline only 100 % or submitted', () => {
    expect(classifyProgress(p({}), '2022-06-01')).toBe('on_schedule');
    expect(classifyProgress(p({ progressPercent: 99 }), '2022-06-11')).toBe('behind_schedule');
    expect(classifyProgress(p({ progressPercent: 100 }), '2022-06-11')).toBe('on_schedule');
    expect(classifyProgress(p({ state: 'submitted', submittedOn: '2022-06-10' }), '2022-06-11')).toBe('on_schedule');
    expect(classifyProgress(p({ progressPercent: 100 }), '2022-06-12')).toBe('overdue');
    // Found and due the same day: the whole span is one day.
    expect(classifyProgress(p({ deadline: '2022-06-01' }), '2022-06-01')).toBe('on_schedule');
  });

  it('closed counts as completed, voided not at all', () => {
    expect(classifyProgress(p({ state: 'closed', closedOn: '2022-06-05' }), '2022-07-01')).toBe('completed');
    expect(classifyProgress(p({ state: 'voided' }), '2022-07-01')).toBeNull();
  });

  it('figures: total = completed + in progress; in progress = on schedule + behind + overdue', () => {
    const rows = [
      p({ state: 'closed', closedOn: '2022-06-05' }),
      p({ state: 'closed', closedOn: '2022-06-20' }),
      p({ progressPercent: 80 }),
      p({ progressPercent: 10 }),
      p({ deadline: '2022-06-04' }),
      p({ state: 'voided' }),
    ];
    expect(progressFigures(rows, '2022-06-06')).toEqual({ total: 5, completed: 2, inProgress: 3, onSchedule: 1, behindSchedule: 1, overdue: 1, closedLate: 1 });
  });

  const timingArb = fc
    .record({
      state: fc.constantFrom(...PROBLEM_STATES),
      found: fc.integer({ min: 0, max: 300 }),
      span: fc.integer({ min: 0, max: 200 }),
      progressPercent: fc.integer({ min: 0, max: 100 }),
      submitted: fc.integer({ min: 0, max: 400 }),
      closed: fc.integer({ min: 0, max: 400 }),
    })
    .map(({ state, found, span, progressPercent, submitted, closed }) => {
      const d = (n: number) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      return p({
        state,
        foundOn: d(found),
        deadline: d(found + span),
        progressPercent,
        submittedOn: state === 'submitted' ? d(found + (submitted % (span + 60))) : null,
        closedOn: state === 'closed' ? d(found + closed) : null,
      });
    });
  const dayArb = fc.integer({ min: 0, max: 600 }).map((n) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

  it('the figures always add up (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(timingArb, { maxLength: 60 }), dayArb, (rows, today) => {
        const f = progressFigures(rows, today);
        expect(f.total).toBe(rows.filter((r) => r.state !== 'voided').length);
        expect(f.total).toBe(f.completed + f.inProgress);
        expect(f.inProgress).toBe(f.onSchedule + f.behindSchedule + f.overdue);
        expect(f.closedLate).toBeLessThanOrEqual(f.completed);
        expect(f.inProgress).toBe(rows.filter((r) => OPEN_STATES.includes(r.state)).length);
      }),
    );
  });

  it('more progress never falls behind; later days never catch up without progress (fast-check)', () => {
    fc.assert(
      fc.property(timingArb, dayArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 60 }), (t, today, more, later) => {
        const better = { ...t, progressPercent: Math.min(100, t.progressPercent + more) };
        if (onSchedule(t, today)) expect(onSchedule(better, today)).toBe(true);
        const next = new Date(Date.parse(today) + later * 86_400_000).toISOString().slice(0, 10);
        if (!onSchedule(t, today)) expect(onSchedule(t, next)).toBe(false);
      }),
    );
  });
});

describe('penalties (L6)', () => {
  const PID = '0b5f6a3e-3a51-4f0c-8b3f-2f8d3f6a1c11';
  const daily = (rechecks: { on: string; continuing: boolean }[]) => ({ dailyAmountFen: 10_000_000, countFrom: '2022-06-30', rechecks });

  it('按日连续处罚: days from the day after the deadline to the recheck that found it continuing, accumulating', () => {
    expect(dailyPenalty(daily([]))).toEqual({ days: 0, totalFen: 0, through: null, ongoing: false, correctedOn: null });
    expect(dailyPenalty(daily([{ on: '2022-07-05', continuing: true }]))).toEqual({ days: 5, totalFen: 50_000_000, through: '2022-07-05', ongoing: true, correctedOn: null });
    expect(dailyPenalty(daily([{ on: '2022-07-10', continuing: true }, { on: '2022-07-05', continuing: true }])).days).toBe(10);
  });

  it('a recheck that finds it corrected ends the count; later findings need a new decision', () => {
    const r = dailyPenalty(daily([{ on: '2022-07-05', continuing: true }, { on: '2022-07-08', continuing: false }, { on: '2022-07-20', continuing: true }]));
    expect(r).toEqual({ days: 5, totalFen: 50_000_000, through: '2022-07-05', ongoing: false, correctedOn: '2022-07-08' });
    expect(dailyPenalty(daily([{ on: '2022-06-29', continuing: true }, { on: '2022-06-30', continuing: true }])).days).toBe(0);
  });

  it('total = daily amount × days, and a later continuing recheck never lowers it (fast-check)', () => {
    const recheckArb = fc.record({ on: fc.integer({ min: -10, max: 120 }), continuing: fc.boolean() });
    fc.assert(
      fc.property(fc.array(recheckArb, { maxLength: 20 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 121, max: 200 }), (checks, amount, extra) => {
        const d = (n: number) => new Date(Date.UTC(2022, 5, 30) + n * 86_400_000).toISOString().slice(0, 10);
        const rechecks = checks.map((c) => ({ on: d(c.on), continuing: c.continuing }));
        const r = dailyPenalty({ dailyAmountFen: amount, countFrom: '2022-06-30', rechecks });
        expect(r.totalFen).toBe(r.days * amount);
        expect(r.days).toBeGreaterThanOrEqual(0);
        const more = dailyPenalty({ dailyAmountFen: amount, countFrom: '2022-06-30', rechecks: [...rechecks, { on: d(extra), continuing: true }] });
        expect(more.days).toBeGreaterThanOrEqual(r.days);
        if (r.correctedOn === null) expect(more.days).toBe(extra);
      }),
    );
  });

  it('records are checked: dates in order, recovered ≤ cost, lifted after decided', () => {
    const bad: [unknown, string][] = [
      [{ kind: 'daily_continuous_fine', problemId: PID, decisionNo: '达环罚〔2022〕12号', decidedOn: '2022-06-30', dailyAmountFen: 100, countFrom: '2022-06-30' }, 'decidedOn'],
      [
        { kind: 'daily_continuous_fine', problemId: PID, decisionNo: 'x', decidedOn: '2022-07-10', dailyAmountFen: 100, countFrom: '2022-06-30', rechecks: [{ on: '2022-07-09', continuing: true }, { on: '2022-07-05', continuing: true }] },
        'rechecks',
      ],
      [{ kind: 'third_party_restoration', problemId: PID, commissionedBy: '沙坡头区人民政府', contractor: '某修复公司', commissionedOn: '2022-06-01', costFen: 100, recoveredFen: 101 }, 'recoveredFen'],
      [{ kind: 'suspend_new_faces', problemId: PID, decidedOn: '2022-06-01', liftedOn: '2022-05-01' }, 'liftedOn'],
      [{ kind: 'fine', problemId: PID, decisionNo: 'x', decidedOn: '2022-06-01', amountFen: 0 }, 'amountFen'],
      [{ kind: 'credit_record', problemId: PID, recordedOn: '2022-06-01', platforms: [] }, 'platforms'],
    ];
    for (const [rec, path] of bad) {
      const r = penaltyRecordSchema.safeParse(rec);
      expect(r.success, path).toBe(false);
      expect(r.error!.issues[0]!.path.join('.')).toBe(path);
    }
  });

  it('a measure needs a campaign rule covering the problem type; the daily fine only after the deadline', () => {
    const problem = { typeCode: 'dump_pollution', state: 'rectifying' as const, deadline: '2022-06-30', submittedOn: null, closedOn: null };
    const rec = (over: object) => penaltyRecordSchema.parse({ kind: 'daily_continuous_fine', problemId: PID, decisionNo: '达环罚〔2022〕12号', decidedOn: '2022-07-05', dailyAmountFen: 5_000_000, countFrom: '2022-06-30', ...over });
    expect(checkPenalty(campaign002, problem, rec({}))).toEqual([]);
    expect(checkPenalty(campaign002, { ...problem, typeCode: 'forest_grass' }, rec({}))[0]!.path).toBe('kind');
    expect(checkPenalty(campaign002, { ...problem, deadline: '2022-07-05' }, rec({ countFrom: '2022-07-04' })).map((i) => i.path)).toEqual(['decidedOn', 'countFrom']);
    expect(checkPenalty(campaign002, { ...problem, state: 'closed', closedOn: '2022-07-01' }, rec({}))[0]!.message).toMatch(/已销号/);
    expect(checkPenalty(campaign001, problem, rec({}))[0]!.path).toBe('kind');
    const suspension = penaltyRecordSchema.parse({ kind: 'suspend_licence_extension', problemId: PID, decidedOn: '2022-05-01' });
    expect(checkPenalty(campaign002, { ...problem, typeCode: 'not_reclaimed' }, suspension)).toEqual([]);
    const restoration = penaltyRecordSchema.parse({ kind: 'third_party_restoration', problemId: PID, commissionedBy: '海原县人民政府', contractor: '某生态修复公司', commissionedOn: '2022-06-10', costFen: 80_000_000 });
    expect(checkPenalty(campaign004, { ...problem, typeCode: 'refuses_restoration' }, restoration)).toEqual([]);
    expect(checkPenalty(campaign002, { ...problem, typeCode: 'not_reclaimed' }, restoration)[0]!.path).toBe('kind');
  });
});

describe('problem input and the campaign rules (L1, L3)', () => {
  const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const input = (over: object = {}) =>
    problemInputSchema.parse({
      campaignId: U(1),
      regionCode: '150621102',
      enterprise: '内蒙古某煤业有限公司',
      typeCode: 'temp_land_small_big',
      description: '临时用地超出批准范围 23 亩',
      measures: '停止占用，补办手续，限期复垦',
      deadline: '2022-12-31',
      foundOn: '2022-05-20',
      responsibleUnitId: U(2),
      responsiblePersonId: U(3),
      responsibleContact: '13912345678',
      source: 'survey',
      ...over,
    });

  it('the schema: a site or enterprise, deadline not before found, verifier ≠ responsible unit, 立行立改 with evidence', () => {
    expect(input().verifyingUnitId).toBeNull();
    const issue = (over: object) => problemInputSchema.safeParse({ ...input(), ...over }).error?.issues[0]?.path.join('.');
    expect(issue({ enterprise: '' })).toBe('enterprise');
    expect(issue({ deadline: '2022-05-19' })).toBe('deadline');
    expect(issue({ verifyingUnitId: U(2) })).toBe('verifyingUnitId');
    expect(issue({ immediate: true })).toBe('evidenceFileIds');
    expect(issue({ description: '   ' })).toBe('description');
    expect(issue({ typeCode: '临时用地' })).toBe('typeCode');
    expect(problemUpdateSchema.safeParse({ version: 2, deadline: '2022-11-30' }).error?.issues[0]?.path).toEqual(['reason']);
    expect(problemUpdateSchema.parse({ version: 2, deadline: '2022-11-30', reason: '提前完成' }).deadline).toBe('2022-11-30');
  });

  it('002: deadline limit, type limit, rank ≥ 副科级, responsible person and contact', () => {
    const ok = input();
    expect(checkProblemAgainstCampaign(campaign002, ok, { responsibleRank: 'deputy_section' })).toEqual([]);
    expect(checkProblemAgainstCampaign(campaign002, ok, { responsibleRank: 'clerk' })).toEqual([
      { path: 'responsiblePersonId', message: expect.stringContaining('低于副科级') },
    ]);
    expect(checkProblemAgainstCampaign(campaign002, ok, { responsibleRank: null })[0]!.message).toMatch(/未登记职级/);
    expect(checkProblemAgainstCampaign(campaign002, { ...ok, responsiblePersonId: null }, {}).map((i) => i.path)).toEqual(['responsiblePersonId', 'responsibleContact']);
    expect(checkProblemAgainstCampaign(campaign002, { ...ok, responsibleContact: null }, { responsibleRank: 'section' }).map((i) => i.path)).toEqual(['responsibleContact']);
    expect(checkProblemAgainstCampaign(campaign002, { ...ok, deadline: '2023-01-01' }, { responsibleRank: 'section' })[0]!.message).toMatch(/晚于规定的 2022-12-31/);
    expect(checkProblemAgainstCampaign(campaign002, { ...ok, typeCode: 'dump_pollution', deadline: '2022-07-01' }, { responsibleRank: 'section' })[0]!.message).toMatch(/2022-06-30/);
    expect(checkProblemAgainstCampaign(campaign002, { ...ok, typeCode: 'pit_ownerless', deadline: '2023-06-30' }, { responsibleRank: 'section' })).toEqual([]);
    expect(checkProblemAgainstCampaign(campaign002, { ...ok, typeCode: 'nope' }, { responsibleRank: 'section' })[0]!.path).toBe('typeCode');
  });

  it('001: hazard-ledger types need their ledger fields; other types have none', () => {
    const base = { ...input(), typeCode: 'explosives_cyanide', responsiblePersonId: null, responsibleContact: null };
    expect(checkProblemAgainstCampaign(campaign001, base, {}).map((i) => i.path)).toEqual(['hazard']);
    const hazard = { ledgerType: 'explosives_cyanide' as const, substance: 'explosives' as const, acts: ['use' as const], party: '某盗采团伙', partyKind: 'individual' as const, quantity: 25, quantityUnit: 'kg' as const, permitStatus: 'none' as const, permitNo: null, seizedOn: '2022-05-02' };
    expect(checkProblemAgainstCampaign(campaign001, { ...base, hazard }, {})).toEqual([]);
    expect(checkProblemAgainstCampaign(campaign001, { ...base, typeCode: 'gold_mine_hazard', hazard }, {}).map((i) => i.path)).toEqual(['hazard']);
    expect(checkProblemAgainstCampaign(campaign001, { ...base, typeCode: 'illegal_gold_trade', hazard }, {}).map((i) => i.path)).toEqual(['hazard']);
    // 001 sets no deadline limit: a late deadline is the office's call.
    expect(checkProblemAgainstCampaign(campaign001, { ...base, typeCode: 'illegal_gold_trade', deadline: '2024-01-01' }, {})).toEqual([]);
  });
});

describe('per mine (L7): 一矿一策、一矿一方案、一矿一责任人 and the eight stages', () => {
  const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const all = (status: 'done' | 'pending') =>
    campaign004.stages.map((s) => ({ code: s.code, status, completedOn: status === 'done' ? '2022-05-20' : null, evidenceFileIds: status === 'done' ? [EV1] : [] }));

  it('an empty record lacks the three requirements and every stage', () => {
    const gaps = minePlanGaps(campaign004, minePlanInputSchema.parse({ campaignId: U(1), siteId: U(2) }));
    expect(gaps.map((g) => g.path)).toEqual(['policy', 'planFileIds', 'responsiblePersonId', ...campaign004.stages.map(() => 'stages')]);
    expect(gaps.filter((g) => g.path === 'stages').map((g) => g.message)).toEqual(campaign004.stages.map((s) => expect.stringContaining(`“${s.name}”`)));
  });

  it('a complete record has no gaps; done stages need evidence; unknown stages are refused', () => {
    const full = minePlanInputSchema.parse({ campaignId: U(1), siteId: U(2), policy: '停产整治，限期修复', planFileIds: [EV2], responsiblePersonId: U(3), stages: all('done') });
    expect(minePlanGaps(campaign004, full)).toEqual([]);
    expect(mineStageProgress(campaign004, full)).toEqual({ done: 8, applicable: 8, percent: 100 });
    const noEvidence = { ...full, stages: full.stages.map((s, i) => (i === 0 ? { ...s, evidenceFileIds: [] } : s)) };
    expect(minePlanGaps(campaign004, noEvidence).map((g) => g.path)).toEqual(['stages.0.evidenceFileIds']);
    const extra = { ...full, stages: [...full.stages, { code: 'magic', status: 'pending' as const, completedOn: null, note: '', evidenceFileIds: [] }] };
    expect(minePlanGaps(campaign004, extra).map((g) => g.path)).toEqual(['stages.8.code']);
  });

  it('stage progress counts applicable stages only', () => {
    const stages = all('pending');
    stages[0] = { ...stages[0]!, status: 'done', completedOn: '2022-05-01', evidenceFileIds: [EV1] };
    stages[1] = { ...stages[1]!, status: 'done', completedOn: '2022-05-02', evidenceFileIds: [EV1] };
    stages[2] = { ...stages[2]!, status: 'not_applicable', note: '保留矿山，不取缔' } as never;
    const m = minePlanInputSchema.parse({ campaignId: U(1), siteId: U(2), stages });
    expect(mineStageProgress(campaign004, m)).toEqual({ done: 2, applicable: 7, percent: 28 });
  });

  it('the schema: completion day only on done stages, a reason for not applicable, no stage twice', () => {
    const issue = (stages: unknown[]) => minePlanInputSchema.safeParse({ campaignId: U(1), siteId: U(2), stages }).error?.issues[0]?.path.join('.');
    expect(issue([{ code: 'restore', status: 'done' }])).toBe('stages.0.completedOn');
    expect(issue([{ code: 'restore', status: 'pending', completedOn: '2022-05-01' }])).toBe('stages.0.completedOn');
    expect(issue([{ code: 'close', status: 'not_applicable' }])).toBe('stages.0.note');
    expect(issue([{ code: 'close', status: 'pending' }, { code: 'close', status: 'pending' }])).toBe('stages.1.code');
  });
});

describe('checklist findings become problems (L8)', () => {
  const SITE = '7f1f5d2e-8f3a-4c1e-9b6e-1a2b3c4d5e6f';
  const form = checklistFormSchema.parse({
    checklistId: CHECKLIST_004.id,
    subject: 'mine',
    siteId: SITE,
    regionCode: '640521',
    inspectedOn: '2022-05-12',
    inspectors: ['王东山', '魏春勇'],
    answers: applicableItems(CHECKLIST_004, 'mine', false).map((i) =>
      i.code === 'forest_grass_occupation'
        ? { itemCode: i.code, answer: 'yes', note: '排土场压占草原约 8 亩', evidenceFileIds: [EV1] }
        : i.code === 'soil_water_plan'
          ? { itemCode: i.code, answer: 'no', note: '水土保持方案 2018 年编制，未更新' }
          : { itemCode: i.code, answer: i.failWhen === 'yes' ? 'no' : 'yes' },
    ),
  });

  it('one draft per failed item, typed in the campaign taxonomy, with the inspector\'s note and evidence', () => {
    const drafts = problemDraftsFromChecklist(campaign004, CHECKLIST_004, form, 'form-17');
    expect(drafts).toEqual([
      { typeCode: 'soil_water_plan', description: '水土保持方案未编制、未及时更新或未按方案施工：水土保持方案 2018 年编制，未更新', siteId: SITE, regionCode: '640521', foundOn: '2022-05-12', source: 'inspection', sourceRef: 'form-17', evidenceFileIds: [], itemCode: 'soil_water_plan' },
      { typeCode: 'forest_grass_occupation', description: '非法占用林地或草原：排土场压占草原约 8 亩', siteId: SITE, regionCode: '640521', foundOn: '2022-05-12', source: 'inspection', sourceRef: 'form-17', evidenceFileIds: [EV1], itemCode: 'forest_grass_occupation' },
    ]);
    for (const d of drafts) expect(checkProblemAgainstCampaign(campaign004, { ...d, deadline: '2022-06-30', responsiblePersonId: null, responsibleContact: null, hazard: null }, {})).toEqual([]);
  });

  it('only for a campaign that uses the checklist', () => {
    expect(() => problemDraftsFromChecklist(campaign002, CHECKLIST_004, form)).toThrow(/does not use checklist/);
  });
});
