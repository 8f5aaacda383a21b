// Seed 001: 德宏州 (prefecture 533100), 打击“洗洞”盗采金矿专项整治行动.
// Rank rule (prefecture level): 局长 = 'division'; 副局长 = 'deputy_division';
// 州公安局党委委员 (bureau party committee member, holds the post above 支队长) = 'deputy_division';
// 科长 = 'section'; 三级警长 = 'deputy_section'; 负责人 (no grade printed) = null.
// unitKey: the bureau the printed position belongs to; internal sections/支队 are not separate units.
import type { SeedOrg } from './types.js';

const R = '533100';

export const seed001: SeedOrg = {
  seed: '001_ab5f8c1021b1c095.txt',
  regionCode: R,
  title: '德宏州打击“洗洞”盗采金矿专项整治行动工作实施方案',
  units: [
    { key: 'nr', regionCode: R, name: '州自然资源和规划局', kind: 'bureau', sector: 'natural_resources' },
    { key: 'eco', regionCode: R, name: '州生态环境局', kind: 'bureau', sector: 'ecology_environment' },
    { key: 'police', regionCode: R, name: '州公安局', kind: 'bureau', sector: 'public_security' },
    { key: 'emergency', regionCode: R, name: '州应急管理局', kind: 'bureau', sector: 'emergency_management' },
    { key: 'market', regionCode: R, name: '州市场监督管理局', kind: 'bureau', sector: 'market_supervision' },
    { key: 'energy', regionCode: R, name: '州能源局', kind: 'bureau', sector: 'energy' },
  ],
  bodies: [
    {
      key: 'joint_meeting',
      regionCode: R,
      name: '德宏州打击“洗洞”盗采金矿专项整治行动州级联席会议',
      kind: 'joint_meeting',
      parentKey: null,
      hostUnitKey: 'nr',
      duties:
        '为切实加强全州专项整治行动的组织领导，建立德宏州打击“洗洞”盗采金矿专项整治行动州级联席会议(以下简称“州专项整治行动联席会议”)制度，由州自然资源和规划局主要领导为州专项整治行动联席会议召集人，州自然资源和规划局分管领导为副召集人。州生态环境局、州公安局、州应急管理局、州市场监督管理局、州能源局等按照职责分工共同参与，由各单位分管领导作为联席会议成员。',
      districtCodes: [],
      cadenceMonths: null,
      members: [
        { name: '董自明', position: '州自然资源和规划局局长', role: 'convener', unitKey: 'nr', rank: 'division' },
        { name: '向三帕', position: '州自然资源和规划局副局长', role: 'deputy_convener', unitKey: 'nr', rank: 'deputy_division' },
        { name: '吕重青', position: '州生态环境局副局长', role: 'member', unitKey: 'eco', rank: 'deputy_division' },
        {
          name: '王宏彪',
          position: '州公安局党委委员、森林警察支队支队长',
          role: 'member',
          unitKey: 'police',
          rank: 'deputy_division',
        },
        { name: '赵维', position: '州应急管理局副局长', role: 'member', unitKey: 'emergency', rank: 'deputy_division' },
        { name: '闵勇胜', position: '州市场监督管理局副局长', role: 'member', unitKey: 'market', rank: 'deputy_division' },
        { name: '张春蕾', position: '州能源局副局长', role: 'member', unitKey: 'energy', rank: 'deputy_division' },
      ],
    },
    {
      key: 'office',
      regionCode: R,
      name: '德宏州打击“洗洞”盗采金矿专项整治行动州级联席会议办公室',
      kind: 'office',
      parentKey: 'joint_meeting',
      hostUnitKey: 'nr',
      duties:
        '州级联席会议办公室设在州自然资源和规划局，负责督促指导落实专项整治任务日常工作，适时向州人民政府汇报全州打击“洗洞”盗采金矿专项整治行动工作情况。办公室主任由向三帕同志兼任，州生态环境局、州公安局、州应急管理局、州市场监督管理局、州能源局按照职责安排有关科室负责同志担任联络员，并安排工作人员参加专项整治行动。',
      districtCodes: [],
      cadenceMonths: null,
      members: [
        { name: '向三帕', position: '州自然资源和规划局副局长', role: 'office_director', unitKey: 'nr', rank: 'deputy_division' },
        { name: '熊兴所', position: '州自然资源和规划局矿产资源管理科科长', role: 'member', unitKey: 'nr', rank: 'section' },
        { name: '王弟华', position: '州自然资源和规划局执法监督科科长', role: 'member', unitKey: 'nr', rank: 'section' },
        { name: '革新', position: '州生态环境局执法支队负责人', role: 'member', unitKey: 'eco', rank: null },
        { name: '李虎', position: '州公安局森林警察支队三级警长', role: 'member', unitKey: 'police', rank: 'deputy_section' },
        { name: '何服志', position: '州应急管理局非煤矿山管理科科长', role: 'member', unitKey: 'emergency', rank: 'section' },
        { name: '闵宏武', position: '州市场监督管理局执法稽查科科长', role: 'member', unitKey: 'market', rank: 'section' },
        { name: '李继胜', position: '州能源局综合能源科负责人', role: 'member', unitKey: 'energy', rank: null },
        {
          name: '杨斌',
          position: '州自然资源和规划局国土空间生态修复科科长',
          role: 'member',
          unitKey: 'nr',
          rank: 'section',
        },
      ],
    },
  ],
  duties: [
    {
      section: '三',
      title: '州自然资源和规划局职责',
      content:
        '州自然资源和规划局负责牵头组织专项整治工作，组织和督促指导县市调查摸底金矿废弃矿井情况、治理金矿废弃矿井，依法查处违法开采金矿行为。',
      leadUnitKeys: ['nr'],
      cooperatingUnitKeys: [],
    },
    {
      section: '三',
      title: '州公安局职责',
      content:
        '州公安局负责指导县市公安机关严格审查核发民用爆炸物品购买、运输许可证件和氰化钠购买、运输许可证件，严厉打击非法违规行为，严厉打击非法采矿或破坏性采矿等犯罪行为。',
      leadUnitKeys: ['police'],
      cooperatingUnitKeys: [],
    },
    {
      section: '三',
      title: '州生态环境局职责',
      content:
        '州生态环境局负责组织依法查处废弃金矿“洗洞”环境污染和生态破坏违法问题，加强对废弃金矿“洗洞”问题的生态环境保护督察。',
      leadUnitKeys: ['eco'],
      cooperatingUnitKeys: [],
    },
    {
      section: '三',
      title: '州应急管理局职责',
      content:
        '州应急管理局负责组织对全州金矿尾矿库进行全面清理排查，摸清底数；督促指导全州开展金矿及尾矿库安全隐患摸底排查及治理；指导县市应急管理部门对氰化钠生产、经营、使用企业安全生产管理情况进行排查和有关违法违规行为的查处。',
      leadUnitKeys: ['emergency'],
      cooperatingUnitKeys: [],
    },
    {
      section: '三',
      title: '州市场监督管理局职责',
      content: '州市场监督管理局负责指导县市市场监管部门依据《矿产资源法》对违法收购和销售金矿产品行为进行查处。',
      leadUnitKeys: ['market'],
      cooperatingUnitKeys: [],
    },
    {
      section: '三',
      title: '州能源局职责',
      content: '州能源局负责指导电力管理部门组织供电企业对矿山非法采选用电行为进行查处。',
      leadUnitKeys: ['energy'],
      cooperatingUnitKeys: [],
    },
  ],
};
