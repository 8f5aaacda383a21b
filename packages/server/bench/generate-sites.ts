import { sql } from 'kysely';
import { geodesicArea } from '@minewatch/geo';
import type { Db } from '../src/db/database.js';

/** Deterministic PRNG (mulberry32) so every run generates the same data set. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rough extents of the seed counties (lon/lat degrees) where generated mines are placed. */
const AREAS = [
  { region: '140929', lon: [111.3, 111.9], lat: [38.5, 38.95] },
  { region: '150621', lon: [109.4, 110.6], lat: [39.9, 40.5] },
  { region: '533103', lon: [98.3, 98.9], lat: [24.2, 24.6] },
  { region: '640502', lon: [104.6, 105.4], lat: [37.2, 37.6] },
] as const;

/**
 * Inserts `n` licensed mines with small quadrilateral boundaries (100–1500 m across) spread over
 * the seed counties, in batches, straight into the site table (the API path is measured separately).
 */
export async function generateSites(db: Db, n: number, seed = 42): Promise<void> {
  const r = rng(seed);
  const batch = 2000;
  for (let i = 0; i < n; i += batch) {
    const rows = [];
    for (let k = i; k < Math.min(n, i + batch); k++) {
      const a = AREAS[k % AREAS.length]!;
      const lon = a.lon[0] + r() * (a.lon[1] - a.lon[0]);
      const lat = a.lat[0] + r() * (a.lat[1] - a.lat[0]);
      const w = (0.001 + r() * 0.015) / Math.cos((lat * Math.PI) / 180);
      const h = 0.001 + r() * 0.013;
      const ring = [[lon, lat], [lon + w, lat + h * 0.1], [lon + w * 0.95, lat + h], [lon - w * 0.05, lat + h * 0.9], [lon, lat]];
      const geometry = { type: 'Polygon' as const, coordinates: [ring] };
      const attributes = { kind: 'licensed_mine', licenceNo: `BENCH${String(k).padStart(8, '0')}`, holder: `基准测试矿业${k}`, mineral: ['铁矿', '煤', '金矿', '石灰岩'][k % 4], method: 'open_pit', scale: 'small', validFrom: null, validTo: null, licensedAreaKm2: null, elevationTop: null, elevationBottom: null, status: 'producing' };
      rows.push({
        region_code: a.region,
        kind: 'licensed_mine',
        name: `基准测试矿山${k}`,
        attributes: JSON.stringify(attributes),
        geometry: JSON.stringify(geometry),
        bbox: `((${lon - w * 0.05},${lat}),(${lon + w},${lat + h}))`,
        area_m2: geodesicArea(geometry).m2,
        status: 'producing',
      });
    }
    await db.insertInto('site').values(rows).execute();
  }
  await sql`analyze site`.execute(db);
}
