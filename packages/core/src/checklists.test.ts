import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_004,
  HAZARD_LEDGER_TYPES,
  applicableItems,
  checkChecklistForm,
  checklistFormSchema,
  damageRemedyDue,
  failedItems,
  hazardLedgerEntrySchema,
  hazardLedgerFields,
  hazardLedgerInfo,
  type ChecklistForm,
  type HazardLedgerEntry,
} from './checklists.js';

const here = dirname(fileURLToPath(import.meta.url));
const source = (file: string) => readFileSync(join(here, 'seeds', 'source', file), 'utf8');
/** No page numbers, markdown or whitespace: layout is not wording. */
const flat = (s: string) => s.replace(/\n\s*-\s*\d+\s*-\s*\n/g, '\n').replaceAll('**', '').replace(/\s+/g, '');
const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7 };

describe('004 checklist (L8)', () => {
  const text = flat(source(CHECKLIST_004.seed));

  it('is §二.(二) "一要…七要重点检查", one item per "是否" clause, in printed order', () => {
    const section = text.slice(text.indexOf('一要重点检查'), text.indexOf('（三）规范矿山管理'));
    const groups = [...section.matchAll(/([一二三四五六七])要重点检查(.+?)(?=[一二三四五六七]要重点检查|$)/g)];
    expect(groups.map((g) => g[1])).toEqual(['一', '二', '三', '四', '五', '六', '七']);
    const printed = groups.flatMap((g) =>
      g[2]!
        .replace(/。$/, '')
        .split(/；|，(?=是否)/)
        .map((q) => ({ group: CN[g[1]!]!, groupPrinted: `${g[1]}要`, question: q })),
    );
    expect(printed).toHaveLength(14);
    expect(CHECKLIST_004.items.map((i) => ({ group: i.group, groupPrinted: i.groupPrinted, question: flat(i.question) }))).toEqual(printed);
  });

  it('a "是否存在…" question fails on yes, every other on no', () => {
    for (const item of CHECKLIST_004.items) expect(item.failWhen, item.code).toBe(item.question.startsWith('是否存在') ? 'yes' : 'no');
  });

  it('六要 applies to expired or cancelled mines, 七要 to the county, the rest to every mine', () => {
    expect(CHECKLIST_004.items.filter((i) => i.appliesTo === 'expired').map((i) => i.group)).toEqual([6, 6]);
    expect(CHECKLIST_004.items.filter((i) => i.subject === 'county').map((i) => i.group)).toEqual([7]);
    expect(new Set(CHECKLIST_004.items.map((i) => i.code)).size).toBe(14);
    expect(applicableItems(CHECKLIST_004, 'mine', false)).toHaveLength(11);
    expect(applicableItems(CHECKLIST_004, 'mine', true)).toHaveLength(13);
    expect(applicableItems(CHECKLIST_004, 'county', false)).toHaveLength(1);
  });

  it('conditional items ("对存在违法开采行为的矿山", "对拒不整改的矿山") name their printed condition', () => {
    for (const item of CHECKLIST_004.items.filter((i) => i.condition)) expect(item.question).toContain(item.condition!.zh);
    expect(CHECKLIST_004.items.filter((i) => i.condition).map((i) => i.code)).toEqual(['illegal_mining_not_stopped', 'refusal_not_closed']);
  });
});

describe('checklist forms', () => {
  const SITE = '7f1f5d2e-8f3a-4c1e-9b6e-1a2b3c4d5e6f';
  const passAll = (expired: boolean): ChecklistForm =>
    checklistFormSchema.parse({
      checklistId: CHECKLIST_004.id,
      subject: 'mine',
      siteId: SITE,
      regionCode: '640502',
      inspectedOn: '2022-05-10',
      expired,
      inspectors: ['祁少波', '崔永东'],
      answers: applicableItems(CHECKLIST_004, 'mine', expired).map((i) => ({ itemCode: i.code, answer: i.failWhen === 'yes' ? 'no' : 'yes' })),
    });

  it('a complete form with no failures passes and yields no problems', () => {
    for (const expired of [false, true]) {
      const form = passAll(expired);
      expect(checkChecklistForm(CHECKLIST_004, form)).toEqual([]);
      expect(failedItems(CHECKLIST_004, form)).toEqual([]);
    }
  });

  it('failed items become findings in checklist order, each needing a note', () => {
    const form = passAll(false);
    const set = (code: string, answer: 'yes' | 'no', note = '') => {
      const a = form.answers.find((x) => x.itemCode === code)!;
      a.answer = answer;
      a.note = note;
    };
    set('forest_grass_occupation', 'yes', '采场东侧占用草原约 12 亩');
    set('safety_design', 'no', '安全设计 2019 年后未更新');
    set('hidden_hazards', 'yes');
    const issues = checkChecklistForm(CHECKLIST_004, form);
    expect(issues).toEqual([{ path: `answers.${form.answers.findIndex((a) => a.itemCode === 'hidden_hazards')}.note`, message: expect.stringContaining('安全隐患未排查整治到位') }]);
    expect(failedItems(CHECKLIST_004, form).map((f) => [f.item.code, f.note])).toEqual([
      ['safety_design', '安全设计 2019 年后未更新'],
      ['hidden_hazards', ''],
      ['forest_grass_occupation', '采场东侧占用草原约 12 亩'],
    ]);
  });

  it('不漏一环: a missing, doubled, unknown or out-of-scope item is reported', () => {
    const form = passAll(false);
    const dropped = form.answers.shift()!;
    form.answers.push({ ...form.answers[0]! }, { itemCode: 'nonsense', answer: 'yes', note: '', evidenceFileIds: [] });
    form.answers.push({ itemCode: 'three_no_remain', answer: 'yes', note: '', evidenceFileIds: [] });
    form.answers.push({ itemCode: 'collective_decision', answer: 'yes', note: '', evidenceFileIds: [] });
    const messages = checkChecklistForm(CHECKLIST_004, form).map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`item ${dropped.itemCode} .* is not answered`)),
        expect.stringMatching(/answered twice/),
        'unknown checklist item nonsense',
        expect.stringMatching(/three_no_remain does not apply .* expired or cancelled/),
        expect.stringMatching(/collective_decision does not apply to this mine/),
      ]),
    );
    expect(messages).toHaveLength(5);
  });

  it('"not applicable" only on conditional items', () => {
    const form = passAll(false);
    form.answers.find((a) => a.itemCode === 'refusal_not_closed')!.answer = 'not_applicable';
    expect(checkChecklistForm(CHECKLIST_004, form)).toEqual([]);
    form.answers.find((a) => a.itemCode === 'eia')!.answer = 'not_applicable';
    expect(checkChecklistForm(CHECKLIST_004, form).map((i) => i.message)).toEqual([expect.stringMatching(/eia applies to every mine/)]);
  });

  it('the form schema: a mine form names its mine, a county form does not; at least one inspector', () => {
    const base = { checklistId: CHECKLIST_004.id, regionCode: '640502', inspectedOn: '2022-05-10', inspectors: ['王东山'], answers: [{ itemCode: 'collective_decision', answer: 'yes' }] };
    expect(checklistFormSchema.safeParse({ ...base, subject: 'mine' }).error?.issues[0]?.path).toEqual(['siteId']);
    expect(checklistFormSchema.safeParse({ ...base, subject: 'county', siteId: SITE }).error?.issues[0]?.path).toEqual(['siteId']);
    expect(checklistFormSchema.safeParse({ ...base, subject: 'county', inspectors: [] }).success).toBe(false);
    const county = checklistFormSchema.parse({ ...base, subject: 'county' });
    expect(checkChecklistForm(CHECKLIST_004, county)).toEqual([]);
    expect(checkChecklistForm(CHECKLIST_004, { ...county, checklistId: 'other' })[0]!.path).toBe('checklistId');
  });
});

describe('001 hazard ledgers (L9)', () => {
  const text = flat(source('001_ab5f8c1021b1c095.txt'));

  it('each ledger is asked for in §五.(一) in the printed words', () => {
    expect(HAZARD_LEDGER_TYPES).toHaveLength(4);
    for (const t of HAZARD_LEDGER_TYPES) expect(text, t).toContain(flat(hazardLedgerInfo[t].printed));
    expect(text).toContain('排查违法生产、销售、运输、倒卖、使用民用爆炸物品和氰化钠、非法采选金矿用电行为等情况，建立台账');
  });

  const full: Record<(typeof HAZARD_LEDGER_TYPES)[number], unknown> = {
    explosives_cyanide: { ledgerType: 'explosives_cyanide', substance: 'sodium_cyanide', acts: ['transport', 'resell'], party: '某某运输队', partyKind: 'enterprise', quantity: 1.5, quantityUnit: 't', permitStatus: 'none' },
    illegal_power_use: { ledgerType: 'illegal_power_use', consumer: '某某选厂', supplier: '德宏供电局', consumptionKwh: 38000, periodFrom: '2022-03-01', periodTo: '2022-04-30', action: 'supply_cut' },
    xidong_pollution: { ledgerType: 'xidong_pollution', pollutants: ['cyanide'], media: ['surface_water', 'soil'], offenderIdentified: true, offender: '张某' },
    gold_mine_hazard: { ledgerType: 'gold_mine_hazard', target: 'tailings_pond', hazardLevel: 'major', pondGrade: 4 },
  };

  it.each(HAZARD_LEDGER_TYPES)('%s: the field descriptors are exactly the schema fields', (t) => {
    const parsed = hazardLedgerEntrySchema.parse(full[t]);
    const keys = Object.keys(parsed).filter((k) => k !== 'ledgerType').sort();
    expect(hazardLedgerFields[t].map((f) => f.key).sort()).toEqual(keys);
    for (const f of hazardLedgerFields[t]) {
      expect(f.label.zh && f.label.en).toBeTruthy();
      if (f.required) expect(parsed[f.key as keyof typeof parsed], f.key).not.toBeNull();
    }
  });

  it('refuses entries that do not make sense, naming the field', () => {
    const bad: [unknown, string][] = [
      [{ ...(full.explosives_cyanide as object), acts: [] }, 'acts'],
      [{ ...(full.explosives_cyanide as object), quantityUnit: 'piece' }, 'quantityUnit'],
      [{ ...(full.explosives_cyanide as object), quantity: null }, 'quantityUnit'],
      [{ ...(full.explosives_cyanide as object), acts: ['use', 'use'] }, 'acts'],
      [{ ...(full.illegal_power_use as object), periodTo: '2022-02-01' }, 'periodTo'],
      [{ ...(full.xidong_pollution as object), offender: null }, 'offender'],
      [{ ...(full.xidong_pollution as object), offenderIdentified: false, offender: null, compensation: 'paid' }, 'compensation'],
      [{ ...(full.gold_mine_hazard as object), target: 'gold_mine' }, 'pondGrade'],
      [{ ...(full.gold_mine_hazard as object), colour: 'red' }, ''],
    ];
    for (const [entry, path] of bad) {
      const r = hazardLedgerEntrySchema.safeParse(entry);
      expect(r.success, path).toBe(false);
      expect(r.error!.issues[0]!.path.join('.'), JSON.stringify(entry)).toBe(path);
    }
  });

  it('damage assessment and compensation are due once an offender is identified, until done', () => {
    const e = hazardLedgerEntrySchema.parse(full.xidong_pollution) as Extract<HazardLedgerEntry, { ledgerType: 'xidong_pollution' }>;
    expect(damageRemedyDue(e)).toBe(true);
    expect(damageRemedyDue({ ...e, damageAssessment: 'done', compensation: 'paid' })).toBe(false);
    expect(damageRemedyDue({ ...e, damageAssessment: 'done', compensation: 'negotiating' })).toBe(true);
    expect(damageRemedyDue({ ...e, offenderIdentified: false, offender: null })).toBe(false);
  });
});
