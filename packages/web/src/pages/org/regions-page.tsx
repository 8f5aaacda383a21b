import { useCallback, useMemo, useState } from 'react';
import {
  Card,
  Checkbox,
  Col,
  Empty,
  Row,
  Table,
  Tree,
  Typography,
  type TableColumnsType,
  type TreeDataNode,
  type TreeProps,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { regionLevelLabel, sectorLabel, unitKindLabel, type Region, type Unit } from '@minewatch/core';
import { fetchRegionChildren, regionKeys, useRegion } from '../../api/regions';
import { useUnits } from '../../api/units';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { InfoList } from '../../ui/info-list';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';

/** `/org/regions`: the administrative tree under the current region, children loaded on expand. */
export function RegionsPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const { code } = useCurrentRegion();
  const root = useRegion(code);
  const [children, setChildren] = useState<Map<string, Region[]>>(() => new Map());
  const [selected, setSelected] = useState<string>(code);

  const loadData = useCallback(
    async (node: Parameters<NonNullable<TreeProps['loadData']>>[0]) => {
      const key = String(node.key);
      const list = await queryClient.fetchQuery({
        queryKey: regionKeys.children(key),
        queryFn: () => fetchRegionChildren(key),
        staleTime: 10 * 60_000,
      });
      setChildren((prev) => new Map(prev).set(key, list));
    },
    [queryClient],
  );

  const treeData = useMemo(() => {
    const build = (r: Region): TreeDataNode => {
      const kids = children.get(r.code);
      return {
        key: r.code,
        title: r.name,
        isLeaf: !r.hasChildren,
        ...(kids ? { children: kids.map(build) } : {}),
      };
    };
    return root.data ? [build(root.data)] : [];
  }, [root.data, children]);

  return (
    <>
      <PageTitle>{t('regions.title')}</PageTitle>
      <QueryBoundary query={root}>
        {(rootRegion) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} md={10} lg={8}>
              <Card title={<h2 className="card-heading">{t('regions.tree')}</h2>}>
                <Tree
                  treeData={treeData}
                  loadData={loadData}
                  defaultExpandedKeys={[rootRegion.code]}
                  selectedKeys={[selected]}
                  onSelect={(keys) => {
                    const key = keys[0];
                    if (key !== undefined) setSelected(String(key));
                  }}
                  blockNode
                />
              </Card>
            </Col>
            <Col xs={24} md={14} lg={16}>
              <RegionPanel code={selected} />
            </Col>
          </Row>
        )}
      </QueryBoundary>
    </>
  );
}

function RegionPanel({ code }: { code: string }) {
  const t = useT();
  const label = useLabel();
  const region = useRegion(code);
  const units = useUnits(code);
  const [includeBelow, setIncludeBelow] = useState(false);

  if (!code) return <Empty description={t('regions.pick')} />;

  const columns: TableColumnsType<Unit> = [
    { title: t('units.name'), dataIndex: 'name', key: 'name' },
    { title: t('units.kind'), key: 'kind', render: (_: unknown, u) => label(unitKindLabel[u.kind]) },
    {
      title: t('units.sector'),
      key: 'sector',
      render: (_: unknown, u) => (u.sector ? label(sectorLabel[u.sector]) : t('common.none')),
    },
    ...(includeBelow ? [{ title: t('units.region'), dataIndex: 'regionName', key: 'region' }] : []),
  ];

  return (
    <QueryBoundary query={region}>
      {(r) => (
        <Card title={<h2 className="card-heading">{r.name}</h2>}>
          <InfoList
            items={[
              { key: 'name', label: t('regions.name'), value: r.name },
              { key: 'code', label: t('regions.code'), value: <code>{r.code}</code> },
              { key: 'level', label: t('regions.level'), value: label(regionLevelLabel[r.level]) },
            ]}
          />
          <div className="section-header">
            <Typography.Title level={3} className="section-title">
              {t('regions.units')}
            </Typography.Title>
            <Checkbox checked={includeBelow} onChange={(e) => setIncludeBelow(e.target.checked)}>
              {t('regions.includeBelow')}
            </Checkbox>
          </div>
          <QueryBoundary query={units}>
            {(list) => (
              <Table<Unit>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={includeBelow ? list : list.filter((u) => u.regionCode === r.code)}
                scroll={{ x: 480 }}
                pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
              />
            )}
          </QueryBoundary>
        </Card>
      )}
    </QueryBoundary>
  );
}
