import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { can } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useCurrentRegion } from '../../layout/region-context';
import { useNotificationsText } from './notifications-text';
import { useUnreadCount } from './notifications-api';

/** Header bell: the unread count, a link to the notification centre. */
export function NotificationBell() {
  const t = useNotificationsText();
  const me = useMe();
  const { withRegion } = useCurrentRegion();
  const allowed = !!me.data && can(me.data.role, 'notification.read');
  const unread = useUnreadCount(allowed);
  if (!allowed) return null;
  const n = unread.data ?? 0;
  return (
    <Link to={withRegion('/notifications')} aria-label={t('bell', { n })} title={t('bell', { n })}>
      <Badge count={n} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} className="header-button" tabIndex={-1} />
      </Badge>
    </Link>
  );
}
