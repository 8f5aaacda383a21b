import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  contractInputSchema,
  contractVisitStatus,
  mayRecordVisit,
  overdueTargets,
  visitDateIssue,
  visitDueBy,
  visitInputSchema,
  type RuleContract,
  type RuleVisit,
} from './contracts.js';

const P = '00000000-0000-4000-8000-000000000001';
const T1 = '00000000-0000-4000-8000-0000000000a1';
const T2 = '00000000-0000-4000-8000-0000000000a2';
const contract = (o: Partial<RuleContract> = {}): RuleContract => ({ id: 'c1', personId: 'p1', validFrom: '2024-01-01', validTo: null, targets: [{ id: 't1' }], ...o });

describe('overdue rule (003 §二.2 每月至少到包联区域调研督导1次)', () => {
  it('is due one calendar month after the last visit, overdue the day after', () => {
    const visits: RuleVisit[] = [{ contractId: 'c1', targetId: 't1', visitedOn: '2024-01-15' }];
    expect(contractVisitStatus([contract()], visits, '2024-02-15')[0]).toEqual({
      contractId: 'c1', personId: 'p1', targetId: 't1', lastVisitOn: '2024-01-15', daysSinceLastVisit: 31, dueBy: '2024-02-15', overdue: false, daysOverdue: 0,
    });
    expect(contractVisitStatus([contract()], visits, '2024-02-16')[0]).toMatchObject({ dueBy: '2024-02-15', overdue: true, daysOverdue: 1, daysSinceLastVisit: 32 });
  });

  it('clamps to the end of a shorter month', () => {
    const v = (d: string): RuleVisit[] => [{ contractId: 'c1', targetId: 't1', visitedOn: d }];
    expect(contractVisitStatus([contract()], v('2024-01-31'), '2024-02-29')[0]).toMatchObject({ dueBy: '2024-02-29', overdue: false });
    expect(contractVisitStatus([contract()], v('2024-01-31'), '2024-03-01')[0]).toMatchObject({ overdue: true, daysOverdue: 1 });
    expect(contractVisitStatus([contract({ validFrom: '2023-01-01' })], v('2023-01-31'), '2023-03-01')[0]).toMatchObject({ dueBy: '2023-02-28', daysOverdue: 1 });
  });

  it('counts from the first day of the assignment when never visited', () => {
    const c = contract({ validFrom: '2024-03-10' });
    expect(contractVisitStatus([c], [], '2024-04-10')[0]).toMatchObject({ lastVisitOn: null, daysSinceLastVisit: null, dueBy: '2024-04-10', overdue: false });
    expect(contractVisitStatus([c], [], '2024-04-11')[0]).toMatchObject({ overdue: true, daysOverdue: 1 });
  });

  it('takes the window as a parameter (30 days instead of a calendar month)', () => {
    const visits: RuleVisit[] = [{ contractId: 'c1', targetId: 't1', visitedOn: '2024-01-31' }];
    expect(visitDueBy('2024-01-31', { days: 30 })).toBe('2024-03-01');
    expect(contractVisitStatus([contract()], visits, '2024-03-01', { days: 30 })[0]!.overdue).toBe(false);
    expect(contractVisitStatus([contract()], visits, '2024-03-01')[0]!.overdue).toBe(true);
    expect(contractVisitStatus([contract()], visits, '2024-04-30', { months: 3 })[0]!.overdue).toBe(false);
  });

  it('keeps each target of an assignment apart and ignores visits it cannot count', () => {
    const c = contract({ targets: [{ id: 't1' }, { id: 't2' }] });
    const visits: RuleVisit[] = [
      { contractId: 'c1', targetId: 't1', visitedOn: '2024-05-20' },
      { contractId: 'c1', targetId: 't2', visitedOn: '2024-06-20' }, // after today
      { contractId: 'c1', targetId: 't2', visitedOn: '2023-12-31' }, // before the assignment
      { contractId: 'c2', targetId: 't2', visitedOn: '2024-05-30' }, // another assignment
      { contractId: 'c1', targetId: 'tX', visitedOn: '2024-05-30' }, // no such target
    ];
    const s = contractVisitStatus([c], visits, '2024-06-01');
    expect(s.map((x) => [x.targetId, x.lastVisitOn, x.overdue])).toEqual([['t1', '2024-05-20', false], ['t2', null, true]]);
    expect(overdueTargets([c], visits, '2024-06-01').map((x) => x.targetId)).toEqual(['t2']);
  });

  it('owes nothing before an assignment starts or after it ends', () => {
    expect(contractVisitStatus([contract({ validFrom: '2024-07-01' })], [], '2024-06-30')).toEqual([]);
    expect(contractVisitStatus([contract({ validTo: '2024-03-31' })], [], '2024-04-01')).toEqual([]);
    expect(contractVisitStatus([contract({ validTo: '2024-03-31' })], [], '2024-03-31')[0]!.overdue).toBe(true);
  });

  it('sorts the overdue list longest first', () => {
    const cs = [contract({ id: 'a', validFrom: '2024-01-20' }), contract({ id: 'b', validFrom: '2024-01-01' }), contract({ id: 'c', validFrom: '2024-05-01' })];
    expect(overdueTargets(cs, [], '2024-04-01').map((x) => [x.contractId, x.daysOverdue])).toEqual([['b', 60], ['a', 41]]);
  });

  const isoDay = (min: string, max: string) =>
    fc.integer({ min: Date.parse(min) / 86_400_000, max: Date.parse(max) / 86_400_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
  const world = fc
    .array(
      fc.record({
        validFrom: isoDay('2024-01-01', '2024-06-30'),
        length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
        targets: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((cs) =>
      cs.map((c, i): RuleContract => ({
        id: `c${i}`,
        personId: `p${i % 2}`,
        validFrom: c.validFrom,
        validTo: c.length === null ? null : new Date(Date.parse(c.validFrom) + c.length * 86_400_000).toISOString().slice(0, 10),
        targets: Array.from({ length: c.targets }, (_, k) => ({ id: `t${k}` })),
      })),
    );
  // Mostly aimed at existing assignments and targets (index 4 / target 3 may not exist: such visits must be ignored).
  const visit = fc.record({ contractId: fc.integer({ min: 0, max: 4 }).map((i) => `c${i}`), targetId: fc.integer({ min: 0, max: 3 }).map((k) => `t${k}`), visitedOn: isoDay('2023-12-01', '2025-03-31') });
  const today = isoDay('2024-01-01', '2025-03-31');
  const windowArb = fc.oneof(fc.integer({ min: 1, max: 12 }).map((months) => ({ months })), fc.integer({ min: 1, max: 120 }).map((days) => ({ days })));

  it('never makes anyone more overdue when a visit is added (property)', () => {
    fc.assert(
      fc.property(world, fc.array(visit, { maxLength: 12 }), fc.nat(), fc.nat(), isoDay('2023-12-01', '2025-03-31'), today, windowArb, (contracts, visits, ci, ti, on, today, w) => {
        // The added visit goes to a target that exists (visits to ones that do not are in `visits`).
        const c = contracts[ci % contracts.length]!;
        const extra = { contractId: c.id, targetId: c.targets[ti % c.targets.length]!.id, visitedOn: on };
        const before = contractVisitStatus(contracts, visits, today, w);
        const after = contractVisitStatus(contracts, [...visits, extra], today, w);
        expect(after.map((s) => s.targetId + s.contractId)).toEqual(before.map((s) => s.targetId + s.contractId));
        after.forEach((a, i) => {
          const b = before[i]!;
          expect(a.daysOverdue).toBeLessThanOrEqual(b.daysOverdue);
          if (!b.overdue) expect(a.overdue).toBe(false);
          expect(a.dueBy >= b.dueBy).toBe(true);
        });
        const overdueBefore = new Set(overdueTargets(contracts, visits, today, w).map((s) => s.contractId + s.targetId));
        for (const s of overdueTargets(contracts, [...visits, extra], today, w)) expect(overdueBefore.has(s.contractId + s.targetId)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('clears a target visited today, whatever came before (property)', () => {
    fc.assert(
      fc.property(world, fc.array(visit, { maxLength: 12 }), today, windowArb, (contracts, visits, today, w) => {
        for (const s of contractVisitStatus(contracts, visits, today, w)) {
          const after = contractVisitStatus(contracts, [...visits, { contractId: s.contractId, targetId: s.targetId, visitedOn: today }], today, w);
          const mine = after.find((a) => a.contractId === s.contractId && a.targetId === s.targetId)!;
          expect(mine).toMatchObject({ overdue: false, daysOverdue: 0, lastVisitOn: today, daysSinceLastVisit: 0 });
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('contract input', () => {
  const ok = { personId: P, targets: [{ kind: 'region', regionCode: '140929100' }, { kind: 'site', siteId: T1 }], validFrom: '2024-01-01' };
  const issues = (v: unknown, schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } } = contractInputSchema) =>
    (schema.safeParse(v).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

  it('accepts townships, villages and sites, with defaults', () => {
    expect(contractInputSchema.parse(ok)).toEqual({ ...ok, validTo: null, note: '' });
    expect(issues({ ...ok, targets: [{ kind: 'region', regionCode: '140929100001' }] })).toEqual([]);
  });

  it('names the field of every mistake', () => {
    expect(issues({ ...ok, targets: [{ kind: 'region', regionCode: '140929' }] })).toEqual(['targets.0.regionCode: a contracted area must be a township (9 digits) or a village (12 digits)']);
    expect(issues({ ...ok, targets: [] })).toEqual(['targets: give at least one contracted township, village or site']);
    expect(issues({ ...ok, targets: [...ok.targets, { kind: 'region', regionCode: '140929100' }] })).toEqual(['targets.2: same target as targets.0']);
    expect(issues({ ...ok, validTo: '2023-12-31' })).toEqual(['validTo: must not be before validFrom 2024-01-01']);
    expect(issues({ ...ok, validFrom: '2024-02-30' })[0]).toMatch(/^validFrom: /);
    expect(issues({ ...ok, validFrom: '1900-01-01' })).toEqual(['validFrom: date must be on or after 1949-10-01']);
    expect(issues({ ...ok, personId: 'x' })[0]).toMatch(/^personId: /);
    expect(issues({ ...ok, extra: 1 })[0]).toMatch(/extra/);
    expect(issues({ ...ok, targets: [{ kind: 'mine', siteId: T1 }] })[0]).toMatch(/^targets\.0\.kind: /);
  });
});

describe('visit input', () => {
  const ok = { targetId: T1, visitedOn: '2024-05-01' };
  const issues = (v: unknown) => (visitInputSchema.safeParse(v).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

  it('defaults method, location, notes and photos', () => {
    expect(visitInputSchema.parse(ok)).toEqual({ ...ok, method: 'routine', location: null, notes: '', photoFileIds: [] });
    expect(visitInputSchema.parse({ ...ok, location: { lon: 111.57, lat: 38.7 } }).location).toEqual({ lon: 111.57, lat: 38.7, accuracyM: null });
  });

  it('accepts only locations in China and says when they look swapped', () => {
    expect(issues({ ...ok, location: { lon: 38.7, lat: 111.57 } })).toEqual([
      'location.lon: longitude 38.7 is not in China (73–136°E) (longitude and latitude look swapped)',
      'location.lat: latitude 111.57 is not in China (3–54°N) (longitude and latitude look swapped)',
    ]);
    expect(issues({ ...ok, location: { lon: 2.35, lat: 48.85 } })).toEqual(['location.lon: longitude 2.35 is not in China (73–136°E)']);
    expect(issues({ ...ok, location: { lon: 111.57 } })[0]).toMatch(/^location\.lat: /);
  });

  it('refuses repeated and malformed photo IDs', () => {
    expect(issues({ ...ok, photoFileIds: [T1, T2, T1.toUpperCase()] })).toEqual(['photoFileIds.2: same photo as photoFileIds.0']);
    expect(issues({ ...ok, photoFileIds: ['photo.jpg'] })[0]).toMatch(/^photoFileIds\.0: /);
    expect(issues({ ...ok, photoFileIds: Array.from({ length: 21 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) })[0]).toMatch(/^photoFileIds: /);
  });

  it('dates a visit neither in the future nor outside the assignment', () => {
    const period = { validFrom: '2024-01-01', validTo: '2024-06-30' };
    expect(visitDateIssue('2024-05-01', '2024-05-01', period)).toBeNull();
    expect(visitDateIssue('2024-05-02', '2024-05-01', period)).toBe('a visit cannot be recorded before it happens (today is 2024-05-01 in China)');
    expect(visitDateIssue('2023-12-31', '2024-05-01', period)).toMatch(/starts on 2024-01-01/);
    expect(visitDateIssue('2024-07-01', '2024-08-01', period)).toMatch(/ended on 2024-06-30/);
    expect(visitDateIssue('2024-07-01', '2024-08-01', { validFrom: '2024-01-01', validTo: null })).toBeNull();
  });
});

describe('who records a visit', () => {
  it('lets office and cadres record for anyone, officers only for themselves, leaders never', () => {
    expect(mayRecordVisit('office', null, 'p')).toBe(true);
    expect(mayRecordVisit('cadre', null, 'p')).toBe(true);
    expect(mayRecordVisit('member_unit', 'p', 'p')).toBe(true);
    expect(mayRecordVisit('member_unit', 'q', 'p')).toBe(false);
    expect(mayRecordVisit('member_unit', null, 'p')).toBe(false);
    expect(mayRecordVisit('leader', 'p', 'p')).toBe(false);
    expect(mayRecordVisit('machine', 'p', 'p')).toBe(false);
  });
});
