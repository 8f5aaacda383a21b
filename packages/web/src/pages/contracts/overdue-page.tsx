import { DatePicker, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import type { OverdueRow } from '@minewatch/core';
import { useOverdue } from '../../api/contracts';
import { useRegion } from '../../api/regions';
import { useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ErrorResult } from '../../ui/error-result';
import { PageTitle } from '../../ui/page-title';
import { useTargetName } from './contract-tags';

const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid();

/**
 * `/contracts/overdue` 逾期未调研督导: each contracted person × area not visited within a calendar
 * month (or 30 days), as of today or an earlier day, longest overdue first.
 */
export function OverduePage() {
  const t = useT();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const [params, setParams] = useSearchParams();
  const asOf = isDay(params.get('asOf')) ? params.get('asOf') : null;
  const window30 = params.get('window') === '30d';
  const overdue = useOverdue({ region: code, asOf, windowDays: window30 ? 30 : null });
  const targetName = useTargetName();

  const set = (k: string, v: string | null) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (v === null) p.delete(k);
        else p.set(k, v);
        return p;
      },
      { replace: true },
    );

  const columns: TableColumnsType<OverdueRow> = [
    {
      title: t('contracts.person'),
      key: 'person',
      render: (_: unknown, r) => (
        <>
          <Link to={withRegion(`/contracts/${r.contractId}`)}>{r.person.name}</Link>
          <Typography.Text type="secondary"> {[r.person.unitName, r.person.position].filter(Boolean).join(' · ')}</Typography.Text>
        </>
      ),
    },
    { title: t('contracts.targets'), key: 'target', render: (_: unknown, r) => targetName(r.target) },
    { title: t('contracts.lastVisit'), key: 'last', render: (_: unknown, r) => r.lastVisitOn ?? t('contracts.never') },
    { title: t('overdue.sinceLast'), key: 'since', render: (_: unknown, r) => (r.daysSinceLastVisit === null ? t('common.none') : t('contracts.daysAgo', { n: r.daysSinceLastVisit })) },
    { title: t('contracts.dueBy'), dataIndex: 'dueBy', key: 'due' },
    { title: t('contracts.status'), key: 'overdue', render: (_: unknown, r) => <Tag color="red">{t('contracts.overdueDays', { n: r.daysOverdue })}</Tag> },
  ];

  return (
    <>
      <PageTitle extra={<Link to={withRegion('/contracts')}>{t('contracts.title')}</Link>}>
        {t('overdue.title')}
        {region.data ? <span className="page-title-sub"> · {region.data.name}</span> : null}
      </PageTitle>
      <Typography.Paragraph type="secondary">
        {t('contracts.rule')}
        <br />
        {t('contracts.ruleSource')}
      </Typography.Paragraph>
      <div className="toolbar">
        <DatePicker
          aria-label={t('overdue.asOf')}
          placeholder={t('overdue.asOf')}
          format="YYYY-MM-DD"
          value={asOf ? dayjs(asOf) : null}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => set('asOf', d ? d.format('YYYY-MM-DD') : null)}
        />
        <Select
          aria-label={t('overdue.window')}
          value={window30 ? '30d' : '1m'}
          onChange={(v: string) => set('window', v === '30d' ? '30d' : null)}
          className="filter-select"
          options={[
            { value: '1m', label: t('overdue.windowMonth') },
            { value: '30d', label: t('overdue.window30') },
          ]}
        />
        {overdue.data ? <Typography.Text strong>{t('overdue.summary', { date: overdue.data.asOf, n: overdue.data.items.length })}</Typography.Text> : null}
      </div>
      {overdue.isError ? (
        <ErrorResult error={overdue.error} onRetry={() => void overdue.refetch()} />
      ) : (
        <Table<OverdueRow>
          rowKey={(r) => `${r.contractId}:${r.target.id}`}
          size="middle"
          columns={columns}
          dataSource={overdue.data?.items ?? []}
          loading={overdue.isFetching}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('overdue.empty') }}
          pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
        />
      )}
    </>
  );
}
