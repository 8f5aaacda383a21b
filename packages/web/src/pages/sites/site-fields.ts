import {
  CLOSURE_CATEGORIES,
  MINE_STATUSES,
  MINING_METHODS,
  SEALING_STATUSES,
  closureCategoryLabel,
  mineStatusLabel,
  miningMethodLabel,
  sealingStatusLabel,
  type SealingParty,
  type SiteAttributes,
  type SiteKind,
} from '@minewatch/core';
import type { Label } from '../../i18n';

/**
 * Labels and form fields of the per-kind attributes of a supervised object (core's
 * siteAttributesSchema). Chinese labels follow the seed documents; every label carries its English.
 */

export type Option = { value: string | boolean; label: Label };

const opts = <V extends string>(values: readonly V[], labels: Record<V, Label>): Option[] =>
  values.map((value) => ({ value, label: labels[value] }));

export const MINE_SCALES = ['large', 'medium', 'small'] as const;
export const mineScaleLabel: Record<(typeof MINE_SCALES)[number], Label> = {
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
};

export const POND_SAFETY = ['normal', 'ill', 'dangerous', 'critical'] as const;
export const pondSafetyLabel: Record<(typeof POND_SAFETY)[number], Label> = {
  normal: { zh: '正常库', en: 'Normal' },
  ill: { zh: '病库', en: 'Defective' },
  dangerous: { zh: '险库', en: 'Dangerous' },
  critical: { zh: '危库', en: 'Critical' },
};

export const RESTORATION = ['not_started', 'in_progress', 'completed'] as const;
export const restorationLabel: Record<(typeof RESTORATION)[number], Label> = {
  not_started: { zh: '未修复', en: 'Not started' },
  in_progress: { zh: '修复中', en: 'In progress' },
  completed: { zh: '已修复', en: 'Restored' },
};

export const DUMP_TYPES = ['soil', 'gangue'] as const;
export const dumpTypeLabel: Record<(typeof DUMP_TYPES)[number], Label> = {
  soil: { zh: '排土场', en: 'Waste-soil dump' },
  gangue: { zh: '排矸场', en: 'Gangue dump' },
};

export const PROTECTED_CATEGORIES = ['nature_reserve', 'water_source', 'scenic_area', 'forest_park', 'other'] as const;
export const protectedCategoryLabel: Record<(typeof PROTECTED_CATEGORIES)[number], Label> = {
  nature_reserve: { zh: '自然保护区', en: 'Nature reserve' },
  water_source: { zh: '水源地', en: 'Water-source area' },
  scenic_area: { zh: '风景名胜区', en: 'Scenic area' },
  forest_park: { zh: '森林公园', en: 'Forest park' },
  other: { zh: '其他', en: 'Other' },
};

export const PROTECTED_LEVELS = ['national', 'provincial', 'prefecture', 'county'] as const;
export const protectedLevelLabel: Record<(typeof PROTECTED_LEVELS)[number], Label> = {
  national: { zh: '国家级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  prefecture: { zh: '市级', en: 'Prefecture' },
  county: { zh: '县级', en: 'County' },
};

export const LIST_LEVELS = ['national', 'provincial'] as const;
export const listLevelLabel: Record<(typeof LIST_LEVELS)[number], Label> = {
  national: { zh: '国家级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
};

const TEMP_LAND_STATUSES = ['in_use', 'reclaimed', 'returned'] as const;
const tempLandStatusLabel: Record<(typeof TEMP_LAND_STATUSES)[number], Label> = {
  in_use: { zh: '使用中', en: 'In use' },
  reclaimed: { zh: '已复垦', en: 'Reclaimed' },
  returned: { zh: '已退还', en: 'Returned' },
};

const GREEN_STATUSES = ['listed', 'removed'] as const;
const greenStatusLabel: Record<(typeof GREEN_STATUSES)[number], Label> = {
  listed: { zh: '在册', en: 'Listed' },
  removed: { zh: '已移出', en: 'Removed' },
};

const YES_NO: Option[] = [
  { value: true, label: { zh: '是', en: 'Yes' } },
  { value: false, label: { zh: '否', en: 'No' } },
];

/** Values of the list's 状态 column per kind (core's siteStatus), with their labels. */
export const STATUS_OPTIONS: Partial<Record<SiteKind, Option[]>> = {
  licensed_mine: opts(MINE_STATUSES, mineStatusLabel),
  abandoned_mine: opts(SEALING_STATUSES, sealingStatusLabel),
  illegal_point: opts(SEALING_STATUSES, sealingStatusLabel),
  tailings_pond: opts(POND_SAFETY, pondSafetyLabel),
  tailing_pit: opts(RESTORATION, restorationLabel),
  temporary_land: opts(TEMP_LAND_STATUSES, tempLandStatusLabel),
  green_mine_entry: opts(GREEN_STATUSES, greenStatusLabel),
};

export function statusLabelOf(kind: SiteKind, status: string | null | undefined): Label | null {
  if (!status) return null;
  const found = STATUS_OPTIONS[kind]?.find((o) => o.value === status);
  return found ? found.label : { zh: status, en: status };
}

const STATUS_COLORS: Record<string, string> = {
  producing: 'green',
  suspended: 'orange',
  closed: 'red',
  expired: 'default',
  cancelled: 'default',
  unsealed: 'red',
  sealed: 'green',
  incomplete: 'orange',
  normal: 'green',
  ill: 'gold',
  dangerous: 'orange',
  critical: 'red',
  not_started: 'red',
  in_progress: 'blue',
  completed: 'green',
  in_use: 'blue',
  reclaimed: 'cyan',
  returned: 'green',
  listed: 'green',
  removed: 'default',
};
export const statusColor = (status: string) => STATUS_COLORS[status] ?? 'default';

export const sealingPartyLabel: Record<SealingParty, Label> = {
  right_holder: { zh: '矿业权人', en: 'Mining-right holder' },
  fixed_at_closure: { zh: '关闭时确定的治理责任主体', en: 'Party fixed at closure' },
  county_government: { zh: '县级人民政府', en: 'County government' },
};

export const GRADE_LABELS: Record<number, Label> = {
  1: { zh: '一等库', en: 'Grade 1' },
  2: { zh: '二等库', en: 'Grade 2' },
  3: { zh: '三等库', en: 'Grade 3' },
  4: { zh: '四等库', en: 'Grade 4' },
  5: { zh: '五等库', en: 'Grade 5' },
};

/** Colour of each kind: map symbols, legend swatches and kind tags. */
export const KIND_COLORS: Record<SiteKind, string> = {
  licensed_mine: '#1f5fa8',
  abandoned_mine: '#8c4a00',
  illegal_point: '#cf1322',
  tailings_pond: '#08979c',
  tailing_pit: '#d48806',
  dump_site: '#6b5e4a',
  temporary_land: '#c41d7f',
  protected_area: '#389e0d',
  green_mine_entry: '#7cb305',
  camera: '#531dab',
};

// ---------- form fields per kind ----------

type AttrKey<K extends SiteKind> = Exclude<keyof Extract<SiteAttributes, { kind: K }>, 'kind'> & string;

export type FieldType = 'text' | 'longText' | 'number' | 'integer' | 'date' | 'enum' | 'bool';

export interface FieldSpec<N extends string = string> {
  name: N;
  label: Label;
  type: FieldType;
  /** Must be given (the schema has neither null nor a default for it). */
  required?: boolean;
  /** The schema's default, preset when registering. */
  initial?: string | number | boolean;
  options?: Option[];
  min?: number;
  max?: number;
  maxLength?: number;
}

type Specs = { [K in SiteKind]: FieldSpec<AttrKey<K>>[] };

export const ATTRIBUTE_FIELDS: Specs = {
  licensed_mine: [
    { name: 'licenceNo', label: { zh: '采矿许可证号', en: 'Mining licence no.' }, type: 'text', required: true, maxLength: 60 },
    { name: 'holder', label: { zh: '采矿权人', en: 'Licence holder' }, type: 'text', required: true, maxLength: 200 },
    { name: 'mineral', label: { zh: '矿种', en: 'Mineral' }, type: 'text', required: true, maxLength: 60 },
    { name: 'method', label: { zh: '开采方式', en: 'Mining method' }, type: 'enum', required: true, options: opts(MINING_METHODS, miningMethodLabel) },
    { name: 'scale', label: { zh: '生产规模', en: 'Production scale' }, type: 'enum', options: opts(MINE_SCALES, mineScaleLabel) },
    { name: 'validFrom', label: { zh: '有效期起', en: 'Valid from' }, type: 'date' },
    { name: 'validTo', label: { zh: '有效期止', en: 'Valid to' }, type: 'date' },
    { name: 'licensedAreaKm2', label: { zh: '矿区面积（km²）', en: 'Licensed area (km²)' }, type: 'number', min: 0 },
    { name: 'elevationTop', label: { zh: '开采标高上限（米）', en: 'Mining elevation, top (m)' }, type: 'number' },
    { name: 'elevationBottom', label: { zh: '开采标高下限（米）', en: 'Mining elevation, bottom (m)' }, type: 'number' },
    { name: 'status', label: { zh: '生产状态', en: 'Production status' }, type: 'enum', required: true, initial: 'producing', options: opts(MINE_STATUSES, mineStatusLabel) },
  ],
  abandoned_mine: [
    { name: 'category', label: { zh: '类别', en: 'Category' }, type: 'enum', required: true, options: opts(CLOSURE_CATEGORIES, closureCategoryLabel) },
    { name: 'shaftCount', label: { zh: '井口数', en: 'Number of shafts' }, type: 'integer', required: true, initial: 1, min: 1 },
    { name: 'rightHolder', label: { zh: '矿业权人', en: 'Mining-right holder' }, type: 'text', maxLength: 200 },
    { name: 'partyFixedAtClosure', label: { zh: '关闭时确定的治理责任主体', en: 'Party fixed at closure' }, type: 'text', maxLength: 200 },
    { name: 'closedOn', label: { zh: '关闭日期', en: 'Closed on' }, type: 'date' },
  ],
  illegal_point: [
    { name: 'mineral', label: { zh: '矿种', en: 'Mineral' }, type: 'text', maxLength: 60 },
    { name: 'discoveredOn', label: { zh: '发现日期', en: 'Discovered on' }, type: 'date' },
  ],
  tailings_pond: [
    { name: 'enterprise', label: { zh: '所属企业', en: 'Enterprise' }, type: 'text', maxLength: 200 },
    { name: 'capacity10kM3', label: { zh: '全库容（万m³）', en: 'Total capacity (10⁴ m³)' }, type: 'number', required: true, min: 0 },
    { name: 'damHeightM', label: { zh: '坝高（m）', en: 'Dam height (m)' }, type: 'number', required: true, min: 0 },
    { name: 'safetyStatus', label: { zh: '安全状况', en: 'Safety status' }, type: 'enum', required: true, initial: 'normal', options: opts(POND_SAFETY, pondSafetyLabel) },
  ],
  tailing_pit: [
    {
      name: 'owned',
      label: { zh: '有主/无主', en: 'Owned / ownerless' },
      type: 'bool',
      required: true,
      options: [
        { value: true, label: { zh: '有主', en: 'Owned' } },
        { value: false, label: { zh: '无主', en: 'Ownerless' } },
      ],
    },
    { name: 'owner', label: { zh: '权属人', en: 'Owner' }, type: 'text', maxLength: 200 },
    { name: 'areaMu', label: { zh: '面积（亩）', en: 'Area (mu)' }, type: 'number', min: 0 },
    { name: 'damagedForestGrassMu', label: { zh: '破坏林草地面积（亩）', en: 'Damaged forest/grassland (mu)' }, type: 'number', min: 0 },
    { name: 'restoration', label: { zh: '修复状态', en: 'Restoration' }, type: 'enum', required: true, initial: 'not_started', options: opts(RESTORATION, restorationLabel) },
  ],
  dump_site: [
    { name: 'type', label: { zh: '场地类型', en: 'Dump type' }, type: 'enum', required: true, options: opts(DUMP_TYPES, dumpTypeLabel) },
    { name: 'approved', label: { zh: '是否经审批', en: 'Approved' }, type: 'bool', required: true, options: YES_NO },
    { name: 'approvedElevationTop', label: { zh: '批准堆放标高（米）', en: 'Approved top elevation (m)' }, type: 'number' },
    { name: 'currentElevationTop', label: { zh: '现状堆放标高（米）', en: 'Current top elevation (m)' }, type: 'number' },
  ],
  temporary_land: [
    { name: 'approvalNo', label: { zh: '批准文号', en: 'Approval no.' }, type: 'text', maxLength: 60 },
    { name: 'holder', label: { zh: '用地单位', en: 'Land user' }, type: 'text', maxLength: 100 },
    { name: 'approvedFrom', label: { zh: '批准期限起', en: 'Approved from' }, type: 'date' },
    { name: 'approvedTo', label: { zh: '批准期限止', en: 'Approved to' }, type: 'date' },
    { name: 'reclaimed', label: { zh: '是否已复垦', en: 'Reclaimed' }, type: 'bool', required: true, initial: false, options: YES_NO },
    { name: 'returned', label: { zh: '是否已退还', en: 'Returned' }, type: 'bool', required: true, initial: false, options: YES_NO },
  ],
  protected_area: [
    { name: 'category', label: { zh: '类别', en: 'Category' }, type: 'enum', required: true, options: opts(PROTECTED_CATEGORIES, protectedCategoryLabel) },
    { name: 'level', label: { zh: '级别', en: 'Level' }, type: 'enum', options: opts(PROTECTED_LEVELS, protectedLevelLabel) },
  ],
  green_mine_entry: [
    { name: 'listLevel', label: { zh: '名录级别', en: 'List level' }, type: 'enum', required: true, options: opts(LIST_LEVELS, listLevelLabel) },
    { name: 'listedOn', label: { zh: '入选日期', en: 'Listed on' }, type: 'date' },
    { name: 'removedOn', label: { zh: '移出日期', en: 'Removed on' }, type: 'date' },
    { name: 'removalReason', label: { zh: '移出原因', en: 'Reason for removal' }, type: 'longText', maxLength: 500 },
  ],
  camera: [
    { name: 'deviceId', label: { zh: '设备编号', en: 'Device ID' }, type: 'text', required: true, maxLength: 100 },
    { name: 'heightM', label: { zh: '安装高度（m）', en: 'Mounting height (m)' }, type: 'number', min: 0 },
    { name: 'azimuthDeg', label: { zh: '朝向（度，正北顺时针）', en: 'Azimuth (degrees from north)' }, type: 'number', min: 0, max: 360 },
    { name: 'rangeM', label: { zh: '监控距离（m）', en: 'Range (m)' }, type: 'number', min: 0 },
  ],
};

export const fieldsOf = (kind: SiteKind): FieldSpec[] => ATTRIBUTE_FIELDS[kind];

/** Label of a stored attribute value: enum/bool via the field's options, numbers grouped. */
export function attributeValueLabel(field: FieldSpec, value: unknown): Label | null {
  if (value === null || value === undefined || value === '') return null;
  if (field.options) {
    const found = field.options.find((o) => o.value === value);
    if (found) return found.label;
  }
  if (typeof value === 'boolean') return value ? { zh: '是', en: 'Yes' } : { zh: '否', en: 'No' };
  if (typeof value === 'number') {
    const s = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(value);
    return { zh: s, en: s };
  }
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return { zh: s, en: s };
}
