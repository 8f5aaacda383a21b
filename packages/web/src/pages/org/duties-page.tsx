import { useMemo, useState } from 'react';
import { Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { DutyTask } from '@minewatch/core';
import { useDuties } from '../../api/duties';
import { useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';

type UnitRef = DutyTask['leadUnits'][number];

function UnitTags({ units, color }: { units: UnitRef[]; color?: string }) {
  if (units.length === 0) return <>—</>;
  return (
    <span className="tag-list">
      {units.map((u) => (
        <Tag key={u.id} color={color}>
          {u.name}
        </Tag>
      ))}
    </span>
  );
}

/** `/org/duties`: the duties matrix — 任务, 责任单位, 配合单位, with the task text expandable. */
export function DutiesPage() {
  const t = useT();
  const { code } = useCurrentRegion();
  const duties = useDuties(code);
  const [search, setSearch] = useState('');

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return duties.data ?? [];
    return (duties.data ?? []).filter((d) =>
      [d.section, d.title, d.content, ...d.leadUnits.map((u) => u.name), ...d.cooperatingUnits.map((u) => u.name)]
        .join('\n')
        .toLowerCase()
        .includes(q),
    );
  }, [duties.data, search]);

  const columns: TableColumnsType<DutyTask> = [
    { title: t('duties.section'), dataIndex: 'section', key: 'section', width: 90 },
    { title: t('duties.task'), dataIndex: 'title', key: 'title', width: 280 },
    {
      title: t('duties.lead'),
      key: 'lead',
      render: (_: unknown, d) => <UnitTags units={d.leadUnits} color="blue" />,
    },
    {
      title: t('duties.cooperating'),
      key: 'cooperating',
      render: (_: unknown, d) => <UnitTags units={d.cooperatingUnits} />,
    },
  ];

  return (
    <>
      <PageTitle>{t('duties.title')}</PageTitle>
      <div className="toolbar">
        <Input.Search
          allowClear
          aria-label={t('duties.search')}
          placeholder={t('duties.search')}
          onSearch={setSearch}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 320 }}
        />
      </div>
      <QueryBoundary query={duties}>
        {() => (
          <Table<DutyTask>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            scroll={{ x: 860 }}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
            expandable={{
              rowExpandable: (d) => d.content.trim() !== '',
              expandedRowRender: (d) => (
                <div>
                  <Typography.Text strong>{t('duties.content')}</Typography.Text>
                  <Typography.Paragraph className="pre-wrap">{d.content}</Typography.Paragraph>
                </div>
              ),
            }}
          />
        )}
      </QueryBoundary>
    </>
  );
}
