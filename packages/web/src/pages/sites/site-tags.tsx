import { Tag } from 'antd';
import { siteKindLabel, type SiteKind } from '@minewatch/core';
import { useLabel } from '../../i18n';
import { KIND_COLORS, statusColor, statusLabelOf } from './site-fields';

export function SiteKindTag({ kind }: { kind: SiteKind }) {
  const label = useLabel();
  return (
    <Tag color={KIND_COLORS[kind]} className="site-kind-tag">
      {label(siteKindLabel[kind])}
    </Tag>
  );
}

/** The 状态 of a site (lifecycle, sealing, safety, … by kind); nothing for kinds without one. */
export function SiteStatusTag({ kind, status }: { kind: SiteKind; status: string | null }) {
  const label = useLabel();
  const text = statusLabelOf(kind, status);
  if (!status || !text) return null;
  return <Tag color={statusColor(status)}>{label(text)}</Tag>;
}
