/**
 * Bad input on every write endpoint: malformed JSON, unknown fields, wrong types, missing and
 * overlong fields, oversize bodies, invalid region codes, SQL metacharacters, invalid UUIDs and
 * dates. Each must be a 400 with a stable code and, where a field is at fault, its path; nothing may
 * be written, nothing may be a 5xx, and no message may leak SQL or a stack trace.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../src/clock.js';
import { testApp, TEST_PASSWORD, type TestApp } from './harness.js';

let t: TestApp;
let cookie: string;
let bodyId: string;
let personId: string;
let memberId: string;

const uniq = () => randomBytes(4).toString('hex');
type Payload = Record<string, unknown>;
interface Endpoint {
  url: () => string;
  valid: () => Payload;
}
const EP: Record<'units' | 'people' | 'bodies' | 'members' | 'meetings' | 'login', Endpoint> = {
  units: { url: () => '/api/org/units', valid: () => ({ regionCode: '533100', name: `坏输入单位${uniq()}`, kind: 'bureau' }) },
  people: { url: () => '/api/org/people', valid: () => ({ regionCode: '533100', name: `坏输入${uniq()}` }) },
  bodies: { url: () => '/api/org/bodies', valid: () => ({ regionCode: '533100', name: `坏输入机构${uniq()}`, kind: 'work_group' }) },
  members: { url: () => `/api/org/bodies/${bodyId}/members`, valid: () => ({ personId, role: 'member' }) },
  meetings: {
    url: () => `/api/org/bodies/${bodyId}/meetings`,
    valid: () => ({ kind: 'dispatch', heldOn: '2024-01-15', title: `坏输入会议${uniq()}`, attendeePersonIds: [personId], decisions: ['决定一'] }),
  },
  login: { url: () => '/api/auth/login', valid: () => ({ username: 'dehong.office', password: TEST_PASSWORD }) },
};
const ENDPOINTS = Object.entries(EP) as [keyof typeof EP, Endpoint][];
const ORG_CREATE = ['units', 'people', 'bodies'] as const;

const COUNTED = ['unit', 'person', 'body', 'body_member', 'meeting', 'meeting_attendee', 'duty_task', 'audit_event', 'login_attempt', 'session'] as const;
async function counts(): Promise<Record<string, number>> {
  const r = await sql<Record<string, number>>`select ${sql.join(COUNTED.map((tb) => sql`(select count(*)::int from ${sql.table(tb)}) as ${sql.id(tb)}`))}`.execute(t.db);
  return r.rows[0]!;
}

/** Every response to bad input, checked at the end for 5xx. */
const answered: { label: string; status: number; body: string; bad: boolean }[] = [];
const LEAKY = /select |insert |update \S+ set|delete from|\bat \/|node_modules|\.[jt]s:\d|stack|syntax error/i;

interface Case {
  label: string;
  method?: 'GET' | 'POST' | 'DELETE';
  url: string;
  payload?: Payload | unknown[] | string;
  contentType?: string;
  /** Acceptable error codes; VALIDATION by default. */
  codes?: string[];
  /** The field error.details must name. */
  path?: string;
  /** Acceptable statuses; 400 by default. */
  statuses?: number[];
}

async function send(c: Case, bad = false): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { cookie };
  if (c.contentType) headers['content-type'] = c.contentType;
  const res = await t.app.inject({ method: c.method ?? 'POST', url: c.url, headers, ...(c.payload !== undefined ? { payload: c.payload as object } : {}) });
  answered.push({ label: c.label, status: res.statusCode, body: res.body, bad });
  return res;
}

function parse(body: string): { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } } | undefined {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Sends a bad request and checks the refusal (soft, so one run reports every case) and that nothing was written. */
async function rejects(c: Case): Promise<void> {
  const before = await counts();
  const res = await send(c, true);
  const label = `${c.label}: ${c.method ?? 'POST'} ${c.url.slice(0, 120)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect.soft(c.statuses ?? [400], label).toContain(res.statusCode);
  const err = parse(res.body)?.error;
  expect.soft(typeof err?.message, `${label} (error shape {error:{code,message}})`).toBe('string');
  if (res.statusCode === 400) expect.soft(c.codes ?? ['VALIDATION'], label).toContain(err?.code);
  if (c.path) expect.soft((err?.details ?? []).map((d) => d.path), label).toContain(c.path);
  expect.soft(err?.message ?? '', label).not.toMatch(LEAKY);
  expect.soft(await counts(), `${label} wrote rows`).toEqual(before);
}

beforeAll(async () => {
  t = await testApp();
  cookie = await t.login('dehong.office');
  const res = await t.app.inject({ url: '/api/org/bodies?region=533100', headers: { cookie } });
  const body = (res.json() as any[]).find((b) => b.members.some((m: any) => m.personId));
  bodyId = body.id;
  const member = body.members.find((m: any) => m.personId);
  personId = member.personId;
  memberId = member.id;
});
afterAll(() => t?.close());

describe('bad input on the write endpoints (as dehong.office)', () => {
  it('accepts the valid base payload of every endpoint (control)', async () => {
    for (const [name, ep] of ENDPOINTS) {
      const res = await send({ label: name, url: ep.url(), payload: ep.valid() });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(name === 'login' ? 200 : 201);
    }
  });

  it('rejects malformed JSON and empty JSON bodies with MALFORMED_JSON', async () => {
    const broken = ['{"name": ', '{', '{"regionCode":"533100",}', "{'name':'x'}", 'nul', '[1,', '{"a":1}}', '\u0000'];
    for (const [name, ep] of ENDPOINTS) {
      for (const raw of broken) await rejects({ label: `${name} malformed`, url: ep.url(), payload: raw, contentType: 'application/json', codes: ['MALFORMED_JSON'] });
      await rejects({ label: `${name} empty`, url: ep.url(), payload: '', contentType: 'application/json', codes: ['MALFORMED_JSON'] });
      // Prototype poisoning is refused outright.
      for (const raw of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
        await rejects({ label: `${name} proto`, url: ep.url(), payload: raw, contentType: 'application/json', codes: ['MALFORMED_JSON', 'VALIDATION'] });
      }
    }
  });

  it('rejects JSON that is not an object, and a missing body, naming body', async () => {
    for (const [name, ep] of ENDPOINTS) {
      for (const raw of ['null', '[]', '"text"', '42', 'true']) {
        await rejects({ label: `${name} non-object`, url: ep.url(), payload: raw, contentType: 'application/json', path: 'body' });
      }
      await rejects({ label: `${name} no body`, url: ep.url(), path: 'body' });
      await rejects({ label: `${name} form`, url: ep.url(), payload: 'name=x', contentType: 'application/x-www-form-urlencoded' });
    }
  });

  // The details must name the unknown key itself (body.extra), not just 'body'.
  it('rejects unknown fields naming the field (strict objects)', async () => {
    for (const [name, ep] of ENDPOINTS) {
      await rejects({ label: `${name} extra`, url: ep.url(), payload: { ...ep.valid(), extra: 1 }, path: 'body.extra' });
      await rejects({ label: `${name} id`, url: ep.url(), payload: { ...ep.valid(), id: randomUUID() }, path: 'body.id' });
    }
  });

  it('rejects wrong types naming the field', async () => {
    const wrong: Record<keyof typeof EP, [string, unknown][]> = {
      units: [['name', 5], ['regionCode', 533100], ['kind', 'ministry'], ['sector', true], ['parentUnitId', 123]],
      people: [['name', 5], ['phone', 13800000000], ['phone', 'call me'], ['rank', 'general'], ['unitId', 'x'], ['position', null]],
      bodies: [['cadenceMonths', '3'], ['cadenceMonths', 1.5], ['cadenceMonths', 0], ['cadenceMonths', 25], ['districtCodes', '533102'], ['duties', []], ['name', { zh: 'x' }]],
      members: [['role', 5], ['role', 'boss'], ['personId', 'abc'], ['note', {}]],
      meetings: [['title', 5], ['kind', 'party'], ['decisions', 'x'], ['heldOn', 20220101], ['attendeePersonIds', personId]],
      login: [['username', 5], ['password', ['x']], ['username', null]],
    };
    for (const [name, ep] of ENDPOINTS) {
      for (const [field, value] of wrong[name]) await rejects({ label: `${name}.${field}=${JSON.stringify(value)}`, url: ep.url(), payload: { ...ep.valid(), [field]: value }, path: `body.${field}` });
    }
    await rejects({ label: 'attendee not a uuid', url: EP.meetings.url(), payload: { ...EP.meetings.valid(), attendeePersonIds: ['x'] }, path: 'body.attendeePersonIds.0' });
    await rejects({ label: 'decision not text', url: EP.meetings.url(), payload: { ...EP.meetings.valid(), decisions: [7] }, path: 'body.decisions.0' });
  });

  it('rejects missing required fields naming them', async () => {
    const required: Record<keyof typeof EP, string[]> = {
      units: ['regionCode', 'name', 'kind'],
      people: ['regionCode', 'name'],
      bodies: ['regionCode', 'name', 'kind'],
      members: ['role'],
      meetings: ['kind', 'heldOn', 'title'],
      login: ['username', 'password'],
    };
    for (const [name, ep] of ENDPOINTS) {
      for (const field of required[name]) {
        const { [field]: _gone, ...rest } = ep.valid();
        await rejects({ label: `${name} without ${field}`, url: ep.url(), payload: rest, path: `body.${field}` });
      }
      await rejects({ label: `${name} {}`, url: ep.url(), payload: {}, path: `body.${required[name][0]}` });
    }
    // A member needs a person or a note.
    await rejects({ label: 'anonymous member without note', url: EP.members.url(), payload: { personId: null, role: 'member' }, path: 'body.personId' });
  });

  it('rejects strings and lists beyond the schema maximum, and blank names', async () => {
    const long: [keyof typeof EP, string, unknown][] = [
      ['units', 'name', 'x'.repeat(201)],
      ['people', 'name', '名'.repeat(51)],
      ['people', 'position', 'x'.repeat(201)],
      ['bodies', 'name', 'x'.repeat(301)],
      ['bodies', 'duties', 'x'.repeat(5001)],
      ['bodies', 'districtCodes', Array(101).fill('533102')],
      ['members', 'position', 'x'.repeat(201)],
      ['members', 'note', 'x'.repeat(501)],
      ['members', 'duty', 'x'.repeat(2001)],
      ['meetings', 'title', 'x'.repeat(301)],
      ['meetings', 'decisions', Array(101).fill('决定')],
      ['meetings', 'attendeePersonIds', Array(501).fill(personId)],
      ['login', 'username', 'x'.repeat(65)],
      ['login', 'password', 'x'.repeat(257)],
      ['units', 'name', '   '],
      ['people', 'name', '\t\n '],
      ['meetings', 'title', ''],
      ['login', 'username', '  '],
    ];
    for (const [name, field, value] of long) {
      await rejects({ label: `${name}.${field} length ${String((value as string).length)}`, url: EP[name].url(), payload: { ...EP[name].valid(), [field]: value }, path: `body.${field}` });
    }
    await rejects({ label: 'decision too long', url: EP.meetings.url(), payload: { ...EP.meetings.valid(), decisions: ['x'.repeat(2001)] }, path: 'body.decisions.0' });
    await rejects({ label: 'q too long', method: 'GET', url: `/api/org/people?q=${'x'.repeat(51)}`, path: 'querystring.q' });
  });

  it('rejects bodies over the 1 MiB limit with BODY_TOO_LARGE', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    for (const [name, ep] of ENDPOINTS) {
      await rejects({ label: `${name} oversize json`, url: ep.url(), payload: JSON.stringify({ ...ep.valid(), name: big }), contentType: 'application/json', codes: ['BODY_TOO_LARGE'], path: 'body' });
      await rejects({ label: `${name} oversize garbage`, url: ep.url(), payload: '{' + big, contentType: 'application/json', codes: ['BODY_TOO_LARGE'] });
    }
    // Just under the limit it is an ordinary field error.
    await rejects({ label: 'units under the limit', url: EP.units.url(), payload: { ...EP.units.valid(), name: 'x'.repeat(1000 * 1000) }, path: 'body.name' });
  });

  it('rejects invalid region codes naming body.regionCode / querystring.region', async () => {
    const codes = ['12345', '5331000', 'abc', '999999', '533199', '533102999', '', ' 533100', '533100 ', '５３３１００', "533100' or '1'='1", '53310a'];
    for (const name of ORG_CREATE) {
      for (const code of codes) await rejects({ label: `${name} region ${JSON.stringify(code)}`, url: EP[name].url(), payload: { ...EP[name].valid(), regionCode: code }, path: 'body.regionCode' });
    }
    for (const code of ['abc', '999999', '12345']) {
      await rejects({ label: `district ${code}`, url: EP.bodies.url(), payload: { ...EP.bodies.valid(), districtCodes: ['533102', code] }, path: 'body.districtCodes.1' });
    }
    for (const list of ['units', 'people', 'bodies', 'duties', 'cadence']) {
      for (const code of ['abc', '12345', '5331000', '%27%20or%201%3D1']) {
        await rejects({ label: `${list}?region=${code}`, method: 'GET', url: `/api/org/${list}?region=${code}`, path: 'querystring.region' });
      }
    }
    await rejects({ label: 'regions/abc', method: 'GET', url: '/api/org/regions/abc', path: 'params.code' });
    await rejects({ label: 'regions/abc/children', method: 'GET', url: '/api/org/regions/abc/children', path: 'params.code' });
  });

  it('stores SQL metacharacters verbatim and searches them literally', async () => {
    const names = ["'; drop table unit; --", "Robert'); DROP TABLE person;--", '%', '_', '\\', '%_\\', "1' OR '1'='1", '"; select pg_sleep(5); --', '$1 ::text', '${name}'];
    for (const name of names) {
      const before = await counts();
      const res = await send({ label: 'metachar person', url: EP.people.url(), payload: { regionCode: '533102', name, position: `职务${name}` } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().name).toBe(name);
      const row = await t.db.selectFrom('person').select(['name', 'position']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
      expect(row).toEqual({ name, position: `职务${name}` });
      expect((await counts()).person).toBe(before.person! + 1);

      const unit = await send({ label: 'metachar unit', url: EP.units.url(), payload: { regionCode: '533102', name, kind: 'enterprise' } });
      expect(unit.statusCode, unit.body).toBe(201);
      expect(unit.json().name).toBe(name);
      // The duplicate check compares the exact name: a second one conflicts, it does not crash.
      const dup = await send({ label: 'metachar unit dup', url: EP.units.url(), payload: { regionCode: '533102', name, kind: 'enterprise' } });
      expect(dup.statusCode, dup.body).toBe(409);
    }
    const meeting = await send({ label: 'metachar meeting', url: EP.meetings.url(), payload: { ...EP.meetings.valid(), title: names[0], decisions: names } });
    expect(meeting.statusCode, meeting.body).toBe(201);
    expect(meeting.json().decisions).toEqual(names);

    const everyone = (await send({ label: 'all people', method: 'GET', url: '/api/org/people' })).json() as { name: string; position: string }[];
    for (const q of ['%', '_', '\\', "'", '%_']) {
      const res = await send({ label: `q=${q}`, method: 'GET', url: `/api/org/people?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, res.body).toBe(200);
      const found = res.json() as { name: string; position: string }[];
      expect(found.length, `q=${q}`).toBeGreaterThan(0);
      expect(found.length, `q=${q} matched everything`).toBeLessThan(everyone.length);
      expect(found.filter((p) => !p.name.includes(q) && !p.position.includes(q)), `q=${q}`).toEqual([]);
    }
    const none = await send({ label: 'q injection', method: 'GET', url: `/api/org/people?q=${encodeURIComponent("x' or '1'='1")}` });
    expect(none.json()).toEqual([]);

    const tables = await sql<{ t: string | null }>`select to_regclass(t) as t from unnest(${['unit', 'person', 'body', 'meeting', 'audit_event']}::text[]) as t`.execute(t.db);
    expect(tables.rows.map((r) => r.t)).toEqual(['unit', 'person', 'body', 'meeting', 'audit_event']);
  });

  it('answers invalid UUID path params with 400 (or 404), never 5xx', async () => {
    const bad = ['not-a-uuid', "1' or '1'='1", '0', '-1', 'null', 'undefined', '%00', '%27%3B--', '..%2F..%2Fetc%2Fpasswd', '{id}', bodyId.slice(0, -1), bodyId + '0', bodyId.replace(/-/g, ''), `${bodyId}%00`, 'g' + bodyId.slice(1)];
    for (const id of bad) {
      const cases: Case[] = [
        { label: 'get body', method: 'GET', url: `/api/org/bodies/${id}` },
        { label: 'add member', url: `/api/org/bodies/${id}/members`, payload: EP.members.valid() },
        { label: 'record meeting', url: `/api/org/bodies/${id}/meetings`, payload: EP.meetings.valid() },
        { label: 'remove member (body)', method: 'DELETE', url: `/api/org/bodies/${id}/members/${memberId}` },
        { label: 'remove member (member)', method: 'DELETE', url: `/api/org/bodies/${bodyId}/members/${id}` },
      ];
      for (const c of cases) await rejects({ ...c, statuses: [400, 404], codes: ['VALIDATION', 'NOT_FOUND'] });
    }
    // Well-formed UUIDs that match nothing are "not found".
    for (const id of ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', randomUUID()]) {
      await rejects({ label: 'unknown body', method: 'GET', url: `/api/org/bodies/${id}`, statuses: [404], codes: ['NOT_FOUND'] });
      await rejects({ label: 'unknown member', method: 'DELETE', url: `/api/org/bodies/${bodyId}/members/${id}`, statuses: [404] });
    }
  });

  // Router-level failures must use the app's error shape, not Fastify's default (which echoes the URL).
  it('answers over-long and badly encoded path params with the standard 400/404 error', async () => {
    for (const id of ['x'.repeat(200), bodyId + 'x'.repeat(100), '%E0%A4%A', '%ZZ']) {
      await rejects({ label: 'odd path', method: 'GET', url: `/api/org/bodies/${id}`, statuses: [400, 404], codes: ['VALIDATION', 'NOT_FOUND'] });
      await rejects({ label: 'odd path', method: 'DELETE', url: `/api/org/bodies/${bodyId}/members/${id}`, statuses: [400, 404], codes: ['VALIDATION', 'NOT_FOUND'] });
    }
  });

  it('rejects impossible, misformatted and future meeting dates naming body.heldOn', async () => {
    const today = todayInChina();
    const tomorrow = new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10);
    const dates = ['2022-02-30', '2021-02-29', '2022/01/01', '2022-13-01', '2022-00-10', '2022-04-31', '22-01-01', '2022-1-1', '20220101', '2022-01-01T00:00:00Z', '', 'today', tomorrow, '2099-01-01', '9999-12-31'];
    for (const heldOn of dates) {
      await rejects({ label: `heldOn ${heldOn}`, url: EP.meetings.url(), payload: { ...EP.meetings.valid(), heldOn }, path: 'body.heldOn' });
    }
    // Today itself is fine.
    const ok = await send({ label: 'heldOn today', url: EP.meetings.url(), payload: { ...EP.meetings.valid(), heldOn: today } });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  // Values PostgreSQL cannot store (NUL bytes, year 0) must be caught by the schemas, naming the field.
  it('rejects values the database cannot store with a field-level 400 (NUL bytes, year 0)', async () => {
    const nul = 'a\u0000b';
    const cases: Case[] = [
      { label: 'unit name NUL', url: EP.units.url(), payload: { ...EP.units.valid(), name: nul }, path: 'body.name' },
      { label: 'person name NUL', url: EP.people.url(), payload: { ...EP.people.valid(), name: nul }, path: 'body.name' },
      { label: 'body duties NUL', url: EP.bodies.url(), payload: { ...EP.bodies.valid(), duties: nul }, path: 'body.duties' },
      { label: 'member note NUL', url: EP.members.url(), payload: { personId: null, role: 'liaison', note: nul }, path: 'body.note' },
      { label: 'meeting title NUL', url: EP.meetings.url(), payload: { ...EP.meetings.valid(), title: nul }, path: 'body.title' },
      { label: 'meeting decision NUL', url: EP.meetings.url(), payload: { ...EP.meetings.valid(), decisions: [nul] }, path: 'body.decisions.0' },
      { label: 'login username NUL', url: EP.login.url(), payload: { username: nul, password: 'x' }, path: 'body.username' },
      { label: 'search NUL', method: 'GET', url: '/api/org/people?q=a%00b', path: 'querystring.q' },
      { label: 'heldOn year 0', url: EP.meetings.url(), payload: { ...EP.meetings.valid(), heldOn: '0000-01-01' }, path: 'body.heldOn' },
    ];
    for (const c of cases) await rejects(c);
  });

  it('never answered bad input with a 5xx or a leaky message', () => {
    expect(answered.length).toBeGreaterThan(300);
    expect(answered.filter((a) => a.status >= 500).map((a) => `${a.label} ${a.status} ${a.body.slice(0, 200)}`)).toEqual([]);
    // Only refusals of bad input: a 409 may echo a stored name such as "'; drop table unit; --".
    const leaky = answered.filter((a) => a.bad && LEAKY.test(parse(a.body)?.error?.message ?? ''));
    expect(leaky.map((a) => a.label)).toEqual([]);
  });
});
