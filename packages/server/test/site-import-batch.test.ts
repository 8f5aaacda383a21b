import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { geodesicArea } from '@minewatch/geo';
import fc from 'fast-check';
import { appendAudit, appendAuditBatch, canonical, verifyAuditChain, type AuditInput } from '../src/audit/audit.repository.js';
import { multipart, testApp, type TestApp } from './harness.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.login('kelan.office');
});
afterAll(() => t.close());

/** A small square (lon/lat degrees) south-west corner at (lon, lat). */
const square = (lon: number, lat: number, d = 0.001) => ({ type: 'Polygon' as const, coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });

describe('a large import is committed in batches with one chained audit event per site (S3)', () => {
  it('registers 2,300 features (three INSERT batches) with their boxes and areas, events in order, chain intact', async () => {
    const n = 2300;
    const features = Array.from({ length: n }, (_, i) => ({ type: 'Feature', properties: { name: `批量点${i}` }, geometry: square(111.3 + (i % 50) * 0.002, 38.5 + Math.floor(i / 50) * 0.002, 0.001 + (i % 7) * 0.0001) }));
    const m = multipart({ regionCode: '140929', kind: 'illegal_point' }, { name: 'batch.geojson', bytes: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })) });
    const pre = await t.app.inject({ method: 'POST', url: '/api/sites/import', payload: m.payload, headers: { ...m.headers, cookie: office } });
    expect(pre.statusCode, pre.body).toBe(200);
    expect(pre.json().count).toBe(n);
    expect(pre.json().items).toHaveLength(1000);
    const seqBefore = Number((await t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);

    const commit = await t.app.inject({ method: 'POST', url: `/api/sites/import/${pre.json().previewId}/commit`, headers: { cookie: office } });
    expect(commit.statusCode, commit.body).toBe(201);
    const ids: string[] = commit.json().ids;
    expect(commit.json().created).toBe(n);
    expect(new Set(ids).size).toBe(n);

    // ids come back in file order, each site with the box and ellipsoidal area of its own outline
    const rows = await t.db.selectFrom('site').select(['id', 'name', 'area_m2', 'status', sql<string>`bbox::text`.as('bbox')]).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const k of [0, 999, 1000, 1999, 2000, n - 1]) {
      const row = byId.get(ids[k]!)!;
      expect(row.name).toBe(`批量点${k}`);
      expect(row.area_m2).toBe(geodesicArea(features[k]!.geometry).m2);
      const [lon, lat] = features[k]!.geometry.coordinates[0]![0]!;
      const [x2, y2] = features[k]!.geometry.coordinates[0]![2]!;
      expect(row.bbox).toBe(`(${x2},${y2}),(${lon},${lat})`);
    }
    expect(rows).toHaveLength(n);

    // one site.create per site, in the order of the ids, then the import's commit event; no gap
    const events = await t.db.selectFrom('audit_event').select(['seq', 'action', 'entity_id', 'actor_label', 'after']).where('seq', '>', String(seqBefore) as never).orderBy('seq').execute();
    expect(events).toHaveLength(n + 1);
    events.forEach((e, k) => expect(Number(e.seq)).toBe(seqBefore + 1 + k));
    expect(events.slice(0, n).map((e) => e.entity_id)).toEqual(ids);
    expect(events.slice(0, n).every((e) => e.action === 'site.create' && e.actor_label === 'kelan.office')).toBe(true);
    expect(events[5]!.after).toEqual({ name: '批量点5', attributes: expect.objectContaining({ kind: 'illegal_point' }), geometry: features[5]!.geometry, importedFrom: 'batch.geojson' });
    expect(events[n]).toMatchObject({ action: 'site.import', entity_id: pre.json().previewId, after: { step: 'commit', created: n } });

    const chain = await verifyAuditChain(t.db);
    expect(chain.problems).toEqual([]);
    const cli = await run(TSX, [CLI, 'audit:verify'], { env: { ...process.env, DATABASE_URL: t.url } });
    expect(cli.stdout).toMatch(/audit chain intact/);
  });

  it('still commits a preview stored in the earlier format (a plain list of site inputs), measuring it then', async () => {
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'kelan.office').executeTakeFirstOrThrow();
    const g = square(111.5, 38.7);
    const items = [{ regionCode: '140929', name: '旧格式预览', attributes: { kind: 'illegal_point' }, geometry: g }];
    const p = await t.db.insertInto('import_preview').values({ user_id: user.id, region_code: '140929', kind: 'illegal_point', file_name: 'old.geojson', items: JSON.stringify(items) }).returning('id').executeTakeFirstOrThrow();
    const commit = await t.app.inject({ method: 'POST', url: `/api/sites/import/${p.id}/commit`, headers: { cookie: office } });
    expect(commit.statusCode, commit.body).toBe(201);
    const site = await t.db.selectFrom('site').select(['name', 'area_m2', 'geometry']).where('id', '=', commit.json().ids[0]).executeTakeFirstOrThrow();
    expect(site).toEqual({ name: '旧格式预览', area_m2: geodesicArea(g).m2, geometry: g });
  });

  it('appendAuditBatch writes what as many appendAudit calls would, and the chain verifies', async () => {
    const events: AuditInput[] = [
      { actorUserId: null, actorLabel: 'system', action: 'site.update', entityType: 'site', entityId: 'a', regionCode: '140929', before: { version: 1, when: new Date('2024-01-02T03:04:05.678Z') }, after: { version: 2, list: [1, -0, 2.5e-7, 'x'], nested: { z: 1, a: null, u: undefined } } },
      { actorUserId: null, actorLabel: 'system', action: 'site.create', entityType: 'site', entityId: 'b', regionCode: null },
      { actorUserId: null, actorLabel: 'system', action: 'site.create', entityType: 'site', entityId: 'c', regionCode: '140929', before: null, after: { 名称: '中文', n: 1e21 } },
    ];
    const cols = ['action', 'entity_type', 'entity_id', 'region_code', 'actor_label', 'before', 'after'] as const;
    const read = async (from: number, to: number) => t.db.selectFrom('audit_event').select(cols).where('seq', '>', String(from) as never).where('seq', '<=', String(to) as never).orderBy('seq').execute();
    const head = async () => Number((await t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);

    const h0 = await head();
    await t.db.transaction().execute(async (trx) => {
      for (const e of events) await appendAudit(trx, e);
    });
    const h1 = await head();
    await t.db.transaction().execute((trx) => appendAuditBatch(trx, events));
    expect(await head()).toBe(h1 + events.length);
    const single = await read(h0, h1), batched = await read(h1, h1 + events.length);
    expect(single).toHaveLength(events.length);
    expect(batched).toEqual(single);
    expect((await verifyAuditChain(t.db)).problems).toEqual([]);
    // an empty batch writes nothing
    await t.db.transaction().execute((trx) => appendAuditBatch(trx, []));
    expect(await head()).toBe(h1 + events.length);
  });
});

/** canonical as first written (map + join): the audit chain's hashes depend on this exact text. */
function canonicalReference(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalReference).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalReference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonical (what the audit chain hashes)', () => {
  it('writes the same text as before for any value: JSON, positions, dates, undefined, holes, -0, NaN', () => {
    const leaf = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }), fc.constant(-0));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 6 }), fc.dictionary(fc.string(), tie('v'), { maxKeys: 5 }), fc.sparseArray(tie('v'), { maxLength: 5 }), fc.array(fc.double(), { maxLength: 4 }), fc.array(fc.array(fc.double(), { maxLength: 5 }), { maxLength: 5 }), fc.array(fc.sparseArray(fc.double(), { maxLength: 3 }), { maxLength: 3 })),
    })).v;
    fc.assert(fc.property(value, (v) => {
      expect(canonical(v)).toBe(canonicalReference(v));
    }), { numRuns: 3000 });
    const g = { type: 'Polygon', coordinates: [[[111.1, 38.2], [111.2, 38.2, 1200.5], [111.2, 38.3], [111.1, 38.2]]] };
    expect(canonical({ after: g, u: undefined })).toBe(canonicalReference({ after: g, u: undefined }));
  });
});
