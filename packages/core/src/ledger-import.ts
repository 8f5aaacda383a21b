import { deadlineLimitFor, yearForMonth, type Campaign, type LedgerTemplate, type ProblemType } from './campaigns.js';
import { rankAtLeast, rankLabel, type Rank } from './org.js';
import type { MINING_METHODS } from './sites.js';

/**
 * L4: reading the 002 附件1 form as officials fill it. Pure functions over cell values as a
 * spreadsheet reader returns them (string, number, Date, null); the server reads the workbook and
 * resolves townships and people. Every complaint is a `CellError` naming the spreadsheet row (1-based,
 * as Excel shows it), the printed column header and what is wrong, in Chinese and English.
 */

export interface CellError {
  row: number;
  column: string;
  message: string;
  messageEn: string;
}

type Parsed<T> = ({ ok: true } & T) | { ok: false; message: string; messageEn: string };
const fail = (message: string, messageEn: string): { ok: false; message: string; messageEn: string } => ({ ok: false, message, messageEn });

// ---------------------------------------------------------------------------------------------
// Text normalisation
// ---------------------------------------------------------------------------------------------

const CJK = '[\\u3400-\\u9fff\\uf900-\\ufaff]';
const CJK_GAP = new RegExp(`(?<=${CJK}) +(?=${CJK})`, 'g');

/** Full-width ASCII (！…～, U+FF01–FF5E) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Whitespace as spreadsheets deliver it: zero-width characters and soft hyphens removed, every
 * other kind of space made an ordinary space, runs collapsed, spaces between two Chinese characters
 * dropped ("露 天", "整 改") unless `keepCjkGaps` (where a space may separate words, as in a name and
 * a position), trimmed. Line breaks inside a cell become a space unless `keepLines`.
 */
export function cleanSpaces(s: string, keepLines = false, keepCjkGaps = false): string {
  let t = s.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '').replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g, ' ');
  t = t.replace(/\r\n?/g, '\n');
  if (!keepLines) t = t.replace(/\n+/g, ' ');
  return t
    .split('\n')
    .map((line) => {
      const collapsed = line.replace(/ {2,}/g, ' ');
      return (keepCjkGaps ? collapsed : collapsed.replace(CJK_GAP, '')).trim();
    })
    .filter((line, i, all) => line !== '' || (i > 0 && i < all.length - 1))
    .join('\n')
    .trim();
}

/** A cell value as text: numbers as written, dates as yyyy-mm-dd, nothing as ''. */
export function cellText(value: unknown, keepLines = false, keepCjkGaps = false): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'object' && value !== null) {
    // Rich text, hyperlink and formula cells as spreadsheet readers return them.
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText)) return cleanSpaces(v.richText.map((r) => r.text).join(''), keepLines, keepCjkGaps);
    if (typeof v.text === 'string') return cleanSpaces(v.text, keepLines, keepCjkGaps);
    if (v.result !== undefined) return cellText(v.result, keepLines, keepCjkGaps);
    return '';
  }
  return cleanSpaces(String(value), keepLines, keepCjkGaps);
}

/** For structured cells (dates, phones, method): half-width, every dash a hyphen, no spaces around separators. */
function structured(s: string): string {
  return toHalfWidth(s)
    .replace(/[\u2010-\u2015\u2212\u30fc\ufe58\ufe63]/g, '-')
    .replace(/[\u3002\uff61]/g, '.')
    .trim();
}

/** For matching words: half-width, no spaces, no quotation marks. */
export function matchKey(s: string): string {
  return toHalfWidth(cleanSpaces(s))
    .replace(/[\s"'“”‘’「」『』《》]/g, '')
    .toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Dates: 2022/12/31, 2022-12-31, 2022.12.31, 20221231, 2022年12月31日, 12月31日, 12月底, 2022年底,
// 二〇二二年十二月三十一日, Excel serial numbers.
// ---------------------------------------------------------------------------------------------

export type DateForm = 'serial' | 'date_object' | 'numeric' | 'chinese' | 'month_end' | 'year_end' | 'no_year';

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 一…九十九 as used for months and days ("十二", "三十一", "廿" not used in official writing). */
function cnNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  if (!m[2]) return m[1] && !m[3] ? CN_DIGIT[m[1]]! : null;
  return (m[1] ? CN_DIGIT[m[1]]! : 1) * 10 + (m[3] ? CN_DIGIT[m[3]]! : 0);
}
/** 二〇二二 → 2022 (digit by digit). */
function cnYear(s: string): number | null {
  if (/^\d{4}$/.test(s)) return Number(s);
  if (!/^[〇零一二三四五六七八九]{4}$/.test(s)) return null;
  return Number([...s].map((c) => CN_DIGIT[c]).join(''));
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function ymd(y: number, m: number, d: number | 'end', form: DateForm): Parsed<{ date: string; form: DateForm }> {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`年份 ${y} 不合理（应在 ${MIN_YEAR}–${MAX_YEAR} 年之间）`, `year ${y} is out of range (${MIN_YEAR}–${MAX_YEAR})`);
  if (m < 1 || m > 12) return fail(`月份 ${m} 不存在`, `there is no month ${m}`);
  const day = d === 'end' ? lastDay(y, m) : d;
  if (day < 1 || day > lastDay(y, m)) return fail(`${y}年${m}月没有${day}日`, `${y}-${String(m).padStart(2, '0')} has no day ${day}`);
  return { ok: true, date: iso(y, m, day), form };
}

/**
 * Excel's 1900 date system: serial 1 = 1900-01-01; serial 60 is the non-existent 1900-02-29 that
 * Excel keeps for Lotus 1-2-3 compatibility, so from 61 on the day is 1899-12-30 + serial. The time
 * of day (fraction) is dropped.
 */
export function excelSerialToDate(serial: number): Parsed<{ date: string; form: DateForm }> {
  if (!Number.isFinite(serial) || serial < 1) return fail(`${serial} 不是有效的 Excel 日期序号`, `${serial} is not an Excel date serial`);
  const whole = Math.floor(serial);
  if (whole === 60) return fail('Excel 日期序号 60（1900-02-29）不存在', 'Excel serial 60 (1900-02-29) does not exist');
  const base = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(base + whole * 86_400_000);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 'serial');
}

export interface DateContext {
  /** Year for dates written without one; see `yearForMonth`. */
  yearFor?: (month: number) => number | null;
}

/** The date context of a campaign: month-only dates fall in the campaign's year (see `yearForMonth`). */
export function campaignDateContext(campaign: Pick<Campaign, 'period' | 'issuedOn'>): DateContext {
  return { yearFor: (m) => yearForMonth(campaign, m) };
}

const NOT_A_DATE: [RegExp, string, string][] = [
  [/立行立改|立即|马上/, '“立行立改”不是日期：请填写整改完成日期（立行立改的问题在系统中凭佐证直接销号）', '"fix on the spot" is not a date: give the day it was fixed'],
  [/长期|持续|常态/, '“长期坚持”类表述不是整改时限：请填写具体日期', 'an ongoing commitment is not a deadline: give a date'],
  [/已完成|已整改/, '已完成的问题请填写完成日期', 'for a finished problem give the day it was finished'],
];

/**
 * 完成整改时限 in any of the ways officials write it. Dates without a year take the campaign year
 * (`ctx.yearFor`); "N月底" is the last day of month N; "前/之前/以前/完成" after a date are ignored
 * ("12月31日前完成"). Returns the ISO date or a message saying why the cell is not one.
 */
export function parseLedgerDate(value: unknown, ctx: DateContext = {}): Parsed<{ date: string; form: DateForm }> {
  if (value instanceof Date) {
    // Spreadsheet readers return date cells as UTC midnight of the calendar day.
    if (Number.isNaN(value.getTime())) return fail('日期无效', 'invalid date');
    return ymd(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), 'date_object');
  }
  if (typeof value === 'number') return excelSerialToDate(value);
  const raw = cellText(value);
  if (!raw) return fail('未填写完成整改时限', 'no deadline given');
  let s = structured(raw).replace(/\s+/g, '');
  for (const [re, zh, en] of NOT_A_DATE) if (re.test(s)) return fail(zh, en);
  while (/(?:完成整改|整改到位|整改完成|完成|之前|以前|前|止)$/.test(s)) s = s.replace(/(?:完成整改|整改到位|整改完成|完成|之前|以前|前|止)$/, '');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s))) return ymd(+m[1]!, +m[2]!, +m[3]!, 'numeric');
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) return ymd(+m[1]!, +m[2]!, +m[3]!, 'numeric');
  if (/^\d{1,5}(?:\.\d+)?$/.test(s)) {
    const n = Number(s);
    if (n >= 20000) return excelSerialToDate(n); // a date cell stored as text of its serial
    return fail(`“${raw}”不是日期`, `"${raw}" is not a date`);
  }
  const Y = '(\\d{4}|[〇零一二三四五六七八九]{4})';
  const N = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
  if ((m = new RegExp(`^${Y}年${N}月${N}[日号]?$`).exec(s))) {
    const [y, mo, d] = [cnYear(m[1]!), cnNumber(m[2]!), cnNumber(m[3]!)];
    if (y === null || mo === null || d === null) return fail(`“${raw}”不是日期`, `"${raw}" is not a date`);
    return ymd(y, mo, d, 'chinese');
  }
  if ((m = new RegExp(`^${Y}年${N}月(?:底|末|份)?$`).exec(s))) {
    const [y, mo] = [cnYear(m[1]!), cnNumber(m[2]!)];
    if (y === null || mo === null) return fail(`“${raw}”不是日期`, `"${raw}" is not a date`);
    return ymd(y, mo, 'end', 'month_end');
  }
  if ((m = new RegExp(`^${Y}年(?:底|末)$`).exec(s))) {
    const y = cnYear(m[1]!);
    if (y === null) return fail(`“${raw}”不是日期`, `"${raw}" is not a date`);
    return ymd(y, 12, 31, 'year_end');
  }
  const noYear = (mo: number | null, d: number | 'end' | null, form: DateForm): Parsed<{ date: string; form: DateForm }> => {
    if (mo === null || d === null) return fail(`“${raw}”不是日期`, `"${raw}" is not a date`);
    if (mo < 1 || mo > 12) return fail(`月份 ${mo} 不存在`, `there is no month ${mo}`);
    const y = ctx.yearFor?.(mo) ?? null;
    if (y === null) return fail(`“${raw}”未写年份，且无法确定行动年度`, `"${raw}" has no year and the campaign year is unknown`);
    return ymd(y, mo, d, form);
  };
  if ((m = new RegExp(`^${N}月${N}[日号]$`).exec(s)) || (m = new RegExp(`^${N}月${N}$`).exec(s))) return noYear(cnNumber(m[1]!), cnNumber(m[2]!), 'no_year');
  if ((m = new RegExp(`^${N}月(?:底|末|份)?$`).exec(s))) return noYear(cnNumber(m[1]!), 'end', 'month_end');
  if ((m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(s))) return noYear(+m[1]!, +m[2]!, 'no_year');
  if (/中旬|上旬|下旬|季度|半年/.test(s)) return fail(`“${raw}”不是具体日期：请写到日，或写“N月底”`, `"${raw}" is not a day: give a date or "end of month N"`);
  return fail(`无法识别的日期“${raw}”（可写 2022/12/31、2022-12-31、2022年12月31日 或 12月底）`, `unrecognised date "${raw}" (write 2022/12/31, 2022-12-31, 2022年12月31日 or 12月底)`);
}

// ---------------------------------------------------------------------------------------------
// 开采方式、矿种: "露天+煤矿" and the ways it is actually written.
// ---------------------------------------------------------------------------------------------

export type MiningMethod = (typeof MINING_METHODS)[number];
/** How each method is written in the ledger: the 附件1 example prints 露天/井工; 地下 is 井工. */
export const methodLedgerLabel: Record<MiningMethod, string> = { open_pit: '露天', underground: '井工', combined: '露天井工联合' };

const METHOD_WORD = /^(露天\/?井工联合|露井联合|联合|露天|井工|地下)(?:开采(?:方式)?)?/;
const METHOD_OF: Record<string, MiningMethod> = { 露天: 'open_pit', 井工: 'underground', 地下: 'underground' };

export interface MethodMineral {
  method: MiningMethod;
  minerals: string[];
  /** "露天+煤矿", minerals joined by 、 */
  canonical: string;
}

/**
 * Splits 开采方式、矿种 into the mining method (露天/井工/地下/联合) and the mineral(s). Separators
 * '+', '、', '，', ',', '/', spaces, semicolons and brackets are all accepted, in either order, and a
 * method glued to its mineral ("露天煤矿", "井工开采煤") is split. Refused: no method, no mineral, the
 * template example copied as is, and 露天 and 井工 together without 联合 (the form asks for one).
 */
export function parseMethodMineral(value: unknown): Parsed<MethodMineral> {
  const raw = cellText(value);
  if (!raw) return fail('未填写开采方式、矿种', 'no mining method and mineral given');
  const s = structured(raw);
  if (/\.\.\.|…/.test(s)) return fail(`“${raw}”照抄了填写示例：请填写实际开采方式和矿种，如“露天+煤矿”`, `"${raw}" copies the template example: write the actual method and mineral, e.g. 露天+煤矿`);
  const methods = new Set<MiningMethod>();
  const minerals: string[] = [];
  // "露天/井工联合" keeps its slash; every other separator splits.
  const tokens = s
    .replace(/露天\/井工联合/g, '露天井工联合')
    .split(/[+、，,/\\;；|()（）[\]【】\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  for (let t of tokens) {
    // Method words at the start ("露天煤矿", "露天井工…") and at the end ("煤矿露天") of a token.
    for (let m = METHOD_WORD.exec(t); m; m = METHOD_WORD.exec(t)) {
      methods.add(m[1]!.includes('联合') ? 'combined' : METHOD_OF[m[1]!]!);
      t = t.slice(m[0].length);
    }
    t = t.replace(/^开采/, '');
    const tail = /(露天|井工|地下)(?:开采)?$/.exec(t);
    if (tail && tail.index > 0) {
      methods.add(METHOD_OF[tail[1]!]!);
      t = t.slice(0, tail.index);
    }
    t = t.replace(/开采$/, '');
    if (!t) continue;
    if (!/^[\u3400-\u9fffA-Za-z]{1,20}$/.test(t)) return fail(`矿种“${t}”无法识别`, `unrecognised mineral "${t}"`);
    if (!minerals.includes(t)) minerals.push(t);
  }
  if (methods.has('open_pit') && methods.has('underground')) {
    return fail(`“${raw}”同时写了露天和井工：请择一填写，两种方式并用的写“联合”`, `"${raw}" names both open-pit and underground: choose one, or write 联合 for combined mining`);
  }
  if (methods.size === 0) return fail(`“${raw}”缺少开采方式（露天/井工）`, `"${raw}" has no mining method (露天/井工)`);
  if (minerals.length === 0) return fail(`“${raw}”缺少矿种`, `"${raw}" names no mineral`);
  const method = methods.has('combined') ? 'combined' : [...methods][0]!;
  return { ok: true, method, minerals, canonical: `${methodLedgerLabel[method]}+${minerals.join('、')}` };
}

// ---------------------------------------------------------------------------------------------
// 整改责任人及联系方式: "张三 副旗长 13912345678", "张三（副局长）0477-5123456", two people in one cell.
// ---------------------------------------------------------------------------------------------

export interface Phone {
  kind: 'mobile' | 'landline';
  /** Mobile: 11 digits; landline: "区号-号码" with an optional "-分机". */
  number: string;
}
export interface ResponsiblePerson {
  name: string;
  /** Whatever else was written about the person (position), as written. */
  position: string;
  phones: Phone[];
}

const MOBILE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(?:\((0\d{2,3})\)|(0\d{2,3}))[- ]?(\d{7,8})(?:(?:转|-|ext\.?|x)(\d{1,6}))?(?!\d)/g;
const NAME = /^(?:[\u3400-\u9fff]{2,4}|[\u3400-\u9fff]{1,10}·[\u3400-\u9fff]{1,10})$/;
const POSITION_HEAD = /^(?:常务副|副|党委|党组|党工委|总|正|局长|主任|书记|科长|股长|所长|队长|站长|经理|部长|组长|委员|镇长|乡长|苏木达|旗长|县长|区长|市长|干部|调研员|负责人|董事长|矿长|专员|主席)/;

const isPosition = (t: string) => POSITION_HEAD.test(t);

/** Splits one person's text into name and position. */
function splitNamePosition(text: string): { name: string; position: string } | null {
  const raw = text
    .replace(/[()（）[\]【】]/g, ' ')
    .split(/[\s,，、;；/|:：]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  // Alignment spaces inside a name ("张 三", "王 小 平"): a single character joins the name before it.
  const parts: string[] = [];
  raw.forEach((p, i) => {
    const joined = parts.length === 1 && raw[i - 1]!.length === 1 ? parts[0]! + p : null;
    if (joined !== null && NAME.test(joined)) parts[0] = joined;
    else parts.push(p);
  });
  if (parts.length === 0) return null;
  const first = parts[0]!;
  if (NAME.test(first) && !isPosition(first)) return { name: first, position: parts.slice(1).join(' ') };
  // "张三副局长": a name glued to its position.
  for (let i = 2; i <= Math.min(4, first.length - 1); i++) {
    const name = first.slice(0, i);
    if (NAME.test(name) && isPosition(first.slice(i))) return { name, position: [first.slice(i), ...parts.slice(1)].join(' ') };
  }
  // "副局长 张三": the position first.
  const last = parts[parts.length - 1]!;
  if (parts.length > 1 && NAME.test(last) && !isPosition(last)) return { name: last, position: parts.slice(0, -1).join(' ') };
  return null;
}

/**
 * Splits 整改责任人及联系方式 into people with their phones: mobiles 1[3-9]x (11 digits, with or
 * without +86, dashes or spaces), landlines with an area code (0xx/0xxx, brackets or a dash, optional
 * extension). Several people in one cell are split at their phone numbers. Labels such as "电话："
 * are dropped. Refused: no recognisable name, digits that are no phone number.
 */
export function splitPersonContact(value: unknown): Parsed<{ persons: ResponsiblePerson[] }> {
  const raw = cellText(value, false, true);
  if (!raw) return fail('未填写整改责任人及联系方式', 'no responsible person given');
  let s = structured(raw).replace(/(?:联系)?(?:电话号码|电话|手机号码|手机号|手机|座机|联系方式|tel|phone)\s*[:：]?/gi, ' ');
  const found: { at: number; end: number; phone: Phone }[] = [];
  const mask = (m: string) => ' '.repeat(m.length);
  s = s.replace(MOBILE, (m: string, a: string, b: string, c: string, at: number) => {
    found.push({ at, end: at + m.length, phone: { kind: 'mobile', number: `${a}${b}${c}` } });
    return mask(m);
  });
  s = s.replace(LANDLINE, (m: string, bracketed: string | undefined, area: string | undefined, num: string, ext: string | undefined, at: number) => {
    found.push({ at, end: at + m.length, phone: { kind: 'landline', number: `${bracketed ?? area}-${num}${ext ? `-${ext}` : ''}` } });
    return mask(m);
  });
  const stray = /\d[\d -]{3,}\d|\d{4,}/.exec(s);
  if (stray) return fail(`“${stray[0].trim()}”不是有效的电话号码（手机 11 位，座机须带区号）`, `"${stray[0].trim()}" is not a phone number (mobiles have 11 digits, landlines an area code)`);
  found.sort((a, b) => a.at - b.at);
  const trim = (t: string) => t.replace(/^[\s,，、;；/|]+|[\s,，、;；/|]+$/g, '');
  // Text pieces around the phones: pieces[k] lies before phone k, pieces[n] after the last.
  const pieces: string[] = [];
  let cursor = 0;
  for (const f of found) {
    pieces.push(trim(s.slice(cursor, f.at)));
    cursor = f.end;
  }
  pieces.push(trim(s.slice(cursor)));
  const groups: { text: string; phones: Phone[] }[] = [];
  if (found.length === 0) {
    // No phone: possibly several names ("张三、李四").
    for (const t of pieces[0]!.split(/[、,，;；]/).map(trim).filter(Boolean)) groups.push({ text: t, phones: [] });
  } else if (pieces[0] === '') {
    // Phone first: each phone belongs to the text after it.
    found.forEach((f, k) => groups.push({ text: pieces[k + 1]!, phones: [f.phone] }));
    for (let k = groups.length - 1; k > 0; k--) {
      if (groups[k]!.text === '') {
        groups[k - 1]!.phones.push(...groups[k]!.phones);
        groups.splice(k, 1);
      }
    }
  } else {
    // Name first: each phone belongs to the text before it; a phone right after another joins it.
    found.forEach((f, k) => {
      if (pieces[k] !== '' || groups.length === 0) groups.push({ text: pieces[k]!, phones: [f.phone] });
      else groups[groups.length - 1]!.phones.push(f.phone);
    });
    const tail = pieces[found.length]!;
    if (tail) {
      const first = tail.split(/[\s,，、;；/|()（）]+/).find(Boolean) ?? '';
      if (POSITION_HEAD.test(first) || !NAME.test(first)) groups[groups.length - 1]!.text += ` ${tail}`;
      else groups.push({ text: tail, phones: [] });
    }
  }
  if (groups.length === 0) return fail('未写整改责任人姓名', 'no name given');
  const persons: ResponsiblePerson[] = [];
  for (const g of groups) {
    const np = g.text ? splitNamePosition(g.text) : null;
    if (!np) return fail(`无法从“${g.text || raw}”识别整改责任人姓名`, `no person's name found in "${g.text || raw}"`);
    persons.push({ ...np, phones: g.phones });
  }
  return { ok: true, persons };
}

// ---------------------------------------------------------------------------------------------
// 问题类型 against the campaign taxonomy.
// ---------------------------------------------------------------------------------------------

export type TypeMatch = { ok: true; type: ProblemType } | { ok: false; message: string; messageEn: string; candidates: ProblemType[] };

/**
 * Finds the taxonomy type an official's wording means: after `matchKey` (and dropping a trailing
 * "问题"/"等"), the cell equals or contains a type's name or alias. Matches inside a longer match of
 * another type are ignored ("到期未复垦" inside "到期未复垦/未还地"); two different types left means
 * the row lists two problems, which a ledger row may not.
 */
export function matchProblemType(campaign: Campaign, value: unknown): TypeMatch {
  const raw = cellText(value);
  const examples = campaign.rules.typeBasis ? `（${campaign.rules.typeBasis}）` : '';
  if (!raw) return { ok: false, message: `未填写问题类型${examples}`, messageEn: 'no problem type given', candidates: [] };
  const typeKey = (t: string) => matchKey(t).replace(/(?:等)?(?:的)?(?:问题|情况|行为)?(?:等)?$/, '');
  const key = typeKey(raw);
  const spans: { type: ProblemType; start: number; end: number }[] = [];
  for (const type of campaign.taxonomy) {
    for (const word of [type.name, ...type.aliases]) {
      const w = typeKey(word);
      if (w.length < 2) continue;
      if (key === w) return { ok: true, type };
      let at = key.indexOf(w);
      while (at >= 0) {
        spans.push({ type, start: at, end: at + w.length });
        at = key.indexOf(w, at + 1);
      }
    }
  }
  const kept = spans.filter((a) => !spans.some((b) => b.type !== a.type && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start));
  const types = [...new Set(kept.map((k) => k.type))];
  if (types.length === 1) return { ok: true, type: types[0]! };
  if (types.length > 1) {
    return {
      ok: false,
      message: `“${raw}”包含多个问题类型（${types.map((t) => t.name).join('、')}）：每行只填写一个问题`,
      messageEn: `"${raw}" names several problem types (${types.map((t) => t.code).join(', ')}): one problem per row`,
      candidates: types,
    };
  }
  return {
    ok: false,
    message: `问题类型“${raw}”不在本行动的问题类型目录中${examples}`,
    messageEn: `"${raw}" is not a problem type of this campaign`,
    candidates: [],
  };
}

// ---------------------------------------------------------------------------------------------
// The sheet: header, work-group line, rows.
// ---------------------------------------------------------------------------------------------

const headerKey = (s: string) => matchKey(s).replace(/[()（）]/g, '');

export interface HeaderMap {
  /** Column header as printed in the template → 0-based index in the row. */
  index: Record<string, number>;
  errors: CellError[];
}

/**
 * Maps a header row to the template's columns, tolerating line breaks, spaces, full-width brackets
 * ("行政区域（苏木镇）", "完成\n整改时限"). Every template column must be there once.
 */
export function mapHeader(template: LedgerTemplate, cells: readonly unknown[], row: number): HeaderMap {
  const index: Record<string, number> = {};
  const errors: CellError[] = [];
  const wanted = new Map(template.columns.map((c) => [headerKey(c), c]));
  cells.forEach((cell, i) => {
    const col = wanted.get(headerKey(cellText(cell)));
    if (!col) return;
    if (col in index) errors.push({ row, column: col, message: `表头“${col}”出现两次`, messageEn: `header "${col}" appears twice` });
    else index[col] = i;
  });
  for (const col of template.columns) {
    if (!(col in index)) errors.push({ row, column: col, message: `缺少表头“${col}”`, messageEn: `header "${col}" is missing` });
  }
  return { index, errors };
}

/** The row (0-based) holding the header: the first with at least two thirds of the template's columns. */
export function findHeaderRow(template: LedgerTemplate, rows: readonly (readonly unknown[])[]): number | null {
  const keys = new Set(template.columns.map(headerKey));
  const need = Math.ceil((template.columns.length * 2) / 3);
  const at = rows.findIndex((r) => r.filter((c) => keys.has(headerKey(cellText(c)))).length >= need);
  return at < 0 ? null : at;
}

/**
 * "排查工作组：露天矿山临时用地及违法违规开采专项工作组" → the campaign work group. Officials write the
 * group as 附件2 names it ("…专项工作组") while the plan names it "…排查整治工作组", so the match is
 * the longest common beginning (at least 4 characters), which must be unique.
 */
export function matchWorkGroup(campaign: Campaign, template: LedgerTemplate, value: unknown): Parsed<{ key: string; name: string }> {
  const raw = cellText(value);
  const label = matchKey(template.groupLabel).replace(/[:：]$/, '');
  const text = matchKey(raw).replace(new RegExp(`^${label}[:：]?`), '');
  if (!text) return fail('未填写排查工作组', 'no work group given');
  let best: { key: string; name: string; score: number }[] = [];
  for (const g of campaign.workGroups) {
    const name = matchKey(g.name);
    let n = 0;
    while (n < name.length && n < text.length && name[n] === text[n]) n++;
    if (n < 4) continue;
    if (!best.length || n > best[0]!.score) best = [{ key: g.key, name: g.name, score: n }];
    else if (n === best[0]!.score) best.push({ key: g.key, name: g.name, score: n });
  }
  if (best.length === 1) return { ok: true, key: best[0]!.key, name: best[0]!.name };
  if (best.length > 1) return fail(`排查工作组“${raw}”可能是 ${best.map((b) => b.name).join('、')}`, `work group "${raw}" is ambiguous`);
  return fail(`排查工作组“${raw}”不是本行动的工作组（${campaign.workGroups.map((g) => g.name).join('、')}）`, `"${raw}" is not a work group of this campaign`);
}

export interface LedgerRowContext {
  /** 行政区域(苏木镇) → region code, or null when unknown. Omitted: the name is only checked present. */
  resolveTownship?: (name: string) => string | null;
  /**
   * The rank on the person record of this name (and written position) in the campaign region: a
   * rank, null when the record has none, undefined when there is no such person.
   */
  rankOf?: (name: string, position: string) => Rank | null | undefined;
  /** The day the rows are imported (found on); a deadline before it is refused. */
  today?: string;
}

export interface LedgerRowValue {
  row: number;
  seq: number | null;
  enterprise: string;
  township: string;
  regionCode: string | null;
  method: MiningMethod | null;
  minerals: string[];
  methodMineral: string;
  typeCode: string;
  typeName: string;
  description: string;
  measures: string;
  deadline: string;
  persons: ResponsiblePerson[];
}

export type RowResult = { row: number; value: LedgerRowValue | null; errors: CellError[] };

/** A row with nothing in it (skipped). */
export const isBlankRow = (cells: readonly unknown[]) => cells.every((c) => cellText(c) === '');
/** The notes printed under the table ("注：1. …", "2. 问题类型须…"): the end of the data. */
export const isNotesRow = (cells: readonly unknown[]) => /^注\s*[:：]/.test(cellText(cells.find((c) => cellText(c) !== '')));

/**
 * Validates one data row of 附件1 against the campaign's rules: every column present and well
 * formed, 开采方式 "方式+矿种", the problem type from the taxonomy, the deadline a real day not after the
 * limit (the type's or the campaign's), the responsible person named with a phone and of at least the
 * campaign's rank. All errors of the row are returned, not just the first.
 */
export function validateLedgerRow(campaign: Campaign, template: LedgerTemplate, header: HeaderMap, cells: readonly unknown[], row: number, ctx: LedgerRowContext = {}): RowResult {
  const errors: CellError[] = [];
  const [SEQ, ENTERPRISE, TOWNSHIP, METHOD, TYPE, FOUND, MEASURES, DEADLINE, PERSON] = template.columns as unknown as string[];
  const at = (col: string | undefined) => (col !== undefined && header.index[col] !== undefined ? cells[header.index[col]!] : undefined);
  const err = (column: string, message: string, messageEn: string) => errors.push({ row, column, message, messageEn });
  const required = (col: string, keepLines = false) => {
    const v = cellText(at(col), keepLines);
    if (!v) err(col, `“${col}”未填写`, `"${col}" is empty`);
    return v;
  };

  let seq: number | null = null;
  const seqText = structured(cellText(at(SEQ)));
  if (seqText) {
    if (/^\d{1,6}$/.test(seqText) && Number(seqText) > 0) seq = Number(seqText);
    else err(SEQ!, `序号“${seqText}”应为正整数`, `sequence number "${seqText}" should be a positive whole number`);
  }
  const enterprise = required(ENTERPRISE!);
  const township = required(TOWNSHIP!).replace(/人民政府$/, '');
  let regionCode: string | null = null;
  if (township && ctx.resolveTownship) {
    regionCode = ctx.resolveTownship(township);
    if (regionCode === null) err(TOWNSHIP!, `行政区域“${township}”不是本行动范围内的苏木（乡镇）`, `"${township}" is not a township in the campaign region`);
  }

  let method: MiningMethod | null = null;
  let minerals: string[] = [];
  let methodMineral = cellText(at(METHOD));
  if (methodMineral || campaign.rules.methodFormat) {
    const mm = parseMethodMineral(at(METHOD));
    if (mm.ok) {
      method = mm.method;
      minerals = mm.minerals;
      methodMineral = mm.canonical;
    } else {
      const hint = campaign.rules.methodFormat ? `（${campaign.rules.methodFormat.printed}）` : '';
      err(METHOD!, `${mm.message}${hint}`, mm.messageEn);
    }
  }

  let typeCode = '';
  let typeName = '';
  const tm = matchProblemType(campaign, at(TYPE));
  if (tm.ok) {
    typeCode = tm.type.code;
    typeName = tm.type.name;
  } else err(TYPE!, tm.message, tm.messageEn);

  const description = required(FOUND!, true);
  const measures = required(MEASURES!, true);

  let deadline = '';
  const d = parseLedgerDate(at(DEADLINE), campaignDateContext(campaign));
  if (!d.ok) err(DEADLINE!, d.message, d.messageEn);
  else {
    deadline = d.date;
    const limit = deadlineLimitFor(campaign, typeCode || null);
    if (limit && deadline > limit.limit) {
      err(DEADLINE!, `完成整改时限 ${deadline} 晚于 ${limit.limit}（${limit.basis}）`, `deadline ${deadline} is after the limit ${limit.limit}`);
    }
    if (ctx.today && deadline < ctx.today) err(DEADLINE!, `完成整改时限 ${deadline} 已早于今天（${ctx.today}）`, `deadline ${deadline} is already past (${ctx.today})`);
  }

  let persons: ResponsiblePerson[] = [];
  const pc = splitPersonContact(at(PERSON));
  if (!pc.ok) err(PERSON!, pc.message, pc.messageEn);
  else {
    persons = pc.persons;
    if (campaign.rules.singleResponsiblePerson && persons.length > 1) {
      err(PERSON!, `一矿一责任人：只能填写一名整改责任人（填了 ${persons.length} 名）`, `one responsible person per mine (${persons.length} given)`);
    }
    if (campaign.rules.requireResponsibleContact) {
      for (const p of persons) if (p.phones.length === 0) err(PERSON!, `整改责任人${p.name}未留联系电话`, `no phone number for ${p.name}`);
    }
    const min = campaign.rules.minResponsibleRank;
    if (min && ctx.rankOf) {
      for (const p of persons) {
        const rank = ctx.rankOf(p.name, p.position);
        if (rank === undefined) err(PERSON!, `人员库中没有整改责任人${p.name}，无法核验职级（${campaign.rules.rankBasis}）`, `${p.name} is not in the people records; the rank cannot be checked`);
        else if (rank === null) err(PERSON!, `整改责任人${p.name}未登记职级，无法核验是否${rankLabel[min].zh}以上`, `${p.name} has no rank on record`);
        else if (!rankAtLeast(rank, min)) {
          err(PERSON!, `整改责任人${p.name}为${rankLabel[rank].zh}，低于${rankLabel[min].zh}（${campaign.rules.rankBasis}）`, `${p.name} is ${rank}, below ${min}`);
        }
      }
    }
  }

  if (errors.length > 0) return { row, value: null, errors };
  return {
    row,
    errors,
    value: { row, seq, enterprise, township, regionCode, method, minerals, methodMineral, typeCode, typeName, description, measures, deadline, persons },
  };
}

export interface SheetResult {
  workGroupKey: string | null;
  rows: LedgerRowValue[];
  errors: CellError[];
  /** Data rows read (blank rows not counted). */
  rowCount: number;
}

/**
 * One worksheet of 附件1: optional title, the "排查工作组：" line above the header, the header, data rows
 * until the notes. `rows` are the cell values, row 0 = spreadsheet row 1. The import is all-or-nothing
 * upstream: a sheet with any error yields its errors and no rows are stored.
 */
export function readLedgerSheet(campaign: Campaign, rows: readonly (readonly unknown[])[], ctx: LedgerRowContext = {}): SheetResult {
  const template = campaign.templates.ledger;
  if (!template) {
    return { workGroupKey: null, rows: [], rowCount: 0, errors: [{ row: 1, column: '', message: '本行动没有台账模板', messageEn: 'this campaign has no ledger template' }] };
  }
  const headerAt = findHeaderRow(template, rows);
  if (headerAt === null) {
    return { workGroupKey: null, rows: [], rowCount: 0, errors: [{ row: 1, column: '', message: `找不到表头（${template.columns.join(' | ')}）`, messageEn: 'no header row found' }] };
  }
  const errors: CellError[] = [];
  const header = mapHeader(template, rows[headerAt]!, headerAt + 1);
  errors.push(...header.errors);

  let workGroupKey: string | null = null;
  const label = matchKey(template.groupLabel).replace(/[:：]$/, '');
  const groupRow = rows.slice(0, headerAt).findIndex((r) => r.some((c) => matchKey(cellText(c)).startsWith(label)));
  if (campaign.workGroups.length > 0) {
    if (groupRow < 0) errors.push({ row: headerAt, column: template.groupLabel, message: `表头上方缺少“${template.groupLabel}”行`, messageEn: 'the work-group line above the header is missing' });
    else {
      const cell = rows[groupRow]!.map((c) => cellText(c)).filter(Boolean).join('');
      const g = matchWorkGroup(campaign, template, cell);
      if (g.ok) workGroupKey = g.key;
      else errors.push({ row: groupRow + 1, column: template.groupLabel, message: g.message, messageEn: g.messageEn });
    }
  }

  const out: LedgerRowValue[] = [];
  let rowCount = 0;
  if (header.errors.length === 0) {
    for (let i = headerAt + 1; i < rows.length; i++) {
      const cells = rows[i]!;
      if (isBlankRow(cells)) continue;
      if (isNotesRow(cells)) break;
      rowCount++;
      const r = validateLedgerRow(campaign, template, header, cells, i + 1, ctx);
      errors.push(...r.errors);
      if (r.value) out.push(r.value);
    }
  }
  return { workGroupKey, rows: errors.length ? [] : out, errors, rowCount };
}
