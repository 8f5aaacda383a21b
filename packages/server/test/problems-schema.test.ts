/**
 * Migration 0010: the constraints that keep the ledger consistent whatever code writes to it, and
 * the indexes the list filters need at a million rows (the planner must be able to use them).
 */
import { sql } from 'kysely';
import fc from 'fast-check';
import { scopeOf } from '../src/auth/scope.js';
import { applyProblemFilter } from '../src/modules/problems/problems.progress.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './harness.js';
import type { Db } from '../src/db/database.js';

let db: Db;
let drop: () => Promise<void>;
let campaignId: string;

beforeAll(async () => {
  const f = await freshDb('demo');
  db = f.db;
  drop = f.drop;
  const c = await db
    .insertInto('campaign')
    .values({ region_code: '150621', code: 'schema_test', name: '测试行动', kind: 'campaign', period_start: '2022-04-23', period_end: '2022-12-31', seed: null, copied_from: null, data: '{}', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  campaignId = c.id;
});
afterAll(() => drop?.());

const problem = (over: Record<string, unknown> = {}) => ({
  campaign_id: campaignId,
  work_group_key: null,
  site_id: null,
  enterprise: '某某煤矿',
  region_code: '150621',
  type_code: 'temp_land',
  description: '临时用地批小占大',
  measures: '退还多占土地',
  found_on: '2022-05-01',
  deadline: '2022-12-31',
  responsible_unit_id: null,
  responsible_person_id: null,
  responsible_contact: null,
  verifying_unit_id: null,
  source: 'survey',
  source_ref: null,
  state: 'found',
  evidence: [],
  import_id: null,
  created_by: null,
  ...over,
});

async function refused(values: Record<string, unknown>): Promise<string> {
  try {
    await db.insertInto('problem').values(problem(values) as never).execute();
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  }
  return 'accepted';
}

describe('problem constraints', () => {
  it('accepts a well-formed problem', async () => {
    expect(await refused({})).toBe('accepted');
  });
  it('needs a site or an enterprise name', async () => {
    expect(await refused({ enterprise: '' })).toBe('23514');
  });
  it('refuses a deadline before the day the problem was found', async () => {
    expect(await refused({ found_on: '2022-06-01', deadline: '2022-05-31' })).toBe('23514');
  });
  it('refuses an unknown state or source', async () => {
    expect(await refused({ state: 'done' })).toBe('23514');
    expect(await refused({ source: 'rumour' })).toBe('23514');
  });
  it('keeps closed_on exactly on closed problems', async () => {
    expect(await refused({ state: 'closed' })).toBe('23514');
    expect(await refused({ state: 'rectifying', closed_on: '2022-06-01' })).toBe('23514');
    expect(await refused({ state: 'closed', closed_on: '2022-06-01' })).toBe('accepted');
  });
  it('refuses a verifying unit that is the responsible unit', async () => {
    const unit = await db.selectFrom('unit').select('id').where('region_code', '=', '150621').executeTakeFirstOrThrow();
    expect(await refused({ responsible_unit_id: unit.id, verifying_unit_id: unit.id })).toBe('23514');
  });
  it('refuses a progress share outside 0–100 and an unknown campaign', async () => {
    expect(await refused({ progress_percent: 101 })).toBe('23514');
    expect(await refused({ campaign_id: '00000000-0000-4000-8000-000000000000' })).toBe('23503');
  });
  it('keeps campaign codes unique within a region', async () => {
    const dup = db.insertInto('campaign').values({ region_code: '150621', code: 'schema_test', name: 'x', kind: 'campaign', data: '{}', seed: null, copied_from: null, created_by: null });
    await expect(dup.execute()).rejects.toMatchObject({ code: '23505' });
  });
});

describe('list indexes', () => {
  it('lets the planner answer the list filters from indexes', async () => {
    // Enough rows that a sequential scan is not cheaper than an index for a selective filter.
    await sql`
      insert into problem (campaign_id, enterprise, region_code, type_code, description, measures, found_on, deadline, source, state)
      select ${campaignId}::uuid, '矿' || g, case when g % 2 = 0 then '150621102' else '150621100' end,
             case when g % 10 = 0 then 'rare' else 'common' end, 'd', 'm', date '2022-05-01', date '2022-05-01' + (g % 200),
             'survey', case when g % 50 = 0 then 'submitted' else 'found' end
      from generate_series(1, 20000) g`.execute(db);
    await sql`analyze problem`.execute(db);
    const plan = async (q: ReturnType<typeof sql>) => ((await q.execute(db)).rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    const bySubmitted = await plan(sql`explain select id from problem where campaign_id = ${campaignId}::uuid and state = 'submitted' order by deadline limit 50`);
    expect(bySubmitted).toMatch(/problem_campaign_idx|problem_state_deadline_idx/);
    const overdue = await plan(sql`explain select id from problem where state in ('found','rectifying','submitted','returned') and deadline < date '2022-05-03' order by deadline, id limit 50`);
    expect(overdue).toMatch(/Index/);
    const region = await plan(sql`explain select id from problem where region_code like '150621102%' and deadline < date '2022-05-05'`);
    expect(region).toMatch(/problem_region_idx/);
    // The list's orders: a page of a whole campaign, or of everything, without sorting every row.
    const byDeadline = await plan(sql`explain select id from problem where campaign_id = ${campaignId}::uuid order by deadline, id limit 50`);
    expect(byDeadline).toMatch(/problem_campaign_deadline_idx/);
    expect(byDeadline).not.toMatch(/Sort/);
    const byUpdate = await plan(sql`explain select id from problem order by updated_at desc, id desc limit 50`);
    expect(byUpdate).toMatch(/problem_updated_idx/);
  });
});

describe('text search index (q)', () => {
  it('never loses a match: every piece of a searched text is among the pieces of a text that contains it', async () => {
    const piece = fc.constantFrom(...'煤矿砂石料场宏达采矿权超层越界开采排土场aAbB1 　-（）%_');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(), async (chars, a, b) => {
        const text = chars.join('');
        const from = a % chars.length;
        const q = chars.slice(from, from + 2 + (b % (chars.length - from))).join('');
        const r = await sql<{ ok: boolean }>`select text_bigrams(${text}) @> text_bigrams(${q}) as ok`.execute(db);
        expect(r.rows[0]!.ok, `${q} in ${text}`).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('answers a search from the index, with exactly the rows whose fields contain the text', async () => {
    // The list indexes test above left 20,000 problems named 矿1 … 矿20000; three more carry the searched name.
    await sql`
      insert into problem (campaign_id, enterprise, region_code, type_code, description, measures, found_on, deadline, source, state)
      values (${campaignId}::uuid, '宏达砂石料场', '150621102', 'common', '超范围开采', '停产整改', date '2022-05-01', date '2022-06-01', 'survey', 'found'),
             (${campaignId}::uuid, '某煤矿', '150621102', 'common', '与宏达砂石料场共用排土场', '整改', date '2022-05-01', date '2022-06-01', 'survey', 'found'),
             (${campaignId}::uuid, '宏达砂石', '150621102', 'common', '料场未复绿', '复绿', date '2022-05-01', date '2022-06-01', 'survey', 'found')`.execute(db);
    await sql`analyze problem`.execute(db);
    const q = applyProblemFilter(db.selectFrom('problem as p'), scopeOf('150621'), { campaignId, q: '宏达砂石料场' }, '2022-06-01').select(['p.enterprise']);
    const compiled = q.compile();
    const plan = ((await sql.raw(`explain ${compiled.sql.replace(/\$(\d+)/g, (_, i) => `'${String(compiled.parameters[Number(i) - 1]).replace(/'/g, "''")}'`)}`).execute(db)).rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/problem_text_bigram_idx/);
    // 宏达砂石 + 料场未复绿 holds every piece of the name but not the name: the LIKE keeps it out.
    expect((await q.orderBy('p.enterprise').execute()).map((r) => r.enterprise)).toEqual(['宏达砂石料场', '某煤矿']);
    // One character has no piece to look up: still answered (by a scan), still exact.
    const one = await applyProblemFilter(db.selectFrom('problem as p'), scopeOf('150621'), { campaignId, q: '宏' }, '2022-06-01').select(['p.enterprise']).orderBy('p.enterprise').execute();
    expect(one.map((r) => r.enterprise)).toEqual(['宏达砂石', '宏达砂石料场', '某煤矿']);
  });
});
