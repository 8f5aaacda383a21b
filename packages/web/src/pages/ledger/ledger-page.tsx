import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { App, Button, Card, Checkbox, Dropdown, Form, Input, List, Modal, Pagination, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, FilterOutlined, ImportOutlined, PlusOutlined, SaveOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import {
  PROBLEM_STATES,
  PROGRESS_CLASSES,
  can,
  problemStateLabel,
  progressClassLabel,
  type ProblemState,
  type ProblemSummary,
  type ProgressClass,
} from '@minewatch/core';
import { useMe } from '../../api/auth';
import { ledgerExportUrl, useCampaign, useCampaigns } from '../../api/campaigns';
import { filterParams, useProblems, type ProblemFilter, type ProblemSort } from '../../api/problems';
import { useRegion } from '../../api/regions';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { ErrorResult } from '../../ui/error-result';
import { PageTitle } from '../../ui/page-title';
import { useMediaQuery } from '../../ui/use-media-query';
import { useLedgerText } from './ledger-text';
import { ProgressTag, StateTag } from './problem-tags';
import { useSavedViews, viewQuery } from './saved-views';
import { BulkAssignModal, type Picked } from './bulk-assign';
import './ledger.css';
import { PAGE_SIZES, useListParams } from '../../ui/use-list-params';

const SORTS: ProblemSort[] = ['deadline', 'updated', 'found'];
const PROGRESS_FILTERS = ['in_progress', ...PROGRESS_CLASSES] as const;
type ProgressFilter = (typeof PROGRESS_FILTERS)[number];
const isState = (s: string): s is ProblemState => (PROBLEM_STATES as readonly string[]).includes(s);
const isProgress = (s: string | null): s is ProgressFilter => !!s && (PROGRESS_FILTERS as readonly string[]).includes(s);

/** The list's filters from the URL (`?campaign=&workGroup=&type=&state=a,b&progress=&q=&sort=&page=&size=`). */
export function useLedgerParams() {
  const { params, setParams, size, page, update } = useListParams();
  const campaignId = params.get('campaign');
  const state = (params.get('state') ?? '').split(',').filter(isState);
  const progressParam = params.get('progress');
  const sortParam = params.get('sort') as ProblemSort | null;
  const filter: ProblemFilter = {
    campaignId,
    workGroupKey: campaignId ? params.get('workGroup') : null,
    typeCode: campaignId ? params.get('type') : null,
    state,
    progress: isProgress(progressParam) ? progressParam : null,
    q: params.get('q'),
    importId: params.get('import'),
    siteId: params.get('site'),
  };
  const sort: ProblemSort = sortParam && SORTS.includes(sortParam) ? sortParam : 'deadline';
  return { params, setParams, filter, size, page, sort, update };
}

/**
 * `/problems` 问题台账: the problems of the current region and below, filtered on the server by
 * campaign, work group, type, state and progress class (the same classes the progress figures
 * count), with named filter sets saved per user on the server (保存的视图), 批量指派 of the selected
 * problems for the office, and the 附件1 export of the campaign.
 */
export function LedgerPage() {
  const t = useLedgerText();
  const label = useLabel();
  const me = useMe();
  const navigate = useNavigate();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const isPhone = useMediaQuery('(max-width: 767.98px)');
  const { params, setParams, filter, size, page, sort, update } = useLedgerParams();
  const [searchText, setSearchText] = useState(filter.q ?? '');
  const campaigns = useCampaigns({ region: code }, !!code);
  const campaign = useCampaign(filter.campaignId);
  const problems = useProblems({ ...filter, region: code }, { limit: size, offset: (page - 1) * size, sort }, !!code);
  const role = me.data?.role;
  const canCreate = role ? can(role, 'problem.write') : false;
  const canImport = role ? can(role, 'ledger.import') : false;
  // 批量指派 is the campaign office's (the server checks each problem's campaign).
  const canAssign = role === 'office' || role === 'admin';
  const [picked, setPicked] = useState<Map<string, Picked>>(() => new Map());
  const [assigning, setAssigning] = useState(false);
  const c = campaign.data?.data;
  const assignable = (p: ProblemSummary) => p.state !== 'closed' && p.state !== 'voided';
  // The version sent is the one on screen now (a refetch may have brought a newer one).
  const pickedNow = [...picked.values()].map((x) => {
    const shown = problems.data?.items.find((p) => p.id === x.id);
    return shown ? { id: shown.id, version: shown.version, enterprise: shown.enterprise, state: shown.state } : x;
  });
  // What a refetch shows wins: a picked problem closed or voided meanwhile leaves the selection (its
  // checkbox is disabled, so it could not be unticked), and one changed keeps its new version.
  useEffect(() => {
    const items = problems.data?.items;
    if (!items) return;
    setPicked((prev) => {
      let next: Map<string, Picked> | null = null;
      for (const p of items) {
        const x = prev.get(p.id);
        if (!x || (assignable(p) && x.version === p.version)) continue;
        next ??= new Map(prev);
        if (assignable(p)) next.set(p.id, { ...x, version: p.version, state: p.state });
        else next.delete(p.id);
      }
      return next ?? prev;
    });
  }, [problems.data]);
  const toggle = (p: ProblemSummary, on: boolean) =>
    setPicked((prev) => {
      const next = new Map(prev);
      if (on) next.set(p.id, { id: p.id, version: p.version, enterprise: p.enterprise, state: p.state });
      else next.delete(p.id);
      return next;
    });

  const columns: TableColumnsType<ProblemSummary> = [
    {
      title: t('ledger.enterprise'),
      key: 'enterprise',
      fixed: 'left',
      width: 180,
      render: (_: unknown, p) => (
        <Link to={withRegion(`/problems/${p.id}`)} className="ledger-enterprise">
          {p.enterprise || t('ledger.noEnterprise')}
        </Link>
      ),
    },
    { title: t('ledger.region'), dataIndex: 'regionName', key: 'region', width: 110 },
    { title: t('ledger.method'), dataIndex: 'methodMineral', key: 'method', width: 120, render: (v: string) => v || '—' },
    { title: t('ledger.type'), dataIndex: 'typeName', key: 'type', width: 160 },
    { title: t('ledger.found'), dataIndex: 'description', key: 'description', width: 260, render: (v: string) => <div className="cell-clamp">{v}</div> },
    { title: t('ledger.measures'), dataIndex: 'measures', key: 'measures', width: 220, render: (v: string) => <div className="cell-clamp">{v}</div> },
    { title: t('ledger.deadline'), dataIndex: 'deadline', key: 'deadline', width: 110 },
    { title: t('ledger.responsible'), dataIndex: 'responsibleText', key: 'responsible', width: 180, render: (v: string) => v || '—' },
    { title: t('ledger.state'), dataIndex: 'state', key: 'state', width: 110, render: (s: ProblemState) => <StateTag state={s} /> },
    {
      title: t('ledger.progress'),
      key: 'progress',
      width: 130,
      render: (_: unknown, p) => <ProgressTag cls={p.progressClass} daysOverdue={p.daysOverdue} />,
    },
    ...(filter.campaignId ? [] : [{ title: t('ledger.campaign'), dataIndex: 'campaignName', key: 'campaign', width: 180 }]),
  ];

  const pagination = {
    current: page,
    pageSize: size,
    total: problems.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (n: number) => (problems.data?.totalCapped ? t('ledger.totalCapped', { n: n.toLocaleString() }) : t('ledger.total', { n })),
    onChange: (p: number, s: number) => update({ page: p > 1 && s === size ? String(p) : null, size: s === 20 ? null : String(s) }),
  };

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {canAssign && picked.size > 0 ? (
              <>
                <Button type="primary" ghost icon={<UserSwitchOutlined />} onClick={() => setAssigning(true)}>
                  {t('bulk.button', { n: picked.size })}
                </Button>
                <Button onClick={() => setPicked(new Map())}>{t('bulk.clear')}</Button>
              </>
            ) : null}
            <SavedViewsMenu params={params} onApply={(q) => setParams(new URLSearchParams(q), { replace: true })} />
            {filter.campaignId && c?.templates.ledger ? (
              <Button icon={<DownloadOutlined />} href={ledgerExportUrl(filter.campaignId, exportParams(filter, code))} download>
                {t('campaign.export')}
              </Button>
            ) : null}
            {filter.campaignId && canImport && c?.templates.ledger && !campaign.data?.inherited ? (
              <Button icon={<ImportOutlined />} onClick={() => void navigate(withRegion(`/campaigns/${filter.campaignId}/import`))}>
                {t('campaign.import')}
              </Button>
            ) : null}
            {canCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate(withRegion(`/problems/new${filter.campaignId ? `?campaign=${filter.campaignId}` : ''}`))}
              >
                {t('ledger.add')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {t('ledger.title')}
        {region.data ? <span className="page-title-sub"> · {region.data.name}</span> : null}
      </PageTitle>
      <div className="toolbar" role="search">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('ledger.filterCampaign')}
          placeholder={t('ledger.filterCampaign')}
          value={filter.campaignId ?? undefined}
          onChange={(v?: string) => update({ campaign: v ?? null, workGroup: null, type: null })}
          className="filter-select filter-wide"
          popupMatchSelectWidth={false}
          loading={campaigns.isFetching}
          options={(campaigns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        {c && c.workGroups.length > 0 ? (
          <Select
            allowClear
            aria-label={t('ledger.filterWorkGroup')}
            placeholder={t('ledger.filterWorkGroup')}
            value={filter.workGroupKey ?? undefined}
            onChange={(v?: string) => update({ workGroup: v ?? null, type: null })}
            className="filter-select"
            popupMatchSelectWidth={false}
            options={c.workGroups.map((g) => ({ value: g.key, label: g.name }))}
          />
        ) : null}
        {c ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('ledger.filterType')}
            placeholder={t('ledger.filterType')}
            value={filter.typeCode ?? undefined}
            onChange={(v?: string) => update({ type: v ?? null })}
            className="filter-select"
            popupMatchSelectWidth={false}
            options={c.taxonomy
              .filter((x) => !filter.workGroupKey || x.workGroupKey === filter.workGroupKey || x.workGroupKey === null)
              .map((x) => ({ value: x.code, label: x.name }))}
          />
        ) : null}
        <Select
          mode="multiple"
          allowClear
          aria-label={t('ledger.filterState')}
          placeholder={t('ledger.filterState')}
          value={filter.state ? [...filter.state] : []}
          onChange={(v: ProblemState[]) => update({ state: v.length ? v.join(',') : null })}
          className="filter-select"
          maxTagCount="responsive"
          options={PROBLEM_STATES.map((s) => ({ value: s, label: label(problemStateLabel[s]) }))}
        />
        <Select
          allowClear
          aria-label={t('ledger.filterProgress')}
          placeholder={t('ledger.filterProgress')}
          value={filter.progress ?? undefined}
          onChange={(v?: string) => update({ progress: v ?? null })}
          className="filter-select"
          options={PROGRESS_FILTERS.map((p) => ({ value: p, label: p === 'in_progress' ? t('figure.inProgress') : label(progressClassLabel[p as ProgressClass]) }))}
        />
        <Input.Search
          allowClear
          aria-label={t('ledger.search')}
          placeholder={t('ledger.search')}
          value={searchText}
          onChange={(e) => {
            setSearchText(e.target.value);
            if (!e.target.value) update({ q: null });
          }}
          onSearch={(v) => update({ q: v.trim() || null })}
          className="filter-search"
        />
        <Select
          aria-label={t('ledger.sort')}
          value={sort}
          onChange={(v: ProblemSort) => update({ sort: v === 'deadline' ? null : v })}
          className="filter-select-narrow"
          options={SORTS.map((s) => ({ value: s, label: t(`ledger.sort.${s}`) }))}
        />
        {filter.importId || filter.siteId ? (
          <Button icon={<FilterOutlined />} onClick={() => update({ import: null, site: null })}>
            {filter.importId ? t('ledger.clearImport') : t('ledger.clearSite')}
          </Button>
        ) : null}
      </div>
      {problems.isError ? (
        <ErrorResult error={problems.error} onRetry={() => void problems.refetch()} />
      ) : isPhone ? (
        <>
          <List<ProblemSummary>
            loading={problems.isFetching}
            dataSource={problems.data?.items ?? []}
            locale={{ emptyText: t('ledger.empty') }}
            renderItem={(p) => (
              <List.Item key={p.id} className="problem-card-item">
                <ProblemCard
                  p={p}
                  href={withRegion(`/problems/${p.id}`)}
                  extra={
                    canAssign && assignable(p) ? (
                      <Checkbox className="problem-card-pick" checked={picked.has(p.id)} onChange={(e) => toggle(p, e.target.checked)} aria-label={t('bulk.select', { name: p.enterprise || p.id })}>
                        {t('bulk.select', { name: '' }).trim()}
                      </Checkbox>
                    ) : undefined
                  }
                />
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
          dataSource={problems.data?.items ?? []}
          loading={problems.isFetching}
          locale={{ emptyText: t('ledger.empty') }}
          scroll={{ x: 1700 }}
          pagination={pagination}
          rowSelection={
            canAssign
              ? {
                  fixed: 'left',
                  columnWidth: 40,
                  preserveSelectedRowKeys: true,
                  selectedRowKeys: [...picked.keys()],
                  getCheckboxProps: (p) => ({ disabled: !assignable(p), title: assignable(p) ? undefined : t('bulk.closedHint'), 'aria-label': t('bulk.select', { name: p.enterprise || p.id }) }),
                  onSelect: (p, on) => toggle(p, on),
                  onSelectAll: (on, _rows, changed) => {
                    for (const p of changed) toggle(p, on);
                  },
                }
              : undefined
          }
        />
      )}
      {canAssign && code ? (
        <BulkAssignModal
          open={assigning}
          picked={pickedNow}
          regionCode={code}
          onClose={() => setAssigning(false)}
          onDone={() => {
            setAssigning(false);
            setPicked(new Map());
          }}
        />
      ) : null}
    </>
  );
}

/** The export takes the list's filters (except paging), so the workbook holds what the list shows. */
function exportParams(f: ProblemFilter, region: string): Record<string, string | null> {
  const { campaignId: _c, ...rest } = filterParams(f);
  return { ...rest, region };
}

/** A problem as a card (phones): enterprise, type, deadline, responsible person, state. */
export function ProblemCard({ p, href, extra }: { p: ProblemSummary; href: string; extra?: ReactNode }) {
  const t = useLedgerText();
  return (
    <Card size="small" className="problem-card">
      <div className="problem-card-head">
        <Link to={href} className="ledger-enterprise">
          {p.enterprise || t('ledger.noEnterprise')}
        </Link>
        <span className="title-tags">
          <StateTag state={p.state} />
          <ProgressTag cls={p.progressClass} daysOverdue={p.daysOverdue} />
        </span>
      </div>
      <div className="problem-card-type">{p.typeName}</div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} className="problem-card-text">
        {p.description}
      </Typography.Paragraph>
      <div className="problem-card-meta">
        <span>
          {t('ledger.deadline')}：{p.deadline}
        </span>
        <span>{p.regionName}</span>
        {p.responsibleText ? <span>{p.responsibleText}</span> : null}
      </div>
      {extra}
    </Card>
  );
}

/** 保存的视图: apply, save or delete named filter sets, kept with the user's account on the server. */
function SavedViewsMenu({ params, onApply }: { params: URLSearchParams; onApply: (query: string) => void }) {
  const t = useLedgerText();
  const { lang } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const onMigrated = useCallback((n: number) => void message.success(t('views.migrated', { n })), [message, t]);
  const { views, list, save, saving, saveError, resetSave, remove } = useSavedViews(me.data?.username, onMigrated);
  const [naming, setNaming] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const current = viewQuery(params);
  const active = views.find((v) => v.query === current);

  const onSave = ({ name }: { name: string }) => {
    save({ name: name.trim(), query: current }).then(
      () => {
        setNaming(false);
        form.resetFields();
        void message.success(t('views.saved', { name: name.trim() }));
      },
      (error: unknown) => applyFieldErrors(form, error, ['name']),
    );
  };
  const close = () => {
    setNaming(false);
    resetSave();
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            ...(list.isPending && list.fetchStatus !== 'idle' ? [{ key: 'loading', label: t('views.loading'), disabled: true }] : []),
            ...(list.isError ? [{ key: 'error', label: t('views.loadFailed'), danger: true, onClick: () => void list.refetch() }] : []),
            ...views.map((v) => ({
              key: `view:${v.id}`,
              label: (
                <span className="view-item">
                  <span>{v.name}</span>
                  <Button
                    type="text"
                    size="small"
                    aria-label={t('views.delete', { name: v.name })}
                    icon={<DeleteOutlined />}
                    onClick={(e) => {
                      e.stopPropagation();
                      modal.confirm({
                        title: t('views.deleteConfirm', { name: v.name }),
                        okText: t('views.deleteOk'),
                        cancelText: lang === 'zh' ? '取消' : 'Cancel',
                        onOk: () =>
                          remove(v.id).then(
                            () => void message.success(t('views.deleted', { name: v.name })),
                            (error: unknown) => void message.error(error instanceof Error ? error.message : String(error)),
                          ),
                      });
                    }}
                  />
                </span>
              ),
              onClick: () => onApply(v.query),
            })),
            ...(views.length ? [{ type: 'divider' as const }] : []),
            { key: 'save', icon: <SaveOutlined />, label: t('views.saveCurrent'), onClick: () => setNaming(true), disabled: current === '' },
          ],
        }}
      >
        <Button icon={<FilterOutlined />}>{active ? t('views.active', { name: active.name }) : t('views.title')}</Button>
      </Dropdown>
      <Modal open={naming} title={t('views.saveCurrent')} onCancel={close} onOk={() => form.submit()} okText={t('views.save')} okButtonProps={{ loading: saving }} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('views.account')}</Typography.Paragraph>
        <ApiErrorAlert error={saveError} />
        <Form form={form} layout="vertical" onFinish={onSave} initialValues={{ name: active?.name ?? '' }}>
          <Form.Item name="name" label={t('views.name')} rules={[{ required: true, whitespace: true }, { max: 50, message: t('views.nameMax') }]}>
            <Input autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
