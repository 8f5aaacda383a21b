import { useMemo } from 'react';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { ExperimentOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { can, PATCH_CLASSES, patchClassLabel, type ClassificationRun, type PatchClass, type PatchSummary } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useClassifyPatches, usePatches } from '../../api/patches';
import { useRegion } from '../../api/regions';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ErrorResult } from '../../ui/error-result';
import { PageTitle } from '../../ui/page-title';
import { formatMu } from '../sites/site-format';
import { formatDeclared, formatM2, PatchClassTag, PatchClassTags } from './patch-tags';
import { usePatchText } from './patches-text';
import { ListSearch } from '../../ui/list-search';
import { useListParams } from '../../ui/use-list-params';
import './patches.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isClass = (v: string | null): v is PatchClass | 'unclassified' =>
  v === 'unclassified' || (!!v && (PATCH_CLASSES as readonly string[]).includes(v));

/**
 * `/patches` 变化图斑: the change patches of the current region and below, filtered on the server
 * (`?class=&q=&from=&to=&page=&size=`, from/to on 后时相), with per-class totals of the listed page
 * and, for writers, 导入图斑 and 开展叠加分析 (the run's result is the server's per-class areas).
 */
export function PatchesPage() {
  const { t: tt, lang } = useI18n();
  const t = usePatchText();
  const label = useLabel();
  const me = useMe();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const { params, size, page, update, pagination } = useListParams();
  const classParam = params.get('class');
  const cls = isClass(classParam) ? classParam : null;
  const q = params.get('q') ?? '';
  const from = DAY.test(params.get('from') ?? '') ? params.get('from') : null;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to') : null;
  const canWrite = me.data ? can(me.data.role, 'site.write') : false;
  const classify = useClassifyPatches();
  const navigate = useNavigate();

  const patches = usePatches({ region: code, classification: cls, q: q || null, afterFrom: from, afterTo: to, limit: size, offset: (page - 1) * size });


  // most telling first: on a phone only the first columns are in view
  const columns: TableColumnsType<PatchSummary> = [
    {
      title: t('col.code'),
      dataIndex: 'code',
      key: 'code',
      render: (c: string, p) => <Link to={withRegion(`/patches/${p.id}`)}>{c}</Link>,
    },
    { title: t('col.classes'), dataIndex: 'classes', key: 'classes', render: (c: PatchClass[] | null) => <PatchClassTags classes={c} /> },
    {
      title: t('col.areaMu'),
      dataIndex: 'areaMu',
      key: 'area',
      align: 'right',
      render: (v: number | null) => (v === null ? <Typography.Text type="secondary">{t('point')}</Typography.Text> : formatMu(v, lang)),
    },
    { title: t('col.after'), dataIndex: 'afterDate', key: 'after', render: (d: string | null) => d ?? tt('common.none') },
    { title: t('col.before'), dataIndex: 'beforeDate', key: 'before', render: (d: string | null) => d ?? tt('common.none') },
    { title: t('col.region'), dataIndex: 'regionName', key: 'region' },
    {
      title: t('col.declared'),
      key: 'declared',
      align: 'right',
      render: (_: unknown, p) =>
        p.declaredArea !== null && p.declaredAreaUnit ? formatDeclared(p.declaredArea, p.declaredAreaUnit, lang) : tt('common.none'),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          canWrite && region.data ? (
            <Space wrap>
              <Button icon={<UploadOutlined />} onClick={() => void navigate(withRegion('/patches/import'))}>
                {t('list.import')}
              </Button>
              <Button
                type="primary"
                icon={<ExperimentOutlined />}
                loading={classify.isPending}
                title={t('list.runHelp')}
                onClick={() =>
                  // after a run nothing is 未分析 any more: drop that filter so the classes show
                  classify.mutate(code, { onSuccess: () => (cls === 'unclassified' ? update({ class: null }) : undefined) })
                }
              >
                {t('list.run')}
              </Button>
            </Space>
          ) : null
        }
      >
        {t('list.title')}
        {region.data ? <span className="page-title-sub"> · {region.data.name}</span> : null}
      </PageTitle>
      {classify.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('run.failed')}
          description={classify.error.message}
          className="patch-block"
        />
      ) : null}
      {classify.data ? <RunResult run={classify.data} onClose={() => classify.reset()} /> : null}
      <div className="toolbar" role="search">
        <Select
          allowClear
          aria-label={t('list.filterClass')}
          placeholder={t('list.filterClass')}
          value={cls ?? undefined}
          onChange={(v?: string) => update({ class: v ?? null })}
          className="filter-select"
          popupMatchSelectWidth={false}
          options={[
            ...PATCH_CLASSES.map((c) => ({ value: c, label: label(patchClassLabel[c]) })),
            { value: 'unclassified', label: t('list.unclassified') },
          ]}
        />
        <ListSearch label={t('list.search')} q={q} update={update} />
        <DatePicker.RangePicker
          aria-label={t('list.afterRange')}
          placeholder={[t('list.afterFrom'), t('list.afterTo')]}
          allowEmpty={[true, true]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
            update({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })
          }
          className="patch-date-range"
        />
      </div>
      {patches.isError ? (
        <ErrorResult error={patches.error} onRetry={() => void patches.refetch()} />
      ) : (
        <>
          <Table<PatchSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={patches.data?.items ?? []}
            loading={patches.isFetching}
            scroll={{ x: 860 }}
            locale={!cls && !q && !from && !to ? { emptyText: t('list.empty') } : undefined}
            pagination={pagination(patches.data?.total ?? 0, (n) => tt('common.total', { n }))}
          />
          {patches.data && patches.data.items.length > 0 ? <PageTotals items={patches.data.items} total={patches.data.total} /> : null}
        </>
      )}
    </>
  );
}

/** Count and summed patch area per class over the listed page (the list API has no aggregate). */
function PageTotals({ items, total }: { items: PatchSummary[]; total: number }) {
  const t = usePatchText();
  const { lang } = useI18n();
  const rows = useMemo(() => {
    const by = new Map<PatchClass, { count: number; mu: number }>();
    for (const p of items) {
      for (const c of p.classes ?? []) {
        const r = by.get(c) ?? { count: 0, mu: 0 };
        r.count += 1;
        r.mu += p.areaMu ?? 0;
        by.set(c, r);
      }
    }
    return PATCH_CLASSES.filter((c) => by.has(c)).map((c) => ({ cls: c, ...by.get(c)! }));
  }, [items]);
  return (
    <Card size="small" title={<h2 className="card-heading">{t('totals.title')}</h2>} className="patch-block patch-totals">
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('totals.none')}</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="cls"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('col.class'), dataIndex: 'cls', key: 'cls', render: (c: PatchClass) => <PatchClassTag cls={c} /> },
            { title: t('col.count'), dataIndex: 'count', key: 'count', align: 'right' as const },
            { title: t('col.patchAreaMu'), dataIndex: 'mu', key: 'mu', align: 'right' as const, render: (v: number) => formatMu(v, lang) },
          ]}
        />
      )}
      <Typography.Paragraph type="secondary" className="patch-note">
        {t('totals.note', { n: items.length, total })}
      </Typography.Paragraph>
    </Card>
  );
}

/** What one 开展叠加分析 run found: patches per class and the extent each class measures (server figures). */
function RunResult({ run, onClose }: { run: ClassificationRun; onClose: () => void }) {
  const t = usePatchText();
  const { lang } = useI18n();
  const rows = PATCH_CLASSES.filter((c) => (run.counts[c] ?? 0) > 0).map((c) => ({
    cls: c,
    count: run.counts[c] ?? 0,
    mu: run.areas[c]?.mu ?? 0,
    m2: run.areas[c]?.m2 ?? 0,
  }));
  return (
    <Card
      size="small"
      className="patch-block patch-run"
      title={<h2 className="card-heading">{t('run.title')}</h2>}
      extra={
        <Button size="small" onClick={onClose}>
          {t('run.close')}
        </Button>
      }
    >
      <Alert
        type="success"
        showIcon
        title={t('run.done')}
        description={t('run.summary', {
          patches: run.patches,
          licences: run.sites.licensed_mine,
          land: run.sites.temporary_land,
          protected: run.sites.protected_area,
          changed: run.changed,
          ms: run.durationMs.total,
        })}
        className="patch-block"
      />
      <Table
        size="small"
        rowKey="cls"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 420 }}
        columns={[
          { title: t('col.class'), dataIndex: 'cls', key: 'cls', render: (c: PatchClass) => <PatchClassTag cls={c} /> },
          { title: t('col.count'), dataIndex: 'count', key: 'count', align: 'right' as const },
          { title: t('col.extentMu'), dataIndex: 'mu', key: 'mu', align: 'right' as const, render: (v: number) => formatMu(v, lang) },
          { title: t('col.extentM2'), dataIndex: 'm2', key: 'm2', align: 'right' as const, render: (v: number) => formatM2(v, lang) },
        ]}
      />
      <Typography.Paragraph type="secondary" className="patch-note">
        {t('run.areaNote')}
      </Typography.Paragraph>
      {run.skippedSites.length > 0 ? (
        <details className="patch-skipped">
          <summary>{t('run.skipped', { n: run.skippedSites.length })}</summary>
          <ul>
            {run.skippedSites.map((s) => (
              <li key={s.siteId}>
                <Link to={`/sites/${s.siteId}`}>{s.siteId.slice(0, 8)}</Link>：{s.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
