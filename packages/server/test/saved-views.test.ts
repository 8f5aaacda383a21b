/**
 * Saved views (保存的视图) on the server: each user's named filter sets of the ledger, listed, saved
 * (upsert by page and name) and deleted by that user only, audited, at most 50 per page.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVED_VIEW_LIMIT } from '@minewatch/core';
import { json, testApp, type TestApp } from './harness.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const send = (u: string, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[u]! }, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
const save = (u: string, name: string, query: string) => send(u, 'PUT', '/api/saved-views', { page: 'ledger', name, query });
const list = async (u: string) => json(await send(u, 'GET', '/api/saved-views?page=ledger')).items as { id: string; name: string; query: string }[];
const viewAudit = (id: string) =>
  t.db.selectFrom('audit_event').select(['action', 'actor_label', 'region_code', 'before', 'after']).where('entity_type', '=', 'saved_view').where('entity_id', '=', id).orderBy('seq').execute();
const count = async () => (await sql<{ n: number }>`select count(*)::int as n from saved_view`.execute(t.db)).rows[0]!.n;

beforeAll(async () => {
  t = await testApp();
  for (const u of ['dalad.office', 'dalad.leader', 'dalad.cadre', 'kelan.office', 'admin']) cookies[u] = await t.login(u);
});
afterAll(() => t?.close());

describe('saved views', () => {
  it('saves a view, lists only the caller\'s own, and replaces one saved under the same name', async () => {
    const first = await save('dalad.office', '超期未整改', 'progress=overdue&state=found%2Crectifying');
    expect(first.statusCode, first.body).toBe(200);
    const v = json(first);
    expect(v).toMatchObject({ page: 'ledger', name: '超期未整改', query: 'progress=overdue&state=found%2Crectifying', id: expect.any(String) });
    expect(await list('dalad.office')).toEqual([expect.objectContaining({ id: v.id, name: '超期未整改' })]);
    // another user of the same region keeps their own; neither sees the other's
    expect((await save('dalad.cadre', '本镇', 'q=%E7%99%BD%E6%B3%A5%E4%BA%95')).statusCode).toBe(200);
    expect((await list('dalad.cadre')).map((x) => x.name)).toEqual(['本镇']);
    expect((await list('kelan.office')).map((x) => x.name)).toEqual([]);
    expect((await list('dalad.office')).map((x) => x.name)).toEqual(['超期未整改']);

    // same page and name: the query is replaced, the id kept, no second row
    const rows = await count();
    const again = await save('dalad.office', '超期未整改', 'progress=overdue');
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ id: v.id, query: 'progress=overdue' });
    expect(await count()).toBe(rows);
    expect(Date.parse(json(again).updatedAt)).toBeGreaterThanOrEqual(Date.parse(v.updatedAt));

    const audit = await viewAudit(v.id);
    expect(audit).toEqual([
      { action: 'view.save', actor_label: 'dalad.office', region_code: '150621', before: null, after: { page: 'ledger', name: '超期未整改', query: 'progress=overdue&state=found%2Crectifying' } },
      { action: 'view.save', actor_label: 'dalad.office', region_code: '150621', before: { page: 'ledger', name: '超期未整改', query: 'progress=overdue&state=found%2Crectifying' }, after: { page: 'ledger', name: '超期未整改', query: 'progress=overdue' } },
    ]);
  });

  it('lets the read-only leader and the platform admin keep views too', async () => {
    const leader = await save('dalad.leader', '全旗超期', 'progress=overdue');
    expect(leader.statusCode, leader.body).toBe(200);
    expect((await list('dalad.leader')).map((x) => x.name)).toEqual(['全旗超期']);
    const admin = await save('admin', '全部', 'sort=updated');
    expect(admin.statusCode).toBe(200);
    expect((await viewAudit(json(admin).id))[0]).toMatchObject({ action: 'view.save', region_code: null });
    // the leader deletes his own
    expect((await send('dalad.leader', 'DELETE', `/api/saved-views/${json(leader).id}`)).statusCode).toBe(204);
  });

  it("deletes the caller's own view only: another user's is not found and stays", async () => {
    const v = json(await save('dalad.office', '待删除', 'state=found'));
    const rows = await count();
    for (const u of ['kelan.office', 'dalad.leader', 'admin']) {
      const res = await send(u, 'DELETE', `/api/saved-views/${v.id}`);
      expect(res.statusCode, u).toBe(404);
      expect(json(res).error.code).toBe('NOT_FOUND');
    }
    expect(await count()).toBe(rows);
    expect((await send('dalad.office', 'DELETE', '/api/saved-views/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const gone = await send('dalad.office', 'DELETE', `/api/saved-views/${v.id}`);
    expect(gone.statusCode).toBe(204);
    expect(await count()).toBe(rows - 1);
    expect((await list('dalad.office')).map((x) => x.name)).not.toContain('待删除');
    expect((await viewAudit(v.id)).map((a) => [a.action, a.before, a.after])).toEqual([
      ['view.save', null, { page: 'ledger', name: '待删除', query: 'state=found' }],
      ['view.delete', { page: 'ledger', name: '待删除', query: 'state=found' }, null],
    ]);
    expect((await send('dalad.office', 'DELETE', `/api/saved-views/${v.id}`)).statusCode).toBe(404);
  });

  it(`keeps at most ${SAVED_VIEW_LIMIT} views per page, still replacing an existing one at the limit`, async () => {
    const have = (await list('kelan.office')).length;
    for (let i = have; i < SAVED_VIEW_LIMIT; i++) expect((await save('kelan.office', `视图${i}`, `q=${i}`)).statusCode).toBe(200);
    expect(await list('kelan.office')).toHaveLength(SAVED_VIEW_LIMIT);
    const rows = await count();
    const over = await save('kelan.office', '第五十一个', 'q=51');
    expect(over.statusCode).toBe(400);
    expect(json(over).error.details).toEqual([{ path: 'body.name', message: expect.stringMatching(/最多保存 50 个视图.*at most|already keep 50 saved views/) }]);
    expect(await count()).toBe(rows);
    expect((await save('kelan.office', '视图3', 'q=three')).statusCode).toBe(200);
    // other users are not affected by kelan's count
    expect((await save('dalad.office', '第二个', 'q=2')).statusCode).toBe(200);
  });

  it('refuses malformed views with the field that is wrong', async () => {
    const rows = await count();
    const cases: [object, string, RegExp][] = [
      [{ page: 'ledger', name: '', query: 'q=1' }, 'body.name', /name the view/],
      [{ page: 'ledger', name: '   ', query: 'q=1' }, 'body.name', /name the view/],
      [{ page: 'ledger', name: '名'.repeat(51), query: 'q=1' }, 'body.name', /50/],
      [{ page: 'ledger', name: '分页', query: 'page=3&state=found' }, 'body.query', /not page or region/],
      [{ page: 'ledger', name: '区域', query: 'region=150621' }, 'body.query', /not page or region/],
      [{ page: 'ledger', name: '问号', query: '?state=found' }, 'body.query', /URL-encoded query/],
      [{ page: 'ledger', name: '空格', query: 'q=白 泥' }, 'body.query', /URL-encoded query/],
      [{ page: 'ledger', name: '太长', query: 'q=' + 'a'.repeat(2000) }, 'body.query', /2,000/],
      [{ page: 'ledger', name: '空', query: '' }, 'body.query', /URL-encoded query/],
      [{ page: 'sites', name: '别的页', query: 'q=1' }, 'body.page', /ledger/],
      [{ page: 'ledger', name: '多余', query: 'q=1', extra: true }, 'body.extra', /./],
    ];
    for (const [payload, path, message] of cases) {
      const res = await send('dalad.office', 'PUT', '/api/saved-views', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const d = (json(res).error.details as { path: string; message: string }[]).find((x) => x.path === path);
      expect(d, `${JSON.stringify(payload)} → ${res.body}`).toBeDefined();
      expect(d!.message).toMatch(message);
    }
    expect((await send('dalad.office', 'GET', '/api/saved-views')).statusCode).toBe(400);
    expect(json(await send('dalad.office', 'GET', '/api/saved-views?page=sites')).error.details[0].path).toBe('querystring.page');
    expect(await count()).toBe(rows);
  });

  it('answers 401 without a login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/saved-views?page=ledger' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: '/api/saved-views', payload: { page: 'ledger', name: 'x', query: 'q=1' } })).statusCode).toBe(401);
  });
});
