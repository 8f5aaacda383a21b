// Seed 004: 中卫市 (prefecture 640500), 矿产资源开采治理整顿工作方案; three supervision groups.
// Rank rule (prefecture level): 副局长 / 四级调研员 = 'deputy_division'; 科长 / 支队长 (市国土资源执法监察支队)
// = 'section'; 中心副主任 = 'deputy_section'; 干部 = 'clerk' (also the unnamed "各1名干部").
// The unnamed line "市应急管理局和生态环境局各1名干部" is one member (name null, unitKey null: two units).
import type { SeedOrg } from './types.js';

const R = '640500';
const UNNAMED = '市应急管理局和生态环境局各1名干部';
const DUTIES = '分片驻守包抓三县（区），具体负责治理整顿工作的组织协调、督导、核查等工作。';

export const seed004: SeedOrg = {
  seed: '004_ca6e5e86d8a50ba7.txt',
  regionCode: R,
  title: '中卫市矿产资源开采治理整顿工作方案',
  units: [
    { key: 'nr', regionCode: R, name: '市自然资源局', kind: 'bureau', sector: 'natural_resources' },
    { key: 'emergency', regionCode: R, name: '市应急管理局', kind: 'bureau', sector: 'emergency_management' },
    { key: 'eco', regionCode: R, name: '市生态环境局', kind: 'bureau', sector: 'ecology_environment' },
    {
      key: 'enforcement',
      regionCode: R,
      name: '市国土资源执法监察支队',
      kind: 'public_institution',
      sector: 'natural_resources',
    },
  ],
  bodies: [
    {
      key: 'group1',
      regionCode: R,
      name: '中卫市矿产资源开采治理整顿工作第一督查组（沙坡头区）',
      kind: 'supervision_group',
      parentKey: null,
      hostUnitKey: 'nr',
      duties: DUTIES,
      districtCodes: ['640502'],
      cadenceMonths: null,
      members: [
        { name: '祁少波', position: '市自然资源局副局长', role: 'leader', unitKey: 'nr', rank: 'deputy_division' },
        { name: '崔永东', position: '市自然资源局法制科科长', role: 'member', unitKey: 'nr', rank: 'section' },
        { name: '徐海珠', position: '市自然资源局整理中心副主任', role: 'member', unitKey: 'nr', rank: 'deputy_section' },
        { name: null, position: UNNAMED, role: 'member', unitKey: null, rank: 'clerk', note: UNNAMED },
      ],
    },
    {
      key: 'group2',
      regionCode: R,
      name: '中卫市矿产资源开采治理整顿工作第二督查组（中宁县）',
      kind: 'supervision_group',
      parentKey: null,
      hostUnitKey: 'nr',
      duties: DUTIES,
      districtCodes: ['640521'],
      cadenceMonths: null,
      members: [
        { name: '王东山', position: '市自然资源局四级调研员', role: 'leader', unitKey: 'nr', rank: 'deputy_division' },
        { name: '魏春勇', position: '市自然资源局矿管科科长', role: 'member', unitKey: 'nr', rank: 'section' },
        { name: '杨旭虎', position: '市自然资源局法制科干部', role: 'member', unitKey: 'nr', rank: 'clerk' },
        { name: null, position: UNNAMED, role: 'member', unitKey: null, rank: 'clerk', note: UNNAMED },
      ],
    },
    {
      key: 'group3',
      regionCode: R,
      name: '中卫市矿产资源开采治理整顿工作第三督查组（海原县）',
      kind: 'supervision_group',
      parentKey: null,
      hostUnitKey: 'nr',
      duties: DUTIES,
      districtCodes: ['640522'],
      cadenceMonths: null,
      members: [
        { name: '王东山', position: '市自然资源局四级调研员', role: 'leader', unitKey: 'nr', rank: 'deputy_division' },
        { name: '蔡永慧', position: '市国土资源执法监察支队支队长', role: 'member', unitKey: 'enforcement', rank: 'section' },
        { name: '周莹', position: '市自然资源局生态修复和耕保科干部', role: 'member', unitKey: 'nr', rank: 'clerk' },
        { name: null, position: UNNAMED, role: 'member', unitKey: null, rank: 'clerk', note: UNNAMED },
      ],
    },
  ],
  duties: [],
};
