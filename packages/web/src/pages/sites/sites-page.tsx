import { useState } from 'react';
import { Button, Dropdown, Select, Space, Table, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { SITE_KINDS, can, siteKindLabel, type SiteKind, type SiteSummary } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useRegion } from '../../api/regions';
import { useSites } from '../../api/sites';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ErrorResult } from '../../ui/error-result';
import { PageTitle } from '../../ui/page-title';
import { formatMu } from './site-format';
import { SiteFormModal } from './site-form-modal';
import { STATUS_OPTIONS } from './site-fields';
import { SiteKindTag, SiteStatusTag } from './site-tags';
import { ListSearch } from '../../ui/list-search';
import { useListParams } from '../../ui/use-list-params';

const isKind = (v: string | null): v is SiteKind => !!v && (SITE_KINDS as readonly string[]).includes(v);

/**
 * `/sites` 监管对象 (一矿一档): the supervised objects of the current region and below, filtered by
 * kind, status and name on the server (`?kind=&status=&q=&page=&size=`), paged by the server.
 */
export function SitesPage() {
  const { t, lang } = useI18n();
  const label = useLabel();
  const me = useMe();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const { params, size, page, update, pagination } = useListParams();
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : null;
  const statusOptions = kind ? (STATUS_OPTIONS[kind] ?? []) : [];
  const statusParam = params.get('status');
  const status = statusOptions.some((o) => o.value === statusParam) ? statusParam : null;
  const q = params.get('q') ?? '';
  const [adding, setAdding] = useState(false);
  const canWrite = me.data ? can(me.data.role, 'site.write') : false;

  const sites = useSites({ region: code, kind, status, q: q || null, limit: size, offset: (page - 1) * size });


  /** The exports take the list's filters, so what is downloaded is what the list shows (all pages). */
  const exportHref = (ext: 'geojson' | 'zip' | 'xlsx') => {
    const p = new URLSearchParams();
    if (code) p.set('region', code);
    if (kind) p.set('kind', kind);
    if (status) p.set('status', status);
    if (q) p.set('q', q);
    return `/api/sites/export.${ext}?${p.toString()}`;
  };

  const columns: TableColumnsType<SiteSummary> = [
    {
      title: t('sites.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, s) => <Link to={withRegion(`/sites/${s.id}`)}>{name}</Link>,
    },
    {
      title: t('sites.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: SiteKind) => <SiteKindTag kind={k} />,
    },
    {
      title: t('sites.status'),
      dataIndex: 'status',
      key: 'status',
      render: (st: string | null, s) => (st ? <SiteStatusTag kind={s.kind} status={st} /> : t('common.none')),
    },
    { title: t('sites.region'), dataIndex: 'regionName', key: 'region' },
    {
      title: t('sites.areaMu'),
      dataIndex: 'areaMu',
      key: 'area',
      align: 'right',
      render: (v: number | null) => (v === null ? t('common.none') : formatMu(v, lang)),
    },
    {
      title: t('sites.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Dropdown
              menu={{
                items: [
                  { key: 'geojson', label: <a href={exportHref('geojson')} download>{t('sites.exportGeojson')}</a> },
                  { key: 'zip', label: <a href={exportHref('zip')} download>{t('sites.exportShp')}</a> },
                  { key: 'xlsx', label: <a href={exportHref('xlsx')} download>{t('sites.exportXlsx')}</a> },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('sites.export')}</Button>
            </Dropdown>
            {canWrite && region.data ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('sites.add')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {t('sites.title')}
        {region.data ? <span className="page-title-sub"> · {region.data.name}</span> : null}
      </PageTitle>
      <div className="toolbar" role="search">
        <Select
          allowClear
          aria-label={t('sites.filterKind')}
          placeholder={t('sites.filterKind')}
          value={kind ?? undefined}
          onChange={(v?: string) => update({ kind: v ?? null, status: null })}
          className="filter-select"
          popupMatchSelectWidth={false}
          options={SITE_KINDS.map((k) => ({ value: k, label: label(siteKindLabel[k]) }))}
        />
        <Select
          allowClear
          aria-label={t('sites.filterStatus')}
          placeholder={kind ? t('sites.filterStatus') : t('sites.filterStatusNeedsKind')}
          disabled={statusOptions.length === 0}
          value={status ?? undefined}
          onChange={(v?: string) => update({ status: v ?? null })}
          className="filter-select"
          popupMatchSelectWidth={false}
          options={statusOptions.map((o) => ({ value: String(o.value), label: label(o.label) }))}
        />
        <ListSearch label={t('sites.search')} q={q} update={update} />
      </div>
      {sites.isError ? (
        <ErrorResult error={sites.error} onRetry={() => void sites.refetch()} />
      ) : (
        <Table<SiteSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={sites.data?.items ?? []}
          loading={sites.isFetching}
          scroll={{ x: 820 }}
          pagination={pagination(sites.data?.total ?? 0, (n) => t('common.total', { n }))}
        />
      )}
      {canWrite && region.data ? (
        <SiteFormModal mode="create" open={adding} onClose={() => setAdding(false)} region={region.data} />
      ) : null}
    </>
  );
}
