import { useState } from 'react';
import { Button, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { can, gridRoleLabel, type Grid } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useGrids } from '../../api/grids';
import { useRegion } from '../../api/regions';
import { useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { L } from '../sites/site-records-labels';
import { GridFormModal } from './grid-form-modal';

/** `/grids`: 网格 of the current region and below, with their people and number of sites. */
export function GridsPage() {
  const label = useLabel();
  const me = useMe();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const grids = useGrids(code);
  const [adding, setAdding] = useState(false);
  const canWrite = me.data ? can(me.data.role, 'grid.write') : false;

  const columns: TableColumnsType<Grid> = [
    { title: label(L.gridName), dataIndex: 'name', key: 'name', render: (name: string, g) => <Link to={withRegion(`/grids/${g.id}`)}>{name}</Link> },
    { title: label(L.gridRegion), dataIndex: 'regionName', key: 'region' },
    {
      title: label(L.gridPeople),
      key: 'people',
      render: (_: unknown, g) =>
        g.people.length
          ? g.people.map((p) => (
              <Tag key={p.personId} color={p.role === 'leader' ? 'blue' : undefined}>
                {label(gridRoleLabel[p.role])} {p.name}
                {p.phone ? ` ${p.phone}` : ''}
              </Tag>
            ))
          : '—',
    },
    { title: label(L.siteCount), dataIndex: 'siteCount', key: 'sites', width: 110 },
    { title: label(L.gridArea).replace(/（.*）|\(.*\)/, ''), key: 'area', width: 130, render: (_: unknown, g) => label(g.geometry ? L.gridAreaSet : L.gridAreaNone) },
  ];

  return (
    <>
      <PageTitle
        extra={
          canWrite && region.data ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {label(L.gridAdd)}
            </Button>
          ) : null
        }
      >
        {label(L.grids)}
      </PageTitle>
      <QueryBoundary query={grids}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty description={label(L.noGrids)} />
          ) : (
            <Table<Grid> rowKey="id" size="middle" columns={columns} dataSource={rows} scroll={{ x: 720 }} pagination={{ pageSize: 50, showSizeChanger: false }} />
          )
        }
      </QueryBoundary>
      {canWrite && region.data ? <GridFormModal open={adding} onClose={() => setAdding(false)} region={region.data} /> : null}
    </>
  );
}
