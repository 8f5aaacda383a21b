import { useState } from 'react';
import { App, Badge, Button, Card, Empty, List, Pagination, Space, Switch, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { can, type Notification } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { NoAccessResult } from '../../ui/no-access-result';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { ChannelsCard } from './channels-card';
import { useMarkAllRead, useMarkRead, useNotifications } from './notifications-api';
import { useNotificationsText } from './notifications-text';

const PAGE = 20;

/** `/notifications`: your notifications, newest change first; opening one marks it read. */
export function NotificationsPage() {
  const t = useNotificationsText();
  const label = useLabel();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { withRegion } = useCurrentRegion();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications({ unread, limit: PAGE, offset: (page - 1) * PAGE });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  if (me.data && !can(me.data.role, 'notification.read')) return <NoAccessResult />;
  const mayWrite = !!me.data && can(me.data.role, 'notification.write');

  const open = (n: Notification) => {
    const go = () => n.link && void navigate(withRegion(n.link));
    if (!n.readAt && mayWrite) markRead.mutate(n.id, { onSettled: go });
    else go();
  };

  return (
    <div>
      <PageTitle
        extra={
          <Space wrap>
            <Space>
              <Switch checked={unread} onChange={(v) => (setUnread(v), setPage(1))} aria-label={t('unreadOnly')} />
              <span>{t('unreadOnly')}</span>
            </Space>
            {mayWrite ? (
              <Button
                icon={<CheckOutlined />}
                disabled={!list.data?.unread}
                loading={markAll.isPending}
                onClick={() => {
                  // Up to the newest one on screen: what arrives meanwhile stays unread.
                  const newest = list.data?.items[0];
                  if (newest) markAll.mutate(newest.id, { onSuccess: (r) => void message.success(t('readAllDone', { n: r.marked })) });
                }}
              >
                {t('readAll')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {t('title')}
      </PageTitle>
      {markRead.error ? <ApiErrorAlert error={markRead.error} /> : null}
      {markAll.error ? <ApiErrorAlert error={markAll.error} /> : null}
      <QueryBoundary query={list}>
        {(data) => (
          <Card size="small">
            <Typography.Text type="secondary">{t('summary', { total: data.total, unread: data.unread })}</Typography.Text>
            {data.items.length === 0 ? (
              <Empty description={unread ? t('emptyUnread') : t('empty')} />
            ) : (
              <List
                itemLayout="vertical"
                dataSource={data.items}
                renderItem={(n) => (
                  <List.Item
                    key={n.id}
                    className={n.readAt ? 'notification-read' : 'notification-unread'}
                    actions={[
                      n.link ? (
                        <Button key="open" type="link" size="small" onClick={() => open(n)}>
                          {t('open')}
                        </Button>
                      ) : null,
                      !n.readAt && mayWrite ? (
                        <Button key="read" type="link" size="small" onClick={() => markRead.mutate(n.id)} loading={markRead.isPending && markRead.variables === n.id}>
                          {t('markRead')}
                        </Button>
                      ) : null,
                    ].filter(Boolean)}
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          {!n.readAt ? <Badge status="processing" text={t('unread')} /> : null}
                          <Typography.Text strong={!n.readAt}>{label(n.title)}</Typography.Text>
                          {n.itemCount > 1 ? <Tag>{t('items', { n: n.itemCount })}</Tag> : null}
                        </Space>
                      }
                      description={dayjs(n.updatedAt).format('YYYY-MM-DD HH:mm')}
                    />
                    {label(n.body) ? <Typography.Paragraph style={{ marginBottom: 0 }}>{label(n.body)}</Typography.Paragraph> : null}
                  </List.Item>
                )}
              />
            )}
            {data.total > PAGE ? <Pagination size="small" current={page} pageSize={PAGE} total={data.total} onChange={setPage} showSizeChanger={false} style={{ marginTop: 12 }} /> : null}
          </Card>
        )}
      </QueryBoundary>
      {me.data && mayWrite ? <ChannelsCard userId={me.data.userId} /> : null}
    </div>
  );
}
