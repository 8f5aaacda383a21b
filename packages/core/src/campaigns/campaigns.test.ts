// Checks the four seed campaigns against the printed text of their source documents. Dates, counts
// and lists are extracted from the text here, independently of the data files; every printed string
// of the data must be found in its document.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  campaignSchema,
  deadlineLimitFor,
  dueStatus,
  penaltyRulesFor,
  phaseOn,
  problemTypeOf,
  yearForMonth,
  type Campaign,
  type CampaignData,
} from '../campaigns.js';
import { CHECKLIST_004 } from '../checklists.js';
import { SEED_ORGS } from '../seeds/index.js';
import type { SeedOrg } from '../seeds/types.js';
import { SEED_CAMPAIGNS, campaign001, campaign002, campaign003, campaign004 } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const sourceOf = (c: Campaign): string => readFileSync(join(here, '..', 'seeds', 'source', c.seed!), 'utf8');
/** Layout-free text: no page numbers ("- 3 -"), no markdown bold, no whitespace (line breaks and alignment spaces are layout). */
const flat = (s: string): string =>
  s
    .replace(/\n\s*-\s*\d+\s*-\s*\n/g, '\n')
    .replaceAll('**', '')
    .replace(/\s+/g, '');
const id = (c: Campaign) => c.seed!.slice(0, 3);
const orgOf = (c: Campaign): SeedOrg => SEED_ORGS.find((o) => o.seed === c.seed)!;
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const monthEnd = (y: number, m: number) => iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
const nextDay = (d: string) => new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10);
const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8 };

function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  if (start < 0 || end < 0) throw new Error(`section ${from} … ${to} not found`);
  return text.slice(start, end);
}

/** Every string of the campaign that claims to be printed in the document. */
function printedStrings(c: Campaign): [string, string][] {
  const out: [string, string][] = [
    ['name', c.name],
    ['documentTitle', c.documentTitle],
    ...c.issuers.map((s) => ['issuer', s] as [string, string]),
    ...c.phases.flatMap((p) => [
      [`phase ${p.key}`, p.printed],
      [`phase ${p.key} name`, p.name],
    ] as [string, string][]),
    ...c.dueItems.flatMap((d) => [
      [`due ${d.key}`, d.printed],
      [`due ${d.key} what`, d.what],
      [`due ${d.key} from`, d.from],
      ...(d.to ? [[`due ${d.key} to`, d.to] as [string, string]] : []),
    ] as [string, string][]),
    ...c.taxonomy.map((t) => [`type ${t.code}`, t.printed] as [string, string]),
    ...c.taxonomy.filter((t) => t.deadlineBasis).map((t) => [`type ${t.code} deadline basis`, t.deadlineBasis!] as [string, string]),
    ...c.rules.penalties.map((p, i) => [`penalty ${i} ${p.kind}`, p.printed] as [string, string]),
    ...c.cadences.map((k) => [`cadence ${k.key}`, k.printed] as [string, string]),
    ...c.targets.flatMap((t) => [
      [`target ${t.key}`, t.printed],
      [`target ${t.key} what`, t.what],
    ] as [string, string][]),
    ...c.stages.map((s) => [`stage ${s.code}`, s.name] as [string, string]),
    ...c.orders.map((o) => [`order ${o.key}`, o.zh] as [string, string]),
  ];
  const maybe: [string, string | null | undefined][] = [
    ['docNo', c.docNo],
    ['period', c.period.printed],
    ['perMine', c.perMinePrinted],
    ['deadlineBasis', c.rules.deadlineBasis],
    ['rankBasis', c.rules.rankBasis],
    ['typeBasis', c.rules.typeBasis],
    ['methodFormat', c.rules.methodFormat?.printed],
    ['methodExample', c.rules.methodFormat?.example],
  ];
  for (const [k, v] of maybe) if (v) out.push([k, v]);
  const ledger = c.templates.ledger;
  if (ledger) out.push(['ledger title', ledger.title], ['ledger group label', ledger.groupLabel], ...ledger.columns.map((x) => ['column', x] as [string, string]), ...ledger.notes.map((x) => ['note', x] as [string, string]));
  const report = c.templates.report;
  if (report) out.push(['report title', report.title], ...report.headings.flatMap((h) => [['heading', h.text], ['font', h.font]] as [string, string][]));
  return out;
}

describe('SEED_CAMPAIGNS', () => {
  it('one campaign per seed document, in seed order, each valid under the schema', () => {
    expect(SEED_CAMPAIGNS.map(id)).toEqual(['001', '002', '003', '004']);
    expect(new Set(SEED_CAMPAIGNS.map((c) => c.key)).size).toBe(4);
    for (const c of SEED_CAMPAIGNS) {
      expect(campaignSchema.parse(c)).toEqual(c);
      expect(c.regionCode).toBe(orgOf(c).regionCode);
      expect(c.documentTitle).toBe(orgOf(c).title);
    }
  });

  it.each(SEED_CAMPAIGNS.map((c) => [id(c), c] as const))('%s: every printed string is in the document', (_, c) => {
    const text = flat(sourceOf(c));
    const strings = printedStrings(c);
    expect(strings.length).toBeGreaterThan(8);
    for (const [what, s] of strings) expect(text.includes(flat(s)), `${what}: ${s}`).toBe(true);
  });

  it.each(SEED_CAMPAIGNS.map((c) => [id(c), c] as const))('%s: bodies, work groups and duties are the organisation data of the seed', (_, c) => {
    const org = orgOf(c);
    const body = (key: string) => org.bodies.find((b) => b.key === key);
    if (c.leadBodyKey) expect(body(c.leadBodyKey), c.leadBodyKey).toBeDefined();
    if (c.officeBodyKey) expect(body(c.officeBodyKey)?.kind).toBe('office');
    for (const g of c.workGroups) {
      const b = body(g.bodyKey);
      expect(b, g.bodyKey).toBeDefined();
      expect(g.name).toBe(b!.name);
      expect(g.kind).toBe(b!.kind);
      expect(g.districtCodes).toEqual(b!.districtCodes);
    }
    expect(c.workGroups.length).toBe(org.bodies.filter((b) => ['work_group', 'supervision_group', 'task_force'].includes(b.kind)).length);
    expect(c.duties).toEqual(org.duties);
  });

  it.each(SEED_CAMPAIGNS.map((c) => [id(c), c] as const))('%s: taxonomy names are printed words (004: one type per checklist item)', (_, c) => {
    const text = flat(sourceOf(c)).replace(/[“”]/g, '');
    for (const t of c.taxonomy) {
      const item = CHECKLIST_004.items.find((i) => i.code === t.code);
      if (c === campaign004 && item) {
        expect(t.name).toBe(item.problem.zh);
        expect(t.printed).toBe(item.question);
      } else {
        expect(text.includes(flat(t.name).replace(/[“”]/g, '')), `${t.code}: ${t.name}`).toBe(true);
      }
    }
  });

  it('notes explain every derivation in both languages', () => {
    for (const c of SEED_CAMPAIGNS) {
      expect(c.notes.length).toBeGreaterThan(0);
      for (const n of c.notes) expect(n.zh && n.en).toBeTruthy();
    }
  });
});

describe('001 德宏州: four phases April 2022 – March 2023', () => {
  const text = sourceOf(campaign001);

  it('the period is the printed one', () => {
    const m = /从\s*(\d{4})\s*年\s*(\d{1,2})\s*月至\s*(\d{4})\s*年\s*(\d{1,2})\s*月，分为(\S)个阶段/.exec(text)!;
    expect(campaign001.period.start).toBe(iso(+m[1]!, +m[2]!, 1));
    expect(campaign001.period.end).toBe(monthEnd(+m[3]!, +m[4]!));
    expect(campaign001.phases).toHaveLength(CN[m[5]!]!);
  });

  it('phases: names and month ranges as printed', () => {
    const printed = [...text.matchAll(/第([一二三四])阶段：(.+?)（(\d{4})\s*年\s*(\d{1,2})\s*月\s*—\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月）/g)];
    expect(printed).toHaveLength(4);
    expect(campaign001.phases.map((p) => [p.ordinal, p.name, p.start, p.end])).toEqual(
      printed.map((m) => [CN[m[1]!], m[2], iso(+m[3]!, +m[4]!, 1), monthEnd(+(m[5] ?? m[3]!), +m[6]!)]),
    );
  });

  it('due dates are every "…前" date of the text: 5/13, 7/10, 10/10, 2023-02-05', () => {
    // The campaign runs April 2022 – March 2023: a month before April is in 2023.
    const printed = [...text.matchAll(/(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*前/g)].map((m) =>
      iso(m[1] ? +m[1] : +m[2]! >= 4 ? 2022 : 2023, +m[2]!, +m[3]!),
    );
    const dated = campaign001.dueItems.filter((d) => d.dueBy !== null).map((d) => d.dueBy);
    expect(dated.sort()).toEqual(printed.sort());
    expect(dated).toEqual(['2022-05-13', '2022-07-10', '2022-10-10', '2023-02-05']);
    for (const d of campaign001.dueItems.filter((x) => x.dueBy)) expect(phaseOn(campaign001, d.dueBy!)?.key, d.key).toBe(d.phaseKey);
  });

  it('every 2 months a comprehensive enforcement', () => {
    const m = /每(\d+)个月至少开展1次综合执法/.exec(text)!;
    expect(campaign001.cadences.map((c) => c.everyMonths)).toEqual([+m[1]!]);
  });

  it('issued by the six bureaus named at the top, 德自然资发〔2022〕14号, 2022-04-26', () => {
    const head = text.slice(0, text.indexOf('文件'));
    const printed = head.split('\n').map((l) => l.trim()).filter((l) => /^德宏州.+局$/.test(l));
    expect(campaign001.issuers).toEqual(printed);
    expect(campaign001.docNo).toBe(/德自然资发〔\d{4}〕\d+号/.exec(text)![0]);
    const d = /(\d{4})年(\d{1,2})月(\d{1,2})日\s*\n/.exec(text)!;
    expect(campaign001.issuedOn).toBe(iso(+d[1]!, +d[2]!, +d[3]!));
  });

  it('the hazard ledgers of §五.(一).2–4 are types kept in their ledgers', () => {
    const ledgers = campaign001.taxonomy.filter((t) => t.hazardLedger).map((t) => t.hazardLedger);
    expect(ledgers.sort()).toEqual(['explosives_cyanide', 'gold_mine_hazard', 'illegal_power_use', 'xidong_pollution']);
    expect((text.match(/建立台账|安全隐患台账/g) ?? []).length).toBe(3);
  });
});

describe('002 达拉特旗: four work groups, phases 4/25, 5/31, 6/5, 12/31 and the 附件1 rules', () => {
  const text = sourceOf(campaign002);

  it('issued 2022-04-23 by 达拉特旗人民政府', () => {
    const d = /达拉特旗人民政府\s*\n\s*(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text)!;
    expect(campaign002.issuedOn).toBe(iso(+d[1]!, +d[2]!, +d[3]!));
    expect(campaign002.issuers).toEqual(['达拉特旗人民政府']);
  });

  it('the four work groups, by count and by their printed headings', () => {
    const count = /下设(.+?)\s*(\d+)\s*个专项排查整治工作组/.exec(text)!;
    const headings = [...between(text, '三、组织领导', '四、工作安排').matchAll(/^（[一二三四]）(.+工作组)\s*$/gm)].map((m) => m[1]);
    expect(campaign002.workGroups).toHaveLength(+count[2]!);
    expect(campaign002.workGroups.map((g) => g.name)).toEqual(headings);
  });

  it('phases end on the printed dates; the first starts on the issue day, each next the day after', () => {
    const printed = [...text.matchAll(/（([一二三])）(\S+阶段)（(\d{1,2})月(\d{1,2})日前完成）/g)];
    expect(campaign002.phases.map((p) => [p.ordinal, p.name, p.end])).toEqual(printed.map((m) => [CN[m[1]!], m[2], iso(2022, +m[3]!, +m[4]!)]));
    expect(campaign002.phases[0]!.start).toBe(campaign002.issuedOn);
    campaign002.phases.slice(1).forEach((p, i) => expect(p.start).toBe(nextDay(campaign002.phases[i]!.end)));
  });

  it('the dates of 工作安排 are 4/25, 5/31, 6/5 and 12/31', () => {
    const plan = between(text, '四、工作安排', '四、工作措施');
    const printed = [...plan.matchAll(/(\d{1,2})月(\d{1,2})日前/g)].map((m) => iso(2022, +m[1]!, +m[2]!));
    const mayEnd = /(\d{4})年(\d{1,2})月底前完成一次全覆盖排查/.exec(plan)!;
    const inPlan = campaign002.dueItems.filter((d) => d.section.startsWith('四.工作安排')).map((d) => d.dueBy);
    expect(new Set(printed)).toEqual(new Set([...campaign002.phases.map((p) => p.end), '2022-06-05']));
    expect(inPlan).toContain(monthEnd(+mayEnd[1]!, +mayEnd[2]!));
    expect([...new Set(inPlan)].sort()).toEqual(['2022-04-25', '2022-05-31', '2022-06-05', '2022-12-31']);
  });

  it('附件1: title, the nine columns and the four notes as printed', () => {
    const ledger = campaign002.templates.ledger!;
    const header = text.split('\n').find((l) => l.startsWith('序号\t'))!;
    expect(ledger.columns).toEqual(header.split('\t').map(flat));
    expect(ledger.title).toBe(/附件\s*1\s*\n\s*\n(.+摸排情况表)/.exec(text)![1]);
    const notes = between(text, '注：1.', '矿山以案促改专项行动汇报材料格式规范').split('\n').map((l) => l.trim()).filter(Boolean);
    expect(ledger.notes.map(flat)).toEqual(notes.map(flat));
    expect(text).toContain(ledger.groupLabel);
  });

  it('附件1 rules: deadline limit, rank, method format and the example types', () => {
    const limit = /整改时限不得超过\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text)!;
    expect(campaign002.rules.deadlineLimit).toBe(iso(+limit[1]!, +limit[2]!, +limit[3]!));
    expect(/整改责任人至少为\S*副科级以上/.test(text)).toBe(true);
    expect(campaign002.rules.minResponsibleRank).toBe('deputy_section');
    expect(campaign002.rules.methodFormat!.example).toBe(/开采方式须填写规范，如“(.+?)”/.exec(text)![1]);
    const examples = [.../问题类型须表述详细，如(.+)等/.exec(text)![1]!.matchAll(/“(.+?)”/g)].map((m) => m[1]!);
    expect(examples).toHaveLength(5);
    for (const e of examples) expect(campaign002.taxonomy.map((t) => t.name), e).toContain(e);
  });

  it('dump-site problems are due by the end of June 2022; ownerless pits by 2023; the rest by the 附件1 limit', () => {
    const june = /确保\s*(\d{4})\s*年\s*(\d{1,2})\s*月底前将排土场排矸场问题全部整改到位/.exec(text)!;
    const dumpCodes = campaign002.taxonomy.filter((t) => /排土|排矸|未批先排|自燃|覆土|先排|只排|偷排|批建不符|未批先建/.test(t.name + t.printed) && t.workGroupKey === 'wg_dumps');
    expect(dumpCodes.length).toBeGreaterThanOrEqual(10);
    for (const t of dumpCodes) expect(deadlineLimitFor(campaign002, t.code)?.limit, t.code).toBe(monthEnd(+june[1]!, +june[2]!));
    const pits = /确保到\s*(\d{4})\s*年基本完成治理任务/.exec(text)!;
    expect(deadlineLimitFor(campaign002, 'pit_ownerless')?.limit).toBe(iso(+pits[1]!, 12, 31));
    expect(deadlineLimitFor(campaign002, 'forest_grass')?.limit).toBe('2022-12-31');
    expect(deadlineLimitFor(campaign002, 'mine_eco')?.limit).toBe('2022-12-31');
    expect(deadlineLimitFor(campaign002, null)?.limit).toBe('2022-12-31');
  });

  it('penalties: daily continuous fine after the deadline for dump pollution; suspensions until reclaimed; green-list removal', () => {
    expect(text).toContain('按日连续处罚');
    const daily = penaltyRulesFor(campaign002, 'dump_pollution', 'overdue');
    expect(daily.map((r) => [r.kind, r.untilRectified])).toEqual([['daily_continuous_fine', true]]);
    expect(daily[0]!.printed).toContain('按日连续处罚');
    expect(penaltyRulesFor(campaign002, 'not_reclaimed', 'not_reclaimed').map((r) => r.kind)).toEqual([
      'suspend_new_faces',
      'suspend_licence_extension',
      'suspend_land_application',
      'suspend_coal_sales',
      'credit_record',
    ]);
    expect(penaltyRulesFor(campaign002, 'green_fraud', 'on_finding').map((r) => r.kind)).toEqual(['green_list_removal']);
    // A work-group rule covers that group's types and no other group's.
    expect(penaltyRulesFor(campaign002, 'forest_grass').map((r) => r.kind)).toEqual(['fine']);
    expect(penaltyRulesFor(campaign002, 'forest_grass', 'overdue')).toEqual([]);
    expect(penaltyRulesFor(campaign002, 'mine_eco', 'on_finding')).toEqual([]);
    expect(penaltyRulesFor(campaign002, 'mine_eco').map((r) => r.kind)).toEqual(['judicial_referral']);
  });

  it('附件2: the outline headings in order', () => {
    const outline = between(text, '矿山以案促改专项行动汇报材料格式规范', '根据工作实际');
    const printed = [...outline.matchAll(/^([一二三]、[^（(\s]+|[一二三]是[^（(\s]+)/gm)].map((m) => m[1]!.trim());
    const ours = campaign002.templates.report!.headings.filter((h) => h.level !== 2).map((h) => h.text);
    // 一、标题 and 二、正文 are the outline's own frame, not headings of the report.
    expect(ours).toEqual(printed.filter((p) => p !== '一、标题' && p !== '二、正文'));
  });
});

describe('003 岢岚县: a standing mechanism with its duties', () => {
  const text = sourceOf(campaign003);

  it('no phases, no end; issued 2022-09-15 as 岢政办发〔2022〕50号', () => {
    expect(campaign003.kind).toBe('standing_mechanism');
    expect(campaign003.phases).toEqual([]);
    expect(campaign003.period.end).toBeNull();
    expect(campaign003.docNo).toBe(/岢政办发〔\d{4}〕\d+号/.exec(text)![0]);
    const d = /(\d{4})年(\d{1,2})月(\d{1,2})日\s*\n/.exec(text)!;
    expect(campaign003.issuedOn).toBe(iso(+d[1]!, +d[2]!, +d[3]!));
    expect(campaign003.period.start).toBe(campaign003.issuedOn);
  });

  it('the duties are the 23 numbered tasks of §二', () => {
    const tasks = [...between(text, '二、重点任务', '三、工作要求').matchAll(/^\s*(\d+)\.\s*(.+?)。/gm)];
    expect(campaign003.duties).toHaveLength(tasks.length);
    expect(campaign003.duties.map((d) => d.title)).toEqual(tasks.map((t) => t[2]));
  });

  it('cadences: a joint meeting every quarter, contract visits every month', () => {
    expect(/每季度至少召开一次联席会议/.test(text)).toBe(true);
    expect(/每月至少到包联区域调研督导1次/.test(text)).toBe(true);
    expect(Object.fromEntries(campaign003.cadences.map((c) => [c.key, c.everyMonths]))).toEqual({ joint_meeting: 3, contract_visit: 1 });
  });

  it('the video system is due at the end of December 2022', () => {
    const m = /(\d{4})\s*年\s*(\d{1,2})\s*月底前完成非法违法采矿重点区域实时视频监控系统建设/.exec(text)!;
    expect(campaign003.dueItems.map((d) => d.dueBy)).toEqual([monthEnd(+m[1]!, +m[2]!)]);
  });
});

describe('004 中卫市: eight stages, checklist, 25/197 targets, sign-off by end of June', () => {
  const text = sourceOf(campaign004);
  const year = +/卫党办综〔(\d{4})〕/.exec(text)![1]!;

  it('the eight stages in printed order', () => {
    const m = /紧盯“(.+?)”\s*(\d+)\s*个整治环节/.exec(flat(text).replace(/(\d)/, ' $1'))!;
    const names = m[1]!.split('、');
    expect(names).toHaveLength(8);
    expect(campaign004.stages.map((s) => s.name)).toEqual(names);
    expect(flat(text)).toContain('8个整治环节');
  });

  it('targets 25 valid mines and 197 problem mines; results by end of May, sign-off by end of June', () => {
    const m = /完成(\d+)个有效期内矿山清查整顿和(\d+)个问题矿山整治任务/.exec(flat(text))!;
    expect(campaign004.targets.map((t) => [t.what, t.count])).toEqual([
      ['有效期内矿山清查整顿', +m[1]!],
      ['问题矿山整治', +m[2]!],
    ]);
    expect(campaign004.targets.map((t) => t.count)).toEqual([25, 197]);
    const may = /确保(\d{1,2})月底取得实效，(\d{1,2})月底前完成自治区级验收销号/.exec(flat(text))!;
    expect(campaign004.dueItems.map((d) => d.dueBy)).toEqual([monthEnd(year, +may[1]!), monthEnd(year, +may[2]!)]);
    expect(campaign004.period.end).toBe(monthEnd(year, +may[2]!));
    expect(campaign004.rules.deadlineLimit).toBe(monthEnd(year, +may[2]!));
  });

  it('一矿一策、一矿一方案、一矿一责任人, one responsible person, third-party restoration', () => {
    expect(flat(text)).toContain('一矿一策、一矿一方案、一矿一责任人');
    expect(campaign004.perMine).toEqual(['one_policy', 'one_plan', 'one_responsible']);
    expect(campaign004.rules.singleResponsiblePerson).toBe(true);
    expect(penaltyRulesFor(campaign004, 'refuses_restoration', 'refuses_restoration').map((r) => r.kind)).toEqual(['third_party_restoration']);
  });

  it('the two suspensions are orders', () => {
    const m = /即(暂停[^，。]+)，(暂停[^，。]+)。/.exec(flat(text))!;
    expect(campaign004.orders.filter((o) => o.key.startsWith('suspend_')).map((o) => o.zh)).toEqual([m[1], m[2]]);
  });

  it('the checklist is the campaign checklist, every item a problem type', () => {
    expect(campaign004.checklistId).toBe(CHECKLIST_004.id);
    for (const item of CHECKLIST_004.items) expect(problemTypeOf(campaign004, item.code)?.printed).toBe(item.question);
  });

  it('three supervision groups stationed in the three districts', () => {
    expect(campaign004.workGroups.map((g) => g.districtCodes)).toEqual([['640502'], ['640521'], ['640522']]);
    expect(flat(text)).toContain('3个矿产资源开采治理整顿工作督查组');
  });
});

describe('campaign rules', () => {
  const data = (c: Campaign): CampaignData => structuredClone(c);

  it('refuses inconsistent campaigns with the path of the problem', () => {
    const overlap = data(campaign001);
    overlap.phases![1]!.start = '2022-07-15';
    const r1 = campaignSchema.safeParse(overlap);
    expect(r1.success).toBe(false);
    expect(r1.error!.issues.map((i) => i.path.join('.'))).toContain('phases.1.start');

    const badRef = data(campaign002);
    badRef.dueItems![0]!.phaseKey = 'nope';
    badRef.rules!.penalties![0] = { ...badRef.rules!.penalties![0]!, problemTypeCodes: ['nope'] };
    const r2 = campaignSchema.safeParse(badRef);
    expect(r2.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['dueItems.0.phaseKey', 'rules.penalties.0.problemTypeCodes.0']));

    const noBasis = data(campaign002);
    noBasis.rules!.rankBasis = null;
    expect(campaignSchema.safeParse(noBasis).error!.issues[0]!.path.join('.')).toBe('rules.rankBasis');

    const dupType = data(campaign003);
    dupType.taxonomy!.push({ ...dupType.taxonomy![0]! });
    expect(campaignSchema.safeParse(dupType).success).toBe(false);

    const endless = data(campaign001);
    endless.period = { start: '2022-04-01', end: null, printed: null };
    endless.phases = [];
    expect(campaignSchema.safeParse(endless).error!.issues.map((i) => i.message)).toContain('a campaign (not a standing mechanism) has an end date');
  });

  it('yearForMonth: the campaign year, or the next one for months before the start of a campaign that crosses the year', () => {
    expect(yearForMonth(campaign001, 12)).toBe(2022);
    expect(yearForMonth(campaign001, 4)).toBe(2022);
    expect(yearForMonth(campaign001, 2)).toBe(2023);
    expect(yearForMonth(campaign002, 2)).toBe(2022); // 002 ends in 2022
    expect(yearForMonth(campaign004, 5)).toBe(2022); // no start: the end year
    expect(yearForMonth({ period: { start: null, end: null, printed: null }, issuedOn: null }, 5)).toBeNull();
  });

  it('dueStatus: on time up to and including the due day; late after; no date never late', () => {
    const item = campaign001.dueItems.find((d) => d.key === 'survey_reports')!;
    expect(dueStatus(item, null, '2022-07-10').state).toBe('pending');
    expect(dueStatus(item, null, '2022-07-13')).toMatchObject({ state: 'late', daysLate: 3 });
    expect(dueStatus(item, '2022-07-10', '2022-08-01')).toMatchObject({ state: 'submitted', daysLate: 0 });
    expect(dueStatus(item, '2022-07-11', '2022-08-01')).toMatchObject({ state: 'submitted_late', daysLate: 1 });
    const undated = campaign001.dueItems.find((d) => d.dueBy === null)!;
    expect(dueStatus(undated, null, '2030-01-01').state).toBe('no_date');
  });

  it('phaseOn finds the phase of a day, null outside', () => {
    expect(phaseOn(campaign001, '2022-08-01')?.key).toBe('rectify');
    expect(phaseOn(campaign001, '2022-07-31')?.key).toBe('survey');
    expect(phaseOn(campaign001, '2023-04-01')).toBeNull();
    expect(phaseOn(campaign003, '2022-10-01')).toBeNull();
  });
});
