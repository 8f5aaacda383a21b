/**
 * The SQL of problems.progress.ts counts exactly what core's rules count (overdueStatus, onSchedule,
 * classifyProgress, progressFigures): random problems are stored, then the figures, the per-class list
 * filters and the per-row class are compared with core on several days, including the edges
 * (deadline day, found day, submitted on/after the deadline, closed late).
 */
import { sql } from 'kysely';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_STATES, PROGRESS_CLASSES, classifyProgress, progressFigures as coreFigures, type ProblemState, type ProblemTiming } from '@minewatch/core';
import { freshDb } from './harness.js';
import type { Db } from '../src/db/database.js';
import { applyProblemFilter, progressClassSql, progressFigures } from '../src/modules/problems/problems.progress.js';

let db: Db;
let drop: () => Promise<void>;
let campaignId: string;
const rows: (ProblemTiming & { region: string })[] = [];
const ALL = { root: null };

const addDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  const f = await freshDb('demo');
  db = f.db;
  drop = f.drop;
  campaignId = (await db.selectFrom('campaign').select('id').where('region_code', '=', '150621').executeTakeFirstOrThrow()).id;
  const timing = fc.record({
    state: fc.constantFrom(...PROBLEM_STATES),
    found: fc.integer({ min: 0, max: 60 }),
    span: fc.integer({ min: 0, max: 60 }),
    progress: fc.constantFrom(0, 10, 33, 50, 67, 99, 100),
    submittedDelta: fc.integer({ min: -30, max: 30 }),
    closedDelta: fc.integer({ min: -30, max: 30 }),
    nullSubmitted: fc.boolean(),
    region: fc.constantFrom('150621100', '150621102', '150621103'),
  });
  const samples = fc.sample(timing, { numRuns: 600, seed: 4242 });
  for (const s of samples) {
    const foundOn = addDays('2022-05-01', s.found);
    const deadline = addDays(foundOn, s.span);
    const state = s.state as ProblemState;
    rows.push({
      state,
      foundOn,
      deadline,
      progressPercent: s.progress,
      submittedOn: state === 'submitted' && !s.nullSubmitted ? addDays(deadline, s.submittedDelta) : null,
      closedOn: state === 'closed' ? addDays(deadline, s.closedDelta) : null,
      region: s.region,
    });
  }
  await db
    .insertInto('problem')
    .values(
      rows.map((r, i) => ({
        campaign_id: campaignId,
        enterprise: `进度测试矿${i}`,
        region_code: r.region,
        type_code: 'temp_land_small_big',
        description: 'd',
        measures: 'm',
        found_on: r.foundOn,
        deadline: r.deadline,
        source: 'survey',
        state: r.state,
        progress_percent: r.progressPercent,
        submitted_on: r.submittedOn,
        closed_on: r.closedOn,
      })),
    )
    .execute();
});
afterAll(() => drop?.());

const DAYS = ['2022-04-30', '2022-05-01', '2022-05-20', '2022-06-15', '2022-06-30', '2022-07-01', '2022-08-10', '2022-12-31'];

describe('progress figures in SQL = core', () => {
  it.each(DAYS)('counts the same figures on %s', async (today) => {
    const { total, groups } = await progressFigures(db, ALL, { campaignId }, today, 'region', '150621');
    expect(total).toEqual(coreFigures(rows, today));
    for (const g of groups) expect(g.figures).toEqual(coreFigures(rows.filter((r) => r.region === g.key), today));
    expect(groups.map((g) => g.key)).toEqual(['150621100', '150621102', '150621103']);
  });

  it.each(DAYS)('filters and classifies each row as core does on %s', async (today) => {
    for (const cls of [...PROGRESS_CLASSES, 'in_progress'] as const) {
      const got = await applyProblemFilter(db.selectFrom('problem as p'), ALL, { campaignId, progress: cls }, today).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      const want = rows.filter((r) => {
        const c = classifyProgress(r, today);
        return cls === 'in_progress' ? c !== null && c !== 'completed' : c === cls;
      }).length;
      expect(got.n, cls).toBe(want);
    }
    const overdue = await applyProblemFilter(db.selectFrom('problem as p'), ALL, { campaignId, overdue: true }, today).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(overdue.n).toBe(rows.filter((r) => classifyProgress(r, today) === 'overdue').length);
    const perRow = await db
      .selectFrom('problem as p')
      .select(['p.state', 'p.found_on', 'p.deadline', 'p.progress_percent', 'p.submitted_on', 'p.closed_on', progressClassSql(today).as('cls')])
      .where('p.campaign_id', '=', campaignId)
      .execute();
    for (const r of perRow) {
      const timing = { state: r.state as ProblemState, foundOn: r.found_on, deadline: r.deadline, progressPercent: r.progress_percent, submittedOn: r.submitted_on, closedOn: r.closed_on };
      expect(r.cls, JSON.stringify(timing)).toBe(classifyProgress(timing, today));
    }
  });

  it('groups by work group and type within the campaign', async () => {
    const byType = await progressFigures(db, ALL, { campaignId }, '2022-07-01', 'type', null);
    expect(byType.groups).toEqual([{ key: 'temp_land_small_big', figures: coreFigures(rows, '2022-07-01') }]);
    const none = await progressFigures(db, { root: '140929' }, { campaignId }, '2022-07-01', 'region', '140929');
    expect(none.total.total).toBe(0);
  });
});
