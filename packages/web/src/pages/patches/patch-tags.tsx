import { Tag } from 'antd';
import { AREA_UNITS, areaUnitLabel, patchClassLabel, type AreaUnit, type PatchClass } from '@minewatch/core';
import { useLabel, type Lang } from '../../i18n';
import { KIND_COLORS } from '../sites/site-fields';
import { usePatchText } from './patches-text';

/** Tag colours per overlay class: violations warm, lawful cool, failures grey. */
export const CLASS_COLORS: Record<PatchClass, string> = {
  inside_licence: 'green',
  over_boundary: 'red',
  no_licence: 'volcano',
  approved_temporary_land: 'cyan',
  protected_area: 'purple',
  temporary_unapproved: 'magenta',
  temporary_exceeds: 'orange',
  temporary_elsewhere: 'gold',
  error: 'default',
};

export function PatchClassTag({ cls }: { cls: PatchClass }) {
  const label = useLabel();
  return (
    <Tag color={CLASS_COLORS[cls]} className="patch-class-tag">
      {label(patchClassLabel[cls])}
    </Tag>
  );
}

/** The classes of a patch's last classification, or 未分析 when it has none. */
export function PatchClassTags({ classes }: { classes: readonly PatchClass[] | null }) {
  const t = usePatchText();
  if (!classes) return <Tag className="patch-class-tag">{t('list.unclassified')}</Tag>;
  return (
    <span className="patch-class-tags">
      {classes.map((c) => (
        <PatchClassTag key={c} cls={c} />
      ))}
    </span>
  );
}

const nf = (lang: Lang, digits: number) =>
  new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "22.5 亩" / "22.5 mu": an area as the file gave it, in its own unit. */
export function formatDeclared(value: number, unit: AreaUnit, lang: Lang): string {
  const u = AREA_UNITS.includes(unit) ? areaUnitLabel[unit][lang] : unit;
  return `${new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 }).format(value)} ${u}`;
}

/** "1,234.56" m² rounded to whole square metres. */
export const formatM2 = (m2: number, lang: Lang) => nf(lang, 0).format(m2);

/** Colours of the patch map, shared with its legend. */
export const PATCH_MAP_COLORS = {
  outside: '#cf1322',
  patchLine: '#820014',
  licenceFill: '#dce8f6',
  licenceLine: KIND_COLORS.licensed_mine,
  protected: KIND_COLORS.protected_area,
  temporary: KIND_COLORS.temporary_land,
};
