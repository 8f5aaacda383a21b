import { useState } from 'react';
import { Button, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { can, type Contract } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useContracts } from '../../api/contracts';
import { useRegion } from '../../api/regions';
import { useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ErrorResult } from '../../ui/error-result';
import { PageTitle } from '../../ui/page-title';
import { ContractFormModal } from './contract-form-modal';
import { ContractStatusTag, usePeriodText, useTargetName, VisitStatusTag } from './contract-tags';

const PAGE_SIZE = 50;

/**
 * `/contracts` 包联责任: who is contracted to which townships, villages and mines in the current
 * region, with each area's last visit and overdue state; ended assignments on request.
 */
export function ContractsPage() {
  const t = useT();
  const me = useMe();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const [params, setParams] = useSearchParams();
  const includeEnded = params.get('ended') === '1';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [adding, setAdding] = useState(false);
  const canWrite = me.data ? can(me.data.role, 'contract.write') : false;
  const contracts = useContracts({ region: code, includeEnded, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const targetName = useTargetName();
  const period = usePeriodText();

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );

  const columns: TableColumnsType<Contract> = [
    {
      title: t('contracts.person'),
      key: 'person',
      width: 200,
      render: (_: unknown, c) => (
        <>
          <Link to={withRegion(`/contracts/${c.id}`)}>{c.person.name}</Link>
          <Typography.Text type="secondary" className="contract-person-sub">
            {' '}
            {[c.person.unitName, c.person.position].filter(Boolean).join(' · ')}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('contracts.targets'),
      key: 'targets',
      render: (_: unknown, c) => (
        <ul className="contract-targets" style={{ margin: 0, paddingLeft: 16 }}>
          {c.targets.map((x) => (
            <li key={x.id}>
              {targetName(x)} <VisitStatusTag target={x} />
              <Typography.Text type="secondary">
                {t('contracts.lastVisit')}：{x.lastVisitOn ? `${x.lastVisitOn}（${t('contracts.daysAgo', { n: x.daysSinceLastVisit ?? 0 })}）` : t('contracts.never')}
              </Typography.Text>
            </li>
          ))}
        </ul>
      ),
    },
    { title: t('contracts.period'), key: 'period', width: 200, render: (_: unknown, c) => period(c) },
    { title: t('contracts.status'), key: 'status', width: 100, render: (_: unknown, c) => <ContractStatusTag contract={c} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_: unknown, c) =>
        c.mayRecordVisit && c.active ? <Link to={withRegion(`/contracts/${c.id}/visit`)}>{t('contracts.recordVisit')}</Link> : null,
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <>
            <Link to={withRegion('/contracts/overdue')}>
              <Button icon={<WarningOutlined />}>{t('contracts.overdueList')}</Button>
            </Link>
            {canWrite && region.data ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginLeft: 8 }}>
                {t('contracts.add')}
              </Button>
            ) : null}
          </>
        }
      >
        {t('contracts.title')}
        {region.data ? <span className="page-title-sub"> · {region.data.name}</span> : null}
      </PageTitle>
      <Typography.Paragraph type="secondary">
        {t('contracts.rule')}
        <br />
        {t('contracts.ruleSource')}
      </Typography.Paragraph>
      <div className="toolbar">
        <label className="switch-label">
          <Switch checked={includeEnded} onChange={(on) => update({ ended: on ? '1' : null, page: null })} /> {t('contracts.includeEnded')}
        </label>
      </div>
      {contracts.isError ? (
        <ErrorResult error={contracts.error} onRetry={() => void contracts.refetch()} />
      ) : (
        <Table<Contract>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={contracts.data?.items ?? []}
          loading={contracts.isFetching}
          scroll={{ x: 900 }}
          rowClassName={(c) => (c.overdue ? 'row-overdue' : '')}
          locale={{ emptyText: t('contracts.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: contracts.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p) => update({ page: p > 1 ? String(p) : null }),
          }}
        />
      )}
      {canWrite && region.data ? <ContractFormModal open={adding} onClose={() => setAdding(false)} region={region.data} /> : null}
    </>
  );
}
