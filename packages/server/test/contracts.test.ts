/**
 * O5 包联: assignments (person × townships/villages/sites), visits, the overdue list. Dates of the
 * overdue rule are tested two ways: fixed calendar boundaries through `asOf`, and the real clock
 * (todayInChina in src/clock.ts, which the service reads) with visits dated relative to today.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '@minewatch/core';
import { todayInChina } from '../src/clock.js';
import { verifyAuditChain } from '../src/audit/audit.repository.js';
import { hashToken } from '../src/auth/auth.service.js';
import { multipart, testApp, type TestApp } from './harness.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const send = (user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
const details = (res: { json(): any }) => (res.json().error?.details ?? []) as { path: string; message: string }[];
const day = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);

const KELAN = '140929';
let towns: { code: string; name: string }[];
let village: { code: string; name: string };
let villageElsewhere: string;
let leaderId: string; // a county-level person made for these tests
let townshipHeadId: string; // a person of 岚漪镇
let zhangLiwen: string; // 张利文, 县公安局副局长: the person record of the kelan.police login
let siteId: string;

beforeAll(async () => {
  t = await testApp();
  for (const u of ['kelan.office', 'kelan.cadre', 'kelan.police', 'kelan.leader', 'kelan.inspector', 'dehong.office', 'admin']) cookies[u] = await t.login(u);
  towns = (await send('admin', 'GET', `/api/org/regions/${KELAN}/children`)).json();
  const villages = (await send('admin', 'GET', `/api/org/regions/${towns[0]!.code}/children`)).json();
  village = villages[0];
  villageElsewhere = (await send('admin', 'GET', `/api/org/regions/${towns[1]!.code}/children`)).json()[0].code;
  const person = async (regionCode: string, name: string, position: string) => {
    const res = await send('kelan.office', 'POST', '/api/org/people', { regionCode, name, position });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  leaderId = await person(KELAN, '测试县领导', '副县长');
  townshipHeadId = await person(towns[0]!.code, '测试乡镇长', '镇长');
  zhangLiwen = (await send('kelan.office', 'GET', `/api/org/people?q=${encodeURIComponent('张利文')}`)).json()[0].id;
  const site = await send('kelan.office', 'POST', '/api/sites', { regionCode: towns[0]!.code, name: '测试包抓矿山', attributes: { kind: 'illegal_point' }, geometry: { type: 'Point', coordinates: [111.57, 38.7] } });
  expect(site.statusCode, site.body).toBe(201);
  siteId = site.json().id;
});
afterAll(() => t?.close());

const region = (regionCode: string) => ({ kind: 'region', regionCode });

describe('assignments (县领导包抓乡镇, 乡镇领导包抓辖区, 乡镇班子成员包抓矿山)', () => {
  let countyContract: string;
  it('assigns a county leader two townships; the assignment belongs to their common region', async () => {
    const res = await send('kelan.office', 'POST', '/api/contracts', { personId: leaderId, targets: [region(towns[0]!.code), region(towns[1]!.code)], validFrom: '2024-01-01', note: '县打非办选取重点乡（镇）' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    countyContract = c.id;
    expect(c).toMatchObject({ regionCode: KELAN, regionName: '岢岚县', person: { id: leaderId, name: '测试县领导', position: '副县长' }, validFrom: '2024-01-01', validTo: null, note: '县打非办选取重点乡（镇）', ended: null, active: true, overdue: true, mayRecordVisit: true });
    expect(c.targets.map((x: any) => [x.kind, x.regionCode, x.regionName, x.lastVisitOn, x.dueBy])).toEqual([
      ['region', towns[0]!.code, towns[0]!.name, null, '2024-02-01'],
      ['region', towns[1]!.code, towns[1]!.name, null, '2024-02-01'],
    ]);
    expect((await send('kelan.office', 'GET', `/api/contracts/${c.id}`)).json()).toEqual(c);
  });

  it('assigns a township head a village and a mine of his township; a single village is its own region', async () => {
    const v = await send('kelan.office', 'POST', '/api/contracts', { personId: townshipHeadId, targets: [region(village.code)], validFrom: '2024-01-01' });
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json().regionCode).toBe(village.code);
    const m = await send('kelan.office', 'POST', '/api/contracts', { personId: townshipHeadId, targets: [{ kind: 'site', siteId }], validFrom: '2024-01-01' });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json().targets[0]).toMatchObject({ kind: 'site', siteId, siteName: '测试包抓矿山', siteKind: 'illegal_point', regionCode: towns[0]!.code });
    expect(m.json().regionCode).toBe(towns[0]!.code);
  });

  it('shows a township cadre the assignments inside his township only', async () => {
    const seen = (await send('kelan.cadre', 'GET', '/api/contracts')).json();
    expect(seen.items.map((c: any) => c.regionCode).sort()).toEqual([towns[0]!.code, village.code].sort());
    expect((await send('kelan.cadre', 'GET', `/api/contracts/${countyContract}`)).statusCode).toBe(404);
    const all = (await send('kelan.office', 'GET', '/api/contracts')).json();
    expect(all.total).toBe(3);
    // "touching": the county assignment has a target in the second township
    expect((await send('kelan.office', 'GET', `/api/contracts?region=${towns[1]!.code}`)).json().items.map((c: any) => c.id)).toEqual([countyContract]);
    expect((await send('kelan.office', 'GET', `/api/contracts?personId=${townshipHeadId}`)).json().total).toBe(2);
    expect((await send('dehong.office', 'GET', `/api/contracts/${countyContract}`)).statusCode).toBe(404);
    expect((await send('dehong.office', 'GET', `/api/contracts?region=${KELAN}`)).statusCode).toBe(404);
    // The power company's machine token reads no 包联 data.
    const token = 'mwt_' + randomUUID().replace(/-/g, '');
    const machine = await t.db.selectFrom('app_user').select('id').where('username', '=', 'kelan.power').executeTakeFirstOrThrow();
    await t.db.insertInto('api_token').values({ user_id: machine.id, name: 'contracts test', token_hash: hashToken(token) }).execute();
    const asMachine = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect((await asMachine('/api/auth/me')).statusCode).toBe(200);
    for (const url of ['/api/contracts', '/api/contracts/overdue', `/api/contracts/${countyContract}`]) expect((await asMachine(url)).statusCode, url).toBe(403);
  });

  it('refuses bad assignments with the field and the reason', async () => {
    const post = (body: object, user = 'kelan.office') => send(user, 'POST', '/api/contracts', { personId: leaderId, targets: [region(towns[2]!.code)], validFrom: '2024-01-01', ...body });
    const cases: [object, string, RegExp][] = [
      [{ personId: randomUUID() }, 'body.personId', /no such person in your region/],
      [{ targets: [region(KELAN)] }, 'body.targets.0.regionCode', /township \(9 digits\) or a village/],
      [{ targets: [region('140929999')] }, 'body.targets.0.regionCode', /unknown region code 140929999/],
      [{ targets: [region('533103101')] }, 'body.targets.0.regionCode', /outside your region/],
      [{ targets: [{ kind: 'site', siteId: randomUUID() }] }, 'body.targets.0.siteId', /no such site in your region/],
      [{ personId: townshipHeadId, targets: [region(villageElsewhere)] }, 'body.targets.0', new RegExp(`outside region ${towns[0]!.code} of 测试乡镇长`)],
      [{ targets: [region(towns[2]!.code), region(towns[2]!.code)] }, 'body.targets.1', /same target as targets\.0/],
      [{ validTo: '2023-12-31' }, 'body.validTo', /must not be before validFrom/],
      [{ validFrom: '2024-02-30' }, 'body.validFrom', /date/i],
      [{ targets: [] }, 'body.targets', /at least one/],
      [{ note: 'x'.repeat(1001) }, 'body.note', /1000/],
    ];
    for (const [body, path, message] of cases) {
      const res = await post(body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(400);
      const d = details(res).find((x) => x.path === path);
      expect(d, `${JSON.stringify(body)}: ${res.body}`).toBeDefined();
      expect(d!.message).toMatch(message);
    }
    const dup = await post({ targets: [region(towns[2]!.code), region(towns[0]!.code)], validFrom: '2024-06-01', validTo: '2024-12-31' });
    expect(dup.statusCode).toBe(409);
    expect(details(dup)).toEqual([{ path: 'body.targets.1', message: 'already assigned to this person in an overlapping period' }]);
    // Two offices assigning the same township at the same moment: one wins, the other is told.
    const racer = await send('kelan.office', 'POST', '/api/org/people', { regionCode: KELAN, name: '并发测试领导', position: '副县长' });
    const both = await Promise.all([0, 1].map(() => post({ personId: racer.json().id, targets: [region(towns[7]!.code)] })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await send('kelan.office', 'GET', `/api/contracts?personId=${racer.json().id}`)).json().total).toBe(1);
    expect((await post({}, 'kelan.cadre')).statusCode).toBe(403);
    expect((await post({}, 'kelan.leader')).statusCode).toBe(403);
    expect((await send('kelan.office', 'GET', '/api/contracts')).json().total).toBe(4); // only the race's winner was written
  });
});

describe('visits (调研督导)', () => {
  let c: any;
  beforeAll(async () => {
    const res = await send('kelan.office', 'POST', '/api/contracts', { personId: zhangLiwen, targets: [region(towns[0]!.code), region(towns[3]!.code)], validFrom: '2024-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    c = res.json();
  });

  it('records a visit with place, method and notes; the assignment shows it as the last visit', async () => {
    const res = await send('kelan.office', 'POST', `/api/contracts/${c.id}/visits`, {
      targetId: c.targets[0].id, visitedOn: '2024-03-05', method: 'unannounced', location: { lon: 111.574, lat: 38.706, accuracyM: 12 }, notes: '明察暗访，未发现盗采',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contractId: c.id, targetId: c.targets[0].id, visitedOn: '2024-03-05', method: 'unannounced', location: { lon: 111.574, lat: 38.706, accuracyM: 12 }, notes: '明察暗访，未发现盗采', photoFileIds: [], recordedBy: '岢岚县打非办' });
    const list = (await send('kelan.leader', 'GET', `/api/contracts/${c.id}/visits`)).json();
    expect(list.map((v: any) => v.visitedOn)).toEqual(['2024-03-05']);
    expect((await send('kelan.leader', 'GET', `/api/contracts/${c.id}/visits?targetId=${c.targets[1].id}`)).json()).toEqual([]);
    const after = (await send('kelan.office', 'GET', `/api/contracts/${c.id}`)).json();
    expect(after.targets.map((x: any) => x.lastVisitOn)).toEqual(['2024-03-05', null]);
    expect(after.targets[0].daysSinceLastVisit).toBe(Math.round((Date.parse(todayInChina()) - Date.parse('2024-03-05')) / 86_400_000));
  });

  it('refuses bad visits with the field and the reason', async () => {
    const today = todayInChina();
    const other = (await send('kelan.office', 'GET', '/api/contracts')).json().items.find((x: any) => x.id !== c.id);
    const cases: [object, string, RegExp][] = [
      [{ visitedOn: day(today, 1) }, 'body.visitedOn', /cannot be recorded before it happens/],
      [{ visitedOn: '2023-12-31' }, 'body.visitedOn', /starts on 2024-01-01/],
      [{ visitedOn: '2024-13-01' }, 'body.visitedOn', /date/i],
      [{ location: { lon: 2.35, lat: 48.85 } }, 'body.location.lon', /not in China/],
      [{ location: { lon: 38.7, lat: 111.57 } }, 'body.location.lat', /look swapped/],
      [{ targetId: other.targets[0].id }, 'body.targetId', /not a target of this assignment/],
      [{ method: 'phone' }, 'body.method', /./],
      [{ photoFileIds: ['photo.jpg'] }, 'body.photoFileIds.0', /./],
      [{ photoFileIds: [randomUUID()] }, 'body.photoFileIds.0', /no such uploaded file in your region/],
      [{ notes: 'a\u0000b' }, 'body.notes', /NUL/],
    ];
    for (const [body, path, message] of cases) {
      const res = await send('kelan.office', 'POST', `/api/contracts/${c.id}/visits`, { targetId: c.targets[1].id, visitedOn: '2024-04-01', ...body });
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(400);
      const d = details(res).find((x) => x.path === path);
      expect(d, `${JSON.stringify(body)}: ${res.body}`).toBeDefined();
      expect(d!.message).toMatch(message);
    }
    expect((await send('kelan.office', 'GET', `/api/contracts/${c.id}/visits`)).json()).toHaveLength(1);
  });

  it('checks photos: uploaded photos of the visited region, not documents or another region\'s files', async () => {
    const file = async (regionCode: string, mime: string) =>
      (await t.db.insertInto('file').values({ sha256: randomUUID().replace(/-/g, '').padEnd(64, '0'), size: 1000, mime, original_name: `f.${mime.split('/')[1]}`, region_code: regionCode, uploaded_by: null, exif_lon: null, exif_lat: null, exif_taken_at: null }).returning('id').executeTakeFirstOrThrow()).id;
    const photo = await file(towns[0]!.code, 'image/jpeg');
    const pdf = await file(towns[0]!.code, 'application/pdf');
    const countyPhoto = await file(KELAN, 'image/jpeg');
    const dehongPhoto = await file('533103', 'image/jpeg');
    const visit = (photoFileIds: string[]) => send('kelan.office', 'POST', `/api/contracts/${c.id}/visits`, { targetId: c.targets[1].id, visitedOn: '2024-04-01', photoFileIds });
    const refused: [string, RegExp][] = [[pdf, /application\/pdf, not a photo/], [dehongPhoto, /no such uploaded file in your region/]];
    for (const [id, message] of refused) {
      const res = await visit([photo, id]);
      expect(res.statusCode, res.body).toBe(400);
      expect(details(res)).toEqual([{ path: 'body.photoFileIds.1', message: expect.stringMatching(message) }]);
    }
    // The assignment's region is the county here (two townships), so a county photo is fine too.
    const ok = await visit([photo, countyPhoto.toUpperCase()]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().photoFileIds).toEqual([photo, countyPhoto]);
    const narrow = (await send('kelan.office', 'GET', `/api/contracts?region=${village.code}`)).json().items.find((x: any) => x.regionCode === village.code);
    const res = await send('kelan.office', 'POST', `/api/contracts/${narrow.id}/visits`, { targetId: narrow.targets[0].id, visitedOn: '2024-04-01', photoFileIds: [countyPhoto] });
    expect(details(res)).toEqual([{ path: 'body.photoFileIds.0', message: expect.stringMatching(`outside this assignment's region ${village.code}`) }]);
  });

  it('takes a photo uploaded through POST /api/files for the visited township, which its cadre can then open', async () => {
    const m = multipart({ purpose: 'photo', regionCode: towns[0]!.code }, { name: '现场照片.jpg', bytes: readFileSync(new URL('./fixtures/site-photo-gps.jpg', import.meta.url)) });
    const up = await t.app.inject({ method: 'POST', url: '/api/files', payload: m.payload, headers: { ...m.headers, cookie: cookies['kelan.cadre']! } });
    expect(up.statusCode, up.body).toBe(201);
    const photoId = up.json().id as string;
    const res = await send('kelan.office', 'POST', `/api/contracts/${c.id}/visits`, { targetId: c.targets[0].id, visitedOn: '2024-04-02', photoFileIds: [photoId] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().photoFileIds).toEqual([photoId]);
    const bytes = await t.app.inject({ method: 'GET', url: `/api/files/${photoId}`, headers: { cookie: cookies['kelan.cadre']! } });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
  });

  it('lets the office and cadres record for the contracted person, an officer only for himself, a leader never', async () => {
    const body = { targetId: c.targets[0].id, visitedOn: '2024-03-06' };
    // kelan.police is the login of 张利文, the contracted person.
    const mine = await send('kelan.police', 'GET', `/api/contracts/${c.id}`);
    expect(mine.json().mayRecordVisit).toBe(true);
    expect((await send('kelan.police', 'POST', `/api/contracts/${c.id}/visits`, body)).statusCode).toBe(201);
    const notMine = (await send('kelan.police', 'GET', '/api/contracts')).json().items.find((x: any) => x.person.id !== zhangLiwen);
    expect(notMine.mayRecordVisit).toBe(false);
    const refused = await send('kelan.police', 'POST', `/api/contracts/${notMine.id}/visits`, { targetId: notMine.targets[0].id, visitedOn: '2024-03-06' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/person of your own login/);
    expect((await send('kelan.inspector', 'POST', `/api/contracts/${c.id}/visits`, body)).statusCode).toBe(403);
    expect((await send('kelan.leader', 'POST', `/api/contracts/${c.id}/visits`, body)).statusCode).toBe(403);
    expect((await send('kelan.leader', 'GET', `/api/contracts/${c.id}`)).json().mayRecordVisit).toBe(false);
    // The 岚漪镇 cadre records on assignments inside his township; the county one is not his to see.
    const township = (await send('kelan.cadre', 'GET', '/api/contracts')).json().items[0];
    expect(township.mayRecordVisit).toBe(true);
    expect((await send('kelan.cadre', 'POST', `/api/contracts/${township.id}/visits`, { targetId: township.targets[0].id, visitedOn: '2024-03-07' })).statusCode).toBe(201);
    expect((await send('kelan.cadre', 'POST', `/api/contracts/${c.id}/visits`, body)).statusCode).toBe(404);
    expect((await send('dehong.office', 'POST', `/api/contracts/${c.id}/visits`, body)).statusCode).toBe(404);
  });
});

describe('overdue list (每月至少到包联区域调研督导1次)', () => {
  let c: any;
  beforeAll(async () => {
    const person = await send('kelan.office', 'POST', '/api/org/people', { regionCode: KELAN, name: '逾期测试领导', position: '县委常委' });
    const res = await send('kelan.office', 'POST', '/api/contracts', { personId: person.json().id, targets: [region(towns[4]!.code), region(towns[5]!.code)], validFrom: '2024-01-10' });
    expect(res.statusCode, res.body).toBe(201);
    c = res.json();
    const v = await send('kelan.office', 'POST', `/api/contracts/${c.id}/visits`, { targetId: c.targets[0].id, visitedOn: '2024-01-31' });
    expect(v.statusCode, v.body).toBe(201);
  });
  const overdue = async (query: string) => {
    const res = await send('kelan.office', 'GET', `/api/contracts/overdue?region=${KELAN}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const mine = (list: any) => list.items.filter((r: any) => r.contractId === c.id).map((r: any) => [r.target.regionCode, r.lastVisitOn, r.dueBy, r.daysOverdue]);

  it('is due a calendar month after the last visit (31 Jan → 29 Feb) and overdue the day after', async () => {
    expect(mine(await overdue('asOf=2024-02-10'))).toEqual([]);
    expect(mine(await overdue('asOf=2024-02-11'))).toEqual([[towns[5]!.code, null, '2024-02-10', 1]]); // never visited: from the first day
    expect(mine(await overdue('asOf=2024-02-29'))).toEqual([[towns[5]!.code, null, '2024-02-10', 19]]);
    const march = await overdue('asOf=2024-03-01');
    expect(mine(march)).toEqual([[towns[5]!.code, null, '2024-02-10', 20], [towns[4]!.code, '2024-01-31', '2024-02-29', 1]]);
    const row = march.items.find((r: any) => r.target.regionCode === towns[4]!.code);
    expect(row).toMatchObject({ person: { name: '逾期测试领导', position: '县委常委' }, target: { kind: 'region', regionName: towns[4]!.name }, regionCode: towns[4]!.code, daysSinceLastVisit: 30 });
    expect(march).toMatchObject({ asOf: '2024-03-01', window: { months: 1 } });
  });

  it('takes the window as a parameter', async () => {
    expect(mine(await overdue('asOf=2024-03-01&windowDays=30'))).toEqual([[towns[5]!.code, null, '2024-02-09', 21]]);
    expect(mine(await overdue('asOf=2024-03-02&windowDays=30'))).toEqual([[towns[5]!.code, null, '2024-02-09', 22], [towns[4]!.code, '2024-01-31', '2024-03-01', 1]]);
    expect(mine(await overdue('asOf=2024-03-01&windowMonths=2'))).toEqual([]);
    const both = await send('kelan.office', 'GET', '/api/contracts/overdue?windowDays=30&windowMonths=1');
    expect(details(both)).toEqual([{ path: 'querystring.windowDays', message: 'give windowMonths or windowDays, not both' }]);
    expect(details(await send('kelan.office', 'GET', `/api/contracts/overdue?asOf=${day(todayInChina(), 1)}`))[0]!.path).toBe('querystring.asOf');
    expect(details(await send('kelan.office', 'GET', '/api/contracts/overdue?windowDays=0'))[0]!.path).toBe('querystring.windowDays');
  });

  it('a visit clears the target; one dated after asOf does not count yet', async () => {
    const v = await send('kelan.office', 'POST', `/api/contracts/${c.id}/visits`, { targetId: c.targets[1].id, visitedOn: '2024-03-05' });
    expect(v.statusCode).toBe(201);
    expect(mine(await overdue('asOf=2024-03-04'))).toEqual([[towns[5]!.code, null, '2024-02-10', 23], [towns[4]!.code, '2024-01-31', '2024-02-29', 4]]);
    expect(mine(await overdue('asOf=2024-03-05'))).toEqual([[towns[4]!.code, '2024-01-31', '2024-02-29', 5]]);
    expect(mine(await overdue('asOf=2024-04-06'))).toEqual([[towns[4]!.code, '2024-01-31', '2024-02-29', 37], [towns[5]!.code, '2024-03-05', '2024-04-05', 1]]);
  });

  it('filters by the target\'s region and counts from today on the real clock', async () => {
    const one = await send('kelan.office', 'GET', `/api/contracts/overdue?region=${towns[5]!.code}&asOf=2024-04-06`);
    expect(one.json().items.map((r: any) => r.target.regionCode)).toEqual([towns[5]!.code]);
    // Today: target 0 was visited 20 days ago (in time), target 1 40 days ago (late).
    const today = todayInChina();
    for (const [i, back] of [[0, 20], [1, 40]] as const) {
      const v = await send('kelan.office', 'POST', `/api/contracts/${c.id}/visits`, { targetId: c.targets[i].id, visitedOn: day(today, -back) });
      expect(v.statusCode, v.body).toBe(201);
    }
    const now = (await send('kelan.office', 'GET', `/api/contracts/overdue?region=${KELAN}`)).json();
    expect(now.asOf).toBe(today);
    const due = addMonths(day(today, -40), 1);
    expect(mine(now)).toEqual([[towns[5]!.code, day(today, -40), due, Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000)]]);
    const shown = (await send('kelan.office', 'GET', `/api/contracts/${c.id}`)).json();
    expect(shown.targets.map((x: any) => [x.lastVisitOn, x.daysSinceLastVisit, x.overdue])).toEqual([[day(today, -20), 20, false], [day(today, -40), 40, true]]);
    expect(shown.overdue).toBe(true);
  });
});

describe('ending an assignment, and its history', () => {
  let c: any;
  beforeAll(async () => {
    const res = await send('kelan.office', 'POST', '/api/contracts', { personId: leaderId, targets: [region(towns[6]!.code)], validFrom: '2024-01-01', note: '调整前' });
    expect(res.statusCode, res.body).toBe(201);
    c = res.json();
    expect((await send('kelan.office', 'POST', `/api/contracts/${c.id}/visits`, { targetId: c.targets[0].id, visitedOn: '2024-05-20', notes: '日常督导' })).statusCode).toBe(201);
  });

  it('refuses a bad end day with the reason', async () => {
    const end = (body: object, user = 'kelan.office') => send(user, 'PATCH', `/api/contracts/${c.id}`, { endOn: '2024-06-30', reason: '工作调整', ...body });
    const cases: [object, string, RegExp][] = [
      [{ endOn: day(todayInChina(), 1) }, 'body.endOn', /on or before today/],
      [{ endOn: '2023-12-31' }, 'body.endOn', /starts on 2024-01-01/],
      [{ endOn: '2024-05-19' }, 'body.endOn', /a visit on 2024-05-20 was recorded/],
      [{ reason: '  ' }, 'body.reason', /say why/],
      [{ validTo: '2024-06-30' }, 'body.validTo', /Unrecognized key/i],
    ];
    for (const [body, path, message] of cases) {
      const res = await end(body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(400);
      expect(details(res).some((d) => d.path === path && message.test(d.message)), res.body).toBe(true);
    }
    expect((await end({}, 'kelan.cadre')).statusCode).toBe(403);
    expect((await end({}, 'kelan.leader')).statusCode).toBe(403);
    expect((await send('dehong.office', 'PATCH', `/api/contracts/${c.id}`, { endOn: '2024-06-30', reason: 'x' })).statusCode).toBe(404);
  });

  it('ends once; afterwards no visits after the end, no overdue, and lists hide it unless asked', async () => {
    const res = await send('kelan.office', 'PATCH', `/api/contracts/${c.id}`, { endOn: '2024-06-30', reason: '工作调整' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ validTo: '2024-06-30', ended: { on: '2024-06-30', reason: '工作调整' }, active: false, overdue: false });
    expect(res.json().targets[0]).toMatchObject({ lastVisitOn: '2024-05-20', dueBy: null, overdue: false });
    const again = await send('kelan.office', 'PATCH', `/api/contracts/${c.id}`, { endOn: '2024-06-30', reason: '工作调整' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ILLEGAL_TRANSITION');
    const late = await send('kelan.office', 'POST', `/api/contracts/${c.id}/visits`, { targetId: c.targets[0].id, visitedOn: '2024-07-01' });
    expect(details(late)).toEqual([{ path: 'body.visitedOn', message: 'the assignment ended on 2024-06-30; a visit on 2024-07-01 was not made under it' }]);
    const rows = (q: string) => send('kelan.office', 'GET', `/api/contracts/overdue?region=${towns[6]!.code}&${q}`).then((r) => r.json().items.map((x: any) => x.contractId));
    expect(await rows('asOf=2024-06-30')).toEqual([c.id]); // 20 May + 1 month = 20 June
    expect(await rows('asOf=2024-07-01')).toEqual([]);
    expect(await rows('')).toEqual([]);
    expect((await send('kelan.office', 'GET', `/api/contracts?region=${towns[6]!.code}`)).json().items).toEqual([]);
    expect((await send('kelan.office', 'GET', `/api/contracts?region=${towns[6]!.code}&includeEnded=true`)).json().items.map((x: any) => x.id)).toEqual([c.id]);
    // Ended, the same person may take the township again from the next day.
    const next = await send('kelan.office', 'POST', '/api/contracts', { personId: leaderId, targets: [region(towns[6]!.code)], validFrom: '2024-07-01' });
    expect(next.statusCode, next.body).toBe(201);
  });

  it('keeps every write in the audit history of the assignment, in one verified chain', async () => {
    const res = await send('kelan.leader', 'GET', `/api/audit?entityType=contract&entityId=${c.id}`);
    expect(res.statusCode).toBe(200);
    const events = res.json();
    expect(events.map((e: any) => e.action)).toEqual(['contract.end', 'contract.visit', 'contract.create']);
    expect(events.every((e: any) => e.actor === 'kelan.office' && e.regionCode === towns[6]!.code)).toBe(true);
    expect(events[0]).toMatchObject({ before: { validTo: null }, after: { validTo: '2024-06-30', reason: '工作调整' } });
    expect(events[1].after).toMatchObject({ targetId: c.targets[0].id, visitedOn: '2024-05-20', notes: '日常督导', method: 'routine' });
    expect(events[2].after).toMatchObject({ personId: leaderId, personName: '测试县领导', note: '调整前', targets: [{ kind: 'region', regionCode: towns[6]!.code }] });
    expect((await send('dehong.office', 'GET', `/api/audit?entityType=contract&entityId=${c.id}`)).json()).toEqual([]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
