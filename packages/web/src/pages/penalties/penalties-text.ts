import { useCallback } from 'react';
import { useI18n } from '../../i18n';

/** UI text of the penalty panel (L6), Chinese first with English (kept with the chunk). */
const TEXT = {
  'title': { zh: '处罚与惩戒措施', en: 'Penalties and measures' },
  'back': { zh: '返回问题', en: 'Back to the problem' },
  'clock': { zh: '按日连续处罚计时', en: 'Daily-penalty clock' },
  'clockRunning': { zh: '自 {from} 次日起计，已持续 {days} 天（{rule}）', en: 'Counting from the day after {from}: {days} days so far ({rule})' },
  'clockStopped': { zh: '{on} 停止（{reason}），共 {days} 天', en: 'Stopped {on} ({reason}) after {days} days' },
  'clockNoDecision': { zh: '尚未录入按日连续处罚决定', en: 'No daily-fine decision recorded yet' },
  'reason.corrected': { zh: '复查认定整改到位', en: 'found corrected' },
  'reason.closed': { zh: '已销号', en: 'closed' },
  'reason.voided': { zh: '已作废', en: 'voided' },
  'reason.deadline_moved': { zh: '整改时限已调整', en: 'deadline moved' },
  'totals': { zh: '罚款 {fines} 元；按日计罚 {daily} 元；第三方修复费用 {cost} 元，已追偿 {recovered} 元，待追偿 {outstanding} 元；生效中的暂停措施 {suspensions} 项', en: 'Fines ¥{fines}; daily fines ¥{daily}; restoration ¥{cost}, recovered ¥{recovered}, outstanding ¥{outstanding}; suspensions in force: {suspensions}' },
  'none': { zh: '尚无处罚记录', en: 'Nothing recorded yet' },
  'rules': { zh: '本行动对该类问题规定的措施', en: 'Measures the campaign provides for this type' },
  'noRules': { zh: '本行动对该类问题没有规定处罚措施', en: 'The campaign provides no measures for this type' },
  'add': { zh: '录入措施', en: 'Record a measure' },
  'kind': { zh: '措施', en: 'Measure' },
  'decisionNo': { zh: '决定书文号', en: 'Decision no.' },
  'decidedOn': { zh: '决定日期', en: 'Decided on' },
  'amount': { zh: '罚款金额（元）', en: 'Amount (¥)' },
  'dailyAmount': { zh: '每日罚款金额（元，即原处罚数额）', en: 'Per day (¥, the original fine)' },
  'countFrom': { zh: '计罚起算（整改期限，次日起计）', en: 'Count from (the missed deadline; days start the next day)' },
  'recordedOn': { zh: '录入日期', en: 'Recorded on' },
  'platforms': { zh: '信用平台', en: 'Credit platforms' },
  'removedOn': { zh: '移出日期', en: 'Removed on' },
  'listLevel': { zh: '名录级别', en: 'List level' },
  'national': { zh: '国家级', en: 'National' },
  'provincial': { zh: '省级', en: 'Provincial' },
  'commissionedBy': { zh: '委托单位（县区政府）', en: 'Commissioned by' },
  'contractor': { zh: '修复单位', en: 'Contractor' },
  'commissionedOn': { zh: '委托日期', en: 'Commissioned on' },
  'cost': { zh: '修复费用（元）', en: 'Cost (¥)' },
  'recovered': { zh: '已追偿（元）', en: 'Recovered (¥)' },
  'caseNo': { zh: '案号', en: 'Case no.' },
  'filedOn': { zh: '立案日期', en: 'Filed on' },
  'referredOn': { zh: '移送日期', en: 'Referred on' },
  'to': { zh: '移送机关', en: 'Referred to' },
  'listedOn': { zh: '挂牌日期', en: 'Listed on' },
  'by': { zh: '督办机关', en: 'Listed by' },
  'liftedOn': { zh: '解除日期', en: 'Lifted on' },
  'note': { zh: '备注', en: 'Note' },
  'required': { zh: '必填', en: 'Required' },
  'save': { zh: '保存', en: 'Save' },
  'saved': { zh: '已保存', en: 'Saved' },
  'daily': { zh: '已计罚 {days} 天，{total} 元{state}', en: '{days} days counted, ¥{total}{state}' },
  'ongoing': { zh: '（违法行为持续）', en: ' (continuing)' },
  'correctedOn': { zh: '（{on} 复查整改到位，计罚终止）', en: ' (found corrected {on}; count ended)' },
  'recheck': { zh: '复查', en: 'Recheck' },
  'recheckOn': { zh: '复查日期', en: 'Recheck on' },
  'continuing': { zh: '违法行为仍在持续', en: 'Violation continuing' },
  'corrected': { zh: '已整改到位', en: 'Corrected' },
  'lift': { zh: '解除', en: 'Lift' },
  'recover': { zh: '记录追偿', en: 'Record recovery' },
  'lifted': { zh: '已于 {on} 解除', en: 'Lifted {on}' },
  'inForce': { zh: '生效中', en: 'In force' },
} as const;

export type PenaltiesT = (key: keyof typeof TEXT, vars?: Record<string, string | number>) => string;

export function usePenaltiesText(): PenaltiesT {
  const { lang } = useI18n();
  return useCallback(
    (key, vars) => {
      let s: string = TEXT[key][lang];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [lang],
  );
}

/** Fen as yuan with two decimals and grouping (money is kept in fen: exact integers). */
export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
