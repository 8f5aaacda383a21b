import { useState } from 'react';
import { Button, Progress, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { perMineRequirementLabel, type CampaignDetail, type MineView } from '@minewatch/core';
import { useCampaign } from '../../api/campaigns';
import { useMines } from '../../api/problems';
import { useSites } from '../../api/sites';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ErrorResult } from '../../ui/error-result';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { useLedgerText } from '../ledger/ledger-text';

/**
 * `/campaigns/:id/mines` 一矿一策: every mine of the campaign in the current region with its plan,
 * responsible person, the status of each stage and what is still missing ("不漏一矿、不漏一环").
 */
export function MinesPage() {
  const { id } = useParams();
  const campaign = useCampaign(id);
  return <QueryBoundary query={campaign}>{(c) => <MinesView c={c} />}</QueryBoundary>;
}

function MinesView({ c }: { c: CampaignDetail }) {
  const t = useLedgerText();
  const tt = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const { code, withRegion } = useCurrentRegion();
  const mines = useMines(c.id, code);
  const [siteQuery, setSiteQuery] = useState('');
  const sites = useSites({ region: code, q: siteQuery || null, limit: 30 });
  const stages = c.data.stages;

  const columns: TableColumnsType<MineView> = [
    {
      title: t('mines.mine'),
      key: 'mine',
      fixed: 'left',
      width: 200,
      render: (_: unknown, m) => <Link to={withRegion(`/campaigns/${c.id}/mines/${m.siteId}`)}>{m.siteName}</Link>,
    },
    { title: t('mines.responsible'), key: 'person', width: 120, render: (_: unknown, m) => m.responsiblePersonName ?? <Tag color="red">{t('mines.none')}</Tag> },
    ...(stages.length
      ? [
          {
            title: t('mines.stages'),
            key: 'stages',
            width: 200,
            render: (_: unknown, m: MineView) => (
              <Tooltip title={m.stages.map((s) => `${s.name}：${t(`stage.${s.status}`)}`).join('；')}>
                <Progress percent={m.stageProgress.percent} size="small" format={() => `${m.stageProgress.done}/${m.stageProgress.applicable}`} />
              </Tooltip>
            ),
          },
        ]
      : []),
    {
      title: t('mines.gaps'),
      key: 'gaps',
      width: 120,
      render: (_: unknown, m) =>
        m.gaps.length === 0 ? (
          <Tag color="green">{t('mines.complete')}</Tag>
        ) : (
          <Tooltip title={m.gaps.map((g) => g.message).join('；')}>
            <Tag color="orange">{t('mines.missing', { n: m.gaps.length })}</Tag>
          </Tooltip>
        ),
    },
    {
      title: t('mines.problems'),
      key: 'problems',
      width: 220,
      render: (_: unknown, m) => (
        <Space size={4} wrap>
          <Link to={withRegion(`/problems?campaign=${c.id}&site=${m.siteId}&progress=in_progress`)}>{t('mines.open', { n: m.problems.open })}</Link>
          <span>·</span>
          <Link to={withRegion(`/problems?campaign=${c.id}&site=${m.siteId}&progress=completed`)}>{t('mines.closed', { n: m.problems.closed })}</Link>
          {m.problems.overdue ? (
            <Link to={withRegion(`/problems?campaign=${c.id}&site=${m.siteId}&progress=overdue`)}>
              <Tag color="red">{t('mines.overdue', { n: m.problems.overdue })}</Tag>
            </Link>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle>
        {t('mines.title')}
        <span className="page-title-sub">
          {' '}
          · <Link to={withRegion(`/campaigns/${c.id}`)}>{c.name}</Link>
        </span>
      </PageTitle>
      {c.data.perMine.length ? (
        <Typography.Paragraph type="secondary">
          {c.data.perMine.map((r) => label(perMineRequirementLabel[r])).join('、')}
          {c.data.perMinePrinted ? `：“${c.data.perMinePrinted}”` : ''}
        </Typography.Paragraph>
      ) : null}
      <div className="toolbar">
        <Select
          showSearch={{ filterOption: false, onSearch: setSiteQuery }}
          aria-label={t('mines.openMine')}
          placeholder={t('mines.openMine')}
          className="filter-select filter-wide"
          loading={sites.isFetching}
          notFoundContent={sites.isFetching ? tt('common.loading') : null}
          options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.regionName}）` }))}
          onChange={(siteId: string) => void navigate(withRegion(`/campaigns/${c.id}/mines/${siteId}`))}
          value={null}
        />
      </div>
      {mines.isError ? (
        <ErrorResult error={mines.error} onRetry={() => void mines.refetch()} />
      ) : (
        <Table<MineView>
          rowKey="siteId"
          size="middle"
          columns={columns}
          dataSource={mines.data ?? []}
          loading={mines.isFetching}
          locale={{ emptyText: t('mines.empty') }}
          scroll={{ x: 900 }}
          pagination={(mines.data?.length ?? 0) > 50 ? { pageSize: 50 } : false}
        />
      )}
      <Button style={{ marginTop: 12 }} onClick={() => void navigate(withRegion(`/campaigns/${c.id}`))}>
        {t('mines.back')}
      </Button>
    </>
  );
}
