import { useState } from 'react';
import { Button, Input, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { can, rankLabel, type Person } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { usePeople } from '../../api/people';
import { useRegion } from '../../api/regions';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { PersonFormModal } from './person-form-modal';

/** `/org/people`: people of the current region and below, searchable on the server. */
export function PeoplePage() {
  const t = useT();
  const label = useLabel();
  const me = useMe();
  const { code } = useCurrentRegion();
  const region = useRegion(code);
  const [q, setQ] = useState('');
  const people = usePeople(code, q);
  const [adding, setAdding] = useState(false);
  const canWrite = me.data ? can(me.data.role, 'org.write') : false;

  const columns: TableColumnsType<Person> = [
    { title: t('people.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('people.unit'),
      dataIndex: 'unitName',
      key: 'unit',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('people.position'),
      dataIndex: 'position',
      key: 'position',
      render: (v: string) => v || t('common.none'),
    },
    {
      title: t('people.rank'),
      dataIndex: 'rank',
      key: 'rank',
      render: (r: Person['rank']) => (r ? label(rankLabel[r]) : t('common.none')),
    },
    {
      title: t('people.phone'),
      dataIndex: 'phone',
      key: 'phone',
      render: (v: string | null) => v ?? t('common.none'),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          canWrite && region.data ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('people.add')}
            </Button>
          ) : null
        }
      >
        {t('people.title')}
      </PageTitle>
      <div className="toolbar">
        <Input.Search
          allowClear
          enterButton={t('common.search')}
          aria-label={t('people.search')}
          placeholder={t('people.searchPlaceholder')}
          onSearch={(value) => setQ(value)}
          loading={people.isFetching && q !== ''}
          style={{ maxWidth: 360 }}
        />
      </div>
      <QueryBoundary query={people}>
        {(rows) => (
          <Table<Person>
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
        <PersonFormModal open={adding} onClose={() => setAdding(false)} region={region.data} />
      ) : null}
    </>
  );
}
