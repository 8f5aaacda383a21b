import ExcelJS from 'exceljs';

/**
 * A 002 附件1 workbook as officials fill it, for the ledger browser test: a merged title, the
 * "排查工作组：" line, a header with full-width brackets and a line break, blank rows, dates written
 * three ways (Chinese text, a real Excel date, "12月底"), method and mineral with stray spaces and a
 * full-width plus, person, position and phone in one cell, and the notes under the table.
 * `broken` leaves two rows wrong (a method without 露天/井工 and a deadline after 2022-12-31, and a
 * phone missing) so the preview has something to flag; without it the same rows are correct.
 */

export const ANNEX1_TITLE = '达拉特旗矿山以案促改专项行动摸排情况表';
export const ANNEX1_GROUP = '矿山违法违规侵占林草资源专项工作组';
export const ANNEX1_HEADER = ['序号', '矿山企业', '行政区域（苏木镇）', '开采方式、矿种', '问题类型', '排查发现问题', '整改措施', '完成\n整改时限', '整改责任人及联系方式'];

export interface Annex1Row {
  enterprise: string;
  township: string;
  method: string;
  type: string;
  found: string;
  measures: string;
  deadline: string | Date;
  responsible: string;
}

/**
 * What each row must read as once imported, as the ledger export writes it back: the method in the
 * form's "方式+矿种", dates as days, and the responsible cell as "name position phone".
 */
export interface ExpectedRow {
  enterprise: string;
  township: string;
  method: string;
  type: string;
  found: string;
  measures: string;
  deadline: string;
  responsible: string;
}

export function annex1Rows(broken: boolean): { rows: Annex1Row[]; expected: ExpectedRow[] } {
  const rows: Annex1Row[] = [
    {
      enterprise: '达拉特旗E2E甲煤矿',
      township: '白泥井镇',
      method: ' 露天 ＋ 煤矿 ',
      type: '违法违规侵占林地/草原',
      found: '排土场越界压占林地约 12 亩',
      measures: '清理压占物料，恢复植被',
      deadline: '2022年12月31日',
      responsible: '刘锦旺  林业和草原局局长  13904771234',
    },
    {
      enterprise: '达拉特旗E2E乙煤矿',
      township: '白泥井镇',
      method: broken ? '煤矿' : '露天+煤矿',
      type: '违法违规侵占林地/草原',
      found: '矿区道路未批先占草原',
      measures: '办理草原征占用手续，补缴植被恢复费',
      deadline: broken ? '2023/3/31' : '12月底',
      responsible: broken ? '刘锦旺 林业和草原局局长' : '刘锦旺 林业和草原局局长 13904771235',
    },
    {
      enterprise: '达拉特旗E2E丙煤矿',
      township: '白泥井镇',
      method: '井工+煤矿',
      type: '违法违规侵占林地/草原',
      found: '风井场地占用林地未办理手续',
      measures: '补办使用林地手续，恢复临时占地',
      deadline: new Date(Date.UTC(2022, 10, 30)),
      responsible: '刘锦旺（林业和草原局局长）0477-5123456',
    },
  ];
  const expected: ExpectedRow[] = [
    { enterprise: rows[0]!.enterprise, township: '白泥井镇', method: '露天+煤矿', type: '违法违规侵占林地/草原', found: rows[0]!.found, measures: rows[0]!.measures, deadline: '2022-12-31', responsible: '刘锦旺 林业和草原局局长 13904771234' },
    { enterprise: rows[1]!.enterprise, township: '白泥井镇', method: '露天+煤矿', type: '违法违规侵占林地/草原', found: rows[1]!.found, measures: rows[1]!.measures, deadline: '2022-12-31', responsible: '刘锦旺 林业和草原局局长 13904771235' },
    { enterprise: rows[2]!.enterprise, township: '白泥井镇', method: '井工+煤矿', type: '违法违规侵占林地/草原', found: rows[2]!.found, measures: rows[2]!.measures, deadline: '2022-11-30', responsible: '刘锦旺 林业和草原局局长 0477-5123456' },
  ];
  return { rows, expected };
}

export async function annex1Workbook(broken: boolean): Promise<Buffer> {
  const { rows } = annex1Rows(broken);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('林草组');
  ws.getCell('A1').value = ANNEX1_TITLE;
  ws.mergeCells('A1:I1');
  ws.getCell('A2').value = `排查工作组：${ANNEX1_GROUP}`;
  ws.mergeCells('A2:I2');
  ws.getRow(3).values = ANNEX1_HEADER;
  let r = 4;
  rows.forEach((row, i) => {
    ws.getRow(r).values = [i + 1, row.enterprise, row.township, row.method, row.type, row.found, row.measures, row.deadline, row.responsible];
    if (row.deadline instanceof Date) ws.getCell(r, 8).numFmt = 'yyyy/m/d';
    r++;
    if (i === 0) r++; // a blank row between the first two problems
  });
  r++;
  ws.getCell(r, 1).value = '注：1. 开采方式须填写规范，如“露天/井工+煤矿/石灰石/...”';
  ws.mergeCells(r, 1, r, 9);
  ws.getCell(r + 1, 1).value = '2. 整改时限不得超过 2022 年 12 月 31 日';
  ws.mergeCells(r + 1, 1, r + 1, 9);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
