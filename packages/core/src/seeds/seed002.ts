// Seed 002: 达拉特旗 (banner = county level, 150621), 矿山开采典型案例以案促改排查整治专项行动.
// Rank rule (county level): 旗长 / 旗委副书记 = 'division'; 旗委常委 / 常务副旗长 / 副旗长 = 'deputy_division';
// 局长 / 分局局长 / 办公室主任 / 镇党委书记 = 'section'; 副局长 / 中心副主任 / 局党组成员 / "副科级干部" =
// 'deputy_section'; enterprise posts (长河生态公司副总经理) = null.
// "副旗长提名人选" is a nominee, not yet appointed: ranked by the held post 树林召镇党委书记 ('section').
// unitKey: the unit of the post that sets the rank (the higher post); on a tie the government post.
import type { SeedOrg } from './types.js';

const R = '150621';

export const seed002: SeedOrg = {
  seed: '002_52f0b6fc540b7f68.txt',
  regionCode: R,
  title: '达拉特旗开展中央生态环境保护督察巴彦淖尔市乌拉特前旗矿山开采典型案例以案促改排查整治专项行动方案',
  units: [
    { key: 'gov', regionCode: R, name: '旗人民政府', kind: 'government', sector: null },
    { key: 'party', regionCode: R, name: '旗委', kind: 'party_committee', sector: null },
    { key: 'govoffice', regionCode: R, name: '旗人民政府办公室', kind: 'bureau', sector: 'general_office' },
    { key: 'affairs', regionCode: R, name: '旗机关事务服务中心', kind: 'public_institution', sector: 'other' },
    { key: 'changhe', regionCode: R, name: '长河生态公司', kind: 'enterprise', sector: 'other' },
    { key: 'nr', regionCode: R, name: '旗自然资源局', kind: 'bureau', sector: 'natural_resources' },
    { key: 'eco', regionCode: R, name: '旗生态环境分局', kind: 'bureau', sector: 'ecology_environment' },
    { key: 'energy', regionCode: R, name: '旗能源局', kind: 'bureau', sector: 'energy' },
    { key: 'forestry', regionCode: R, name: '旗林业和草原局', kind: 'bureau', sector: 'forestry_grassland' },
    { key: 'agri', regionCode: R, name: '旗农牧局', kind: 'bureau', sector: 'agriculture' },
    { key: 'industry', regionCode: R, name: '旗工信和科技局', kind: 'bureau', sector: 'industry_it' },
    { key: 'enforcement', regionCode: R, name: '旗农牧水务综合执法局', kind: 'bureau', sector: 'agriculture' },
    {
      key: 'agri_enforcement',
      regionCode: R,
      name: '旗农牧业综合行政执法大队',
      kind: 'public_institution',
      sector: 'agriculture',
    },
    { key: 'police', regionCode: R, name: '旗公安局', kind: 'bureau', sector: 'public_security' },
    { key: 'shulinzhao', regionCode: R, name: '树林召镇', kind: 'township_government', sector: null },
  ],
  bodies: [
    {
      key: 'leading_group',
      regionCode: R,
      name: '达拉特旗开展中央生态环境保护督察巴彦淖尔市乌拉特前旗矿山开采典型案例以案促改排查整治专项行动工作领导小组',
      kind: 'leading_group',
      parentKey: null,
      hostUnitKey: 'nr',
      duties:
        '为推动工作高效开展，旗人民政府决定成立达拉特旗开展中央生态环境保护督察巴彦淖尔市乌拉特前旗矿山开采典型案例以案促改排查整治专项行动工作领导小组（下称领导小组）。具体成员如下。',
      districtCodes: [],
      cadenceMonths: null,
      members: [
        { name: '王小平', position: '旗委副书记、政府旗长', role: 'leader', unitKey: 'gov', rank: 'division' },
        {
          name: '杜晓彦',
          position: '旗委常委、常务副旗长',
          role: 'first_deputy_leader',
          unitKey: 'gov',
          rank: 'deputy_division',
        },
        {
          name: '闫学军',
          position: '政府副旗长、公安局局长',
          role: 'deputy_leader',
          unitKey: 'gov',
          rank: 'deputy_division',
        },
        {
          name: '张伟雄',
          position: '政府副旗长',
          role: 'executive_deputy_leader',
          unitKey: 'gov',
          rank: 'deputy_division',
        },
        { name: '李志武', position: '政府副旗长', role: 'deputy_leader', unitKey: 'gov', rank: 'deputy_division' },
        {
          name: '张栋梁',
          position: '政府副旗长提名人选、树林召镇党委书记',
          role: 'deputy_leader',
          unitKey: 'shulinzhao',
          rank: 'section',
        },
        { name: '王海峰', position: '旗人民政府办公室主任', role: 'member', unitKey: 'govoffice', rank: 'section' },
        { name: '岳博', position: '机关事务服务中心副主任', role: 'member', unitKey: 'affairs', rank: 'deputy_section' },
        { name: '周洪威', position: '长河生态公司副总经理', role: 'member', unitKey: 'changhe', rank: null },
        { name: '杨华', position: '自然资源局局长', role: 'member', unitKey: 'nr', rank: 'section' },
        { name: '石夜明', position: '生态环境分局局长', role: 'member', unitKey: 'eco', rank: 'section' },
        { name: '傅挨伟', position: '能源局局长', role: 'member', unitKey: 'energy', rank: 'section' },
        { name: '刘锦旺', position: '林业和草原局局长', role: 'member', unitKey: 'forestry', rank: 'section' },
        { name: '张永飞', position: '农牧局局长', role: 'member', unitKey: 'agri', rank: 'section' },
        { name: '王泽雨', position: '工信和科技局局长', role: 'member', unitKey: 'industry', rank: 'section' },
        { name: '王峻岐', position: '农牧水务综合执法局局长', role: 'member', unitKey: 'enforcement', rank: 'section' },
        { name: '李小龙', position: '公安局副局长', role: 'member', unitKey: 'police', rank: 'deputy_section' },
      ],
    },
    {
      key: 'office',
      regionCode: R,
      name: '达拉特旗开展中央生态环境保护督察巴彦淖尔市乌拉特前旗矿山开采典型案例以案促改排查整治专项行动工作领导小组办公室',
      kind: 'office',
      parentKey: 'leading_group',
      hostUnitKey: 'nr',
      duties: '领导小组办公室负责综合协调、工作调度，并定期向领导小组报告工作进展。',
      districtCodes: [],
      cadenceMonths: null,
      // Printed in prose: "办公室主任由旗自然资源局局长杨华担任".
      members: [
        { name: '杨华', position: '旗自然资源局局长', role: 'office_director', unitKey: 'nr', rank: 'section' },
      ],
    },
    {
      key: 'wg_open_pit',
      regionCode: R,
      name: '露天矿山临时用地及违法违规开采排查整治工作组',
      kind: 'work_group',
      parentKey: 'leading_group',
      hostUnitKey: 'nr',
      duties:
        '对全旗现有露天采矿权进行全面梳理，重点排查露天矿山《矿山地质环境保护与土地复垦方案》执行情况；对全旗在期露天矿山进行影像套合，排查越界开采、破坏土地等违法违规行为，调度推进露天矿山临时用地排查整治工作，建立问题台账，实行销号管理，督促存在问题企业限期完成问题整改落实。',
      districtCodes: [],
      cadenceMonths: null,
      members: [
        { name: '杨华', position: '自然资源局局长', role: 'leader', unitKey: 'nr', rank: 'section' },
        { name: '王峰', position: '自然资源局副局长', role: 'deputy_leader', unitKey: 'nr', rank: 'deputy_section' },
        { name: '朱建刚', position: '能源局副局长', role: 'deputy_leader', unitKey: 'energy', rank: 'deputy_section' },
        { name: '李小龙', position: '公安局副局长', role: 'deputy_leader', unitKey: 'police', rank: 'deputy_section' },
        { name: '王双喜', position: '林草局党组成员', role: 'deputy_leader', unitKey: 'forestry', rank: 'deputy_section' },
      ],
    },
    {
      key: 'wg_dumps',
      regionCode: R,
      name: '矿区生态环境及排土排矸场排查整治工作组',
      kind: 'work_group',
      parentKey: 'leading_group',
      hostUnitKey: 'eco',
      duties:
        '组织实施、调度推进矿区排土、排矸场排查整治任务，根据自治区自然资源厅派出专家组“回头看”检查反馈问题、市督导组“回头看”反馈问题、旗自然资源局组织“回头看”发现问题，指导督促各煤矿建立台账、落实责任开展“回头看”反馈问题整改工作；结合旗重点工作督查组反馈部分煤矿治理问题，督促企业限期完成整改，验收销号；各成员单位加强日常宣传、检查工作，排查整治矿山地质环境修复治理不到位问题；全面摸清矿山企业违法违规开采破坏生态环境情况，建立问题台账，实行销号管理，督促存在问题企业限期完成问题整改落实。',
      districtCodes: [],
      cadenceMonths: null,
      members: [
        { name: '石夜明', position: '生态环境分局局长', role: 'leader', unitKey: 'eco', rank: 'section' },
        { name: '李春', position: '生态环境分局副局长', role: 'deputy_leader', unitKey: 'eco', rank: 'deputy_section' },
        { name: '苏存旺', position: '自然资源局副局长', role: 'deputy_leader', unitKey: 'nr', rank: 'deputy_section' },
        { name: '朱建刚', position: '能源局副局长', role: 'deputy_leader', unitKey: 'energy', rank: 'deputy_section' },
        { name: '李小龙', position: '公安局副局长', role: 'deputy_leader', unitKey: 'police', rank: 'deputy_section' },
      ],
    },
    {
      key: 'wg_forest_grass',
      regionCode: R,
      name: '矿山违法违规侵占林草资源排查整治工作组',
      kind: 'work_group',
      parentKey: 'leading_group',
      hostUnitKey: 'forestry',
      duties:
        '负责查清矿山企业违法违规侵占林草资源情况，指导督促旗区严厉打击矿山乱采滥挖破坏草原、林地等违法违规行为；建立问题台账，实行销号管理，督促企业限期完成问题整改落实。',
      districtCodes: [],
      cadenceMonths: null,
      members: [
        { name: '刘锦旺', position: '林草局局长', role: 'leader', unitKey: 'forestry', rank: 'section' },
        { name: '杜培源', position: '林草局副局长', role: 'deputy_leader', unitKey: 'forestry', rank: 'deputy_section' },
        { name: '朱建刚', position: '能源局副局长', role: 'deputy_leader', unitKey: 'energy', rank: 'deputy_section' },
        { name: '高强', position: '农牧局副局长', role: 'deputy_leader', unitKey: 'agri', rank: 'deputy_section' },
        { name: '李小龙', position: '公安局副局长', role: 'deputy_leader', unitKey: 'police', rank: 'deputy_section' },
        {
          name: '苏忠',
          position: '农牧业综合行政执法大队副科级干部',
          role: 'deputy_leader',
          unitKey: 'agri_enforcement',
          rank: 'deputy_section',
        },
      ],
    },
    {
      key: 'wg_pits',
      regionCode: R,
      name: '尾矿坑及地质环境排查整治工作组',
      kind: 'work_group',
      parentKey: 'leading_group',
      hostUnitKey: 'nr',
      duties:
        '负责组织查清矿山尾矿坑数量、破坏土地及开展地质环境治理等情况，建立问题台账，实行销号管理，督促各大企业限期完成问题整改落实。',
      districtCodes: [],
      cadenceMonths: null,
      members: [
        { name: '杨华', position: '自然资源局局长', role: 'leader', unitKey: 'nr', rank: 'section' },
        { name: '苏存旺', position: '自然资源局副局长', role: 'deputy_leader', unitKey: 'nr', rank: 'deputy_section' },
        { name: '李小龙', position: '公安局副局长', role: 'deputy_leader', unitKey: 'police', rank: 'deputy_section' },
        { name: '李春', position: '生态环境局副局长', role: 'deputy_leader', unitKey: 'eco', rank: 'deputy_section' },
      ],
    },
  ],
  duties: [],
};
