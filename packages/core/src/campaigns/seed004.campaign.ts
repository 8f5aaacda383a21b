// Seed 004: 中卫市矿产资源开采治理整顿 (prefecture 640500). The document prints no issuer, date or
// year: the year 2022 follows from the plan it implements (卫党办综〔2022〕1号) and its aim ("为党的二十大和
// 自治区第十三次党代会胜利召开营造良好的社会环境", both held in 2022). "5月底"/"6月底" are the last days of
// May and June 2022. The eight stages, the 25/197 targets, 一矿一策/一矿一方案/一矿一责任人 and the
// checklist (checklists.ts, §二.(二)) are printed in §二; the taxonomy is one type per checklist item
// (a failed item becomes that problem) plus the offences §二.(一)/(四) name.
import { campaignSchema, type Campaign } from '../campaigns.js';
import { CHECKLIST_004 } from '../checklists.js';
import { seed004 } from '../seeds/seed004.js';

const TIMELINE =
  '要紧盯时间节点，利用 2 个月时间，完成 25 个有效期内矿山清查整顿和 197 个问题矿山整治任务和所有矿山问题排查整治工作，确保 5月底取得实效，6月底前完成自治区级验收销号';
const OFFENCES =
  '依法严厉打击采矿许可证过期开采、无证开采、超层越界开采、以采代探、不按照开发利用方案开采、破坏林地或草原等乱挖乱采行为';

const groups = seed004.bodies.filter((b) => b.kind === 'supervision_group');

export const campaign004: Campaign = campaignSchema.parse({
  key: 'zhongwei_rectification_2022',
  seed: '004_ca6e5e86d8a50ba7.txt',
  kind: 'campaign',
  name: '中卫市矿产资源开采治理整顿',
  en: 'Zhongwei mining rectification campaign',
  documentTitle: seed004.title,
  docNo: null,
  issuedOn: null,
  issuers: [],
  regionCode: '640500',
  scopeCodes: ['640500'],
  leadBodyKey: null,
  officeBodyKey: null,
  period: { start: null, end: '2022-06-30', printed: '利用 2 个月时间' },
  phases: [],
  dueItems: [
    {
      key: 'results',
      phaseKey: null,
      what: '取得实效',
      en: 'Visible results',
      from: '各县（区）',
      to: null,
      dueBy: '2022-05-31',
      printed: '确保 5月底取得实效',
      section: '二.(一)',
    },
    {
      key: 'acceptance',
      phaseKey: null,
      what: '完成自治区级验收销号',
      en: 'Acceptance and closing-off by the autonomous region',
      from: '各县（区）',
      to: null,
      dueBy: '2022-06-30',
      printed: '6月底前完成自治区级验收销号',
      section: '二.(一)',
    },
  ],
  workGroups: groups.map((g) => ({ key: g.key, bodyKey: g.key, name: g.name, kind: 'supervision_group' as const, districtCodes: g.districtCodes })),
  taxonomy: [
    ...CHECKLIST_004.items.map((item) => ({
      code: item.code,
      name: item.problem.zh,
      en: item.problem.en,
      workGroupKey: null,
      section: CHECKLIST_004.section,
      printed: item.question,
      aliases: [],
    })),
    { code: 'expired_licence', name: '采矿许可证过期开采', en: 'Mining on an expired licence', workGroupKey: null, section: '二.(四)', printed: OFFENCES, aliases: ['过期开采'] },
    { code: 'unlicensed', name: '无证开采', en: 'Mining without a licence', workGroupKey: null, section: '二.(四)', printed: OFFENCES, aliases: [] },
    { code: 'overstep', name: '超层越界开采', en: 'Mining beyond the licensed depth or boundary', workGroupKey: null, section: '二.(四)', printed: OFFENCES, aliases: ['超层越界'] },
    { code: 'mining_as_exploration', name: '以采代探', en: 'Mining under cover of exploration', workGroupKey: null, section: '二.(四)', printed: OFFENCES, aliases: [] },
    {
      code: 'plan_deviation',
      name: '不按照开发利用方案开采',
      en: 'Mining not following the development-and-utilisation plan',
      workGroupKey: null,
      section: '二.(四)',
      printed: OFFENCES,
      aliases: ['未按开发利用方案开采'],
    },
    { code: 'forest_grass_damage', name: '破坏林地或草原', en: 'Damage to forest land or grassland', workGroupKey: null, section: '二.(四)', printed: OFFENCES, aliases: [] },
    {
      code: 'refuses_restoration',
      name: '拒不履行恢复治理责任',
      en: 'Refuses to restore the site',
      workGroupKey: null,
      section: '二.(一)',
      printed: '对拒不履行恢复治理责任的，由县（区）政府委托第三方先行修复，产生的费用通过司法途径向责任主体进行追偿',
      aliases: [],
    },
  ],
  rules: {
    deadlineLimit: '2022-06-30',
    deadlineBasis: '6月底前完成自治区级验收销号',
    minResponsibleRank: null,
    rankBasis: null,
    methodFormat: null,
    typeBasis: null,
    requireResponsibleContact: false,
    singleResponsiblePerson: true,
    penalties: [
      {
        kind: 'third_party_restoration',
        trigger: 'refuses_restoration',
        problemTypeCodes: ['refuses_restoration'],
        section: '二.(一)',
        printed: '对拒不履行恢复治理责任的，由县（区）政府委托第三方先行修复，产生的费用通过司法途径向责任主体进行追偿',
      },
    ],
  },
  targets: [
    {
      key: 'valid_mines',
      what: '有效期内矿山清查整顿',
      en: 'Mines with a valid licence checked and rectified',
      count: 25,
      unit: '个',
      dueBy: '2022-06-30',
      printed: TIMELINE,
      section: '二.(一)',
    },
    {
      key: 'problem_mines',
      what: '问题矿山整治',
      en: 'Problem mines rectified',
      count: 197,
      unit: '个',
      dueBy: '2022-06-30',
      printed: TIMELINE,
      section: '二.(一)',
    },
  ],
  stages: [
    { code: 'establish_facts', name: '查清现状', en: 'Establish the facts' },
    { code: 'suspend', name: '停产整治', en: 'Suspend and rectify' },
    { code: 'close', name: '取缔关闭', en: 'Ban and close' },
    { code: 'prosecute', name: '依法查处', en: 'Investigate and punish' },
    { code: 'restore', name: '生态修复', en: 'Ecological restoration' },
    { code: 'stockpiles', name: '堆料治理', en: 'Stockpile clean-up' },
    { code: 'regulate', name: '规范管理', en: 'Regulated management' },
    { code: 'aftercare', name: '后续管理', en: 'Follow-up management' },
  ],
  perMine: ['one_policy', 'one_plan', 'one_responsible'],
  perMinePrinted: '按照“一矿一策、一矿一方案、一矿一责任人”要求，逐矿分析、深化完善整治方案，逐项整治销号',
  checklistId: CHECKLIST_004.id,
  cadences: [],
  orders: [
    { key: 'suspend_production', zh: '暂停全市所有矿山企业生产活动', en: 'All mine production in the city suspended', section: '二.(二)' },
    { key: 'suspend_explosives', zh: '暂停全市火工产品供应', en: 'Supply of explosives in the city suspended', section: '二.(二)' },
    {
      key: 'collective_decision',
      zh: '凡矿业权的出让、登记、开复工等审核审批事项，由县(区)党委、政府列入“三重一大”事项进行研究',
      en: 'Granting, registering and resuming mining rights is a collective decision of the county party committee and government',
      section: '二.(三)',
    },
    {
      key: 'resumption_acceptance',
      zh: '严格按照验收标准进行开复工联合验收，验收合格后，按程序报当地县（区）党委、政府研究同意后，由县（区）自然资源部门向企业下发开复工批复，企业方可开复工',
      en: 'A mine resumes only after joint acceptance, approval by the county and a written resumption reply',
      section: '二.(三)',
    },
  ],
  duties: [],
  templates: { ledger: null, report: null },
  notes: [
    {
      zh: '文件未印发文机关、日期和年份；年份据“卫党办综〔2022〕1号”及“为党的二十大和自治区第十三次党代会胜利召开营造良好的社会环境”推定为 2022 年。',
      en: 'No issuer, date or year is printed; the year 2022 follows from 卫党办综〔2022〕1号 and the two 2022 party congresses the plan names.',
    },
    {
      zh: '起始日期未印明（“利用 2 个月时间”）；截止日期取“6月底前完成自治区级验收销号”。',
      en: 'The start is not printed ("within two months"); the end is the June sign-off.',
    },
    {
      zh: '各县（区）为时间节点的责任主体（第三部分“各县（区）……严格按照时间节点扎实推进”）。',
      en: 'The counties/districts own the milestones (§三: "严格按照时间节点扎实推进").',
    },
    {
      zh: '整改时限不得晚于自治区级验收销号期限（2022 年 6 月 30 日）。',
      en: 'No rectification deadline may fall after the sign-off date (2022-06-30).',
    },
  ],
});
