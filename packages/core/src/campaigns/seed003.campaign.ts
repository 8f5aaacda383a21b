// Seed 003: 岢岚县严厉打击非法违法采矿抓落实工作推进机制 (county 140929), issued 2022-09-15.
// A standing mechanism, not a time-boxed campaign: no phases and no end date. Its duties are the 23
// tasks of §二 with their 责任单位/配合单位 (the organisation data of seeds/seed003.ts); its one dated
// deliverable is the video monitoring system "2022 年 12 月底前"; its cadences are the quarterly joint
// meeting and the monthly visits of the township contract leaders. The taxonomy lists the kinds of
// illegal mining §二 names, in its words.
import { campaignSchema, type Campaign } from '../campaigns.js';
import { seed003 } from '../seeds/seed003.js';

const taskForce = seed003.bodies.find((b) => b.key === 'task_force');
if (!taskForce) throw new Error('seed003 has no task force');

const DEPARTMENTS = '二.(一).5';

export const campaign003: Campaign = campaignSchema.parse({
  key: 'kelan_illegal_mining_mechanism',
  seed: '003_adf29930d070a426.txt',
  kind: 'standing_mechanism',
  name: seed003.title,
  en: 'Kelan County standing mechanism against illegal mining',
  documentTitle: seed003.title,
  docNo: '岢政办发〔2022〕50号',
  issuedOn: '2022-09-15',
  issuers: ['岢岚县人民政府办公室'],
  regionCode: '140929',
  scopeCodes: ['140929'],
  leadBodyKey: 'task_force',
  officeBodyKey: 'office',
  period: { start: '2022-09-15', end: null, printed: null },
  phases: [],
  dueItems: [
    {
      key: 'video_monitoring',
      phaseKey: null,
      what: '非法违法采矿重点区域实时视频监控系统建设',
      en: 'Real-time video monitoring of the key areas',
      from: '县自然资源局',
      to: null,
      dueBy: '2022-12-31',
      printed: '2022 年 12 月底前完成非法违法采矿重点区域实时视频监控系统建设',
      section: '二.(三).3',
    },
  ],
  workGroups: [{ key: 'task_force', bodyKey: 'task_force', name: taskForce.name, kind: 'task_force' }],
  taxonomy: [
    {
      code: 'private_digging',
      name: '私挖滥采',
      en: 'Unauthorised small-scale digging',
      workGroupKey: null,
      section: '二.(一).6',
      printed: '及时发现制止私挖滥采、盗采资源等非法违法采矿行为',
      aliases: ['私挖滥采点'],
    },
    {
      code: 'resource_theft',
      name: '盗采资源',
      en: 'Theft of mineral resources',
      workGroupKey: null,
      section: '二.(一).6',
      printed: '及时发现制止私挖滥采、盗采资源等非法违法采矿行为',
      aliases: ['盗采'],
    },
    {
      code: 'overstep',
      name: '超层越界行为',
      en: 'Licensed mine beyond its depth or boundary',
      workGroupKey: null,
      section: DEPARTMENTS,
      printed: '查处持证矿山企业的超层越界行为',
      aliases: ['超层越界', '越界开采'],
    },
    {
      code: 'destructive_mining',
      name: '破坏性采矿',
      en: 'Destructive mining',
      workGroupKey: null,
      section: DEPARTMENTS,
      printed: '严厉打击非法采矿、破坏性采矿违法犯罪行为',
      aliases: [],
    },
    {
      code: 'river_sand',
      name: '河道内非法违法采砂石行为',
      en: 'Illegal sand and gravel extraction in river courses',
      workGroupKey: null,
      section: DEPARTMENTS,
      printed: '水利部门负责河道内非法违法采砂石行为的打击查处',
      aliases: ['河道采砂', '非法采砂'],
    },
    {
      code: 'protected_area_mining',
      name: '自然保护区、林地、草原、湿地范围内非法违法采矿',
      en: 'Illegal mining in nature reserves, forest, grassland or wetland',
      workGroupKey: null,
      section: DEPARTMENTS,
      printed: '林业部门负责自然保护区、林地、草原、湿地范围内非法违法采矿的监管',
      aliases: ['自然保护区内非法违法采矿', '自然保护区内存在非法违法采矿行为'],
    },
    {
      code: 'unsafe_production',
      name: '未按批准的矿山安全设计要求组织生产建设',
      en: 'Production not following the approved safety design',
      workGroupKey: null,
      section: DEPARTMENTS,
      printed: '发现不符合安全生产条件以及未按批准的矿山安全设计要求组织生产建设的违法行为',
      aliases: ['不符合安全生产条件'],
    },
    {
      code: 'power_illegal',
      name: '非法违法采矿涉电问题',
      en: 'Power supplied to illegal mining',
      workGroupKey: null,
      section: '二.(四)',
      printed: '坚决遏制非法违法采矿涉电问题',
      aliases: ['涉电问题'],
    },
    {
      code: 'power_anomaly',
      name: '不明原因用电异常',
      en: 'Unexplained abnormal power use',
      workGroupKey: null,
      section: '二.(四).3',
      printed: '对不明原因用电异常要及时排查、及时预警',
      aliases: ['用电异常'],
    },
  ],
  rules: {
    deadlineLimit: null,
    deadlineBasis: null,
    minResponsibleRank: null,
    rankBasis: null,
    methodFormat: null,
    typeBasis: null,
    requireResponsibleContact: false,
    singleResponsiblePerson: false,
    penalties: [
      {
        kind: 'credit_record',
        trigger: 'on_finding',
        problemTypeCodes: ['power_illegal'],
        section: '二.(四).4',
        printed:
          '对查证属实的非法违法采矿涉电问题企业，相关部门根据反馈和检查结果，要将非法违法采矿企业的检查结果及行政处罚信息录入国家企业信用信息公示系统，将非法违法采矿个人信息录入全国信用信息共享平台',
      },
    ],
  },
  targets: [],
  stages: [],
  perMine: [],
  perMinePrinted: null,
  checklistId: null,
  cadences: [
    {
      key: 'joint_meeting',
      what: '联席会议',
      en: 'Joint meeting',
      who: '领导小组',
      everyMonths: 3,
      printed: '领导小组每季度至少召开一次联席会议',
      section: '二.(一).1',
    },
    {
      key: 'contract_visit',
      what: '到包联区域调研督导',
      en: 'Visit to the contracted area',
      who: '乡（镇）包联责任人',
      everyMonths: 1,
      printed: '乡（镇）包联责任人每月至少到包联区域调研督导1次',
      section: '二.(一).2',
    },
  ],
  orders: [],
  duties: seed003.duties,
  templates: { ledger: null, report: null },
  notes: [
    {
      zh: '常态化工作机制：自印发之日起施行，无阶段、无截止日期。',
      en: 'A standing mechanism: in force from the issue date, without phases or an end date.',
    },
    {
      zh: '“2022 年 12 月底前”按 2022 年 12 月 31 日计。',
      en: '"Before the end of December 2022" is read as 2022-12-31.',
    },
  ],
});
