/**
 * The ledger list counts its matches exactly up to LIST_COUNT_CAP and says "more than" past it
 * (totalCapped), so a page at a million problems does not pay for a full count; the progress
 * report still counts every problem.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaign002 } from '@minewatch/core';
import { LIST_COUNT_CAP } from '../src/modules/problems/problems.repository.js';
import { json, testApp, type TestApp } from './harness.js';

let t: TestApp;
let cookie: string;
let c002: string;
const N = LIST_COUNT_CAP + 5;

beforeAll(async () => {
  t = await testApp();
  cookie = await t.login('dalad.office');
  c002 = (await t.db.selectFrom('campaign').select('id').where('code', '=', campaign002.key).executeTakeFirstOrThrow()).id;
  // N problems in 白泥井镇, one in a thousand rectifying.
  await sql`
    insert into problem (campaign_id, enterprise, region_code, type_code, description, measures, found_on, deadline, source, state, responsible_text)
    select ${c002}::uuid, '计数测试矿' || g, '150621102', 'temp_land_small_big', '批小占大', '退还', date '2022-05-01', date '2022-06-30', 'survey',
           case when g % 1000 = 0 then 'rectifying' else 'found' end, ''
    from generate_series(1, ${N}::int) g`.execute(t.db);
  await sql`analyze problem`.execute(t.db);
}, 120_000);
afterAll(() => t?.close());

const list = async (query: string) => {
  const res = await t.app.inject({ url: `/api/problems?campaignId=${c002}&${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return json(res) as { items: { enterprise: string }[]; total: number; totalCapped: boolean };
};

describe('the ledger list total', () => {
  it('stops counting past the cap and says so', async () => {
    const all = await list('limit=20');
    expect(all).toMatchObject({ total: LIST_COUNT_CAP, totalCapped: true });
    expect(all.items).toHaveLength(20);
  });

  it('is exact below the cap', async () => {
    expect(await list('state=rectifying&limit=5')).toMatchObject({ total: Math.floor(N / 1000), totalCapped: false });
    expect(await list(`q=${encodeURIComponent('计数测试矿10003')}`)).toMatchObject({ total: 1, totalCapped: false, items: [{ enterprise: '计数测试矿10003' }] });
  });

  it('still pages past the cap', async () => {
    const last = await list(`sort=found&limit=50&offset=${LIST_COUNT_CAP - 10}`);
    expect(last.items).toHaveLength(N - (LIST_COUNT_CAP - 10));
  });

  it('leaves the progress figures exact', async () => {
    const res = await t.app.inject({ url: `/api/problems/progress?campaignId=${c002}&groupBy=campaign`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).total.total).toBe(N);
  });
});
