/**
 * The daily overdue job (L2): with the day under test control, problems past their deadline are
 * marked once (the deadline day itself is on time), each with its audit row in the chain; 按日连续处罚
 * clocks start where the campaign rule says so and stop when the problem is voided; the responsible
 * person and the offices get one digest per campaign and day; a re-run changes nothing; two runs at
 * once do the work once; a run is limited to the caller's region; failures are recorded.
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { campaign002 } from '@minewatch/core';
import { SYSTEM_ACTOR } from '../src/auth/actor.js';
import { scopeOf } from '../src/auth/scope.js';
import { verifyAuditChain } from '../src/audit/audit.repository.js';
import { createDb } from '../src/db/database.js';
import { runOverdueJob } from '../src/jobs/overdue-job.js';
import { nextRunAt, parseRunAt, passedToday, startScheduler } from '../src/jobs/scheduler.js';
import { todayInChina } from '../src/clock.js';
import { createNotifier } from '../src/modules/notifications/notifier.js';
import { json, multipart, testApp, type TestApp } from './harness.js';
import { daladProblemBody } from './problem-body.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = (u: string) => ({ cookie: cookies[u]! });
const send = (u: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: as(u), ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
const notifier = createNotifier({ email: null, sms: null, appUrl: null });
const run = (today: string, opts: { region?: string; batchSize?: number } = {}) =>
  runOverdueJob(t.db, { today, scope: scopeOf(opts.region ?? null), trigger: 'test', actor: SYSTEM_ACTOR, notifier, batchSize: opts.batchSize ?? 2 });

let c002: string;
let c003: string;
let daladUnit: string;
let kelanUnit: string;
let du: { id: string; region: string }; // 杜培源, 副科, person of 达拉特旗
const ids = {} as Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', string>;

async function create(u: string, body: Record<string, unknown>): Promise<string> {
  const res = await send(u, 'POST', '/api/problems', body);
  expect(res.statusCode, res.body).toBe(201);
  return json(res).id;
}
const dalad = (over: Record<string, unknown>) => daladProblemBody({ campaignId: c002, unitId: daladUnit, personId: du.id }, { enterprise: '达拉特旗超期测试煤矿', deadline: '2022-06-10', ...over });
const overdueSince = async (id: string) => (await t.db.selectFrom('problem').select('overdue_since').where('id', '=', id).executeTakeFirstOrThrow()).overdue_since;
const auditCount = async (action: string) => (await sql<{ n: number }>`select count(*)::int as n from audit_event where action = ${action}`.execute(t.db)).rows[0]!.n;

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'dalad.office', 'dalad.forestry', 'dalad.leader', 'dalad.inspector', 'kelan.office']) cookies[u] = await t.login(u);
  const campaigns = json(await send('admin', 'GET', '/api/campaigns')).items as any[];
  c002 = campaigns.find((c) => c.code === campaign002.key).id;
  c003 = campaigns.find((c) => c.regionCode === '140929').id;
  daladUnit = (json(await send('admin', 'GET', '/api/org/units?region=150621')) as any[]).find((u) => u.name === '旗林业和草原局').id;
  kelanUnit = (json(await send('admin', 'GET', '/api/org/units?region=140929')) as any[])[0].id;
  const p = (json(await send('admin', 'GET', '/api/org/people?region=150621')) as any[]).find((x) => x.name === '杜培源');
  du = { id: p.id, region: p.regionCode };

  // A: 排土场污染环境 — 002 says 按日连续处罚 once its deadline is missed. B: another type, same deadline.
  ids.a = await create('dalad.office', dalad({ typeCode: 'dump_pollution', description: '排土场淋溶水污染周边农田', measures: '建设截排水沟并治理' }));
  ids.b = await create('dalad.office', dalad({}));
  // C: due a day later. D: another 排土场 problem (voided later). E: fixed on the spot (closed).
  ids.c = await create('dalad.office', dalad({ deadline: '2022-06-11' }));
  ids.d = await create('dalad.office', dalad({ typeCode: 'dump_pollution', description: '排矸场扬尘', measures: '覆土绿化' }));
  const png = await readFile(new URL('./fixtures/photo-no-exif.png', import.meta.url));
  const m = multipart({ purpose: 'photo' }, { name: '整改照片.png', bytes: Buffer.concat([png, Buffer.from('#overdue-e')]) });
  const up = await t.app.inject({ method: 'POST', url: '/api/files', headers: { ...as('dalad.inspector'), ...m.headers }, payload: m.payload });
  expect([200, 201], up.body).toContain(up.statusCode);
  ids.e = await create('dalad.inspector', dalad({ immediate: true, evidenceFileIds: [json(up).sha256], source: 'supervision_group' }));
  // F: 岢岚 (003 has no daily rule and no rank rule).
  ids.f = await create('kelan.office', { campaignId: c003, regionCode: '140929100', enterprise: '岢岚超期测试采石场', typeCode: 'private_digging', description: '私挖滥采', measures: '取缔并恢复植被', foundOn: '2022-05-01', deadline: '2022-06-10', responsibleUnitId: kelanUnit, source: 'tip' });
}, 120_000);
afterAll(() => t?.close());

describe('the overdue job', () => {
  it('counts the deadline day itself as on time', async () => {
    const r = await run('2022-06-10');
    expect(r.status).toBe('succeeded');
    expect(r.counts.marked).toBe(0);
    for (const k of ['a', 'b', 'c', 'd', 'f'] as const) expect(await overdueSince(ids[k])).toBeNull();
  });

  it('limits a run to a region: 达拉特旗 only', async () => {
    const r = await run('2022-06-11', { region: '150621' });
    expect(r.status, r.error ?? '').toBe('succeeded');
    expect(r.region_code).toBe('150621');
    // A, B, D are past 06-10; C is due 06-11; E is closed; F is in 岢岚.
    expect(r.counts.marked).toBe(3);
    expect(r.counts.batches).toBe(2); // batch size 2 in this test
    for (const k of ['a', 'b', 'd'] as const) expect(await overdueSince(ids[k])).toBe('2022-06-11');
    for (const k of ['c', 'e', 'f'] as const) expect(await overdueSince(ids[k])).toBeNull();
  });

  it('writes one audit row per problem, in the hash chain', async () => {
    const rows = await t.db.selectFrom('audit_event').select(['entity_id', 'after', 'actor_label']).where('action', '=', 'problem.overdue').execute();
    expect(rows.map((r) => r.entity_id).sort()).toEqual([ids.a, ids.b, ids.d].sort());
    expect(rows.find((r) => r.entity_id === ids.a)!.after).toMatchObject({ overdueSince: '2022-06-11', deadline: '2022-06-10', daysOverdue: 1 });
    expect(rows.every((r) => r.actor_label === 'system')).toBe(true);
    const chain = await verifyAuditChain(t.db);
    expect(chain.problems).toEqual([]);
    expect(chain.ok).toBe(true);
    // The problem's own history shows it.
    const detail = json(await send('dalad.office', 'GET', `/api/problems/${ids.a}`));
    expect(detail.history.map((h: any) => h.action)).toEqual(['problem.create', 'problem.overdue', 'penalty.clock_start']);
  });

  it('starts the 按日连续处罚 clock only where the campaign rule says so', async () => {
    const clocks = await t.db.selectFrom('penalty_clock').selectAll().execute();
    expect(clocks.map((c) => c.problem_id).sort()).toEqual([ids.a, ids.d].sort());
    const a = clocks.find((c) => c.problem_id === ids.a)!;
    expect(a).toMatchObject({ count_from: '2022-06-10', started_on: '2022-06-11', stopped_on: null, penalty_id: null, rule_section: '四.工作措施.(二)' });
    expect(a.rule_printed).toContain('按日连续处罚');
  });

  it('notifies the responsible person and the office with one digest per campaign and day', async () => {
    const notes = await t.db.selectFrom('notification').selectAll().execute();
    const person = notes.filter((n) => n.recipient_person_id === du.id);
    expect(person).toHaveLength(1);
    expect(person[0]!).toMatchObject({ item_count: 3, region_code: du.region, link: `/problems?campaignId=${c002}&overdue=true&responsiblePersonId=${du.id}`, kind: 'problem.overdue' });
    expect(person[0]!.title_zh).toBe(`您负责整改的 3 个问题已超过完成整改时限（${campaign002.name}）`);
    const office = json(await send('dalad.office', 'GET', '/api/notifications'));
    expect(office.unread).toBe(1);
    expect(office.items[0]).toMatchObject({ itemCount: 3, kind: 'problem.overdue', link: `/problems?campaignId=${c002}&overdue=true`, readAt: null });
    expect(office.items[0].title.zh).toContain('辖区内 3 个问题超过完成整改时限未整改');
    // 岢岚's office heard nothing: its problem was not part of this run.
    expect(json(await send('kelan.office', 'GET', '/api/notifications')).total).toBe(0);
  });

  it('changes nothing when run again the same day (idempotent)', async () => {
    const before = { audit: await auditCount('problem.overdue'), notes: await t.db.selectFrom('notification').select(['id', 'item_count', 'updated_at']).orderBy('id').execute() };
    const again = await run('2022-06-11', { region: '150621' });
    expect(again.status).toBe('succeeded');
    expect(again.counts).toMatchObject({ marked: 0, clocksStarted: 0, notificationsCreated: 0, notificationsUpdated: 0 });
    expect(await auditCount('problem.overdue')).toBe(before.audit);
    expect(await t.db.selectFrom('notification').select(['id', 'item_count', 'updated_at']).orderBy('id').execute()).toEqual(before.notes);
    expect(await overdueSince(ids.a)).toBe('2022-06-11'); // the first day found, not moved
  });

  it('takes the next day and the other regions in a whole-country run; a single problem links to itself', async () => {
    const r = await run('2022-06-12');
    expect(r.counts.marked).toBe(2); // C (due 06-11) and F (岢岚)
    expect(await overdueSince(ids.c)).toBe('2022-06-12');
    expect(await overdueSince(ids.f)).toBe('2022-06-12');
    const kelan = json(await send('kelan.office', 'GET', '/api/notifications'));
    expect(kelan.items).toHaveLength(1);
    expect(kelan.items[0]).toMatchObject({ itemCount: 1, link: `/problems/${ids.f}`, entityType: 'problem', entityId: ids.f });
    // C's person digest is a new one for 06-12 with one item.
    const forDu = await t.db.selectFrom('notification').select(['item_count', 'link']).where('recipient_person_id', '=', du.id).orderBy('created_at').execute();
    expect(forDu).toEqual([{ item_count: 3, link: expect.stringContaining('/problems?') }, { item_count: 1, link: `/problems/${ids.c}` }]);
  });

  it('stops the clock of a problem the day it is voided, not at the next run', async () => {
    const cur = json(await send('dalad.office', 'GET', `/api/problems/${ids.d}`));
    const v = await send('dalad.office', 'POST', `/api/problems/${ids.d}/transitions`, { version: cur.version, event: 'void', reason: '重复录入' });
    expect(v.statusCode, v.body).toBe(200);
    const clock = await t.db.selectFrom('penalty_clock').selectAll().where('problem_id', '=', ids.d).executeTakeFirstOrThrow();
    expect(clock).toMatchObject({ stopped_on: todayInChina(), stop_reason: 'voided' });
    expect(json(v).history.map((h: any) => h.action).slice(-2)).toEqual(['problem.void', 'penalty.clock_stop']);
    // The nightly run has nothing left to stop.
    const r = await run('2022-06-13');
    expect(r.counts).toMatchObject({ marked: 0, clocksStopped: 0 });
    expect((await t.db.selectFrom('penalty_clock').select('stopped_on').where('problem_id', '=', ids.a).executeTakeFirstOrThrow()).stopped_on).toBeNull();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('stops the clock at 销号, and a reopened problem is marked and announced again', async () => {
    const fire = async (u: string, body: Record<string, unknown>) => {
      const cur = json(await send(u, 'GET', `/api/problems/${ids.a}`));
      const res = await send(u, 'POST', `/api/problems/${ids.a}/transitions`, { version: cur.version, reason: null, evidenceFileIds: [], ...body });
      expect(res.statusCode, res.body).toBe(200);
      return json(res);
    };
    const png = await readFile(new URL('./fixtures/photo-no-exif.png', import.meta.url));
    const m = multipart({ purpose: 'photo' }, { name: '治理完成.png', bytes: Buffer.concat([png, Buffer.from('#overdue-a')]) });
    const up = await t.app.inject({ method: 'POST', url: '/api/files', headers: { ...as('dalad.forestry'), ...m.headers }, payload: m.payload });
    expect([200, 201], up.body).toContain(up.statusCode);
    await fire('dalad.forestry', { event: 'start' });
    await fire('dalad.forestry', { event: 'submit', evidenceFileIds: [json(up).sha256] });
    const closed = await fire('dalad.office', { event: 'sign_off' });
    expect(closed.state).toBe('closed');
    expect(await t.db.selectFrom('penalty_clock').select(['stopped_on', 'stop_reason']).where('problem_id', '=', ids.a).executeTakeFirstOrThrow()).toEqual({ stopped_on: todayInChina(), stop_reason: 'closed' });
    expect(closed.history.map((h: any) => h.action).slice(-2)).toEqual(['problem.sign_off', 'penalty.clock_stop']);
    expect(await overdueSince(ids.a)).toBe('2022-06-11'); // a closed problem keeps the record of when it was found overdue

    const reopened = await fire('dalad.office', { event: 'reopen', reason: '回头看发现淋溶水仍外排' });
    expect(reopened.state).toBe('rectifying');
    expect(await overdueSince(ids.a)).toBeNull();
    const r = await run('2022-06-20');
    expect(r.counts.marked).toBe(1);
    expect(await overdueSince(ids.a)).toBe('2022-06-20');
    const forDu = await t.db.selectFrom('notification').select(['item_count', 'link']).where('recipient_person_id', '=', du.id).where('link', '=', `/problems/${ids.a}`).execute();
    expect(forDu).toEqual([{ item_count: 1, link: `/problems/${ids.a}` }]);
    // One clock per problem: the count of the first decision stays stopped (第十八条: a new violation is a new decision).
    expect(r.counts.clocksStarted).toBe(0);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('forgets the overdue mark when the deadline is moved to today or later (003 sets no limit), and marks it again when that one passes', async () => {
    expect(await overdueSince(ids.f)).toBe('2022-06-12');
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const cur = json(await send('kelan.office', 'GET', `/api/problems/${ids.f}`));
    // Moved, but still in the past: it stays marked from the first day.
    const past = await t.app.inject({ method: 'PATCH', url: `/api/problems/${ids.f}`, headers: as('kelan.office'), payload: { version: cur.version, deadline: '2022-06-30', reason: '工程量大，延期' } });
    expect(past.statusCode, past.body).toBe(200);
    expect(await overdueSince(ids.f)).toBe('2022-06-12');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/problems/${ids.f}`, headers: as('kelan.office'), payload: { version: json(past).version, deadline: later, reason: '经领导小组同意延期' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await overdueSince(ids.f)).toBeNull();
    expect(json(res).history.at(-1)).toMatchObject({ action: 'problem.update', before: { overdue_since: '2022-06-12' }, after: { overdue_since: null, deadline: later } });
    const dayAfter = new Date(Date.parse(later) + 86_400_000).toISOString().slice(0, 10);
    const r = await run(dayAfter, { region: '140929' });
    expect(r.counts.marked).toBeGreaterThanOrEqual(1);
    expect(await overdueSince(ids.f)).toBe(dayAfter);
  });
});

describe('a deadline moved while the 按日连续处罚 count runs', () => {
  it('stops the count, and starts it again from the new deadline when that one is missed', async () => {
    // A copy of 002 without its deadline limits, so a deadline can move past today.
    const copy = await send('dalad.office', 'POST', `/api/campaigns/${c002}/copy`, { key: 'overdue_move', name: '超期测试行动' });
    expect(copy.statusCode, copy.body).toBe(201);
    const cx = json(copy);
    const detail = json(await send('dalad.office', 'GET', `/api/campaigns/${cx.id}`));
    const rules = { ...detail.data.rules, deadlineLimit: null, deadlineBasis: null };
    const taxonomy = detail.data.taxonomy.map((t: any) => ({ ...t, deadlineLimit: null, deadlineBasis: null }));
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/campaigns/${cx.id}`, headers: as('dalad.office'), payload: { version: detail.version, data: { rules, taxonomy } } });
    expect(patched.statusCode, patched.body).toBe(200);

    const g = await create('dalad.office', dalad({ campaignId: cx.id, typeCode: 'dump_pollution', enterprise: '改期测试排土场', description: '排土场淋溶水外排', measures: '截排水' }));
    expect((await run('2022-06-11', { region: '150621' })).status).toBe('succeeded');
    expect(await t.db.selectFrom('penalty_clock').select(['count_from', 'stopped_on']).where('problem_id', '=', g).executeTakeFirstOrThrow()).toEqual({ count_from: '2022-06-10', stopped_on: null });

    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const cur = json(await send('dalad.office', 'GET', `/api/problems/${g}`));
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/problems/${g}`, headers: as('dalad.office'), payload: { version: cur.version, deadline: later, reason: '领导小组同意延期至汛期后' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await t.db.selectFrom('penalty_clock').select(['stopped_on', 'stop_reason']).where('problem_id', '=', g).executeTakeFirstOrThrow()).toEqual({ stopped_on: todayInChina(), stop_reason: 'deadline_moved' });
    expect(json(moved).history.map((h: any) => h.action).slice(-2)).toEqual(['problem.update', 'penalty.clock_stop']);
    expect(await overdueSince(g)).toBeNull();

    const dayAfter = new Date(Date.parse(later) + 86_400_000).toISOString().slice(0, 10);
    const r = await run(dayAfter, { region: '150621' });
    expect(r.counts.clocksStarted).toBeGreaterThanOrEqual(1);
    expect(await t.db.selectFrom('penalty_clock').select(['count_from', 'started_on', 'stopped_on', 'stop_reason', 'penalty_id']).where('problem_id', '=', g).executeTakeFirstOrThrow())
      .toEqual({ count_from: later, started_on: dayAfter, stopped_on: null, stop_reason: null, penalty_id: null });
    // A clock stopped at 销号 or voiding stays stopped (A was closed and reopened above; D was voided).
    expect((await t.db.selectFrom('penalty_clock').select('stop_reason').where('problem_id', 'in', [ids.a, ids.d]).execute()).map((c) => c.stop_reason).sort()).toEqual(['closed', 'voided']);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe('one run at a time', () => {
  it('records a run as skipped while another process holds the lock', async () => {
    const other = createDb(t.url, 1);
    try {
      await other.connection().execute(async (conn) => {
        expect((await sql<{ ok: boolean }>`select pg_try_advisory_lock(7355701::bigint) as ok`.execute(conn)).rows[0]!.ok).toBe(true);
        const r = await run('2022-06-14');
        expect(r.status).toBe('skipped');
        expect(r.error).toMatch(/another overdue run is in progress/);
        expect(r.finished_at).not.toBeNull();
        await sql`select pg_advisory_unlock(7355701::bigint)`.execute(conn);
      });
    } finally {
      await other.destroy();
    }
    expect((await run('2022-06-14')).status).toBe('succeeded');
  });

  it('does the work once when two runs start together', async () => {
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await create('dalad.office', dalad({ deadline: '2022-06-14', enterprise: `并发测试煤矿${i}` })));
    const [r1, r2] = await Promise.all([run('2022-06-15', { batchSize: 1 }), run('2022-06-15', { batchSize: 1 })]);
    const statuses = [r1.status, r2.status].sort();
    const marked = (r1.counts.marked ?? 0) + (r2.counts.marked ?? 0);
    expect(marked).toBe(6);
    // Either the second found the lock taken, or it ran after the first and found nothing left.
    expect(statuses.includes('skipped') || [r1.counts.marked, r2.counts.marked].includes(0)).toBe(true);
    for (const id of made) expect(await overdueSince(id)).toBe('2022-06-15');
    expect(await sql<{ n: number }>`select count(*)::int as n from audit_event where action = 'problem.overdue' and entity_id = any(${made})`.execute(t.db).then((x) => x.rows[0]!.n)).toBe(6);
  });

  it('records a failed run with its message, keeping the batches it finished', async () => {
    const id = await create('dalad.office', dalad({ deadline: '2022-06-15', enterprise: '失败测试煤矿' }));
    const broken = { ...notifier, deliverExternal: async () => Promise.reject(new Error('mail relay unreachable')) };
    const r = await runOverdueJob(t.db, { today: '2022-06-16', scope: scopeOf(null), trigger: 'test', actor: SYSTEM_ACTOR, notifier: broken });
    expect(r.status).toBe('failed');
    expect(r.error).toBe('mail relay unreachable');
    expect(await overdueSince(id)).toBe('2022-06-16'); // its batch had committed with its audit row
    const ev = await t.db.selectFrom('audit_event').select(['after']).where('action', '=', 'job.run').where('entity_id', '=', r.id).executeTakeFirstOrThrow();
    expect(ev.after).toMatchObject({ status: 'failed', error: 'mail relay unreachable' });
  });

  it('closes a run left running by a process that died', async () => {
    const dead = await t.db.insertInto('job_run').values({ job: 'overdue', trigger: 'schedule', actor_user_id: null, region_code: null, for_day: '2022-06-16', status: 'running', counts: '{}' }).returning('id').executeTakeFirstOrThrow();
    const r = await run('2022-06-17');
    expect(r.counts.staleRunsClosed).toBe(1);
    expect(await t.db.selectFrom('job_run').select(['status', 'error']).where('id', '=', dead.id).executeTakeFirstOrThrow()).toEqual({ status: 'failed', error: 'the process ended before the run finished' });
  });
});

describe('POST /api/jobs/overdue/run and GET /api/jobs/runs', () => {
  it('lets an office run it for its region, and records who did', async () => {
    const res = await send('dalad.office', 'POST', '/api/jobs/overdue/run', {});
    expect(res.statusCode, res.body).toBe(200);
    const r = json(res);
    expect(r).toMatchObject({ status: 'succeeded', trigger: 'api', regionCode: '150621', job: 'overdue' });
    const row = await t.db.selectFrom('job_run').select('actor_user_id').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row.actor_user_id).not.toBeNull();
    const runs = json(await send('dalad.office', 'GET', '/api/jobs/runs'));
    // An office sees the runs limited to its region (the four test runs for 150621 and its own), not the country-wide ones.
    expect(runs.items[0].id).toBe(r.id);
    expect(runs.items.map((x: any) => x.regionCode)).toEqual(Array(5).fill('150621'));
    const all = json(await send('admin', 'GET', '/api/jobs/runs?job=overdue&limit=100'));
    expect(all.items.length).toBeGreaterThan(8);
  });

  it('refuses the leader, other regions and unknown regions', async () => {
    expect((await send('dalad.leader', 'POST', '/api/jobs/overdue/run', {})).statusCode).toBe(403);
    expect((await send('kelan.office', 'POST', '/api/jobs/overdue/run', { regionCode: '150621' })).statusCode).toBe(404);
    const bad = await send('admin', 'POST', '/api/jobs/overdue/run', { regionCode: '150699' });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.details[0].path).toBe('body.regionCode');
    expect((await send('dalad.office', 'POST', '/api/jobs/overdue/run', { regionCode: 'x' })).statusCode).toBe(400);
  });
});

describe('the daily schedule (China time)', () => {
  it('computes the next run at HH:MM in China (UTC+8), today or tomorrow', () => {
    const at = parseRunAt('00:30');
    // 2024-03-01 16:00 UTC is 2024-03-02 00:00 in China: the run is 30 minutes later.
    expect(nextRunAt(new Date('2024-03-01T16:00:00Z'), at).toISOString()).toBe('2024-03-01T16:30:00.000Z');
    expect(passedToday(new Date('2024-03-01T16:00:00Z'), at)).toBe(false);
    // 2024-03-01 16:30 UTC exactly: today's run time has come; the next is a day later.
    expect(nextRunAt(new Date('2024-03-01T16:30:00Z'), at).toISOString()).toBe('2024-03-02T16:30:00.000Z');
    expect(passedToday(new Date('2024-03-01T16:30:00Z'), at)).toBe(true);
    // 23:59 China on 2024-12-31 → 00:30 China on 2025-01-01.
    expect(nextRunAt(new Date('2024-12-31T15:59:00Z'), at).toISOString()).toBe('2024-12-31T16:30:00.000Z');
    expect(parseRunAt(undefined)).toEqual({ h: 0, m: 30 });
    expect(parseRunAt('23:05')).toEqual({ h: 23, m: 5 });
    for (const bad of ['24:00', '7:00', '07:60', 'noon']) expect(() => parseRunAt(bad)).toThrow(/OVERDUE_JOB_AT must be HH:MM/);
  });

  it('is off with JOBS_SCHEDULER=0, and catches up at start when today\'s run is missing', async () => {
    const lines: string[] = [];
    const log = { info: (_o: object, m: string) => lines.push(m), error: (_o: object, m: string) => lines.push(`ERROR ${m}`) };
    const off = startScheduler(t.db, log, { JOBS_SCHEDULER: '0' }, notifier);
    expect(off.next).toBeNull();
    expect(lines).toEqual(['job scheduler off (JOBS_SCHEDULER=0)']);
    const today = todayInChina();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let s;
    try {
      s = startScheduler(t.db, log, { OVERDUE_JOB_AT: '00:00' }, notifier);
      expect(s.next!.getTime()).toBeGreaterThan(Date.now());
      await vi.advanceTimersByTimeAsync(5_000);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(async () => {
      const r = await t.db.selectFrom('job_run').select(['status', 'trigger']).where('trigger', '=', 'schedule').where('for_day', '=', today).executeTakeFirst();
      expect(r).toEqual({ status: 'succeeded', trigger: 'schedule' });
    }, { timeout: 45_000, interval: 200 });
    s!.stop();
    expect(lines.some((l) => /overdue job \(catch-up at start\) succeeded/.test(l))).toBe(true);
  }, 60_000);
});
