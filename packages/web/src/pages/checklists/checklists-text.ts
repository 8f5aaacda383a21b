import { useCallback } from 'react';
import { useI18n } from '../../i18n';

/** UI text of the 004 inspection-checklist screens, Chinese first with English (kept with the chunk). */
const TEXT = {
  'title': { zh: '检查表', en: 'Inspection checklists' },
  'add': { zh: '填写检查表', en: 'Fill in a checklist' },
  'newTitle': { zh: '填写检查表', en: 'Fill in the checklist' },
  'empty': { zh: '本区域还没有提交检查表', en: 'No checklists submitted in this region' },
  'col.inspectedOn': { zh: '检查日期', en: 'Inspected on' },
  'col.subject': { zh: '检查对象', en: 'Subject' },
  'col.region': { zh: '区域', en: 'Region' },
  'col.campaign': { zh: '专项行动', en: 'Campaign' },
  'col.failed': { zh: '发现问题', en: 'Failed items' },
  'col.open': { zh: '待转问题', en: 'Open findings' },
  'col.inspectors': { zh: '检查人员', en: 'Inspectors' },
  'county': { zh: '{region}党委、政府（七要）', en: '{region} party committee and government (item 7)' },
  'form.campaign': { zh: '专项行动', en: 'Campaign' },
  'form.campaignRequired': { zh: '请选择专项行动', en: 'Choose the campaign' },
  'form.noChecklist': { zh: '该行动没有检查表，请选择使用检查表的行动（如中卫市矿产资源开采突出问题治理整顿）', en: 'This campaign has no checklist; choose one that uses it' },
  'form.subject': { zh: '检查对象', en: 'Subject' },
  'form.subjectMine': { zh: '矿山（一要至六要）', en: 'A mine (items 1–6)' },
  'form.subjectCounty': { zh: '县（区）党委、政府（七要）', en: 'The county (item 7)' },
  'form.site': { zh: '矿山', en: 'Mine' },
  'form.siteRequired': { zh: '请选择矿山', en: 'Choose the mine' },
  'form.region': { zh: '行政区域', en: 'Region' },
  'form.inspectedOn': { zh: '检查日期', en: 'Inspected on' },
  'form.expired': { zh: '过期注销、未注销矿山（检查六要）', en: 'Expired or cancelled mine (item 6 applies)' },
  'form.inspectors': { zh: '检查人员', en: 'Inspectors' },
  'form.inspectorsHelp': { zh: '输入姓名后回车，可填多人', en: 'Type a name and press Enter; several allowed' },
  'form.inspectorsRequired': { zh: '至少填写一名检查人员', en: 'Name at least one inspector' },
  'form.items': { zh: '检查事项', en: 'Checks' },
  'form.answerRequired': { zh: '请作答（不漏一环）', en: 'Answer every item' },
  'form.failed': { zh: '不符合：将形成问题', en: 'Fails: becomes a problem' },
  'form.note': { zh: '发现的问题', en: 'What was found' },
  'form.noteRequired': { zh: '不符合的事项须写明发现的问题', en: 'Say what was found' },
  'form.condition': { zh: '仅适用于：{what}', en: 'Only for: {what}' },
  'form.evidence': { zh: '现场照片、材料', en: 'Photos, documents' },
  'form.assignNow': { zh: '现在交办整改（否则提交后再交办）', en: 'Assign the rectification now (or later)' },
  'form.measures': { zh: '整改措施', en: 'Measures' },
  'form.deadline': { zh: '完成整改时限', en: 'Deadline' },
  'form.unit': { zh: '整改责任单位', en: 'Responsible unit' },
  'form.person': { zh: '整改责任人', en: 'Responsible person' },
  'form.contact': { zh: '联系电话', en: 'Contact phone' },
  'form.required': { zh: '必填', en: 'Required' },
  'form.submit': { zh: '提交检查表', en: 'Submit the checklist' },
  'form.submitted': { zh: '已提交，发现 {n} 个问题', en: 'Submitted: {n} items failed' },
  'form.assignErrors': { zh: '以下问题未能交办（检查表已保存，可在详情页重新交办）：', en: 'These could not be assigned (the checklist is saved; assign them on its page):' },
  'yes': { zh: '是', en: 'Yes' },
  'no': { zh: '否', en: 'No' },
  'na': { zh: '不适用', en: 'N/A' },
  'page.answers': { zh: '检查结果', en: 'Answers' },
  'page.findings': { zh: '发现的问题', en: 'Findings' },
  'page.noFindings': { zh: '全部符合，未发现问题', en: 'Every check passed' },
  'page.problem': { zh: '查看问题', en: 'Open the problem' },
  'page.assign': { zh: '交办整改', en: 'Assign' },
  'page.assigned': { zh: '已转为问题', en: 'Now a problem' },
  'page.pending': { zh: '待交办', en: 'Not assigned yet' },
  'page.by': { zh: '{who} 于 {at} 提交', en: 'Submitted by {who} on {at}' },
} as const;

export type ChecklistsT = (key: keyof typeof TEXT, vars?: Record<string, string | number>) => string;

export function useChecklistsText(): ChecklistsT {
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
