import { useMemo, useState } from 'react';
import { Button, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { UNIT_KINDS, can, sectorLabel, unitKindLabel, type Unit, type UnitKind } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useRegion } from '../../api/regions';
import { useUnits } from '../../api/units';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { UnitFormModal } from './unit-form-modal';

/** `/org/units`: units of the current region and below. */
export function UnitsPage() {
  const t = useT();
  const label = useLabel();
  const me = useMe();
  const { code } = useCurrentRegion();
  const region = useRegion(code);
  const units = useUnits(code);
  const [kind, setKind] = useState<UnitKind | undefined>();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const canWrite = me.data ? can(me.data.role, 'org.write') : false;

  const columns: TableColumnsType<Unit> = [
    { title: t('units.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('units.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: UnitKind) => label(unitKindLabel[k]),
    },
    {
      title: t('units.sector'),
      dataIndex: 'sector',
      key: 'sector',
      render: (s: Unit['sector']) => (s ? label(sectorLabel[s]) : t('common.none')),
    },
    { title: t('units.region'), dataIndex: 'regionName', key: 'region' },
  ];

  const filtered = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (units.data ?? []).filter(
      (u) => (!kind || u.kind === kind) && (!q || u.name.toLowerCase().includes(q)),
    );
  }, [units.data, kind, search]);

  return (
    <>
      <PageTitle
        extra={
          canWrite && region.data ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('units.add')}
            </Button>
          ) : null
        }
      >
        {t('units.title')}
      </PageTitle>
      <Space wrap className="toolbar">
        <Input.Search
          allowClear
          aria-label={t('units.search')}
          placeholder={t('units.search')}
          onSearch={setSearch}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          aria-label={t('units.filterKind')}
          placeholder={t('units.filterKind')}
          value={kind}
          onChange={setKind}
          style={{ width: 200 }}
          options={UNIT_KINDS.map((k) => ({ value: k, label: label(unitKindLabel[k]) }))}
        />
      </Space>
      <QueryBoundary query={units}>
        {() => (
          <Table<Unit>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={filtered}
            scroll={{ x: 640 }}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
          />
        )}
      </QueryBoundary>
      {canWrite && region.data ? (
        <UnitFormModal
          open={adding}
          onClose={() => setAdding(false)}
          region={region.data}
          units={units.data ?? []}
        />
      ) : null}
    </>
  );
}
