import { Typography } from 'antd';
import type { Cadence } from '@minewatch/core';
import { useT } from '../../i18n';
import { InfoList } from '../../ui/info-list';
import { CadenceTag } from './cadence-tag';

/** 规则：每N个月至少一次 · 最近召开 · 应于…前召开 · 正常/逾期N天. */
export function CadenceStatus({ cadence }: { cadence: Cadence | null }) {
  const t = useT();
  if (!cadence) return <Typography.Text type="secondary">{t('body.noCadence')}</Typography.Text>;
  return (
    <div className="cadence-status">
      <Typography.Paragraph strong>{t('cadence.rule', { n: cadence.cadenceMonths })}</Typography.Paragraph>
      <InfoList
        items={[
          {
            key: 'last',
            label: t('cadence.lastHeld'),
            value: cadence.lastHeldOn ?? t('cadence.neverHeld'),
          },
          { key: 'due', label: t('cadence.dueBy'), value: t('cadence.dueByText', { date: cadence.dueBy }) },
          { key: 'status', label: t('cadence.status'), value: <CadenceTag cadence={cadence} /> },
        ]}
      />
    </div>
  );
}
