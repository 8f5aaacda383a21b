import { Tag } from 'antd';
import type { HazardField } from '@minewatch/core';
import { useLabel } from '../../i18n';
import { useHazardsText, valueLabel } from './hazards-text';

/** One ledger field's value as the ledger shows it (enum labels, yes/no, numbers with grouping). */
export function HazardValue({ field, value }: { field: HazardField; value: unknown }) {
  const label = useLabel();
  const t = useHazardsText();
  if (value === null || value === undefined || value === '') return <>—</>;
  switch (field.kind) {
    case 'enum':
      return <>{label(valueLabel(field.key, String(value)))}</>;
    case 'enum[]':
      return (
        <>
          {(value as string[]).map((v) => (
            <Tag key={v}>{label(valueLabel(field.key, v))}</Tag>
          ))}
        </>
      );
    case 'boolean':
      return <>{value ? t('yes') : t('no')}</>;
    case 'number':
      return <>{Number(value).toLocaleString()}</>;
    case 'file':
      return <>{String(value).slice(0, 12)}…</>;
    default:
      return <>{String(value)}</>;
  }
}
