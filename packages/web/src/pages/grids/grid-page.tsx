import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { can, gridRoleLabel, siteKindLabel, type GridDetail } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useGrid } from '../../api/grids';
import { useRegion } from '../../api/regions';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { AuditHistory } from '../audit-history';
import { InfoList } from '../../ui/info-list';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { L } from '../sites/site-records-labels';
import { GridFormModal } from './grid-form-modal';

/** `/grids/:id`: one 网格 with its people and sites. */
export function GridPage() {
  const { id } = useParams();
  const grid = useGrid(id);
  return <QueryBoundary query={grid}>{(g) => <GridView grid={g} />}</QueryBoundary>;
}

function GridView({ grid }: { grid: GridDetail }) {
  const label = useLabel();
  const t = useT();
  const me = useMe();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const [editing, setEditing] = useState(false);
  const role = me.data?.role;
  const canWrite = role ? can(role, 'grid.write') : false;
  const canAudit = role ? can(role, 'audit.read') : false;

  const siteColumns: TableColumnsType<GridDetail['sites'][number]> = [
    { title: t('sites.name'), dataIndex: 'name', key: 'name', render: (n: string, s) => <Link to={withRegion(`/sites/${s.id}`)}>{n}</Link> },
    { title: t('sites.kind'), dataIndex: 'kind', key: 'kind', render: (k: GridDetail['sites'][number]['kind']) => label(siteKindLabel[k]) },
    { title: t('sites.region'), dataIndex: 'regionCode', key: 'region' },
  ];

  const details = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title={<h2 className="card-heading">{label(L.gridPeople)}</h2>}>
          <InfoList
            items={[
              { key: 'region', label: label(L.gridRegion), value: grid.regionName },
              { key: 'area', label: label(L.gridArea).replace(/（.*）|\(.*\)/, ''), value: label(grid.geometry ? L.gridAreaSet : L.gridAreaNone) },
              ...grid.people.map((p) => ({
                key: p.personId,
                label: label(gridRoleLabel[p.role]),
                value: (
                  <span>
                    {p.name}
                    {p.position ? `（${p.position}）` : ''} {p.phone ? <Tag>{p.phone}</Tag> : null}
                  </span>
                ),
              })),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={<h2 className="card-heading">{label(L.gridSites)}</h2>}>
          {grid.sites.length ? (
            <Table rowKey="id" size="small" columns={siteColumns} dataSource={grid.sites} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
      </Col>
    </Row>
  );

  return (
    <>
      <PageTitle
        extra={
          canWrite && region.data ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {label(L.gridEdit)}
            </Button>
          ) : null
        }
      >
        {grid.name}
      </PageTitle>
      <Tabs
        items={[
          { key: 'details', label: t('site.details'), children: details },
          ...(canAudit ? [{ key: 'history', label: t('site.history'), children: <AuditHistory entityType="grid" entityId={grid.id} /> }] : []),
        ]}
      />
      {canWrite && region.data ? <GridFormModal open={editing} onClose={() => setEditing(false)} region={region.data} grid={grid} /> : null}
    </>
  );
}
