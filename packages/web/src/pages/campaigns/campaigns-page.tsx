import { useState } from 'react';
import { Button, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CAMPAIGN_KINDS, campaignKindLabel, can, type CampaignKind, type CampaignSummary } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useCampaigns } from '../../api/campaigns';
import { useRegion } from '../../api/regions';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ErrorResult } from '../../ui/error-result';
import { PageTitle } from '../../ui/page-title';
import { useLedgerText } from '../ledger/ledger-text';
import { CopyCampaignModal } from './copy-campaign-modal';

const isKind = (v: string | null): v is CampaignKind => !!v && (CAMPAIGN_KINDS as readonly string[]).includes(v);

/** "2022-04-23 – 2022-12-31", or "2022-04-23 起" for an open-ended mechanism. */
export function periodText(start: string | null, end: string | null, openEnded: string): string {
  if (!start && !end) return openEnded;
  return `${start ?? '…'} – ${end ?? openEnded}`;
}

/** Where the campaign came from: a seed document, a copy, or set up in the app; and whether it is a higher region's. */
export function CampaignOriginTags({ c }: { c: CampaignSummary }) {
  const t = useLedgerText();
  return (
    <span className="title-tags">
      {c.seed ? <Tag color="gold">{t('campaigns.fromSeed')}</Tag> : c.copiedFrom ? <Tag color="cyan">{t('campaigns.copied')}</Tag> : <Tag>{t('campaigns.created')}</Tag>}
      {c.inherited ? (
        <Tooltip title={t('campaigns.inheritedHelp')}>
          <Tag color="purple">{t('campaigns.inherited')}</Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

/**
 * `/campaigns` 专项行动: the campaigns of the current region and below, and those of higher regions
 * the user works under. New ones are set up from scratch or copied from any listed one.
 */
export function CampaignsPage() {
  const t = useLedgerText();
  const { lang } = useI18n();
  const label = useLabel();
  const me = useMe();
  const navigate = useNavigate();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : null;
  const q = params.get('q') ?? '';
  const [searchText, setSearchText] = useState(q);
  const [copying, setCopying] = useState<CampaignSummary | null>(null);
  const canWrite = me.data ? can(me.data.role, 'campaign.write') : false;
  const campaigns = useCampaigns({ region: code, kind, q: q || null }, !!code);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );

  const columns: TableColumnsType<CampaignSummary> = [
    {
      title: t('campaigns.name'),
      key: 'name',
      render: (_: unknown, c) => (
        <div>
          <Link to={withRegion(`/campaigns/${c.id}`)}>{c.name}</Link>
          {lang === 'en' && c.en ? <div className="muted-line">{c.en}</div> : null}
        </div>
      ),
    },
    { title: t('campaigns.kind'), dataIndex: 'kind', key: 'kind', width: 140, render: (k: CampaignKind) => label(campaignKindLabel[k]) },
    { title: t('campaigns.region'), dataIndex: 'regionName', key: 'region', width: 140 },
    {
      title: t('campaigns.period'),
      key: 'period',
      width: 220,
      render: (_: unknown, c) => periodText(c.periodStart, c.periodEnd, t('campaigns.openEnded')),
    },
    { title: t('campaigns.origin'), key: 'origin', width: 170, render: (_: unknown, c) => <CampaignOriginTags c={c} /> },
    ...(canWrite
      ? [
          {
            title: <span className="sr-only">{t('campaigns.copy')}</span>,
            key: 'actions',
            width: 90,
            render: (_: unknown, c: CampaignSummary) => (
              <Button size="small" icon={<CopyOutlined />} onClick={() => setCopying(c)} aria-label={`${t('campaigns.copy')} ${c.name}`}>
                {t('campaigns.copy')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        extra={
          canWrite ? (
            <Space wrap>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(withRegion('/campaigns/new'))}>
                {t('campaigns.add')}
              </Button>
            </Space>
          ) : null
        }
      >
        {t('campaigns.title')}
        {region.data ? <span className="page-title-sub"> · {region.data.name}</span> : null}
      </PageTitle>
      <div className="toolbar" role="search">
        <Select
          allowClear
          aria-label={t('campaigns.filterKind')}
          placeholder={t('campaigns.filterKind')}
          value={kind ?? undefined}
          onChange={(v?: string) => update({ kind: v ?? null })}
          className="filter-select"
          options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: label(campaignKindLabel[k]) }))}
        />
        <Input.Search
          allowClear
          aria-label={t('campaigns.search')}
          placeholder={t('campaigns.search')}
          value={searchText}
          onChange={(e) => {
            setSearchText(e.target.value);
            if (!e.target.value) update({ q: null });
          }}
          onSearch={(v) => update({ q: v.trim() || null })}
          className="filter-search"
        />
      </div>
      {campaigns.isError ? (
        <ErrorResult error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : (
        <Table<CampaignSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={campaigns.data ?? []}
          loading={campaigns.isFetching}
          locale={{ emptyText: t('campaigns.empty') }}
          scroll={{ x: 860 }}
          pagination={false}
        />
      )}
      {copying ? <CopyCampaignModal source={copying} onClose={() => setCopying(null)} /> : null}
    </>
  );
}
