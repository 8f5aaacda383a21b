/// <reference types="vite/client" />
/**
 * Region scope matrix: a user sees their region and its descendants, nothing else. Every route of the
 * OpenAPI document is tried with 德宏州 (533100) records by users of other regions, with guessed IDs,
 * without a login, as a read-only leader and as a machine token; a positive control shows the same
 * calls succeed for 德宏's own office, so the matrix cannot pass vacuously.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/auth.service.js';
import { multipart, testApp, type TestApp } from './harness.js';
import type { Auth, Fx, ScopeCtx, ScopeModule, Spec, Variant } from './scope/scope-spec.js';

/** Route specs of the bounded contexts, one file each (test/scope/<context>.scope.ts). */
const MODULES = Object.values(import.meta.glob<{ scope: ScopeModule }>('./scope/*.scope.ts', { eager: true })).map((m) => m.scope);

const uniq = () => randomBytes(4).toString('hex');
const meeting = (attendee: string) => ({ kind: 'dispatch', heldOn: '2024-01-15', title: `矩阵测试会议${uniq()}`, attendeePersonIds: [attendee] });
const items = (b: any) => (b as { regionCode: string }[]).map((x) => x.regionCode);
const pointSite = (regionCode: string) => ({ regionCode, name: `矩阵盗采点${uniq()}`, attributes: { kind: 'illegal_point' }, geometry: { type: 'Point', coordinates: [98.6, 24.4] } });

/**
 * Classification of every route. A route in the OpenAPI document missing here fails the
 * "knows every route" test and the matrix, so a new endpoint cannot slip through unclassified.
 */
const CORE_ROUTES: Record<string, Spec> = {
  'GET /api/health': { kind: 'public' },
  'POST /api/auth/login': { kind: 'public' },
  'POST /api/auth/logout': { kind: 'public' },
  'GET /api/auth/me': { kind: 'self', plain: () => ['/api/auth/me'], regionsOf: (b) => [b.regionCode, ...b.scopeRoots.map((r: any) => r.code)], ok: 200 },
  'GET /api/org/regions/roots': { kind: 'self', plain: () => ['/api/org/regions/roots'], regionsOf: (b) => b.map((r: any) => r.code), ok: 200 },
  'GET /api/org/regions/{code}': {
    kind: 'read',
    variants: (f) => [f.region, f.county, f.township, f.village].map((c) => ({ url: `/api/org/regions/${c}` })),
    ok: 200,
  },
  'GET /api/org/regions/{code}/children': {
    kind: 'read',
    variants: (f) => [f.region, f.county, f.township, f.village].map((c) => ({ url: `/api/org/regions/${c}/children` })),
    ok: 200,
  },
  'GET /api/org/units': {
    kind: 'list',
    variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/org/units?region=${c}` })),
    plain: () => ['/api/org/units'],
    regionsOf: items,
    ok: 200,
  },
  'POST /api/org/units': {
    kind: 'write',
    variants: (f, me) => [
      { url: '/api/org/units', payload: { regionCode: f.region, name: `矩阵单位${uniq()}`, kind: 'bureau' } },
      { url: '/api/org/units', payload: { regionCode: f.township, name: `矩阵单位${uniq()}`, kind: 'township_government' } },
      { url: '/api/org/units', payload: { regionCode: me.region, name: `矩阵单位${uniq()}`, kind: 'bureau', parentUnitId: f.unitId } },
    ],
    ok: 201,
  },
  'GET /api/org/people': {
    kind: 'list',
    variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/org/people?region=${c}` })),
    plain: () => ['/api/org/people', `/api/org/people?q=${encodeURIComponent('董自明')}`, '/api/org/people?q=%25'],
    regionsOf: items,
    ok: 200,
  },
  'POST /api/org/people': {
    kind: 'write',
    variants: (f, me) => [
      { url: '/api/org/people', payload: { regionCode: f.region, name: `矩阵人${uniq()}` } },
      { url: '/api/org/people', payload: { regionCode: f.village, name: `矩阵人${uniq()}` } },
      { url: '/api/org/people', payload: { regionCode: me.region, name: `矩阵人${uniq()}`, unitId: f.unitId } },
    ],
    ok: 201,
  },
  'GET /api/org/bodies': {
    kind: 'list',
    variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/org/bodies?region=${c}` })),
    plain: () => ['/api/org/bodies'],
    regionsOf: items,
    ok: 200,
  },
  'POST /api/org/bodies': {
    kind: 'write',
    variants: (f, me) => [
      { url: '/api/org/bodies', payload: { regionCode: f.region, name: `矩阵机构${uniq()}`, kind: 'work_group' } },
      { url: '/api/org/bodies', payload: { regionCode: me.region, name: `矩阵机构${uniq()}`, kind: 'work_group', parentBodyId: f.bodyId } },
      { url: '/api/org/bodies', payload: { regionCode: me.region, name: `矩阵机构${uniq()}`, kind: 'work_group', hostUnitId: f.unitId } },
      { url: '/api/org/bodies', payload: { regionCode: me.region, name: `矩阵机构${uniq()}`, kind: 'supervision_group', districtCodes: [f.county] } },
    ],
    ok: 201,
  },
  'GET /api/org/bodies/{id}': { kind: 'read', variants: (f) => [{ url: `/api/org/bodies/${f.bodyId}` }, { url: `/api/org/bodies/${f.bodyId.toUpperCase()}` }], ok: 200 },
  'POST /api/org/bodies/{id}/members': {
    kind: 'write',
    variants: (f, me) => [
      { url: `/api/org/bodies/${f.bodyId}/members`, payload: { personId: f.personId, role: 'member' } },
      { url: `/api/org/bodies/${f.bodyId}/members`, payload: { personId: null, role: 'liaison', note: '矩阵联络员' } },
      { url: `/api/org/bodies/${me.bodyId}/members`, payload: { personId: f.personId, role: 'member' } },
    ],
    ok: 201,
  },
  'DELETE /api/org/bodies/{id}/members/{memberId}': {
    kind: 'write',
    variants: (f, me) => [{ url: `/api/org/bodies/${f.bodyId}/members/${f.memberId}` }, { url: `/api/org/bodies/${me.bodyId}/members/${f.memberId}` }],
    ok: 204,
  },
  'POST /api/org/bodies/{id}/meetings': {
    kind: 'write',
    variants: (f, me) => [
      { url: `/api/org/bodies/${f.bodyId}/meetings`, payload: meeting(f.personId) },
      { url: `/api/org/bodies/${me.bodyId}/meetings`, payload: meeting(f.personId) },
    ],
    ok: 201,
  },
  'GET /api/org/duties': {
    kind: 'list',
    variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/org/duties?region=${c}` })),
    plain: () => ['/api/org/duties'],
    regionsOf: items,
    ok: 200,
  },
  'GET /api/org/cadence': {
    kind: 'list',
    variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/org/cadence?region=${c}` })),
    plain: () => ['/api/org/cadence'],
    regionsOf: (b) => b.map((x: any) => x.body.regionCode),
    ok: 200,
  },
  'GET /api/sites': {
    kind: 'list',
    variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/sites?region=${c}` })),
    plain: (f) => ['/api/sites', '/api/sites?bbox=73,3,136,54', `/api/sites?kind=illegal_point&q=${encodeURIComponent('矩阵')}`],
    regionsOf: (b) => items(b.items),
    ok: 200,
  },
  'GET /api/sites/{id}': { kind: 'read', variants: (f) => [{ url: `/api/sites/${f.siteId}` }], ok: 200 },
  'POST /api/sites': {
    kind: 'write',
    variants: (f) => [{ url: '/api/sites', payload: pointSite(f.region) }, { url: '/api/sites', payload: pointSite(f.village) }],
    ok: 201,
  },
  'PATCH /api/sites/{id}': {
    kind: 'write',
    variants: (f) => [{ url: `/api/sites/${f.siteId}`, payload: { version: 1, name: `矩阵改名${uniq()}` } }],
    ok: 200,
  },
  'POST /api/sites/import': {
    kind: 'write',
    variants: (f) => [{ url: '/api/sites/import', form: { fields: { regionCode: f.region, kind: 'illegal_point' }, file: { name: 'points.geojson', bytes: Buffer.from(JSON.stringify({ type: 'Point', coordinates: [98.6, 24.4] })) } } }],
    ok: 200,
  },
  'POST /api/sites/import/{previewId}/commit': {
    kind: 'write',
    // Previews belong to their uploader; the positive control commits one made by 德宏's office.
    variants: (f) => [{ url: `/api/sites/import/${f.previewId}/commit` }],
    ok: 201,
  },
  'GET /api/audit': {
    kind: 'list',
    plain: (f) => ['/api/audit?limit=500', `/api/audit?entityType=body&entityId=${f.bodyId}`, `/api/audit?entityType=unit&entityId=${f.unitId}`, `/api/audit?entityType=site&entityId=${f.siteId}`],
    regionsOf: items,
    ok: 200,
  },
};
const ROUTES: Record<string, Spec> = Object.assign({}, CORE_ROUTES, ...MODULES.map((m) => m.routes));
/** Public routes that the OpenAPI document does not list (the documentation itself). */
const UNDOCUMENTED_PUBLIC = ['/api/docs', '/api/docs/json'];

/** Users of other regions, with the prefix every region code they see must start with. */
const FOREIGN = [
  { username: 'kelan.office', prefix: '140929' },
  { username: 'zhongwei.inspector', prefix: '640502' },
  { username: 'kelan.cadre', prefix: '140929100' },
] as const;

const TABLES = [...new Set(['region', 'unit', 'person', 'body', 'body_member', 'meeting', 'meeting_attendee', 'duty_task', 'duty_task_unit', 'app_user', 'api_token', 'site', 'import_preview', 'audit_event', ...MODULES.flatMap((m) => m.tables ?? [])])];

let t: TestApp;
let routes: { key: string; method: string; path: string; spec: Spec }[];
let dehong: Fx;
const own = new Map<string, Fx>();
const cookies = new Map<string, string>();
/** Strings that only 德宏's data contains (names of its body, units, people, regions). */
let leakStrings: string[];

function send(auth: Auth, method: string, v: Variant): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (auth && 'cookie' in auth) headers.cookie = auth.cookie;
  if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
  if (v.form) {
    const m = multipart(v.form.fields, v.form.file);
    return t.app.inject({ method: method as 'GET', url: v.url, headers: { ...headers, ...m.headers }, payload: m.payload });
  }
  return t.app.inject({ method: method as 'GET', url: v.url, headers, ...(v.payload !== undefined ? { payload: v.payload } : {}) });
}
const as = (username: string): Auth => ({ cookie: cookies.get(username)! });

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const tb of TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(tb)}`.execute(t.db);
    out[tb] = r.rows[0]!.n;
  }
  return out;
}

function leaked(body: string): string[] {
  return leakStrings.filter((s) => body.includes(s));
}
const what = (method: string, v: Variant, res: LightMyRequestResponse) => `${method} ${v.url} ${JSON.stringify(v.payload ?? '')} -> ${res.statusCode} ${res.body.slice(0, 300)}`;

function specOf(key: string): Spec {
  const spec = ROUTES[key];
  if (!spec) throw new Error(`route ${key} is not classified in ROUTES: add it so the scope matrix exercises it`);
  return spec;
}
const nonPublic = () => routes.filter((r) => specOf(r.key).kind !== 'public');

beforeAll(async () => {
  t = await testApp();
  const doc = (await t.app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path, spec: ROUTES[`${m.toUpperCase()} ${path}`]! })),
  );

  for (const u of ['admin', 'dehong.office', 'dehong.leader', 'kelan.leader', 'zhongwei.office', 'zhongwei.leader', ...FOREIGN.map((f) => f.username)]) {
    cookies.set(u, await t.login(u));
  }
  const admin = as('admin');
  const get = async (url: string) => {
    const res = await send(admin, 'GET', { url });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as any;
  };

  // 德宏 fixture, collected as admin.
  const bodies = await get('/api/org/bodies?region=533100');
  const body = bodies.find((b: any) => b.members.some((m: any) => m.personId));
  const member = body.members.find((m: any) => m.personId);
  const units = await get('/api/org/units?region=533100');
  const people = await get('/api/org/people?region=533100');
  const counties = await get('/api/org/regions/533100/children');
  const towns = await get(`/api/org/regions/${counties[0].code}/children`);
  const villages = await get(`/api/org/regions/${towns[0].code}/children`);
  const createSite = async (user: string, payload: object) => {
    const res = await send(as(user), 'POST', { url: '/api/sites', payload: payload as Record<string, unknown> });
    if (res.statusCode !== 201) throw new Error(`site fixture: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const dehongSiteName = `德宏矩阵金矿盗采点${uniq()}`;
  const siteId = await createSite('dehong.office', { ...pointSite(counties[0].code), name: dehongSiteName });
  const preview = await send(as('dehong.office'), 'POST', { url: '/api/sites/import', form: { fields: { regionCode: '533100', kind: 'illegal_point' }, file: { name: 'p.geojson', bytes: Buffer.from(JSON.stringify({ type: 'Point', coordinates: [98.6, 24.4] })) } } });
  if (preview.statusCode !== 200) throw new Error(`preview fixture: ${preview.statusCode} ${preview.body}`);
  dehong = {
    region: '533100',
    county: counties[0].code,
    township: towns[0].code,
    village: villages[0].code,
    bodyId: body.id,
    unitId: units[0].id,
    personId: member.personId,
    memberId: member.id,
    siteId,
    previewId: preview.json().previewId,
    x: {},
  };
  const ctx: ScopeCtx = { send, as, get, uniq };
  const moduleLeaks: string[] = [];
  for (const m of MODULES) {
    const made = await m.fixture?.(ctx, dehong, 'dehong.office');
    Object.assign(dehong.x, made?.ids);
    moduleLeaks.push(...(made?.leaks ?? []));
  }

  // Own fixtures of the foreign users (kelan.office has records; the others only a region).
  const kBody = (await get('/api/org/bodies?region=140929')).find((b: any) => b.members.some((m: any) => m.personId));
  const kMember = kBody.members.find((m: any) => m.personId);
  own.set('kelan.office', {
    region: '140929', county: '140929', township: '140929100', village: '140929100', bodyId: kBody.id,
    unitId: (await get('/api/org/units?region=140929'))[0].id, personId: kMember.personId, memberId: kMember.id,
    siteId: await createSite('admin', { ...pointSite('140929'), geometry: { type: 'Point', coordinates: [111.5, 38.7] } }),
    previewId: randomUUID(),
    x: Object.fromEntries(Object.keys(dehong.x).map((k) => [k, randomUUID()])),
  });
  const kelan = own.get('kelan.office')!;
  for (const m of MODULES) Object.assign(kelan.x, (await m.fixture?.(ctx, kelan, 'kelan.office'))?.ids);
  for (const [u, region] of [['zhongwei.inspector', '640502'], ['kelan.cadre', '140929100']] as const) {
    own.set(u, { region, county: region, township: region, village: region, bodyId: randomUUID(), unitId: randomUUID(), personId: randomUUID(), memberId: randomUUID(), siteId: randomUUID(), previewId: randomUUID(), x: Object.fromEntries(Object.keys(dehong.x).map((k) => [k, randomUUID()])) });
  }

  // Leak strings: 德宏 names that appear nowhere in the other regions' data.
  const candidates = new Set<string>([
    ...bodies.map((b: any) => b.name),
    ...units.map((u: any) => u.name),
    ...people.map((p: any) => p.name),
    '德宏傣族景颇族自治州',
    dehongSiteName,
    ...counties.map((r: any) => r.name),
    towns[0].name,
    villages[0].name,
    ...moduleLeaks,
  ]);
  let elsewhere = '';
  for (const r of ['140929', '150621', '640500']) {
    for (const l of ['units', 'people', 'bodies', 'duties', 'cadence']) elsewhere += JSON.stringify(await get(`/api/org/${l}?region=${r}`));
    elsewhere += JSON.stringify(await get(`/api/org/regions/${r}/children`));
  }
  elsewhere += JSON.stringify(await get('/api/org/regions/140929100/children'));
  leakStrings = [...candidates].filter((s) => s.length >= 2 && !elsewhere.includes(s));
});
afterAll(() => t?.close());

describe('route classification', () => {
  it('knows how to exercise every route of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(10);
    const unknown = routes.filter((r) => !r.spec).map((r) => r.key);
    expect(unknown, 'routes missing from ROUTES: classify and exercise them').toEqual([]);
    const unexercised = routes.filter((r) => r.spec && r.spec.kind !== 'public' && !r.spec.variants && !r.spec.plain).map((r) => r.key);
    expect(unexercised).toEqual([]);
    // A write must be classified as a write, so the write checks cover it.
    const misfiled = routes.filter((r) => r.spec && r.spec.kind !== 'public' && (r.method === 'GET') !== (r.spec.kind !== 'write')).map((r) => r.key);
    expect(misfiled).toEqual([]);
    const stale = Object.keys(ROUTES).filter((k) => !routes.some((r) => r.key === k));
    expect(stale, 'ROUTES lists routes the server no longer has').toEqual([]);
  });

  it('has a 德宏 fixture and meaningful leak strings', () => {
    expect(dehong.county).toMatch(/^5331\d\d$/);
    expect(dehong.township).toMatch(/^5331\d{5}$/);
    expect(dehong.village).toMatch(/^5331\d{8}$/);
    expect(leakStrings).toContain('德宏傣族景颇族自治州');
    expect(leakStrings).toContain('董自明');
    expect(leakStrings.length).toBeGreaterThan(15);
  });

  it('serves the public routes without a login', async () => {
    for (const url of [...UNDOCUMENTED_PUBLIC, '/api/health']) expect([200, 302], url).toContain((await send(null, 'GET', { url })).statusCode);
    expect((await send(null, 'POST', { url: '/api/auth/logout' })).statusCode).toBe(204);
  });
});

describe('positive control: 德宏州 office on its own records', () => {
  it('gets 200/201/204 from every route', async () => {
    const c = as('dehong.office');
    // A throwaway member for the DELETE route, so the seed roster stays intact.
    const add = await send(c, 'POST', { url: `/api/org/bodies/${dehong.bodyId}/members`, payload: { personId: null, role: 'liaison', note: '临时' } });
    expect(add.statusCode).toBe(201);
    const fx: Fx = { ...dehong, memberId: add.json().id };
    let seen = '';
    for (const r of nonPublic()) {
      const done = new Set<string>();
      for (const v of r.spec.variants?.(fx, fx) ?? []) {
        const key = v.url + JSON.stringify(v.payload ?? null);
        if (done.has(key)) continue; // the own-record variant equals the foreign one here
        done.add(key);
        const res = await send(c, r.method, v);
        expect.soft(res.statusCode, what(r.method, v, res)).toBe(r.spec.ok);
        seen += res.body;
      }
      for (const url of r.spec.plain?.(fx) ?? []) {
        const res = await send(c, r.method, { url });
        expect.soft(res.statusCode, what(r.method, { url }, res)).toBe(200);
        seen += res.body;
      }
    }
    // The leak detector would have caught these strings.
    expect(leaked(seen)).toEqual(expect.arrayContaining(['德宏傣族景颇族自治州', '董自明']));
  });
});

describe.each(FOREIGN)('as $username (another region)', ({ username, prefix }) => {
  const within = (code: string | null) => code !== null && code.startsWith(prefix);

  it('refuses every read of 德宏 records and region codes with 404/403, leaking nothing', async () => {
    let tried = 0;
    for (const r of nonPublic().filter((r) => r.spec.kind === 'read' || r.spec.kind === 'list')) {
      for (const v of r.spec.variants?.(dehong, own.get(username)!) ?? []) {
        for (const method of ['GET', 'HEAD']) {
          const res = await send(as(username), method, v);
          expect.soft([403, 404], what(method, v, res)).toContain(res.statusCode);
          expect.soft(leaked(res.body), what(method, v, res)).toEqual([]);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(20);
  });

  it('lists only its own region when no region is given', async () => {
    for (const r of nonPublic().filter((r) => r.spec.plain)) {
      for (const url of r.spec.plain!(dehong)) {
        const res = await send(as(username), 'GET', { url });
        expect.soft([200, 403], what('GET', { url }, res)).toContain(res.statusCode);
        if (username === 'kelan.office') expect.soft(res.statusCode, url).toBe(200);
        expect.soft(leaked(res.body), url).toEqual([]);
        if (res.statusCode === 200 && r.spec.regionsOf) {
          const outside = r.spec.regionsOf(res.json()).filter((c) => !within(c));
          expect.soft(outside, `${url} returned items outside ${prefix}`).toEqual([]);
        }
      }
    }
    if (username === 'kelan.office') {
      const units = await send(as(username), 'GET', { url: '/api/org/units' });
      expect(units.json().length).toBeGreaterThan(0); // not vacuous
    }
  });

  it('refuses writes aimed at 德宏 records or region codes and writes nothing', async () => {
    const before = await counts();
    for (const r of nonPublic().filter((r) => r.spec.kind === 'write')) {
      for (const v of r.spec.variants!(dehong, own.get(username)!)) {
        const res = await send(as(username), r.method, v);
        const w = what(r.method, v, res);
        expect.soft([400, 403, 404], w).toContain(res.statusCode);
        if (res.statusCode === 400) {
          const details = (res.json().error.details ?? []) as { path: string; message: string }[];
          expect.soft(details.some((d) => d.path.startsWith('body.') && /region/i.test(d.message)), w).toBe(true);
        }
        expect.soft(leaked(res.body), w).toEqual([]);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('answers guessed IDs and codes with 404/403 and writes nothing', async () => {
    const guessed: Fx = {
      region: '533199', county: '999999', township: '533102999', village: '533102001999',
      bodyId: randomUUID(), unitId: randomUUID(), personId: randomUUID(), memberId: randomUUID(), siteId: randomUUID(), previewId: randomUUID(),
      x: Object.fromEntries(Object.keys(dehong.x).map((k) => [k, randomUUID()])),
    };
    const ids = [...Object.values(guessed).filter((v): v is string => typeof v === 'string'), ...Object.values(guessed.x)];
    const before = await counts();
    for (const r of nonPublic()) {
      for (const v of r.spec.variants?.(guessed, own.get(username)!) ?? []) {
        const res = await send(as(username), r.method, v);
        const inPath = ids.some((id) => v.url.split('?')[0]!.includes(id));
        // A guessed ID in the path is "not found"; one in the body of a write is a field error.
        expect.soft(inPath || r.spec.kind !== 'write' ? [403, 404] : [400, 403, 404], what(r.method, v, res)).toContain(res.statusCode);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('sees only its own region through the self routes', async () => {
    for (const r of nonPublic().filter((r) => r.spec.kind === 'self')) {
      for (const url of r.spec.plain!(dehong)) {
        const res = await send(as(username), 'GET', { url });
        expect(res.statusCode, url).toBe(200);
        expect(leaked(res.body)).toEqual([]);
        expect(r.spec.regionsOf!(res.json()).filter((c) => !within(c))).toEqual([]);
      }
    }
  });
});

describe('audit history across regions', () => {
  it('never shows a leader of another region the events of 德宏', async () => {
    const name = `审计探针${uniq()}`;
    const made = await send(as('dehong.office'), 'POST', { url: '/api/org/people', payload: { regionCode: '533102', name } });
    expect(made.statusCode).toBe(201);
    const id = made.json().id as string;
    // Positive control: 德宏's leader sees it.
    const mine = await send(as('dehong.leader'), 'GET', { url: `/api/audit?entityType=person&entityId=${id}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toHaveLength(1);
    for (const [leader, prefix] of [['kelan.leader', '140929'], ['zhongwei.leader', '6405']] as const) {
      const all = await send(as(leader), 'GET', { url: '/api/audit?limit=500' });
      expect(all.statusCode).toBe(200);
      const events = all.json() as { regionCode: string | null }[];
      expect(events.length).toBeGreaterThan(0);
      expect(events.filter((e) => !e.regionCode?.startsWith(prefix))).toEqual([]);
      expect(all.body).not.toContain(name);
      expect(leaked(all.body)).toEqual([]);
      const one = await send(as(leader), 'GET', { url: `/api/audit?entityType=person&entityId=${id}` });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toEqual([]);
    }
  });
});

describe('records linked across sibling regions', () => {
  // A prefecture office must not link one county's records (640521 中宁县) into a body of a sibling
  // county (640502 沙坡头区): 沙坡头区 users would read them through the body. Upward links
  // (prefecture officials on a county body) are allowed and not tested here.
  it('never shows a 沙坡头区 user records of the sibling county 中宁县', async () => {
    const zo = as('zhongwei.office');
    const post = async (url: string, payload: Record<string, unknown>) => send(zo, 'POST', { url, payload });
    const unit = await post('/api/org/units', { regionCode: '640521', name: `中宁探针局${uniq()}`, kind: 'bureau' });
    const person = await post('/api/org/people', { regionCode: '640521', name: `中宁探针人${uniq()}`, unitId: unit.json().id });
    expect([unit.statusCode, person.statusCode]).toEqual([201, 201]);
    const probes = [unit.json().name as string, person.json().name as string];
    const direct = await send(as('zhongwei.inspector'), 'GET', { url: `/api/org/people?q=${encodeURIComponent(probes[1]!)}` });
    expect(direct.json()).toEqual([]); // not readable directly

    let body = await post('/api/org/bodies', { regionCode: '640502', name: `沙坡头探针机构${uniq()}`, kind: 'work_group', hostUnitId: unit.json().id });
    if (body.statusCode !== 201) body = await post('/api/org/bodies', { regionCode: '640502', name: `沙坡头探针机构${uniq()}`, kind: 'work_group' });
    expect(body.statusCode, body.body).toBe(201);
    const id = body.json().id as string;
    const links = {
      hostUnit: body,
      member: await post(`/api/org/bodies/${id}/members`, { personId: person.json().id, role: 'member' }),
      attendee: await post(`/api/org/bodies/${id}/meetings`, meeting(person.json().id)),
      subBody: await post('/api/org/bodies', { regionCode: '640521', name: `中宁探针子机构${uniq()}`, kind: 'work_group', parentBodyId: id }),
    };
    if (links.subBody.statusCode === 201) probes.push(links.subBody.json().name);
    for (const url of ['/api/org/bodies', `/api/org/bodies/${id}`, '/api/org/cadence']) {
      const res = await send(as('zhongwei.inspector'), 'GET', { url });
      expect(res.statusCode).toBe(200);
      const shown = probes.filter((p) => res.body.includes(p));
      const linked = Object.entries(links).filter(([, r]) => r.statusCode === 201).map(([k]) => k);
      expect.soft(shown, `${url} shows 中宁县 records linked as ${linked.join(', ')}`).toEqual([]);
    }
  });
});

describe('authentication and roles', () => {
  it('answers 401 to every non-public route without a valid login', async () => {
    const revoked = 'mwt_' + randomBytes(32).toString('base64url');
    const machine = await t.db.selectFrom('app_user').select('id').where('username', '=', 'kelan.power').executeTakeFirstOrThrow();
    await t.db.insertInto('api_token').values({ user_id: machine.id, name: 'revoked test token', token_hash: hashToken(revoked), revoked_at: new Date() }).execute();
    const auths: Auth[] = [null, { cookie: 'mw_session=' + randomBytes(32).toString('base64url') }, { bearer: 'mwt_guessed' }, { bearer: revoked }];
    const before = await counts();
    let tried = 0;
    for (const auth of auths) {
      for (const r of nonPublic()) {
        const vs = [...(r.spec.variants?.(dehong, dehong) ?? []), ...(r.spec.plain?.(dehong) ?? []).map((url) => ({ url }))];
        for (const v of vs) {
          const res = await send(auth, r.method, v);
          expect.soft(res.statusCode, `${JSON.stringify(auth)} ${what(r.method, v, res)}`).toBe(401);
          expect.soft(res.json().error?.code).toBe('UNAUTHENTICATED');
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(await counts()).toEqual(before);
  });

  it('forbids every write to the read-only leader of 德宏 in his own region', async () => {
    const fx = { ...dehong };
    const before = await counts();
    for (const r of nonPublic().filter((r) => r.spec.kind === 'write' && !r.spec.personal)) {
      for (const v of r.spec.variants!(fx, fx)) {
        const res = await send(as('dehong.leader'), r.method, v);
        expect.soft(res.statusCode, what(r.method, v, res)).toBe(403);
        expect.soft(res.json().error?.code).toBe('FORBIDDEN');
      }
    }
    expect(await counts()).toEqual(before);
    // He can still read them.
    expect((await send(as('dehong.leader'), 'GET', { url: `/api/org/bodies/${dehong.bodyId}` })).statusCode).toBe(200);
  });

  it('forbids the machine token user every org and audit route', async () => {
    const token = 'mwt_' + randomBytes(32).toString('base64url');
    const machine = await t.db.selectFrom('app_user').select('id').where('username', '=', 'kelan.power').executeTakeFirstOrThrow();
    await t.db.insertInto('api_token').values({ user_id: machine.id, name: 'scope matrix test', token_hash: hashToken(token) }).execute();
    const me = await send({ bearer: token }, 'GET', { url: '/api/auth/me' });
    expect(me.statusCode).toBe(200); // the token works
    expect(me.json().username).toBe('kelan.power');
    const mine = own.get('kelan.office')!;
    const before = await counts();
    let tried = 0;
    for (const r of nonPublic().filter((r) => /^\/api\/(org|audit)/.test(r.path))) {
      const vs = [...(r.spec.variants?.(mine, mine) ?? []), ...(r.spec.plain?.(mine) ?? []).map((url) => ({ url }))];
      for (const v of vs) {
        const res = await send({ bearer: token }, r.method, v);
        expect.soft(res.statusCode, what(r.method, v, res)).toBe(403);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(20);
    expect(await counts()).toEqual(before);
  });
});
