import { describe, expect, it } from 'vitest';
import type { Campaign } from './campaigns.js';
import { SEED_CAMPAIGNS, campaign001, campaign002, campaign004 } from './campaigns/index.js';
import {
  campaignDateContext,
  cellText,
  cleanSpaces,
  excelSerialToDate,
  findHeaderRow,
  mapHeader,
  matchKey,
  matchProblemType,
  matchWorkGroup,
  parseLedgerDate,
  parseMethodMineral,
  readLedgerSheet,
  splitPersonContact,
  toHalfWidth,
  validateLedgerRow,
  type LedgerRowContext,
} from './ledger-import.js';
import type { Rank } from './org.js';

const template = campaign002.templates.ledger!;
const ctx002 = campaignDateContext(campaign002);
const date = (v: unknown, c = ctx002) => {
  const r = parseLedgerDate(v, c);
  return r.ok ? r.date : `ERR ${r.message} / ${r.messageEn}`;
};

describe('text normalisation', () => {
  it('full-width ASCII and the ideographic space become half-width', () => {
    expect(toHalfWidth('２０２２／１２／３１　ＡＢｃ（副局长）＋')).toBe('2022/12/31 ABc(副局长)+');
    expect(toHalfWidth('露天、煤矿，')).toBe('露天、煤矿,');
  });

  it('stray spaces: zero-width removed, odd spaces ordinary, runs collapsed, none between Chinese characters', () => {
    expect(cleanSpaces('\u200b 张\u00a0 三\u3000 副局长\ufeff ')).toBe('张三副局长');
    expect(cleanSpaces('\u200b 张\u00a0 三\u3000 副局长\ufeff ', false, true)).toBe('张 三 副局长');
    expect(cleanSpaces('露 天 +  煤 矿')).toBe('露天 + 煤矿');
    expect(cleanSpaces('第一行\r\n第二行')).toBe('第一行第二行'); // a wrapped line, joined
    expect(cleanSpaces('line one\r\nline two')).toBe('line one line two');
    expect(cleanSpaces('第一行\r\n\r\n第 二 行\n', true)).toBe('第一行\n\n第二行');
    expect(cleanSpaces('Open pit  coal')).toBe('Open pit coal');
  });

  it('cell values as spreadsheet readers return them', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(12)).toBe('12');
    expect(cellText(Number.NaN)).toBe('');
    expect(cellText(new Date(Date.UTC(2022, 11, 31)))).toBe('2022-12-31');
    expect(cellText({ richText: [{ text: '临时用地' }, { text: '批小占大' }] })).toBe('临时用地批小占大');
    expect(cellText({ text: '张三', hyperlink: 'mailto:x' })).toBe('张三');
    expect(cellText({ formula: 'A1', result: 7 })).toBe('7');
  });

  it('matchKey ignores width, spaces, quotation marks and case', () => {
    expect(matchKey('临时用地 “批小占大”')).toBe(matchKey('临时用地批小占大'));
    expect(matchKey('排土场／排矸场')).toBe('排土场/排矸场');
  });
});

describe('完成整改时限: every way it is written', () => {
  it.each([
    ['2022/12/31', '2022-12-31'],
    ['2022-12-31', '2022-12-31'],
    ['2022.12.31', '2022-12-31'],
    ['2022-6-5', '2022-06-05'],
    ['20221231', '2022-12-31'],
    ['2022-12-31 00:00:00', '2022-12-31'],
    ['2022年12月31日', '2022-12-31'],
    ['2022年6月5号', '2022-06-05'],
    ['2022 年 12 月 31 日', '2022-12-31'],
    ['２０２２年１２月３１日', '2022-12-31'],
    ['２０２２／１２／３１', '2022-12-31'],
    ['2022－12－31', '2022-12-31'],
    ['2022—12—31', '2022-12-31'],
    ['二〇二二年十二月三十一日', '2022-12-31'],
    ['2022年12月31日前', '2022-12-31'],
    ['2022年12月31日前完成', '2022-12-31'],
    ['12月31日', '2022-12-31'],
    ['6月5日前', '2022-06-05'],
    ['12/31', '2022-12-31'],
    ['12月底', '2022-12-31'],
    ['6月底前', '2022-06-30'],
    ['2月底', '2022-02-28'],
    ['十二月底', '2022-12-31'],
    ['2022年6月底', '2022-06-30'],
    ['2022年6月', '2022-06-30'],
    ['2024年2月底', '2024-02-29'],
    ['2022年底', '2022-12-31'],
    ['\u200b 2022/12/31\u00a0', '2022-12-31'],
  ])('%s → %s', (cell, iso) => {
    expect(date(cell)).toBe(iso);
  });

  it('Excel serial numbers, as numbers, as text and as Date cells', () => {
    expect(date(44926)).toBe('2022-12-31');
    expect(date(44926.75)).toBe('2022-12-31'); // the time of day is dropped
    expect(date('44926')).toBe('2022-12-31');
    expect(date(36526)).toBe('2000-01-01');
    expect(date(44743)).toBe('2022-07-01');
    expect(date(new Date(Date.UTC(2022, 5, 30)))).toBe('2022-06-30');
    // The serial count agrees with the calendar: 1899-12-30 + n days.
    for (const n of [32874, 40000, 45000, 47483]) {
      expect(date(n)).toBe(new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10));
    }
    const s60 = excelSerialToDate(60);
    expect(s60.ok).toBe(false);
  });

  it('a month without a year takes the campaign year; 001 crosses into 2023', () => {
    const c001 = campaignDateContext(campaign001);
    expect(date('12月底', c001)).toBe('2022-12-31');
    expect(date('2月5日', c001)).toBe('2023-02-05');
    expect(date('3月底', c001)).toBe('2023-03-31');
    expect(date('4月底', c001)).toBe('2022-04-30');
    expect(date('12月底', {})).toMatch(/^ERR .*未写年份/);
  });

  it.each([
    ['', '未填写完成整改时限'],
    ['2022-02-30', '2022年2月没有30日'],
    ['2022-13-01', '月份 13 不存在'],
    ['13月底', '月份 13 不存在'],
    ['1922/12/31', '年份 1922 不合理'],
    ['立行立改', '“立行立改”不是日期'],
    ['长期坚持', '不是整改时限'],
    ['已完成', '请填写完成日期'],
    ['6月中旬', '不是具体日期'],
    ['2022年第三季度', '不是具体日期'],
    ['尽快', '无法识别的日期'],
    ['1234', '不是日期'],
  ])('%j is refused: %s', (cell, message) => {
    const r = parseLedgerDate(cell, ctx002);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(message);
      expect(r.messageEn).toMatch(/[a-z]+ [a-z]+/);
    }
  });
});

describe('开采方式、矿种', () => {
  it.each([
    ['露天+煤矿', 'open_pit', ['煤矿']],
    ['露天＋煤矿', 'open_pit', ['煤矿']],
    ['露天 + 煤矿', 'open_pit', ['煤矿']],
    ['露天 煤矿', 'open_pit', ['煤矿']],
    ['露天、煤矿', 'open_pit', ['煤矿']],
    ['露天，煤矿', 'open_pit', ['煤矿']],
    ['露天,煤矿', 'open_pit', ['煤矿']],
    ['露天/煤矿', 'open_pit', ['煤矿']],
    ['露天／煤矿', 'open_pit', ['煤矿']],
    ['露天煤矿', 'open_pit', ['煤矿']],
    ['露天开采+煤矿', 'open_pit', ['煤矿']],
    ['露天（煤矿）', 'open_pit', ['煤矿']],
    ['煤矿+露天', 'open_pit', ['煤矿']],
    ['煤矿露天开采', 'open_pit', ['煤矿']],
    ['露 天 + 石灰石', 'open_pit', ['石灰石']],
    ['井工+煤矿', 'underground', ['煤矿']],
    ['井工开采煤矿', 'underground', ['煤矿']],
    ['地下+金矿', 'underground', ['金矿']],
    ['地下开采 铁矿', 'underground', ['铁矿']],
    ['联合+煤矿', 'combined', ['煤矿']],
    ['露井联合+煤', 'combined', ['煤']],
    ['露天/井工联合 煤矿', 'combined', ['煤矿']],
    ['露天+煤矿、石灰石', 'open_pit', ['煤矿', '石灰石']],
    ['露天+煤矿/石灰石', 'open_pit', ['煤矿', '石灰石']],
  ])('%s', (cell, method, minerals) => {
    const r = parseMethodMineral(cell);
    expect(r.ok && [r.method, r.minerals]).toEqual([method, minerals]);
  });

  it('normalises to the printed "方式+矿种" form', () => {
    const c = (v: string) => {
      const r = parseMethodMineral(v);
      return r.ok ? r.canonical : r.message;
    };
    expect(c('露天 煤矿')).toBe('露天+煤矿');
    expect(c('地下，金矿')).toBe('井工+金矿');
    expect(c('露井联合/煤')).toBe('露天井工联合+煤');
    expect(c('露天+煤矿/石灰石')).toBe('露天+煤矿、石灰石');
  });

  it.each([
    ['', '未填写开采方式、矿种'],
    ['露天', '缺少矿种'],
    ['煤矿', '缺少开采方式'],
    ['露天/井工+煤矿', '同时写了露天和井工'],
    ['露天井工+煤', '同时写了露天和井工'],
    ['井工+煤矿+露天', '同时写了露天和井工'],
    ['露天/井工+煤矿/石灰石/...', '照抄了填写示例'],
    ['露天+3号煤', '矿种“3号煤”无法识别'],
  ])('%j is refused: %s', (cell, message) => {
    const r = parseMethodMineral(cell);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('整改责任人及联系方式', () => {
  const people = (v: string) => {
    const r = splitPersonContact(v);
    if (!r.ok) return `ERR ${r.message}`;
    return r.persons.map((p) => [p.name, p.position, ...p.phones.map((x) => `${x.kind}:${x.number}`)]);
  };

  it.each([
    ['张三 13912345678', [['张三', '', 'mobile:13912345678']]],
    ['张三13912345678', [['张三', '', 'mobile:13912345678']]],
    ['张 三　１３９１２３４５６７８', [['张三', '', 'mobile:13912345678']]],
    ['张三 139-1234-5678', [['张三', '', 'mobile:13912345678']]],
    ['张三 139 1234 5678', [['张三', '', 'mobile:13912345678']]],
    ['张三 +86 13912345678', [['张三', '', 'mobile:13912345678']]],
    ['张三，电话：13912345678', [['张三', '', 'mobile:13912345678']]],
    ['张三 手机:13912345678', [['张三', '', 'mobile:13912345678']]],
    ['张三 副旗长 13912345678', [['张三', '副旗长', 'mobile:13912345678']]],
    ['张 三 副局长 13912345678', [['张三', '副局长', 'mobile:13912345678']]],
    ['王 小 平 13912345678', [['王小平', '', 'mobile:13912345678']]],
    ['张 三丰 13912345678', [['张三丰', '', 'mobile:13912345678']]],
    ['张三 自然资源局副局长 13912345678', [['张三', '自然资源局副局长', 'mobile:13912345678']]],
    ['张三（副局长）13912345678', [['张三', '副局长', 'mobile:13912345678']]],
    ['张三副局长13912345678', [['张三', '副局长', 'mobile:13912345678']]],
    ['副局长 张三 13912345678', [['张三', '副局长', 'mobile:13912345678']]],
    ['13912345678 张三', [['张三', '', 'mobile:13912345678']]],
    ['张三 13912345678 副局长', [['张三', '副局长', 'mobile:13912345678']]],
    ['王峰 0477-5123456', [['王峰', '', 'landline:0477-5123456']]],
    ['王峰 (0477)5123456', [['王峰', '', 'landline:0477-5123456']]],
    ['王峰 （0477）5123456', [['王峰', '', 'landline:0477-5123456']]],
    ['王峰 04775123456', [['王峰', '', 'landline:0477-5123456']]],
    ['王峰 010-87654321转123', [['王峰', '', 'landline:010-87654321-123']]],
    ['王峰 0477—5123456', [['王峰', '', 'landline:0477-5123456']]],
    ['王峰 13912345678 0477-5123456', [['王峰', '', 'mobile:13912345678', 'landline:0477-5123456']]],
    ['阿依古丽·买买提 13912345678', [['阿依古丽·买买提', '', 'mobile:13912345678']]],
    [
      '张三 13912345678、李四 13812345678',
      [
        ['张三', '', 'mobile:13912345678'],
        ['李四', '', 'mobile:13812345678'],
      ],
    ],
    [
      '张三13912345678\n李四（副镇长）13812345678',
      [
        ['张三', '', 'mobile:13912345678'],
        ['李四', '副镇长', 'mobile:13812345678'],
      ],
    ],
    [
      '张三、李四',
      [
        ['张三', ''],
        ['李四', ''],
      ],
    ],
    ['张三', [['张三', '']]],
  ])('%j', (cell, expected) => {
    expect(people(cell)).toEqual(expected);
  });

  it.each([
    ['', '未填写整改责任人'],
    ['13912345678', '识别整改责任人姓名'],
    ['张三 12345678', '不是有效的电话号码'],
    ['张三 1391234567', '不是有效的电话号码'],
    ['张三 23912345678', '不是有效的电话号码'],
    ['张三 12912345678', '不是有效的电话号码'],
    ['旗自然资源局矿管股负责同志 13912345678', '识别整改责任人姓名'],
  ])('%j is refused: %s', (cell, message) => {
    expect(people(cell)).toMatch(new RegExp(`^ERR .*${message}`));
  });
});

describe('问题类型 against the taxonomy', () => {
  const code = (c: Campaign, v: string) => {
    const r = matchProblemType(c, v);
    return r.ok ? r.type.code : `ERR ${r.message}`;
  };

  it.each([
    ['临时用地批小占大', 'temp_land_small_big'],
    ['临时用地“批小占大”', 'temp_land_small_big'],
    ['临时用地批小占大问题', 'temp_land_small_big'],
    ['临时用地 批东占西', 'temp_land_elsewhere'],
    ['排土场/排矸场超界/超标高', 'dump_over_limit'],
    ['排土场／排矸场超界／超标高', 'dump_over_limit'],
    ['排土场超标高', 'dump_over_limit'],
    ['排矸场超界', 'dump_over_limit'],
    ['违法违规侵占林地/草原', 'forest_grass'],
    ['违法违规侵占草原', 'forest_grass'],
    ['矿区生态环境', 'mine_eco'],
    ['到期未复垦/未还地', 'not_reclaimed'],
    ['到期未复垦', 'not_reclaimed'],
    ['临时用地到期完成复垦但未还地', 'not_reclaimed'],
    ['排土场、排矸场污染环境', 'dump_pollution'],
    ['无主尾矿坑', 'pit_ownerless'],
    ['超层越界开采', 'overstep'],
  ])('%s → %s', (cell, expected) => {
    expect(code(campaign002, cell)).toBe(expected);
  });

  it('every name and alias of every campaign finds its own type (no alias is captured by another type)', () => {
    for (const c of SEED_CAMPAIGNS) {
      for (const t of c.taxonomy) for (const word of [t.name, ...t.aliases]) expect(code(c, word), `${c.key}: ${word}`).toBe(t.code);
    }
  });

  it('refuses unknown, vague and double types, quoting the printed examples', () => {
    expect(code(campaign002, '')).toMatch(/^ERR 未填写问题类型（问题类型须表述详细/);
    expect(code(campaign002, '超界')).toMatch(/^ERR 问题类型“超界”不在本行动的问题类型目录中（问题类型须表述详细，如“临时用地批小占大”/);
    expect(code(campaign002, '其他')).toMatch(/不在本行动的问题类型目录中/);
    expect(code(campaign002, '违法违规侵占林地，超层越界')).toMatch(/包含多个问题类型（超层越界、违法违规侵占林地\/草原）/);
    expect(code(campaign001, '排土场超标高')).toMatch(/不在本行动的问题类型目录中$/);
  });
});

describe('the sheet: header, work group, rows', () => {
  const printedHeader = ['序号', '矿山企业', '行政区域 (苏木镇)', '开采方式、 矿种', '问题类型', '排查发现问题', '整改措施', '完成\n整改时限', '整改责任人及\n联系方式'];

  it('maps the header as printed in the seed, with its breaks, spaces and brackets', () => {
    const h = mapHeader(template, printedHeader, 3);
    expect(h.errors).toEqual([]);
    expect(h.index).toEqual(Object.fromEntries(template.columns.map((c, i) => [c, i])));
    const shuffled = mapHeader(template, ['', ...printedHeader.map((x) => x.replace('(', '（').replace(')', '）')).reverse()], 2);
    expect(shuffled.errors).toEqual([]);
    expect(shuffled.index['序号']).toBe(9);
  });

  it('reports missing and doubled columns by name', () => {
    const h = mapHeader(template, [...printedHeader.slice(0, 7), '问题类型'], 4);
    expect(h.errors).toEqual([
      { row: 4, column: '问题类型', message: '表头“问题类型”出现两次', messageEn: 'header "问题类型" appears twice' },
      { row: 4, column: '完成整改时限', message: '缺少表头“完成整改时限”', messageEn: 'header "完成整改时限" is missing' },
      { row: 4, column: '整改责任人及联系方式', message: '缺少表头“整改责任人及联系方式”', messageEn: 'header "整改责任人及联系方式" is missing' },
    ]);
  });

  it('finds the header below the title and the work-group line', () => {
    expect(findHeaderRow(template, [[template.title], ['排查工作组：x'], printedHeader])).toBe(2);
    expect(findHeaderRow(template, [['a', 'b'], ['序号', '矿山企业']])).toBeNull();
  });

  it('matches the work group as officials write it (附件2 names) or as the plan names it', () => {
    const g = (v: string) => {
      const r = matchWorkGroup(campaign002, template, v);
      return r.ok ? r.key : `ERR ${r.message}`;
    };
    expect(g('排查工作组：露天矿山临时用地及违法违规开采专项工作组')).toBe('wg_open_pit');
    expect(g('排查工作组:尾矿坑及地质环境治理专项工作组')).toBe('wg_pits');
    expect(g('矿区生态环境及排土排矸场排查整治工作组')).toBe('wg_dumps');
    expect(g('排查工作组： 矿山违法违规侵占林草资源专项工作组')).toBe('wg_forest_grass');
    expect(g('排查工作组：')).toMatch(/^ERR 未填写排查工作组/);
    expect(g('排查工作组：煤炭专项工作组')).toMatch(/^ERR .*不是本行动的工作组/);
  });

  const RANKS: Record<string, Rank | null> = { 王峰: 'deputy_section', 苏存旺: 'deputy_section', 杨华: 'section', 小刘: 'clerk', 无职级: null };
  const ctx: LedgerRowContext = {
    resolveTownship: (name) => ({ 树林召镇: '150621100', 白泥井镇: '150621102', 昭君镇: '150621103' })[name] ?? null,
    rankOf: (name) => (name in RANKS ? RANKS[name] : undefined),
  };
  const header = mapHeader(template, printedHeader, 3);
  const good: unknown[] = [1, '内蒙古某某煤业有限公司', '白泥井镇', '露天 煤矿', '临时用地“批小占大”', '临时用地超出批准范围 23 亩\n长期未复垦', '停止占用，补办手续，限期复垦还地', 44926, '王峰（副局长）139 1234 5678'];

  it('a good row, with the usual variants, becomes clean values', () => {
    const r = validateLedgerRow(campaign002, template, header, good, 5, ctx);
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({
      row: 5,
      seq: 1,
      enterprise: '内蒙古某某煤业有限公司',
      township: '白泥井镇',
      regionCode: '150621102',
      method: 'open_pit',
      minerals: ['煤矿'],
      methodMineral: '露天+煤矿',
      typeCode: 'temp_land_small_big',
      typeName: '临时用地批小占大',
      description: '临时用地超出批准范围 23 亩\n长期未复垦',
      measures: '停止占用，补办手续，限期复垦还地',
      deadline: '2022-12-31',
      persons: [{ name: '王峰', position: '副局长', phones: [{ kind: 'mobile', number: '13912345678' }] }],
    });
  });

  it('every bad cell is reported with its row, printed column, Chinese and English', () => {
    const bad = ['一', '', '东胜区', '露天/井工+煤矿/石灰石/...', '其他问题', '', '  ', '2023年1月31日', '小刘 13912345678'];
    const r = validateLedgerRow(campaign002, template, header, bad, 9, ctx);
    expect(r.value).toBeNull();
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [9, '序号'],
      [9, '矿山企业'],
      [9, '行政区域(苏木镇)'],
      [9, '开采方式、矿种'],
      [9, '问题类型'],
      [9, '排查发现问题'],
      [9, '整改措施'],
      [9, '完成整改时限'],
      [9, '整改责任人及联系方式'],
    ]);
    for (const e of r.errors) {
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      expect(e.messageEn.length).toBeGreaterThan(5);
    }
    const byColumn = Object.fromEntries(r.errors.map((e) => [e.column, e.message]));
    expect(byColumn['完成整改时限']).toBe('完成整改时限 2023-01-31 晚于 2022-12-31（整改时限不得超过 2022 年 12 月 31 日）');
    expect(byColumn['整改责任人及联系方式']).toBe('整改责任人小刘为科员及以下，低于副科级（整改责任人至少为旗区副科级以上实职分管领导）');
    expect(byColumn['开采方式、矿种']).toContain('（开采方式须填写规范，如“露天/井工+煤矿/石灰石/...”）');
    expect(byColumn['行政区域(苏木镇)']).toContain('东胜区');
  });

  it('rank: unknown person, no rank on record; contact required; dump problems due by June', () => {
    const row = (person: string, type = '临时用地批小占大', deadline: unknown = '2022/12/31') => {
      const cells = [...good];
      cells[4] = type;
      cells[7] = deadline;
      cells[8] = person;
      return validateLedgerRow(campaign002, template, header, cells, 7, ctx).errors.map((e) => e.message);
    };
    expect(row('赵六 13912345678')).toEqual(['人员库中没有整改责任人赵六，无法核验职级（整改责任人至少为旗区副科级以上实职分管领导）']);
    expect(row('无职级 13912345678')).toEqual(['整改责任人无职级未登记职级，无法核验是否副科级以上']);
    expect(row('王峰')).toEqual(['整改责任人王峰未留联系电话']);
    expect(row('王峰 13912345678、杨华 0477-5123456')).toEqual([]);
    expect(row('王峰 13912345678', '排土场超标高', '12月底')).toEqual(['完成整改时限 2022-12-31 晚于 2022-06-30（确保 2022 年 6 月底前将排土场排矸场问题全部整改到位）']);
    expect(row('王峰 13912345678', '排土场超标高', '6月底')).toEqual([]);
    expect(row('王峰 13912345678', '无主尾矿坑', '2023年6月30日')).toEqual([]);
  });

  it('one responsible person per mine where the campaign says so', () => {
    const single: Campaign = { ...campaign002, rules: { ...campaign002.rules, singleResponsiblePerson: true } };
    const cells = [...good];
    cells[8] = '王峰 13912345678、杨华 13812345678';
    expect(validateLedgerRow(single, template, header, cells, 6, ctx).errors.map((e) => e.message)).toEqual(['一矿一责任人：只能填写一名整改责任人（填了 2 名）']);
    expect(campaign004.rules.singleResponsiblePerson).toBe(true);
  });

  it('a deadline already past on import day is refused', () => {
    expect(validateLedgerRow(campaign002, template, header, good, 5, { ...ctx, today: '2023-01-05' }).errors.map((e) => e.message)).toEqual([
      '完成整改时限 2022-12-31 已早于今天（2023-01-05）',
    ]);
  });

  const sheet = (rows: unknown[][]) => readLedgerSheet(campaign002, rows, ctx);
  const title = [template.title];
  const group = ['排查工作组：露天矿山临时用地及违法违规开采专项工作组'];
  const notes = template.notes.map((n) => [n]);

  it('reads a whole sheet as officials fill it: title, group line, header, rows, blank rows, notes', () => {
    const rows = [
      title,
      group,
      printedHeader,
      good,
      [],
      [2, '某某砂石料场', '树林召镇', '露天，石灰石', '到期未复垦、未还地', '临时用地 2021 年到期', '限期复垦还地', '２０２２年１０月３１日', '苏存旺 副局长 0477-5123456'],
      ['', null, undefined, '', '', '', '', '', ''],
      [3, '某某煤矿', '昭君镇', '露天煤矿', '超层越界', '越界开采约 5 亩', '立即停止越界开采，依法查处', '11月底前', '杨华13812345678'],
      ...notes,
      ['这一行在注释之后，不读'],
    ];
    const r = sheet(rows);
    expect(r.errors).toEqual([]);
    expect(r.workGroupKey).toBe('wg_open_pit');
    expect(r.rowCount).toBe(3);
    expect(r.rows.map((x) => [x.row, x.typeCode, x.deadline, x.methodMineral, x.regionCode, x.persons[0]!.name])).toEqual([
      [4, 'temp_land_small_big', '2022-12-31', '露天+煤矿', '150621102', '王峰'],
      [6, 'not_reclaimed', '2022-10-31', '露天+石灰石', '150621100', '苏存旺'],
      [8, 'overstep', '2022-11-30', '露天+煤矿', '150621103', '杨华'],
    ]);
  });

  it('a sheet with any bad row yields its errors and no rows', () => {
    const rows = [group, printedHeader, good, [2, '某某煤矿', '白泥井镇', '露天+煤矿', '矿区生态环境', '扬尘', '洒水抑尘', '2022-02-30', '王峰 13912345678']];
    const r = sheet(rows);
    expect(r.rows).toEqual([]);
    expect(r.rowCount).toBe(2);
    expect(r.errors).toEqual([{ row: 4, column: '完成整改时限', message: '2022年2月没有30日', messageEn: '2022-02 has no day 30' }]);
  });

  it('a sheet without a header, group line or template says so', () => {
    expect(sheet([title, group, ['a', 'b']]).errors[0]!.message).toMatch(/^找不到表头/);
    expect(sheet([title, printedHeader, good]).errors.map((e) => e.message)).toEqual(['表头上方缺少“排查工作组：”行']);
    expect(readLedgerSheet(campaign001, [printedHeader]).errors[0]!.message).toBe('本行动没有台账模板');
  });
});
