import { useCallback } from 'react';
import { explosiveActLabel, hazardLevelLabel, permitStatusLabel, quantityUnitLabel } from '@minewatch/core';
import { useI18n, type Label } from '../../i18n';

/** UI text of the 001 hazard-ledger screens, Chinese first with English (kept with the chunk). */
const TEXT = {
  'title': { zh: '隐患台账', en: 'Hazard ledgers' },
  'intro': { zh: '依据：{section}“{printed}”', en: 'Basis: {section} "{printed}"' },
  'add': { zh: '登记', en: 'Record an entry' },
  'newTitle': { zh: '登记：{ledger}', en: 'New entry: {ledger}' },
  'total': { zh: '共 {total} 条，未销号 {open} 条', en: '{total} entries, {open} open' },
  'openOnly': { zh: '只看未销号', en: 'Open only' },
  'empty': { zh: '本区域该台账暂无记录', en: 'No entries in this region' },
  'col.region': { zh: '区域', en: 'Region' },
  'col.enterprise': { zh: '矿山/涉事主体', en: 'Mine / party' },
  'col.found': { zh: '排查发现问题', en: 'Finding' },
  'col.deadline': { zh: '完成整改时限', en: 'Deadline' },
  'col.state': { zh: '状态', en: 'State' },
  'col.responsible': { zh: '整改责任单位', en: 'Responsible unit' },
  'overdue': { zh: '超期', en: 'Overdue' },
  'form.campaign': { zh: '专项行动', en: 'Campaign' },
  'form.campaignRequired': { zh: '请选择专项行动', en: 'Choose the campaign' },
  'form.noLedger': { zh: '该行动没有此台账的问题类型，请选择其他行动', en: 'This campaign keeps no such ledger; choose another' },
  'form.type': { zh: '问题类型', en: 'Problem type' },
  'form.region': { zh: '行政区域', en: 'Region' },
  'form.site': { zh: '监管对象（已登记的矿山/点位）', en: 'Registered site' },
  'form.enterprise': { zh: '矿山企业/涉事主体', en: 'Mine or party' },
  'form.enterpriseRequired': { zh: '未选择监管对象时须填写', en: 'Required when no site is chosen' },
  'form.description': { zh: '排查发现问题', en: 'What was found' },
  'form.measures': { zh: '整改措施', en: 'Measures' },
  'form.required': { zh: '必填', en: 'Required' },
  'form.foundOn': { zh: '发现日期', en: 'Found on' },
  'form.deadline': { zh: '完成整改时限', en: 'Deadline' },
  'form.unit': { zh: '整改责任单位', en: 'Responsible unit' },
  'form.person': { zh: '整改责任人', en: 'Responsible person' },
  'form.contact': { zh: '联系电话', en: 'Contact phone' },
  'form.source': { zh: '问题来源', en: 'Source' },
  'form.evidence': { zh: '佐证材料（照片、文件）', en: 'Evidence (photos, documents)' },
  'form.fields': { zh: '台账专项内容', en: 'Ledger fields' },
  'form.file': { zh: '上传文件', en: 'Upload a file' },
  'form.save': { zh: '登记', en: 'Record' },
  'form.saved': { zh: '已登记', en: 'Recorded' },
  'form.rules': { zh: '提交后按行动规则（问题类型、整改时限、责任人）和台账字段规则校验。', en: 'Checked against the campaign rules (type, deadline, responsible person) and the ledger’s field rules on submit.' },
  'yes': { zh: '是', en: 'Yes' },
  'no': { zh: '否', en: 'No' },
} as const;

/** Labels of the hazard-ledger enum values core does not label itself. */
const VALUES: Record<string, Record<string, Label>> = {
  substance: { explosives: { zh: '民用爆炸物品', en: 'Explosives' }, sodium_cyanide: { zh: '氰化钠', en: 'Sodium cyanide' } },
  acts: explosiveActLabel,
  partyKind: { enterprise: { zh: '单位', en: 'Enterprise' }, individual: { zh: '个人', en: 'Individual' } },
  quantityUnit: quantityUnitLabel,
  permitStatus: permitStatusLabel,
  action: { none: { zh: '未处置', en: 'None yet' }, warned: { zh: '已警告', en: 'Warned' }, supply_cut: { zh: '已停止供电', en: 'Supply cut' } },
  pollutants: {
    cyanide: { zh: '氰化物', en: 'Cyanide' },
    heavy_metals: { zh: '重金属', en: 'Heavy metals' },
    acid_water: { zh: '酸性废水', en: 'Acid water' },
    tailings: { zh: '尾矿渣', en: 'Tailings' },
    other: { zh: '其他', en: 'Other' },
  },
  media: { surface_water: { zh: '地表水', en: 'Surface water' }, groundwater: { zh: '地下水', en: 'Groundwater' }, soil: { zh: '土壤', en: 'Soil' }, air: { zh: '大气', en: 'Air' } },
  damageAssessment: { not_started: { zh: '未开展', en: 'Not started' }, in_progress: { zh: '开展中', en: 'In progress' }, done: { zh: '已完成', en: 'Done' }, not_required: { zh: '无需开展', en: 'Not required' } },
  compensation: {
    not_started: { zh: '未开展', en: 'Not started' },
    negotiating: { zh: '磋商中', en: 'Negotiating' },
    agreed: { zh: '已达成协议', en: 'Agreed' },
    paid: { zh: '已赔偿', en: 'Paid' },
    not_required: { zh: '无需赔偿', en: 'Not required' },
  },
  target: { gold_mine: { zh: '金矿', en: 'Gold mine' }, tailings_pond: { zh: '尾矿库', en: 'Tailings pond' } },
  hazardLevel: hazardLevelLabel,
};

/** The label of one enum value of a ledger field (the value itself when unknown). */
export const valueLabel = (field: string, value: string): Label => VALUES[field]?.[value] ?? { zh: value, en: value };

export type HazardsT = (key: keyof typeof TEXT, vars?: Record<string, string | number>) => string;

export function useHazardsText(): HazardsT {
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
