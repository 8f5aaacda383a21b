import { describe, expect, it } from 'vitest';
import { mapPatchHeaders, matchPatchHeader, parseCoordinate, parseCoordinatePair, parseDeclaredArea, parsePatchDate } from './patches.js';

describe('patch header mapping (图斑 tables as delivered)', () => {
  it('recognises Chinese headers, pinyin initials and English, full-width brackets and units', () => {
    const cases: [string, ReturnType<typeof matchPatchHeader>][] = [
      ['图斑编号', { field: 'code' }],
      ['TBBH', { field: 'code' }],
      ['patch_code', { field: 'code' }],
      ['XZQDM', { field: 'regionCode' }],
      ['行政区划代码', { field: 'regionCode' }],
      ['QSX', { field: 'beforeDate' }],
      ['前时相（yyyymmdd）', { field: 'beforeDate' }],
      ['HSX', { field: 'afterDate' }],
      ['后 时 相', { field: 'afterDate' }],
      ['面积（亩）', { field: 'area', unit: 'mu' }],
      ['面积/公顷', { field: 'area', unit: 'ha' }],
      ['MJ_M2', { field: 'area', unit: 'm2' }],
      ['面积㎡', { field: 'area', unit: 'm2' }],
      ['MJ', { field: 'area' }],
      ['ZXZB', { field: 'center' }],
      ['中心点X', { field: 'centerX' }],
      ['中心点 Y', { field: 'centerY' }],
      ['经度', { field: 'centerX' }],
      ['WKT', { field: 'wkt' }],
      ['变化类型', null],
      ['Shape_Area', null],
    ];
    for (const [h, want] of cases) expect(matchPatchHeader(h), h).toEqual(want);
  });

  it('names duplicate and missing columns', () => {
    expect(mapPatchHeaders(['TBBH', '图斑编号']).problems).toEqual(['columns "TBBH" and "图斑编号" both read as 图斑编号 (code): rename or remove one']);
    expect(mapPatchHeaders(['名称']).problems[0]).toMatch(/no 图斑编号 column/);
    expect(mapPatchHeaders(['图斑编号', '中心点X']).problems[0]).toMatch(/without a Y \/ latitude column/);
    const ok = mapPatchHeaders(['序号', '图斑编号', '面积(亩)', '备注']);
    expect(ok).toEqual({ fields: { code: 1, area: 2 }, areaUnit: 'mu', other: [{ index: 0, header: '序号' }, { index: 3, header: '备注' }], problems: [] });
  });
});

describe('patch values', () => {
  it('reads image dates as tables write them', () => {
    const ok = (v: unknown) => {
      const r = parsePatchDate(v);
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    expect(ok('2023-05-01')).toBe('2023-05-01');
    expect(ok('2023/5/1')).toBe('2023-05-01');
    expect(ok('2023.05.01')).toBe('2023-05-01');
    expect(ok('2023年5月1日')).toBe('2023-05-01');
    expect(ok(20230501)).toBe('2023-05-01');
    expect(ok('202305')).toBe('2023-05-01');
    expect(ok('2023年5月')).toBe('2023-05-01');
    expect(ok(new Date(Date.UTC(2023, 4, 1)))).toBe('2023-05-01');
    expect(ok(45047)).toBe('2023-05-01'); // Excel serial day
    expect(ok('２０２３－０５－０１')).toBe('2023-05-01'); // full-width digits
    expect(parsePatchDate('2023-02-30')).toEqual({ ok: false, error: '2023-02-30 is not a calendar date' });
    expect(parsePatchDate('1960-01-01')).toEqual({ ok: false, error: 'year 1960 is outside 1972–2100 (the satellite-imagery era)' });
    expect(parsePatchDate('next spring').ok).toBe(false);
  });

  it('keeps 面积 as given with its unit, never guessing one', () => {
    expect(parseDeclaredArea(12.5, 'mu')).toEqual({ ok: true, value: { value: 12.5, unit: 'mu' } });
    expect(parseDeclaredArea('8,333.5 平方米', 'mu')).toEqual({ ok: true, value: { value: 8333.5, unit: 'm2' } });
    expect(parseDeclaredArea('0.8公顷', undefined)).toEqual({ ok: true, value: { value: 0.8, unit: 'ha' } });
    expect(parseDeclaredArea(3, undefined)).toMatchObject({ ok: false, error: expect.stringMatching(/unit is unknown/) });
    expect(parseDeclaredArea('-1', 'mu')).toEqual({ ok: false, error: '-1 is negative' });
  });

  it('reads coordinates in decimal degrees and degrees–minutes–seconds', () => {
    expect(parseCoordinate('111°33′00″E')).toEqual({ ok: true, value: 111.55 });
    expect(parseCoordinate('38度45分36秒')).toEqual({ ok: true, value: 38.76 });
    expect(parseCoordinate("38°45'36\"")).toEqual({ ok: true, value: 38.76 });
    expect(parseCoordinate('38°61′')).toMatchObject({ ok: false });
    expect(parseCoordinatePair('POINT (111.5 38.7)')).toEqual({ ok: true, value: [111.5, 38.7] });
    expect(parseCoordinatePair('111.5，38.7')).toEqual({ ok: true, value: [111.5, 38.7] });
    expect(parseCoordinatePair('111.5')).toMatchObject({ ok: false });
  });
});
