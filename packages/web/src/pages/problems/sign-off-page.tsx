import { useState } from 'react';
import { Button, List, Pagination, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { problemEventLabel, type ProblemEvent, type ProblemSummary } from '@minewatch/core';
import { useSignOffQueue } from '../../api/problems';
import { useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ErrorResult } from '../../ui/error-result';
import { PageTitle } from '../../ui/page-title';
import { useMediaQuery } from '../../ui/use-media-query';
import { ProblemCard } from '../ledger/ledger-page';
import { useLedgerText } from '../ledger/ledger-text';
import { ProgressTag } from '../ledger/problem-tags';
import { EventModal } from './event-modal';

const SIZE = 20;

/**
 * `/problems/sign-off` 销号审核: problems submitted for sign-off that this user may verify — as the
 * campaign office or the named verifying unit, never for their own unit's work — oldest first.
 */
export function SignOffPage() {
  const t = useLedgerText();
  const label = useLabel();
  const { withRegion } = useCurrentRegion();
  const isPhone = useMediaQuery('(max-width: 767.98px)');
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const queue = useSignOffQueue(SIZE, (page - 1) * SIZE);
  const [firing, setFiring] = useState<{ p: ProblemSummary; event: ProblemEvent } | null>(null);

  const actions = (p: ProblemSummary) => (
    <Space wrap>
      <Button type="primary" onClick={() => setFiring({ p, event: 'sign_off' })} aria-label={`${label(problemEventLabel.sign_off)} ${p.enterprise}`}>
        {label(problemEventLabel.sign_off)}
      </Button>
      <Button danger onClick={() => setFiring({ p, event: 'return' })} aria-label={`${label(problemEventLabel.return)} ${p.enterprise}`}>
        {label(problemEventLabel.return)}
      </Button>
    </Space>
  );

  const columns: TableColumnsType<ProblemSummary> = [
    {
      title: t('ledger.enterprise'),
      key: 'enterprise',
      render: (_: unknown, p) => (
        <Link to={withRegion(`/problems/${p.id}`)} className="ledger-enterprise">
          {p.enterprise || t('ledger.noEnterprise')}
        </Link>
      ),
    },
    { title: t('ledger.type'), dataIndex: 'typeName', key: 'type', width: 180 },
    { title: t('ledger.region'), dataIndex: 'regionName', key: 'region', width: 110 },
    { title: t('ledger.campaign'), dataIndex: 'campaignName', key: 'campaign', width: 200 },
    { title: t('ledger.deadline'), dataIndex: 'deadline', key: 'deadline', width: 110 },
    { title: t('signOff.evidence'), dataIndex: 'evidenceCount', key: 'evidence', width: 90, align: 'right' },
    { title: t('ledger.progress'), key: 'progress', width: 130, render: (_: unknown, p) => <ProgressTag cls={p.progressClass} daysOverdue={p.daysOverdue} /> },
    { title: t('signOff.actions'), key: 'actions', width: 200, render: (_: unknown, p) => actions(p) },
  ];

  const pagination = {
    current: page,
    pageSize: SIZE,
    total: queue.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (n: number) => t('ledger.total', { n }),
    onChange: (p: number) => setParams(p > 1 ? { page: String(p) } : {}, { replace: true }),
  };

  return (
    <>
      <PageTitle>{t('signOff.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('signOff.intro')}</Typography.Paragraph>
      {queue.isError ? (
        <ErrorResult error={queue.error} onRetry={() => void queue.refetch()} />
      ) : isPhone ? (
        <>
          <List<ProblemSummary>
            loading={queue.isFetching}
            dataSource={queue.data?.items ?? []}
            locale={{ emptyText: t('signOff.empty') }}
            renderItem={(p) => (
              <List.Item key={p.id} className="problem-card-item">
                <ProblemCard p={p} href={withRegion(`/problems/${p.id}`)} extra={<div className="problem-card-actions">{actions(p)}</div>} />
              </List.Item>
            )}
          />
          <Pagination {...pagination} simple style={{ marginTop: 12, textAlign: 'center' }} />
        </>
      ) : (
        <Table<ProblemSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={queue.data?.items ?? []}
          loading={queue.isFetching}
          locale={{ emptyText: t('signOff.empty') }}
          scroll={{ x: 1100 }}
          pagination={pagination}
        />
      )}
      {firing ? <EventModal problem={firing.p} event={firing.event} onClose={() => setFiring(null)} /> : null}
    </>
  );
}
