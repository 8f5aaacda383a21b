import { Tag } from 'antd';
import type { Cadence } from '@minewatch/core';
import { useT } from '../../i18n';

/** 正常 (green) / 逾期N天 (red) / 无频次要求 (grey) for a body's meeting cadence. */
export function CadenceTag({ cadence }: { cadence: Cadence | null }) {
  const t = useT();
  if (!cadence) return <Tag>{t('cadence.none')}</Tag>;
  if (cadence.overdue) {
    return <Tag color="red">{t('cadence.overdueDays', { n: cadence.daysOverdue })}</Tag>;
  }
  return <Tag color="green">{t('cadence.ok')}</Tag>;
}
