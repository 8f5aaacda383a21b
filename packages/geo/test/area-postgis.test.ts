/**
 * Oracle test: our ellipsoidal area (geodesicArea, GeographicLib on GRS 80) against PostGIS
 * `ST_Area(geography)` (spheroid WGS 84; GRS 80 and WGS 84 differ in the flattening by 1e-10,
 * far below the tolerance) for every polygon the readers' fixtures produce, plus a few shapes the
 * fixtures lack (a hole, a county-sized block, the far north-east, a sliver). Tolerance 0.1 %;
 * the actual largest relative difference is printed. One throwaway PostGIS server for the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geodesicArea, M2_PER_MU } from '../src/index.js';
import { assertPostgisInstalled, startPostgis, type PostgisServer } from './postgis-server.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIRS = [path.join(HERE, 'out'), path.join(HERE, 'readers/out')];

function geojsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? geojsonFiles(p) : n.endsWith('.geojson') ? [p] : [];
  });
}

interface Case {
  label: string;
  geometry: Polygon | MultiPolygon;
}

const fixtureCases: Case[] = DIRS.flatMap(geojsonFiles).flatMap((file) => {
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection;
  return fc.features
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')
    .map(({ f, i }) => ({ label: `${path.relative(HERE, file)} #${i}`, geometry: f.geometry as Polygon | MultiPolygon }));
});

const box = (lon: number, lat: number, dLon: number, dLat: number) => [[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]];
const extraCases: Case[] = [
  { label: 'block with a hole (岢岚)', geometry: { type: 'Polygon', coordinates: [box(111.5, 38.6, 0.05, 0.04), box(111.51, 38.61, 0.01, 0.01).reverse()] } },
  { label: 'county-sized block, 1° × 1° (达拉特旗)', geometry: { type: 'Polygon', coordinates: [box(109.5, 39.8, 1, 1)] } },
  { label: 'far north-east, 53.3°N (漠河)', geometry: { type: 'Polygon', coordinates: [box(122.3, 53.3, 0.2, 0.1)] } },
  { label: 'sliver 2 m × 2 km (德宏)', geometry: { type: 'Polygon', coordinates: [box(98.5, 24.4, 0.02, 0.000018)] } },
  { label: 'multipolygon of two parcels (中卫)', geometry: { type: 'MultiPolygon', coordinates: [[box(105.1, 37.5, 0.01, 0.01)], [box(105.2, 37.5, 0.02, 0.005)]] } },
];

let server: PostgisServer;
let client: pg.Client;
beforeAll(async () => {
  server = await startPostgis();
  client = await server.client();
});
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

/** All cases in one query: [ours m², PostGIS m²] per case. */
async function compare(cases: Case[]) {
  const res = await client.query<{ i: number; a: number }>(
    `select i::int, ST_Area(ST_GeomFromGeoJSON(g)::geography) as a from unnest($1::text[]) with ordinality as t(g, i) order by i`,
    [cases.map((c) => JSON.stringify(c.geometry))],
  );
  return cases.map((c, k) => {
    const ours = geodesicArea(c.geometry).m2;
    const postgis = res.rows[k]!.a;
    return { label: c.label, ours, postgis, rel: Math.abs(ours - postgis) / postgis };
  });
}

describe('geodesicArea against PostGIS ST_Area(geography)', () => {
  it('finds the fixtures (so the comparison is not vacuous)', () => {
    expect(fixtureCases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(fixtureCases.map((c) => c.geometry.type))).toEqual(new Set(['Polygon', 'MultiPolygon']));
  });

  it.each([
    { what: 'every polygon of test/out and test/readers/out', cases: fixtureCases },
    { what: 'shapes the fixtures lack', cases: extraCases },
  ])('agrees within 0.1 percent on $what', async ({ what, cases }) => {
    const rows = await compare(cases);
    const worst = rows.reduce((a, b) => (b.rel > a.rel ? b : a));
    console.log(
      `PostGIS ${server.postgisVersion}: ${what}: ${rows.length} polygons, max relative difference ${worst.rel.toExponential(2)} (${worst.label})\n` +
        rows.map((r) => `  ${r.label}: ours ${r.ours.toFixed(3)} m² = ${(r.ours / M2_PER_MU).toFixed(4)} 亩, PostGIS ${r.postgis.toFixed(3)} m² = ${(r.postgis / M2_PER_MU).toFixed(4)} 亩, rel ${r.rel.toExponential(2)}`).join('\n'),
    );
    for (const r of rows) {
      expect(r.postgis, r.label).toBeGreaterThan(0);
      expect(r.rel, `${r.label}: ours ${r.ours} m², PostGIS ${r.postgis} m²`).toBeLessThan(1e-3);
    }
  });

  it('fails loudly with the install command when the Debian binaries are missing (never skips)', () => {
    expect(() => assertPostgisInstalled('/nonexistent/postgresql/15/bin')).toThrow(/\/nonexistent\/postgresql\/15\/bin\/initdb.*apt-get install -y --no-install-recommends postgresql-15-postgis-3/);
  });

  it('would notice a wrong area: a hole ignored is far outside the tolerance', async () => {
    const holed = extraCases[0]!.geometry as Polygon;
    const [r] = await compare([{ label: 'outer ring only', geometry: { type: 'Polygon', coordinates: [holed.coordinates[0]!] } }]);
    const withHole = geodesicArea(holed).m2;
    expect(Math.abs(withHole - r!.postgis) / r!.postgis).toBeGreaterThan(1e-3);
  });
});
