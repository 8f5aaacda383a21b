/**
 * Generated ledger data for the 002 campaign (达拉特旗矿山以案促改专项行动, banner 150621) at any size,
 * with INSERT … SELECT generate_series statements (no row crosses into Node):
 *
 * - `sites` licensed mines in the banner's townships (site k in township k mod T), with a small
 *   quadrilateral boundary, the attributes generate-sites.ts writes, and a deterministic id
 *   (md5('bench-site-' || k)) so problems can point at them without a lookup. Named
 *   "基准测试{k}号矿业有限公司" — the 矿山企业 a 附件1 row names and the import matches back.
 *   (generate-sites.ts is not used: it spreads its mines over the four seed counties, and a 002
 *   problem's mine must lie in the campaign's banner for the import's registry match.)
 * - `problems` problems of the 002 campaign, every one valid under the campaign's rules as the 附件1
 *   import checks them, so an exported ledger re-imports without an error: the type's own work group;
 *   a township and a mine of that township; 开采方式、矿种 in the printed format ("露天+煤矿");
 *   deadlines from 2022-05-01 up to the type's limit (2022-06-30 for the dump types, 2023-12-31 for
 *   ownerless pits, 2022-12-31 otherwise), found during the survey phase (2022-04-26 … 05-31);
 *   responsible people from the banner's roster of at least 副科级 with a unit, written
 *   "姓名 职务 手机"; 15 % closed, the rest found / rectifying / submitted (some on time) / returned.
 *   On any day after 2023 every open problem is overdue except those submitted in time.
 * - `hotRows` of the problems (the first ones) all lie in one township (`hotTownship`), so a list or
 *   export filtered by that region yields exactly that many rows (the import benchmark's workbook).
 *
 * Values are spread with hashint4extended(g, seed), so every run generates the same data.
 */
import { sql } from 'kysely';
import { campaign002, deadlineLimitFor, matchProblemType, parseMethodMineral, rankAtLeast, splitPersonContact, type Rank } from '@minewatch/core';
import type { Db } from '../src/db/database.js';

export const LEDGER_REGION = '150621';
/** The township the first `hotRows` problems are in. */
export const HOT_TOWNSHIP = '150621102'; // 白泥井镇
/** Every deadline is on or after this day; an import of the exported rows uses it as foundOn. */
export const FIRST_DEADLINE = '2022-05-01';
const SURVEY_START = '2022-04-26';
const SURVEY_DAYS = 36; // 2022-04-26 … 2022-05-31
const METHODS = ['露天+煤矿', '井工+煤矿', '露天+石灰石', '露天+砂石', '井工+铁矿', '露天井工联合+煤矿'];
const CHUNK = 100_000;

export interface LedgerData {
  campaignId: string;
  townships: { code: string; name: string }[];
  people: number;
  types: number;
  /** Problems in HOT_TOWNSHIP. */
  hotRows: number;
  sitesMs: number;
  problemsMs: number;
}

const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
/** A deterministic value in [0, m) from g and a seed, in SQL. */
const h = (g: string, seed: number, m: number | ReturnType<typeof sql>) => sql`((hashint4extended(${sql.raw(g)}, ${sql.lit(seed)}) % ${m} + ${m}) % ${m})::int`;

/** The 002 types (not hazard-ledger ones) whose printed name the import reads back as the same type. */
function ledgerTypes() {
  const out = [];
  for (const t of campaign002.taxonomy) {
    if (t.hazardLedger || !t.workGroupKey) continue;
    const m = matchProblemType(campaign002, t.name);
    if (!m.ok || m.type.code !== t.code) throw new Error(`type ${t.code}: its name "${t.name}" does not read back as the same type`);
    const limit = deadlineLimitFor(campaign002, t.code)?.limit ?? '2022-12-31';
    out.push({ code: t.code, name: t.name, group: t.workGroupKey, span: days(limit) - days(FIRST_DEADLINE) + 1 });
  }
  for (const m of METHODS) if (!parseMethodMineral(m).ok) throw new Error(`method ${m} is not in the 附件1 format`);
  return out;
}

/** The banner's people who may be responsible (≥ 副科级, with a unit, a unique name, text that reads back). */
async function responsiblePeople(db: Db) {
  const rows = await db.selectFrom('person').select(['id', 'name', 'position', 'rank', 'unit_id']).where('region_code', 'like', LEDGER_REGION + '%').execute();
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  const out = rows.filter((r) => {
    if (!r.unit_id || count.get(r.name) !== 1 || !rankAtLeast(r.rank as Rank | null, 'deputy_section')) return false;
    const text = `${r.name} ${r.position ?? ''}`.trim();
    const p = splitPersonContact(`${text} 13900001234`);
    return p.ok && p.persons.length === 1 && p.persons[0]!.name === r.name && p.persons[0]!.phones.length === 1;
  });
  if (out.length === 0) throw new Error(`no responsible people of at least 副科级 in ${LEDGER_REGION}`);
  return out.map((r) => ({ id: r.id, unit: r.unit_id!, text: `${r.name} ${r.position ?? ''}`.trim() }));
}

export async function generateLedgerData(db: Db, o: { sites: number; problems: number; hotRows: number; log?: (line: string) => void }): Promise<LedgerData> {
  const log = o.log ?? (() => {});
  const campaign = await db.selectFrom('campaign').select('id').where('code', '=', campaign002.key).executeTakeFirstOrThrow();
  const townships = await db.selectFrom('region').select(['code', 'name']).where('code', 'like', LEDGER_REGION + '%').where('level', '=', 'township').orderBy('code').execute();
  const hot = townships.findIndex((t) => t.code === HOT_TOWNSHIP);
  if (hot < 0) throw new Error(`township ${HOT_TOWNSHIP} is not in the seed regions`);
  // The hot township first: index 0; the others 1 … T-1.
  const towns = [townships[hot]!, ...townships.filter((_, i) => i !== hot)];
  const T = towns.length;
  if (o.sites < T) throw new Error(`need at least ${T} sites (one per township)`);
  const hotRows = Math.min(o.hotRows, o.problems);
  const types = ledgerTypes();
  const people = await responsiblePeople(db);
  const codes = sql`${towns.map((t) => t.code)}::text[]`;

  // Sites: k = 0 … sites-1 in township k mod T, inside the banner's rough extent.
  let t0 = performance.now();
  for (let from = 0; from < o.sites; from += CHUNK) {
    const to = Math.min(o.sites, from + CHUNK) - 1;
    await sql`
      insert into site (id, region_code, kind, name, attributes, geometry, bbox, area_m2, status)
      select md5('bench-site-' || k)::uuid, (${codes})[1 + k % ${T}], 'licensed_mine', name,
             jsonb_build_object('kind', 'licensed_mine', 'licenceNo', 'BENCH' || lpad(k::text, 8, '0'), 'holder', name,
               'mineral', (array['煤', '石灰岩', '砂石', '铁矿'])[1 + k % 4], 'method', 'open_pit', 'scale', 'small',
               'validFrom', null, 'validTo', null, 'licensedAreaKm2', null, 'elevationTop', null, 'elevationBottom', null, 'status', 'producing'),
             jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
               jsonb_build_array(lon, lat), jsonb_build_array(lon + w, lat + hh * 0.1), jsonb_build_array(lon + w * 0.95, lat + hh),
               jsonb_build_array(lon - w * 0.05, lat + hh * 0.9), jsonb_build_array(lon, lat)))),
             box(point(lon - w * 0.05, lat), point(lon + w, lat + hh)),
             -- the quadrilateral's area (0.905 w h in degrees²) at its latitude, planar: fine for a mine of ≤ 1.5 km
             0.905 * w * hh * 111320 * cos(radians(lat)) * 110574,
             'producing'
      from (select k, name, lon, lat, (0.001 + r3 * 0.015) / cos(radians(lat)) as w, 0.001 + r4 * 0.013 as hh
            from (select k, '基准测试' || k || '号矿业有限公司' as name,
                         109.4 + ${h('k', 1, 1_000_000)} / 1e6 * 1.2 as lon, 39.9 + ${h('k', 2, 1_000_000)} / 1e6 * 0.6 as lat,
                         ${h('k', 3, 1_000_000)} / 1e6 as r3, ${h('k', 4, 1_000_000)} / 1e6 as r4
                  from generate_series(${from}::int, ${to}::int) k) a) b`.execute(db);
    log(`generated ${(to + 1).toLocaleString('en')} sites`);
  }
  const sitesMs = Math.round(performance.now() - t0);

  // Problems g = 1 … problems: township index ti (0 for the first hotRows), a mine of that township
  // (k = ti + T j), a type with its group and deadline span, a responsible person.
  const arr = <X>(xs: X[], type: string) => sql`${xs}::${sql.raw(type)}[]`;
  t0 = performance.now();
  for (let from = 1; from <= o.problems; from += CHUNK) {
    const to = Math.min(o.problems, from + CHUNK - 1);
    await sql`
      insert into problem (campaign_id, work_group_key, site_id, enterprise, region_code, type_code, method_mineral, description, measures,
                           found_on, deadline, responsible_unit_id, responsible_person_id, responsible_contact, responsible_text,
                           source, state, progress_percent, submitted_on, closed_on, closed_at, created_at, updated_at)
      select ${campaign.id}::uuid, (${arr(types.map((t) => t.group), 'text')})[t], md5('bench-site-' || k)::uuid, '基准测试' || k || '号矿业有限公司',
             (${codes})[1 + ti], (${arr(types.map((x) => x.code), 'text')})[t], (${arr(METHODS, 'text')})[1 + ${h('g', 15, METHODS.length)}],
             '基准测试：排查发现' || (${arr(types.map((x) => x.name), 'text')})[t] || '问题（第 ' || g || ' 条）',
             '基准测试：责令立即停止违法违规行为，限期整改到位',
             least(d, date ${sql.lit(SURVEY_START)} + ${h('g', 16, SURVEY_DAYS)}), d,
             (${arr(people.map((p) => p.unit), 'uuid')})[pp], (${arr(people.map((p) => p.id), 'uuid')})[pp], phone,
             (${arr(people.map((p) => p.text), 'text')})[pp] || ' ' || phone,
             'survey', s, (${h('g', 17, 10)}) * 10,
             case when s = 'submitted' then d - ${h('g', 18, 3)} + 1 end,
             case when s = 'closed' then d - 1 end,
             case when s = 'closed' then (d - 1)::timestamptz end,
             now(), now()
      from (select g, ti, t, pp, s, ti + ${T} * ${h('g', 12, sql`((${o.sites} - ti + ${T} - 1) / ${T})`)} as k,
                   date ${sql.lit(FIRST_DEADLINE)} + ${h('g', 13, sql`(${arr(types.map((x) => x.span), 'int')})[t]`)} as d,
                   '139' || lpad(${h('g', 14, 100_000_000)}::text, 8, '0') as phone
            from (select g,
                         case when g <= ${hotRows} then 0 else 1 + ${h('g', 10, T - 1)} end as ti,
                         1 + ${h('g', 11, types.length)} as t,
                         1 + ${h('g', 19, people.length)} as pp,
                         (case when g % 20 < 3 then 'closed' when g % 20 < 10 then 'found' when g % 20 < 15 then 'rectifying'
                               when g % 20 < 18 then 'submitted' else 'returned' end) as s
                  from generate_series(${from}::int, ${to}::int) g) a) b`.execute(db);
    log(`generated ${to.toLocaleString('en')} problems`);
  }
  const problemsMs = Math.round(performance.now() - t0);
  return { campaignId: campaign.id, townships: towns, people: people.length, types: types.length, hotRows, sitesMs, problemsMs };
}
