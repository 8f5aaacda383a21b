import { useMemo, useState } from 'react';
import { Button, Input, Table, Tabs, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { BODY_KINDS, bodyKindLabel, can, type BodyKind, type BodySummary } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useBodies } from '../../api/bodies';
import { useRegion } from '../../api/regions';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { BodyFormModal } from './body-form-modal';
import { BodyKindTag } from './body-kind-tag';
import { CadenceTag } from './cadence-tag';

const ALL = 'all';
const isBodyKind = (v: string | null): v is BodyKind => !!v && (BODY_KINDS as readonly string[]).includes(v);

/** `/org/bodies`: coordination bodies (议事协调机构) of the region and below, filterable by kind (`?kind=`). */
export function BodiesPage() {
  const t = useT();
  const label = useLabel();
  const me = useMe();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const bodies = useBodies(code);
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = isBodyKind(kindParam) ? kindParam : ALL;
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const canWrite = me.data ? can(me.data.role, 'org.write') : false;

  const setKind = (next: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (next === ALL) p.delete('kind');
        else p.set('kind', next);
        return p;
      },
      { replace: true },
    );

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (bodies.data ?? []).filter(
      (b) => (kind === ALL || b.kind === kind) && (!q || b.name.toLowerCase().includes(q)),
    );
  }, [bodies.data, kind, search]);

  const counts = useMemo(() => {
    const map = new Map<BodyKind, number>();
    for (const b of bodies.data ?? []) map.set(b.kind, (map.get(b.kind) ?? 0) + 1);
    return map;
  }, [bodies.data]);

  const columns: TableColumnsType<BodySummary> = [
    {
      title: t('bodies.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, b) => <Link to={withRegion(`/org/bodies/${b.id}`)}>{name}</Link>,
    },
    {
      title: t('bodies.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: BodyKind) => <BodyKindTag kind={k} />,
    },
    { title: t('bodies.region'), dataIndex: 'regionName', key: 'region' },
    {
      title: t('bodies.members'),
      key: 'members',
      align: 'right',
      render: (_: unknown, b) => b.members.length,
    },
    {
      title: t('bodies.cadence'),
      key: 'cadence',
      render: (_: unknown, b) => <CadenceTag cadence={b.cadence} />,
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          canWrite && region.data ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('bodies.add')}
            </Button>
          ) : null
        }
      >
        {t('bodies.title')}
      </PageTitle>
      <Tabs
        activeKey={kind}
        onChange={setKind}
        aria-label={t('bodies.filterKind')}
        items={[
          { key: ALL, label: `${t('common.all')} (${bodies.data?.length ?? 0})` },
          ...BODY_KINDS.filter((k) => counts.has(k) || k === kind).map((k) => ({
            key: k,
            label: `${label(bodyKindLabel[k])} (${counts.get(k) ?? 0})`,
          })),
        ]}
      />
      <div className="toolbar">
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          placeholder={t('bodies.name')}
          onSearch={setSearch}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 320 }}
        />
      </div>
      <QueryBoundary query={bodies}>
        {() => (
          <Table<BodySummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            scroll={{ x: 720 }}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
          />
        )}
      </QueryBoundary>
      {canWrite && region.data ? (
        <BodyFormModal
          open={adding}
          onClose={() => setAdding(false)}
          region={region.data}
          bodies={bodies.data ?? []}
        />
      ) : null}
    </>
  );
}
