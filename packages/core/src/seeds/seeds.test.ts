// Checks the seed data against the printed text of the source documents (not against a copy of the data).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BODY_KINDS,
  MEMBER_ROLES,
  RANKS,
  SECTORS,
  UNIT_KINDS,
  bodyInputSchema,
  memberInputSchema,
  personInputSchema,
  unitInputSchema,
  type MemberRole,
  type Rank,
} from '../org.js';
import { isWithinRegion, levelOfCode } from '../region.js';
import { SEED_ORGS, seed001, seed002, seed003, seed004 } from './index.js';
import type { SeedBody, SeedMember, SeedOrg, SeedUnit } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const sourceOf = (seed: SeedOrg): string => readFileSync(join(here, 'source', seed.seed), 'utf8');

// ---------- text helpers ----------

const CJK = '[\\u2018-\\u201f\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]';
const CJK_GAP = new RegExp(`(?<=${CJK})\\s+(?=${CJK})`, 'g');

/** Joins lines broken by page layout: drops markdown bold, whitespace between CJK characters, collapses the rest. */
function normalise(text: string): string {
  return text.replaceAll('**', '').replace(CJK_GAP, '').replace(/\s+/g, ' ').trim();
}

const noSpace = (s: string): string => s.replace(/\s+/g, '');

/** Text between two headings (first occurrence of each). */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  if (start < 0 || end < 0) throw new Error(`section ${from} … ${to} not found`);
  return text.slice(start, end);
}

// ---------- independent roster parser ----------

interface Printed {
  name: string | null;
  label: string;
  position: string;
}
interface Block {
  header: string;
  entries: Printed[];
}

const LABEL_ROLE: Record<string, MemberRole> = {
  召集人: 'convener',
  副召集人: 'deputy_convener',
  组长: 'leader',
  第一副组长: 'first_deputy_leader',
  常务副组长: 'executive_deputy_leader',
  副组长: 'deputy_leader',
  成员: 'member',
  主任: 'office_director',
};

const ROLE_LINE = /^([\u4e00-\u9fff ]{2,9})：\s*(.*)$/;
/** "NAME POSITION": a 2–4 character name, possibly with alignment spaces, then the position. */
const NAME_LINE = /^([\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3}) +(\S.*)$/;
/** Unnamed roster lines: "各乡（镇）乡（镇）长", "市应急管理局和生态环境局各 1名干部". */
const UNNAMED_LINE = /^(?:各[^\s，。：]+|[^，。：]*各\s*\d+\s*名[^，。：]*)$/;
const ROLE_IN_PARENS = /（(常务副组长)）$/;

function parseEntry(text: string, label: string): Printed | null {
  if (UNNAMED_LINE.test(text)) return { name: null, label, position: noSpace(text) };
  const m = NAME_LINE.exec(text);
  if (!m) return null;
  let position = m[2]!.trim();
  const paren = ROLE_IN_PARENS.exec(position);
  if (paren) {
    label = paren[1]!;
    position = position.slice(0, paren.index);
  }
  return { name: noSpace(m[1]!), label, position };
}

/** Roster blocks: a role line ("组 长：…") opens a block; following NAME POSITION lines continue it. */
function parseRosters(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let label = '';
  let header = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const role = ROLE_LINE.exec(line);
    if (role && noSpace(role[1]!) in LABEL_ROLE) {
      label = noSpace(role[1]!);
      if (!current) {
        current = { header, entries: [] };
        blocks.push(current);
      }
      const entry = parseEntry(role[2]!.trim(), label);
      if (!entry) throw new Error(`unparsable roster line: ${line}`);
      current.entries.push(entry);
      continue;
    }
    if (current) {
      const entry = parseEntry(line, label);
      if (entry) {
        current.entries.push(entry);
        continue;
      }
      current = null;
    }
    header = line;
  }
  return blocks;
}

const printedKey = (p: Printed): string => `${p.name ?? '∅'}|${LABEL_ROLE[p.label]}|${p.position}`;
const memberKey = (m: SeedMember): string =>
  m.name === null ? `∅|${m.role}|${noSpace(m.note ?? '')}` : `${m.name}|${m.role}|${m.position}`;

/** Which body each printed roster block (in document order) belongs to. */
const BLOCK_BODIES: Record<string, string[]> = {
  '001': ['joint_meeting', 'office'],
  '002': ['leading_group', 'wg_open_pit', 'wg_dumps', 'wg_forest_grass', 'wg_pits'],
  '003': ['task_force'],
  '004': ['group1', 'group2', 'group3'],
};

const id = (seed: SeedOrg): string => seed.seed.slice(0, 3);
const bodyByKey = (seed: SeedOrg, key: string): SeedBody => {
  const body = seed.bodies.find((b) => b.key === key);
  if (!body) throw new Error(`${id(seed)}: no body ${key}`);
  return body;
};
const unitByKey = (seed: SeedOrg, key: string): SeedUnit => {
  const unit = seed.units.find((u) => u.key === key);
  if (!unit) throw new Error(`${id(seed)}: no unit ${key}`);
  return unit;
};

describe('SEED_ORGS', () => {
  it('holds the four seeds, each naming an existing source file', () => {
    expect(SEED_ORGS.map(id)).toEqual(['001', '002', '003', '004']);
    for (const seed of SEED_ORGS) expect(sourceOf(seed).length).toBeGreaterThan(1000);
  });

  it('uses the GB/T 2260 codes of the issuing regions', () => {
    expect([seed001, seed002, seed003, seed004].map((s) => s.regionCode)).toEqual([
      '533100',
      '150621',
      '140929',
      '640500',
    ]);
  });

  it.each(SEED_ORGS.map((s) => [id(s), s] as const))('%s: title is printed in the document', (_, seed) => {
    expect(normalise(sourceOf(seed))).toContain(seed.title);
  });
});

describe('rosters match the printed text', () => {
  it('the parser finds the expected roster blocks', () => {
    const counts = Object.fromEntries(SEED_ORGS.map((s) => [id(s), parseRosters(sourceOf(s)).length]));
    expect(counts).toEqual({ '001': 2, '002': 5, '003': 1, '004': 3 });
    // Spot checks of the parser itself on the tricky lines.
    const b002 = parseRosters(sourceOf(seed002))[0]!;
    expect(b002.entries).toContainEqual({ name: '张伟雄', label: '常务副组长', position: '政府副旗长' });
    expect(b002.entries).toContainEqual({ name: '岳博', label: '成员', position: '机关事务服务中心副主任' });
    const b003 = parseRosters(sourceOf(seed003))[0]!;
    expect(b003.entries).toContainEqual({ name: null, label: '成员', position: '各乡（镇）乡（镇）长' });
    expect(b003.entries.filter((e) => e.label === '组长').map((e) => e.name)).toEqual(['王福平', '任政']);
  });

  for (const seed of SEED_ORGS) {
    describe(id(seed), () => {
      const blocks = parseRosters(sourceOf(seed));
      const keys = BLOCK_BODIES[id(seed)]!;

      it.each(keys.map((k, i) => [k, i] as const))('body %s has exactly the printed members', (key, i) => {
        const block = blocks[i]!;
        const body = bodyByKey(seed, key);
        // A block headed by a group title ("（一）露天…工作组", "第一督查组（沙坡头区）") belongs to the body of that name.
        const title = block.header.replace(/^（[一二三四五六七八九十]+）/, '');
        if (title.length <= 40 && !/[，。]/.test(title)) expect(body.name).toContain(title);
        expect(block.entries.length).toBeGreaterThan(0);
        expect(body.members.map(memberKey).sort()).toEqual(block.entries.map(printedKey).sort());
      });

      it('offices name the director printed in "办公室主任由…担任/兼任", and nobody else unless a roster is printed', () => {
        const offices = seed.bodies.filter((b) => b.kind === 'office');
        const sentence = /办公室主任由(.+?)(?:同志)?(?:兼任|担任)/.exec(sourceOf(seed));
        if (!sentence) {
          expect(offices).toEqual([]);
          return;
        }
        expect(offices).toHaveLength(1);
        const office = offices[0]!;
        const directors = office.members.filter((m) => m.role === 'office_director');
        expect(directors).toHaveLength(1);
        const director = directors[0]!;
        expect(sentence[1]!.endsWith(director.name!)).toBe(true);
        const printedPosition = sentence[1]!.slice(0, -director.name!.length);
        if (printedPosition) expect(director.position).toBe(printedPosition);
        if (!keys.includes(office.key)) expect(office.members).toHaveLength(1);
        // "兼任": the director also sits in the parent body.
        const parent = bodyByKey(seed, office.parentKey!);
        expect(parent.members.map((m) => m.name)).toContain(director.name);
      });

      it('every body is covered by a printed roster or an office sentence', () => {
        for (const body of seed.bodies) {
          expect(keys.includes(body.key) || body.kind === 'office', body.key).toBe(true);
        }
      });
    });
  }
});

describe('names occur in the source text', () => {
  it.each(SEED_ORGS.map((s) => [id(s), s] as const))('%s', (_, seed) => {
    const text = sourceOf(seed);
    const names = seed.bodies.flatMap((b) => b.members.map((m) => m.name)).filter((n) => n !== null);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(name).not.toMatch(/\s/);
      const printed = new RegExp([...name].join(' ?'));
      expect(printed.test(text), name).toBe(true);
    }
  });

  it('unnamed members carry the printed text as note', () => {
    for (const seed of SEED_ORGS) {
      for (const m of seed.bodies.flatMap((b) => b.members)) {
        if (m.name === null) {
          expect(m.note).toBeTruthy();
          expect(noSpace(sourceOf(seed))).toContain(m.note);
        }
      }
    }
  });
});

describe('texts are printed in the documents', () => {
  it.each(SEED_ORGS.map((s) => [id(s), s] as const))('%s: body duties and task contents', (_, seed) => {
    const text = normalise(sourceOf(seed));
    const paragraphs = [...seed.bodies.map((b) => b.duties), ...seed.duties.map((d) => d.content)];
    for (const p of paragraphs.flatMap((d) => d.split('\n'))) {
      expect(p.length).toBeGreaterThan(0);
      expect(text).toContain(p);
    }
  });

  it('002: work group duties are the printed 工作职责 paragraphs', () => {
    const text = sourceOf(seed002);
    const printed = [...text.matchAll(/工作职责：([\s\S]*?)\n\s*\n(?=（|四、)/g)].map((m) => normalise(m[1]!));
    const groups = seed002.bodies.filter((b) => b.kind === 'work_group');
    expect(groups.map((g) => g.duties)).toEqual(printed);
  });

  it('cadence: "每季度至少召开一次" gives the body a 3-month rule, nothing else has one', () => {
    for (const seed of SEED_ORGS) {
      const quarterly = /每季度至少召开一次/.test(sourceOf(seed));
      const withCadence = seed.bodies.filter((b) => b.cadenceMonths !== null);
      expect(withCadence.map((b) => b.cadenceMonths)).toEqual(quarterly ? [3] : []);
    }
    expect(bodyByKey(seed003, 'task_force').cadenceMonths).toBe(3);
  });
});

describe('004 supervision groups', () => {
  const DISTRICTS: Record<string, string> = { 沙坡头区: '640502', 中宁县: '640521', 海原县: '640522' };

  it('are stationed in the districts printed in "第N督查组（区县）"', () => {
    const printed = [...sourceOf(seed004).matchAll(/^(第[一二三四五六七八九十]+督查组)（(.+?)）\s*$/gm)];
    expect(printed.map((m) => m[2])).toEqual(['沙坡头区', '中宁县', '海原县']);
    const groups = seed004.bodies.filter((b) => b.kind === 'supervision_group');
    expect(groups).toHaveLength(printed.length);
    for (const m of printed) {
      const group = groups.find((g) => g.name.includes(m[1]!));
      expect(group, m[1]).toBeDefined();
      expect(group!.districtCodes).toEqual([DISTRICTS[m[2]!]]);
      expect(group!.name).toContain(`（${m[2]}）`);
    }
  });

  it('the document says 3 groups led by 市自然资源局', () => {
    const text = normalise(sourceOf(seed004));
    expect(text).toContain('由市自然资源局牵头成立 3个矿产资源开采治理整顿工作督查组');
    for (const g of seed004.bodies) expect(unitByKey(seed004, g.hostUnitKey!).name).toBe('市自然资源局');
  });
});

// ---------- duty matrix of 003 ----------

interface PrintedTask {
  section: string;
  title: string;
  lead: string[];
  cooperating: string[];
}

/** Parses §二 of 003: "(一)" headings, "N. 标题。…" tasks, and the 责任单位/配合单位 lines (joined across page breaks). */
function parseDutyMatrix(text: string): PrintedTask[] {
  const tasks: PrintedTask[] = [];
  let chapter = '';
  let open: 'lead' | 'cooperating' | null = null;
  let buffer = '';
  const flush = () => {
    if (open) tasks.at(-1)![open] = buffer.split(/[、，,]/).map((s) => s.trim()).filter(Boolean);
    open = null;
  };
  for (const raw of between(text, '二、重点任务', '三、工作要求').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const heading = /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]/.exec(line);
    const task = /^(\d+)\.\s*(.+?)。/.exec(line);
    const units = /^(责任单位|配合单位)：(.*)$/.exec(line);
    if (heading) {
      flush();
      chapter = heading[1]!;
    } else if (task) {
      flush();
      tasks.push({ section: `二.(${chapter}).${task[1]}`, title: task[2]!, lead: [], cooperating: [] });
    } else if (units) {
      flush();
      open = units[1] === '责任单位' ? 'lead' : 'cooperating';
      buffer = units[2]!;
    } else if (open && !/[。；]/.test(line)) {
      buffer += line; // "市生态" + "环境局岢岚分局…" split by a page break
    } else {
      flush();
    }
  }
  flush();
  return tasks;
}

/** Printed abbreviations and the words used in full unit names. */
const ABBREVIATIONS: [string, string][] = [
  ['县应急局', '县应急管理局'],
  ['发展改革', '发改'],
  ['林草', '林业'],
  ['纪检监察', '纪委监委'],
  ['国网岢岚供电公司', '国网岢岚县供电公司'],
];

/** A unit covers a printed item when the item (without 部门/机关) or its expansion is part of the unit name. */
function covers(unit: SeedUnit, item: string): boolean {
  const core = item.replace(/(部门|机关)$/, '');
  const variants = [core, ...ABBREVIATIONS.filter(([a]) => core.includes(a)).map(([a, b]) => core.replace(a, b))];
  return variants.some((v) => v.length > 0 && unit.name.includes(v));
}

describe('003 duty matrix', () => {
  const printed = parseDutyMatrix(sourceOf(seed003));

  it('has every numbered task of §二 with its printed section and title', () => {
    expect(printed).toHaveLength(23);
    expect(seed003.duties.map((d) => [d.section, d.title])).toEqual(printed.map((t) => [t.section, t.title]));
    expect(printed.every((t) => t.lead.length > 0)).toBe(true);
  });

  it('task contents start right after the printed title', () => {
    const text = normalise(sourceOf(seed003));
    for (const d of seed003.duties) {
      const first = d.content.split('\n')[0]!;
      expect(text, d.section).toContain(`${d.title}。${first}`);
    }
  });

  it.each(printed.map((t) => [t.section, t] as const))('%s: units cover the printed 责任单位/配合单位', (section, t) => {
    const task = seed003.duties.find((d) => d.section === section)!;
    expect(task).toBeDefined();
    for (const [printedItems, keys] of [
      [t.lead, task.leadUnitKeys],
      [t.cooperating, task.cooperatingUnitKeys],
    ] as const) {
      const units = keys.map((k) => unitByKey(seed003, k));
      expect(new Set(keys).size).toBe(keys.length);
      for (const item of printedItems) {
        expect(units.some((u) => covers(u, item)), `${section}: ${item}`).toBe(true);
        // A unit printed with its exact name must be that unit (县人民政府 is not 县人民政府办公室).
        const exact = seed003.units.find((u) => u.name === item);
        if (exact) expect(keys, `${section}: ${item}`).toContain(exact.key);
      }
      // …and no unit that is not printed.
      for (const u of units) {
        expect(printedItems.some((item) => covers(u, item)), `${section}: ${u.name}`).toBe(true);
      }
    }
  });
});

describe('001 duties', () => {
  it('each department paragraph of §三 is a task led by that department', () => {
    const text = sourceOf(seed001);
    const paragraphs = between(text, '三、明确责任', '四、整治目标')
      .split('\n')
      .map((l) => l.trim())
      .map((l) => /^(州\S+?局)负责/.exec(l))
      .filter((m) => m !== null);
    expect(paragraphs).toHaveLength(6);
    expect(seed001.duties).toHaveLength(paragraphs.length);
    for (const m of paragraphs) {
      const task = seed001.duties.find((d) => d.title === `${m[1]}职责`);
      expect(task, m[1]).toBeDefined();
      expect(task!.section).toBe('三');
      expect(task!.content).toBe(normalise(m.input));
      expect(task!.leadUnitKeys.map((k) => unitByKey(seed001, k).name)).toEqual([m[1]]);
      expect(task!.cooperatingUnitKeys).toEqual([]);
    }
  });
});

// ---------- ranks ----------

/** The documented rank rule for single-post positions; undefined when the rule does not decide. */
function ruleRank(position: string, county: boolean): Rank | null | undefined {
  if (position.includes('、')) return undefined;
  if (position.endsWith('负责人')) return null;
  if (position.endsWith('副科级干部')) return 'deputy_section';
  if (position.endsWith('干部')) return 'clerk';
  if (position.endsWith('调研员')) return 'deputy_division';
  if (/副(县|旗)长$/.test(position)) return 'deputy_division';
  if (position.endsWith('副局长')) return county ? 'deputy_section' : 'deputy_division';
  if (position.endsWith('局长')) return county ? 'section' : 'division';
  if (position.endsWith('科长')) return 'section';
  return undefined;
}

describe('ranks follow the documented rule', () => {
  it.each(SEED_ORGS.map((s) => [id(s), s] as const))('%s', (_, seed) => {
    const county = levelOfCode(seed.regionCode) === 'county';
    let checked = 0;
    for (const m of seed.bodies.flatMap((b) => b.members)) {
      const expected = ruleRank(m.position, county);
      if (expected === undefined) continue;
      checked++;
      expect(m.rank, `${m.name}: ${m.position}`).toBe(expected);
    }
    expect(checked).toBeGreaterThan(2);
  });
});

// ---------- structure ----------

describe.each(SEED_ORGS.map((s) => [id(s), s] as const))('%s structure', (_, seed) => {
  const unitKeys = new Set(seed.units.map((u) => u.key));
  const bodyKeys = new Set(seed.bodies.map((b) => b.key));

  it('keys and names are unique', () => {
    expect(unitKeys.size).toBe(seed.units.length);
    expect(bodyKeys.size).toBe(seed.bodies.length);
    expect(new Set(seed.units.map((u) => u.name)).size).toBe(seed.units.length);
    expect(new Set(seed.bodies.map((b) => b.name)).size).toBe(seed.bodies.length);
    expect(new Set(seed.duties.map((d) => `${d.section} ${d.title}`)).size).toBe(seed.duties.length);
    for (const key of [...unitKeys, ...bodyKeys]) expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('every referenced key exists', () => {
    for (const b of seed.bodies) {
      if (b.parentKey !== null) expect(bodyKeys.has(b.parentKey), b.parentKey).toBe(true);
      if (b.hostUnitKey !== null) expect(unitKeys.has(b.hostUnitKey), b.hostUnitKey).toBe(true);
      expect(b.parentKey).not.toBe(b.key);
      for (const m of b.members) if (m.unitKey !== null) expect(unitKeys.has(m.unitKey), m.unitKey).toBe(true);
    }
    for (const d of seed.duties) {
      expect(d.leadUnitKeys.length).toBeGreaterThan(0);
      for (const k of [...d.leadUnitKeys, ...d.cooperatingUnitKeys]) expect(unitKeys.has(k), k).toBe(true);
    }
  });

  it('enum values are valid and everything lies in the seed region', () => {
    for (const u of seed.units) {
      expect(UNIT_KINDS).toContain(u.kind);
      if (u.sector !== null) expect(SECTORS).toContain(u.sector);
      expect(isWithinRegion(u.regionCode, seed.regionCode)).toBe(true);
    }
    for (const b of seed.bodies) {
      expect(BODY_KINDS).toContain(b.kind);
      expect(isWithinRegion(b.regionCode, seed.regionCode)).toBe(true);
      for (const c of b.districtCodes) expect(isWithinRegion(c, seed.regionCode)).toBe(true);
      expect(b.members.length).toBeGreaterThan(0);
      for (const m of b.members) {
        expect(MEMBER_ROLES).toContain(m.role);
        if (m.rank !== null) expect(RANKS).toContain(m.rank);
        expect(m.position.length).toBeGreaterThan(0);
      }
      // Offices hang below the body they serve; only groups of the same seed are parents.
      if (b.kind === 'office' || b.kind === 'work_group') expect(b.parentKey).not.toBeNull();
    }
  });

  it('passes the input schemas the server validates with', () => {
    for (const u of seed.units) {
      unitInputSchema.parse({ regionCode: u.regionCode, name: u.name, kind: u.kind, sector: u.sector });
    }
    for (const b of seed.bodies) {
      bodyInputSchema.parse({
        regionCode: b.regionCode,
        name: b.name,
        kind: b.kind,
        duties: b.duties,
        districtCodes: b.districtCodes,
        cadenceMonths: b.cadenceMonths,
      });
      for (const m of b.members) {
        memberInputSchema.parse({ role: m.role, position: m.position, note: m.note ?? '', duty: m.duty ?? '' });
        if (m.name !== null) {
          personInputSchema.parse({ regionCode: b.regionCode, name: m.name, position: m.position, rank: m.rank });
        }
      }
    }
  });
});
