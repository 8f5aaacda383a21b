import { useState } from 'react';
import { Button, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { can } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useCurrentRegion } from '../../layout/region-context';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { useSubmissions, type SubmissionSummary } from './checklists-api';
import { useChecklistsText } from './checklists-text';

const PAGE = 50;

/** `/checklists`: submitted 004 checklists in the region, newest inspection first. */
export function ChecklistsPage() {
  const t = useChecklistsText();
  const me = useMe();
  const { code, withRegion } = useCurrentRegion();
  const [page, setPage] = useState(1);
  const list = useSubmissions({ region: code, limit: PAGE, offset: (page - 1) * PAGE });
  return (
    <div>
      <PageTitle
        extra={
          me.data && can(me.data.role, 'checklist.write') ? (
            <Link to={withRegion('/checklists/new')}>
              <Button type="primary" icon={<PlusOutlined />}>
                {t('add')}
              </Button>
            </Link>
          ) : null
        }
      >
        {t('title')}
      </PageTitle>
      <QueryBoundary query={list}>
        {(data) => (
          <Table<SubmissionSummary>
            size="small"
            rowKey="id"
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('empty') }}
            pagination={{ current: page, pageSize: PAGE, total: data.total, onChange: setPage, showSizeChanger: false }}
            columns={[
              { key: 'on', title: t('col.inspectedOn'), render: (_, s) => <Link to={withRegion(`/checklists/${s.id}`)}>{s.inspectedOn}</Link> },
              { key: 'subject', title: t('col.subject'), render: (_, s) => s.siteName ?? t('county', { region: s.regionName }) },
              { key: 'region', title: t('col.region'), dataIndex: 'regionName' },
              { key: 'campaign', title: t('col.campaign'), dataIndex: 'campaignName', ellipsis: true },
              { key: 'failed', title: t('col.failed'), render: (_, s) => <Tag color={s.failedCount ? 'red' : 'green'}>{s.failedCount}</Tag> },
              { key: 'open', title: t('col.open'), render: (_, s) => (s.openFindings ? <Tag color="orange">{s.openFindings}</Tag> : '—') },
              { key: 'inspectors', title: t('col.inspectors'), render: (_, s) => s.inspectors.join('、') },
            ]}
          />
        )}
      </QueryBoundary>
    </div>
  );
}
