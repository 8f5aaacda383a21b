import { useState } from 'react';
import { Button, Card, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { HAZARD_LEDGER_TYPES, can, hazardLedgerFields, problemStateLabel, type HazardEntry, type HazardLedgerType } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { HazardValue } from './hazard-value';
import { useHazardEntries, useHazardSummaries } from './hazards-api';
import { useHazardsText } from './hazards-text';

const PAGE = 50;

/** `/hazards`: the four ledgers of 001 §五.(一), one tab each, with the ledger's own columns. */
export function HazardsPage() {
  const t = useHazardsText();
  const label = useLabel();
  const me = useMe();
  const { code } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const type = (HAZARD_LEDGER_TYPES as readonly string[]).includes(params.get('type') ?? '') ? (params.get('type') as HazardLedgerType) : HAZARD_LEDGER_TYPES[0];
  const summaries = useHazardSummaries(code);
  return (
    <div>
      <PageTitle>{t('title')}</PageTitle>
      <QueryBoundary query={summaries}>
        {(list) => (
          <Tabs
            activeKey={type}
            onChange={(k) => setParams((p) => (p.set('type', k), p), { replace: true })}
            items={list.map((l) => ({
              key: l.type,
              label: (
                <span>
                  {label(l.label)} <Tag color={l.open ? 'orange' : undefined}>{l.open}/{l.total}</Tag>
                </span>
              ),
              children: (
                <Ledger
                  type={l.type}
                  intro={t('intro', { section: l.section, printed: l.printed })}
                  totals={t('total', { total: l.total, open: l.open })}
                  mayWrite={!!me.data && can(me.data.role, 'problem.write')}
                />
              ),
            }))}
          />
        )}
      </QueryBoundary>
    </div>
  );
}

function Ledger({ type, intro, totals, mayWrite }: { type: HazardLedgerType; intro: string; totals: string; mayWrite: boolean }) {
  const t = useHazardsText();
  const label = useLabel();
  const { code, withRegion } = useCurrentRegion();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const entries = useHazardEntries(type, { region: code, open, limit: PAGE, offset: (page - 1) * PAGE });
  const fields = hazardLedgerFields[type];
  const columns = [
    { key: 'region', title: t('col.region'), dataIndex: 'regionName' },
    {
      key: 'enterprise',
      title: t('col.enterprise'),
      render: (_: unknown, e: HazardEntry) => <Link to={withRegion(`/problems/${e.problemId}`)}>{e.siteName ?? e.enterprise}</Link>,
    },
    { key: 'found', title: t('col.found'), dataIndex: 'description', ellipsis: true },
    ...fields.map((f) => ({ key: f.key, title: label(f.label), render: (_: unknown, e: HazardEntry) => <HazardValue field={f} value={e.hazard[f.key]} /> })),
    { key: 'deadline', title: t('col.deadline'), render: (_: unknown, e: HazardEntry) => <Space size={4}>{e.deadline}{e.overdueSince && ['found', 'rectifying', 'returned', 'submitted'].includes(e.state) ? <Tag color="red">{t('overdue')}</Tag> : null}</Space> },
    { key: 'state', title: t('col.state'), render: (_: unknown, e: HazardEntry) => label(problemStateLabel[e.state]) },
    { key: 'unit', title: t('col.responsible'), render: (_: unknown, e: HazardEntry) => [e.responsibleUnitName, e.responsiblePersonName].filter(Boolean).join(' · ') || '—' },
  ];
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{totals}</Typography.Text>
        <Switch checked={open} onChange={(v) => (setOpen(v), setPage(1))} aria-label={t('openOnly')} />
        <span>{t('openOnly')}</span>
        {mayWrite ? (
          <Link to={withRegion(`/hazards/new/${type}`)}>
            <Button type="primary" icon={<PlusOutlined />}>
              {t('add')}
            </Button>
          </Link>
        ) : null}
      </Space>
      <Table<HazardEntry>
        size="small"
        rowKey="problemId"
        loading={entries.isFetching}
        dataSource={entries.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('empty') }}
        pagination={{ current: page, pageSize: PAGE, total: entries.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}
