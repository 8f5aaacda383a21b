import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geodesicDistance } from '@minewatch/geo';
import { json, multipart, testApp, type TestApp } from './harness.js';

/**
 * A site's records through the API: attachments with EXIF position and the far-photo flag, O6
 * responsibility (people per level, signs, grid), S2 sealing (封堵不彻底 reopens), S4 三不留 —
 * each audited on the site, each all-or-nothing.
 */
const FIX = new URL('./fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIX));
// site-photo-gps.jpg was taken here (exiftool -n): 98.5856 E, 24.4331 N
const PHOTO_AT: [number, number] = [98.5856, 24.4331];

let t: TestApp;
let filesDir: string;
let office: string;
let kelan: string;
let leader: string;
let cadre: string;

const req = (cookie: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload: payload as Record<string, unknown> } : {}), headers: cookie ? { cookie } : {} });

async function upload(cookie: string, name: string, bytes: Buffer, fields: Record<string, string>) {
  const m = multipart(fields, { name, bytes });
  const res = await t.app.inject({ method: 'POST', url: '/api/files', payload: m.payload, headers: { ...m.headers, cookie } });
  if (res.statusCode >= 300) throw new Error(`upload ${name}: ${res.statusCode} ${res.body}`);
  return json(res).id as string;
}
async function site(cookie: string, payload: object): Promise<{ id: string; version: number }> {
  const res = await req(cookie, 'POST', '/api/sites', payload);
  if (res.statusCode !== 201) throw new Error(`site: ${res.statusCode} ${res.body}`);
  return json(res);
}
async function person(cookie: string, payload: object): Promise<string> {
  const res = await req(cookie, 'POST', '/api/org/people', payload);
  if (res.statusCode !== 201) throw new Error(`person: ${res.statusCode} ${res.body}`);
  return json(res).id;
}
const history = async (siteId: string) => json<{ action: string; before: any; after: any; entityType: string }[]>(await req(office, 'GET', `/api/audit?entityType=site&entityId=${siteId}`));
const counts = async () => {
  const n = async (tb: 'site_attachment' | 'site_sealing' | 'site_three_no_remain' | 'site_responsibility' | 'audit_event') => (await t.db.selectFrom(tb).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  return { attachments: await n('site_attachment'), sealing: await n('site_sealing'), checks: await n('site_three_no_remain'), resp: await n('site_responsibility'), audit: await n('audit_event') };
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
let shaft: { id: string; version: number };
let farPoint: { id: string; version: number };
let expired: { id: string; version: number };
let producing: { id: string; version: number };
let gpsPhoto: string;
let plainPhoto: string;
let pdfDoc: string;
let prefecturePhoto: string;
let kelanPhoto: string;

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'mw-site-records-'));
  t = await testApp({ filesDir, photoMaxDistanceKm: 1 });
  [office, kelan, leader, cadre] = (await Promise.all(['dehong.office', 'kelan.office', 'dehong.leader', 'dehong.cadre'].map((u) => t.login(u)))) as [string, string, string, string];
  // ~50 m from where the photo was taken
  shaft = await site(office, { regionCode: '533103', name: '芒市测试废弃矿井1号', attributes: { kind: 'abandoned_mine', category: 'normal_closure', rightHolder: '芒市某金矿有限公司' }, geometry: { type: 'Point', coordinates: [98.5860, 24.4334] } });
  // ~14 km away
  farPoint = await site(office, { regionCode: '533103', name: '芒市测试盗采点远处', attributes: { kind: 'illegal_point' }, geometry: { type: 'Point', coordinates: [98.70, 24.50] } });
  expired = await site(office, { regionCode: '533103', name: '芒市测试过期矿山', attributes: { kind: 'licensed_mine', licenceNo: 'C5331002010000001', holder: '某矿业公司', mineral: '金', method: 'underground', status: 'expired' } });
  producing = await site(office, { regionCode: '533103', name: '芒市测试生产矿山', attributes: { kind: 'licensed_mine', licenceNo: 'C5331002010000002', holder: '某矿业公司', mineral: '金', method: 'open_pit', status: 'producing' } });
  gpsPhoto = await upload(office, '1号井封堵.jpg', fixture('site-photo-gps.jpg'), { purpose: 'photo', regionCode: '533103' });
  plainPhoto = await upload(office, '警示牌.png', fixture('photo-no-exif.png'), { purpose: 'photo', regionCode: '533103' });
  pdfDoc = await upload(office, '关闭批复.pdf', PDF, { purpose: 'document', regionCode: '533103' });
  prefecturePhoto = await upload(office, '州级.webp', fixture('photo.webp'), { purpose: 'photo' });
  kelanPhoto = await upload(kelan, '岢岚.png', fixture('photo-no-exif.png'), { purpose: 'photo' });
});
afterAll(async () => {
  await t?.close();
  await rm(filesDir, { recursive: true, force: true });
});

describe('attachments', () => {
  it('attaches a photo with its EXIF position and distance to the site, audited on the site', async () => {
    const res = await req(office, 'POST', `/api/sites/${shaft.id}/attachments`, { fileId: gpsPhoto, role: 'photo', caption: '井口现状' });
    expect(res.statusCode, res.body).toBe(201);
    const a = json(res);
    const want = geodesicDistance(PHOTO_AT, [98.5860, 24.4334]);
    expect(a).toMatchObject({ role: 'photo', purpose: 'general', caption: '井口现状', name: '1号井封堵.jpg', mime: 'image/jpeg', lon: 98.5856, lat: 24.4331, locationSource: 'exif', far: false, takenAt: '2024-05-12T02:30:00.000Z', createdBy: 'dehong.office' });
    expect(a.distanceM).toBeCloseTo(want, 0);
    expect(want).toBeGreaterThan(30);
    expect(want).toBeLessThan(100);
    const h = await history(shaft.id);
    expect(h[0]).toMatchObject({ action: 'site.attach', entityType: 'site', after: { attachment: { role: 'photo', file: '1号井封堵.jpg', caption: '井口现状', locationSource: 'exif', lon: 98.5856 } } });
    const list = json(await req(leader, 'GET', `/api/sites/${shaft.id}/attachments`));
    expect(list.map((x: any) => x.id)).toEqual([a.id]);
  });

  it('flags, but keeps, a photo taken far from the site', async () => {
    const res = await req(office, 'POST', `/api/sites/${farPoint.id}/attachments`, { fileId: gpsPhoto, role: 'photo' });
    expect(res.statusCode, res.body).toBe(201);
    const a = json(res);
    expect(a.far).toBe(true);
    expect(a.distanceM).toBeCloseTo(geodesicDistance(PHOTO_AT, [98.7, 24.5]), 0);
    expect(a.distanceM).toBeGreaterThan(10_000);
    expect((await history(farPoint.id))[0]!.after.attachment).toMatchObject({ far: true });
  });

  it('takes a given position only for a photo without EXIF, and none for documents', async () => {
    const given = await req(office, 'POST', `/api/sites/${shaft.id}/attachments`, { fileId: plainPhoto, role: 'photo', lon: 98.586, lat: 24.4334, takenAt: '2024-06-01T09:00:00+08:00' });
    expect(given.statusCode, given.body).toBe(201);
    expect(json(given)).toMatchObject({ locationSource: 'given', distanceM: 0, far: false, takenAt: '2024-06-01T01:00:00.000Z' });
    const override = await req(office, 'POST', `/api/sites/${expired.id}/attachments`, { fileId: gpsPhoto, role: 'photo', lon: 98.6, lat: 24.4 });
    expect(override.statusCode).toBe(400);
    expect(json(override).error.details[0]).toMatchObject({ path: 'body.lon', message: expect.stringContaining('carries its own GPS position') });
    const half = await req(office, 'POST', `/api/sites/${expired.id}/attachments`, { fileId: plainPhoto, role: 'photo', lon: 98.6 });
    expect(json(half).error.details[0].path).toBe('body.lat');
    const pdfAsPhoto = await req(office, 'POST', `/api/sites/${shaft.id}/attachments`, { fileId: pdfDoc, role: 'photo' });
    expect(json(pdfAsPhoto).error.details[0]).toMatchObject({ path: 'body.role', message: expect.stringContaining('attach it as a document') });
    const doc = await req(office, 'POST', `/api/sites/${shaft.id}/attachments`, { fileId: pdfDoc, role: 'document', caption: '关闭批复' });
    expect(json(doc)).toMatchObject({ role: 'document', mime: 'application/pdf', lon: null, distanceM: null, far: false });
    expect((await req(office, 'POST', `/api/sites/${shaft.id}/attachments`, { fileId: pdfDoc, role: 'document' })).statusCode).toBe(409);
  });

  it('refuses files kept for a wider region, foreign files and foreign sites', async () => {
    const wide = await req(office, 'POST', `/api/sites/${shaft.id}/attachments`, { fileId: prefecturePhoto, role: 'photo' });
    expect(wide.statusCode).toBe(400);
    expect(json(wide).error.details[0]).toMatchObject({ path: 'body.fileId', message: expect.stringMatching(/kept for region 533100, outside the site's region 533103/) });
    const foreignFile = await req(office, 'POST', `/api/sites/${shaft.id}/attachments`, { fileId: kelanPhoto, role: 'photo' });
    expect(json(foreignFile).error.details[0]).toEqual({ path: 'body.fileId', message: `file ${kelanPhoto} not found in your region` });
    for (const url of [`/api/sites/${shaft.id}/attachments`]) {
      expect((await req(kelan, 'POST', url, { fileId: kelanPhoto, role: 'photo' })).statusCode).toBe(404);
      expect((await req(kelan, 'GET', url)).statusCode).toBe(404);
    }
    expect((await req(leader, 'POST', `/api/sites/${shaft.id}/attachments`, { fileId: gpsPhoto, role: 'photo' })).statusCode).toBe(403);
  });
});

describe('S2 sealing', () => {
  it('needs photo evidence for 已封堵, records it, updates the site and its history', async () => {
    const none = await req(office, 'POST', `/api/sites/${shaft.id}/sealing`, { status: 'sealed', on: '2024-05-12' });
    expect(none.statusCode).toBe(400);
    expect(json(none).error.details).toEqual([{ path: 'body.photoFileIds', message: '已封堵 (sealed) needs at least one photo as evidence' }]);
    const doc = await req(office, 'POST', `/api/sites/${shaft.id}/sealing`, { status: 'sealed', on: '2024-05-12', photoFileIds: [pdfDoc] });
    expect(json(doc).error.details[0]).toMatchObject({ path: 'body.photoFileIds.0', message: expect.stringContaining('not a photo') });

    const res = await req(office, 'POST', `/api/sites/${shaft.id}/sealing`, { status: 'sealed', on: '2024-05-12', note: '水泥浇筑封堵', photoFileIds: [gpsPhoto] });
    expect(res.statusCode, res.body).toBe(201);
    const { record, site } = json(res);
    expect(record).toMatchObject({ status: 'sealed', previousStatus: 'unsealed', on: '2024-05-12', note: '水泥浇筑封堵', recordedBy: 'dehong.office' });
    expect(record.evidence).toEqual([expect.objectContaining({ fileId: gpsPhoto, name: '1号井封堵.jpg', lon: 98.5856, far: false })]);
    expect(site).toMatchObject({ status: 'sealed', version: shaft.version + 1, attributes: { sealingStatus: 'sealed', rightHolder: '芒市某金矿有限公司' }, sealing: { party: 'right_holder', sealingDue: false } });
    const h = await history(shaft.id);
    expect(h[0]).toMatchObject({ action: 'site.sealing', before: { attributes: { sealingStatus: 'unsealed' } }, after: { attributes: { sealingStatus: 'sealed' }, sealingOn: '2024-05-12', photos: [expect.objectContaining({ file: '1号井封堵.jpg', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })] } });
  });

  it('封堵不彻底 needs a note, reopens sealing and shows in the history', async () => {
    const noNote = await req(office, 'POST', `/api/sites/${shaft.id}/sealing`, { status: 'incomplete', on: '2024-07-01' });
    expect(json(noNote).error.details).toEqual([{ path: 'body.note', message: '封堵不彻底 needs a note saying what is not sealed' }]);
    const res = await req(cadre, 'POST', `/api/sites/${shaft.id}/sealing`, { status: 'incomplete', on: '2024-07-01', note: '井口一侧有缺口，有人进出痕迹' });
    // the 芒市镇 cadre does not see a 芒市 (county) site
    expect(res.statusCode).toBe(404);
    const ok = await req(office, 'POST', `/api/sites/${shaft.id}/sealing`, { status: 'incomplete', on: '2024-07-01', note: '井口一侧有缺口，有人进出痕迹' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json(ok).record).toMatchObject({ status: 'incomplete', previousStatus: 'sealed', evidence: [] });
    expect(json(ok).site).toMatchObject({ status: 'incomplete', sealing: { sealingDue: true } });
    const h = await history(shaft.id);
    expect(h[0]).toMatchObject({ action: 'site.sealing', before: { attributes: { sealingStatus: 'sealed' } }, after: { attributes: { sealingStatus: 'incomplete' }, reopened: true, note: '井口一侧有缺口，有人进出痕迹' } });
    const records = json(await req(leader, 'GET', `/api/sites/${shaft.id}/sealing`));
    expect(records.map((r: any) => r.status)).toEqual(['incomplete', 'sealed']);
    // the sealing photo is among the site's photos, marked as sealing evidence (attached earlier: kept as it was)
    const photos = json(await req(office, 'GET', `/api/sites/${shaft.id}/attachments`));
    expect(photos.filter((p: any) => p.fileId === gpsPhoto)).toHaveLength(1);
  });

  it('bumps the site version, so an edit made on the old version is a 409', async () => {
    const stale = await req(office, 'PATCH', `/api/sites/${shaft.id}`, { version: shaft.version, name: '改名' });
    expect(stale.statusCode).toBe(409);
    const now = json(await req(office, 'GET', `/api/sites/${shaft.id}`));
    expect(now.version).toBe(shaft.version + 2);
  });

  it('writes nothing when one evidence file is refused', async () => {
    const fresh = await site(office, { regionCode: '533103', name: '芒市测试盗采点全有全无', attributes: { kind: 'illegal_point' }, geometry: { type: 'Point', coordinates: [98.586, 24.4334] } });
    const before = await counts();
    const res = await req(office, 'POST', `/api/sites/${fresh.id}/sealing`, { status: 'sealed', on: '2024-05-12', photoFileIds: [gpsPhoto, kelanPhoto] });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.details[0].path).toBe('body.photoFileIds.1');
    expect(await counts()).toEqual(before);
    const s = json(await req(office, 'GET', `/api/sites/${fresh.id}`));
    expect(s).toMatchObject({ version: fresh.version, status: 'unsealed' });
  });

  it('is only for shafts and illegal points', async () => {
    const res = await req(office, 'POST', `/api/sites/${producing.id}/sealing`, { status: 'sealed', on: '2024-05-12', photoFileIds: [gpsPhoto] });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.message).toMatch(/废弃矿井 and 盗采点 only; this site is a 有证矿山/);
    expect((await req(leader, 'POST', `/api/sites/${shaft.id}/sealing`, { status: 'unsealed', on: '2024-05-12' })).statusCode).toBe(403);
    expect((await req(kelan, 'GET', `/api/sites/${shaft.id}/sealing`)).statusCode).toBe(404);
  });
});

describe('O6 responsibility', () => {
  let county: string;
  let township: string;
  let village: string;
  let villageCode: string;
  let grid: string;

  beforeAll(async () => {
    villageCode = json(await req(office, 'GET', '/api/org/regions/533103101/children'))[0].code;
    county = await person(office, { regionCode: '533103', name: '县级测试责任人', position: '芒市自然资源局副局长', phone: '13800000001' });
    township = await person(office, { regionCode: '533103101', name: '乡级测试责任人', position: '芒市镇副镇长' });
    village = await person(office, { regionCode: villageCode, name: '村级测试责任人', position: '村委会主任', phone: '13800000003' });
    const g = await req(office, 'POST', '/api/grids', { regionCode: '533103', name: '芒市测试网格', people: [{ personId: county, role: 'leader' }] });
    expect(g.statusCode, g.body).toBe(201);
    grid = json(g).id;
  });

  const signs = (photo: string | null) => ({
    warning: photo ? { status: 'installed', photoFileId: photo, checkedOn: '2024-05-20' } : { status: 'none' },
    responsibility: photo ? { status: 'damaged', photoFileId: photo, checkedOn: '2024-05-20' } : { status: 'none' },
  });

  it('starts empty with everything missing', async () => {
    const r = json(await req(leader, 'GET', `/api/sites/${farPoint.id}/responsibility`));
    expect(r).toMatchObject({ version: 0, grid: null, people: { county: null, township: null, village: null }, signs: { warning: { status: 'none' } }, updatedAt: null });
    expect(r.missing).toEqual(['grid', 'people.county', 'people.township', 'people.village', 'signs.warning', 'signs.responsibility']);
  });

  it('records people per level with phones, signs with photos and the grid; audited on the site', async () => {
    const res = await req(office, 'PUT', `/api/sites/${farPoint.id}/responsibility`, {
      version: 0,
      gridId: grid,
      people: { county: { personId: county }, township: { personId: township, phone: '0692-2120000' }, village: { personId: village } },
      signs: signs(plainPhoto),
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = json(res);
    expect(r).toMatchObject({
      version: 1,
      grid: { id: grid, name: '芒市测试网格' },
      people: {
        county: { personId: county, name: '县级测试责任人', phone: '13800000001', regionCode: '533103' },
        township: { name: '乡级测试责任人', phone: '0692-2120000' },
        village: { name: '村级测试责任人', phone: '13800000003', regionCode: villageCode },
      },
      signs: { warning: { status: 'installed', photoFileId: plainPhoto, checkedOn: '2024-05-20' }, responsibility: { status: 'damaged' } },
    });
    expect(r.missing).toEqual(['signs.responsibility']); // damaged is not installed
    const h = await history(farPoint.id);
    expect(h[0]).toMatchObject({
      action: 'site.responsibility',
      before: { responsibilityVersion: 0, countyPerson: null, grid: null },
      after: { responsibilityVersion: 1, grid: '芒市测试网格', countyPerson: '县级测试责任人（13800000001）', warningSign: { status: 'installed' }, warningSignPhoto: { file: '警示牌.png' } },
    });
    const photos = json(await req(office, 'GET', `/api/sites/${farPoint.id}/attachments`));
    expect(photos.find((p: any) => p.fileId === plainPhoto)).toMatchObject({ purpose: 'sign', caption: '警示标识牌' });
    const g = json(await req(leader, 'GET', `/api/grids/${grid}`));
    expect(g.sites.map((s: any) => s.id)).toEqual([farPoint.id]);
    expect(g.siteCount).toBe(1);
  });

  it('answers 409 on a stale version and changes nothing', async () => {
    const before = await counts();
    const res = await req(office, 'PUT', `/api/sites/${farPoint.id}/responsibility`, { version: 0, people: {}, signs: signs(null) });
    expect(res.statusCode).toBe(409);
    expect(json(res).error.message).toMatch(/you edited version 0, it is now 1/);
    expect(await counts()).toEqual(before);
  });

  it('checks each level, phone, sign and link with the field at fault', async () => {
    const base = { version: 1, gridId: grid, signs: signs(null) };
    const cases: [object, string, RegExp][] = [
      [{ ...base, people: { county: { personId: township } } }, 'body.people.county.personId', /below the level of a county-level responsible person/],
      [{ ...base, people: { township: { personId: township } } }, 'body.people.township.phone', /乡级测试责任人 has no phone number on record/],
      [{ ...base, people: { county: { personId: '00000000-0000-4000-8000-000000000000' } } }, 'body.people.county.personId', /no such person in your region/],
      [{ ...base, signs: { warning: { status: 'installed' }, responsibility: { status: 'none' } }, people: {} }, 'body.signs.warning.photoFileId', /photo of the sign is required/],
      [{ ...base, signs: { warning: { status: 'installed', photoFileId: pdfDoc, checkedOn: '2024-05-01' }, responsibility: { status: 'none' } }, people: {} }, 'body.signs.warning.photoFileId', /not a photo/],
      [{ ...base, signs: { warning: { status: 'installed', photoFileId: kelanPhoto, checkedOn: '2024-05-01' }, responsibility: { status: 'none' } }, people: {} }, 'body.signs.warning.photoFileId', /not found in your region/],
    ];
    const before = await counts();
    for (const [payload, field, message] of cases) {
      const res = await req(office, 'PUT', `/api/sites/${farPoint.id}/responsibility`, payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(json(res).error.details[0]).toMatchObject({ path: field, message: expect.stringMatching(message) });
    }
    // a person of a sibling county (瑞丽 533102) is not linked to a 芒市 site
    const sibling = await person(office, { regionCode: '533102', name: '瑞丽测试人员', phone: '13800000009' });
    const res = await req(office, 'PUT', `/api/sites/${farPoint.id}/responsibility`, { ...base, people: { county: { personId: sibling } } });
    expect(json(res).error.details[0]).toMatchObject({ path: 'body.people.county.personId', message: expect.stringMatching(/neither above nor below the site's region 533103/) });
    // kelan's people are invisible to 德宏's office
    const kp = json(await req(kelan, 'GET', '/api/org/people?region=140929'))[0].id;
    const k = await req(office, 'PUT', `/api/sites/${farPoint.id}/responsibility`, { ...base, people: { county: { personId: kp } } });
    expect(json(k).error.details[0]).toMatchObject({ path: 'body.people.county.personId', message: 'no such person in your region' });
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.audit).toBe(before.audit + 1); // only the sibling person was created
  });

  it('is read and written only in scope and by writers', async () => {
    expect((await req(kelan, 'GET', `/api/sites/${farPoint.id}/responsibility`)).statusCode).toBe(404);
    expect((await req(kelan, 'PUT', `/api/sites/${farPoint.id}/responsibility`, { version: 1, people: {}, signs: signs(null) })).statusCode).toBe(404);
    expect((await req(leader, 'PUT', `/api/sites/${farPoint.id}/responsibility`, { version: 1, people: {}, signs: signs(null) })).statusCode).toBe(403);
    const cleared = await req(office, 'PUT', `/api/sites/${farPoint.id}/responsibility`, { version: 1, people: {}, signs: signs(null) });
    expect(json(cleared)).toMatchObject({ version: 2, grid: null, people: { county: null } });
    expect(json(await req(office, 'GET', `/api/grids/${grid}`)).siteCount).toBe(0);
  });
});

describe('S4 三不留', () => {
  it('records a check of an expired mine with evidence, audited on the site', async () => {
    const missing = await req(office, 'POST', `/api/sites/${expired.id}/three-no-remain`, { noPersonnel: true, noEquipment: true, noBuildings: true, checkedOn: '2024-08-01', evidenceFileIds: [] });
    expect(json(missing).error.details).toEqual([{ path: 'body.evidenceFileIds', message: 'at least one photo or document as evidence' }]);
    const res = await req(office, 'POST', `/api/sites/${expired.id}/three-no-remain`, { noPersonnel: true, noEquipment: false, noBuildings: true, checkedOn: '2024-08-01', note: '工棚内仍有一台空压机', evidenceFileIds: [gpsPhoto, pdfDoc] });
    expect(res.statusCode, res.body).toBe(201);
    const c = json(res);
    expect(c).toMatchObject({ noPersonnel: true, noEquipment: false, noBuildings: true, passed: false, checkedOn: '2024-08-01', recordedBy: 'dehong.office' });
    expect(c.evidence.map((e: any) => e.name)).toEqual(['1号井封堵.jpg', '关闭批复.pdf']);
    const h = await history(expired.id);
    expect(h[0]).toMatchObject({ action: 'site.three_no_remain', after: { threeNoRemain: { noEquipment: false, passed: false }, checkedOn: '2024-08-01', evidence: [{ file: '1号井封堵.jpg' }, { file: '关闭批复.pdf' }] } });
    const photos = json(await req(office, 'GET', `/api/sites/${expired.id}/attachments`));
    expect(photos.map((p: any) => [p.name, p.purpose, p.role]).sort()).toEqual([['1号井封堵.jpg', 'three_no_remain', 'photo'], ['关闭批复.pdf', 'three_no_remain', 'document']]);
    const second = await req(office, 'POST', `/api/sites/${expired.id}/three-no-remain`, { noPersonnel: true, noEquipment: true, noBuildings: true, checkedOn: '2024-09-01', evidenceFileIds: [gpsPhoto] });
    expect(json(second).passed).toBe(true);
    expect(json(await req(leader, 'GET', `/api/sites/${expired.id}/three-no-remain`)).map((x: any) => x.checkedOn)).toEqual(['2024-09-01', '2024-08-01']);
  });

  it('refuses mines that are neither expired nor cancelled, until they are', async () => {
    const body = { noPersonnel: true, noEquipment: true, noBuildings: true, checkedOn: '2024-08-01', evidenceFileIds: [gpsPhoto] };
    const res = await req(office, 'POST', `/api/sites/${producing.id}/three-no-remain`, body);
    expect(res.statusCode).toBe(409);
    expect(json(res).error).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('this site is a 生产 mine') });
    expect((await req(office, 'POST', `/api/sites/${shaft.id}/three-no-remain`, body)).statusCode).toBe(409);
    const cur = json(await req(office, 'GET', `/api/sites/${producing.id}`));
    const patched = await req(office, 'PATCH', `/api/sites/${producing.id}`, { version: cur.version, attributes: { ...cur.attributes, status: 'cancelled' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await req(office, 'POST', `/api/sites/${producing.id}/three-no-remain`, body)).statusCode).toBe(201);
    expect((await req(kelan, 'POST', `/api/sites/${producing.id}/three-no-remain`, body)).statusCode).toBe(404);
  });
});
