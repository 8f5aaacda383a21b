import { useMemo, useState } from 'react';
import { Switch, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { BodyKind } from '@minewatch/core';
import { useCadence, type CadenceRow } from '../../api/cadence';
import { useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { BodyKindTag } from './body-kind-tag';
import { CadenceTag } from './cadence-tag';

/** `/org/cadence`: meeting-cadence compliance of the bodies with a rule (overdue first). */
export function CadencePage() {
  const t = useT();
  const { code, withRegion } = useCurrentRegion();
  const cadence = useCadence(code);
  const [onlyOverdue, setOnlyOverdue] = useState(false);

  const rows = useMemo(
    () => (cadence.data ?? []).filter((r) => !onlyOverdue || r.cadence.overdue),
    [cadence.data, onlyOverdue],
  );

  const columns: TableColumnsType<CadenceRow> = [
    {
      title: t('cadence.body'),
      key: 'body',
      render: (_: unknown, r) => <Link to={withRegion(`/org/bodies/${r.body.id}`)}>{r.body.name}</Link>,
    },
    {
      title: t('bodies.kind'),
      key: 'kind',
      render: (_: unknown, r) => <BodyKindTag kind={r.body.kind as BodyKind} />,
    },
    { title: t('bodies.region'), key: 'region', render: (_: unknown, r) => r.body.regionName },
    {
      title: t('cadence.ruleHeader'),
      key: 'rule',
      render: (_: unknown, r) => t('cadence.ruleShort', { n: r.cadence.cadenceMonths }),
    },
    {
      title: t('cadence.lastHeld'),
      key: 'last',
      render: (_: unknown, r) => r.cadence.lastHeldOn ?? t('cadence.neverHeld'),
    },
    { title: t('cadence.dueBy'), key: 'due', render: (_: unknown, r) => r.cadence.dueBy },
    {
      title: t('cadence.status'),
      key: 'status',
      render: (_: unknown, r) => <CadenceTag cadence={r.cadence} />,
    },
  ];

  return (
    <>
      <PageTitle>{t('cadence.title')}</PageTitle>
      <div className="toolbar">
        <label className="switch-label">
          <Switch checked={onlyOverdue} onChange={setOnlyOverdue} /> {t('cadence.onlyOverdue')}
        </label>
      </div>
      <QueryBoundary query={cadence}>
        {() => (
          <Table<CadenceRow>
            rowKey={(r) => r.body.id}
            size="middle"
            columns={columns}
            dataSource={rows}
            scroll={{ x: 860 }}
            locale={{ emptyText: t('cadence.empty') }}
            rowClassName={(r) => (r.cadence.overdue ? 'row-overdue' : '')}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
          />
        )}
      </QueryBoundary>
    </>
  );
}
