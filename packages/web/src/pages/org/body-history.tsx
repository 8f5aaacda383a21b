import { Alert, Empty, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { AuditEvent } from '@minewatch/core';
import { isApiError } from '../../api/client';
import { useAuditEvents } from '../../api/audit';
import { useT } from '../../i18n';
import { ErrorResult } from '../../ui/error-result';
import { LoadingBlock } from '../../ui/loading-block';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

/** Top-level fields that differ between before and after (all of `after` for a creation). */
function changes(event: AuditEvent): { field: string; before: unknown; after: unknown }[] {
  const before = isRecord(event.before) ? event.before : {};
  const after = isRecord(event.after) ? event.after : {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ field: k, before: before[k], after: after[k] }));
}

/** 历史记录: audit events of the body (roles without audit.read get a notice instead). */
export function BodyHistory({ bodyId }: { bodyId: string }) {
  const t = useT();
  const events = useAuditEvents('body', bodyId);

  if (events.isError) {
    if (isApiError(events.error) && events.error.status === 403) {
      return <Alert type="info" showIcon title={t('body.auditForbidden')} />;
    }
    return <ErrorResult error={events.error} onRetry={() => void events.refetch()} />;
  }
  if (!events.data) return <LoadingBlock />;
  if (events.data.length === 0) return <Empty description={t('body.noHistory')} />;

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 170,
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      key: 'actor',
      width: 120,
      render: (a: string | null) => a ?? t('audit.system'),
    },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', width: 180 },
    {
      title: t('audit.change'),
      key: 'change',
      render: (_: unknown, e) => {
        const list = changes(e);
        if (list.length === 0) return t('common.none');
        return (
          <ul className="change-list">
            {list.slice(0, 8).map((c) => (
              <li key={c.field}>
                <code>{c.field}</code>: {c.before !== undefined ? <del>{short(c.before)}</del> : null}{' '}
                {c.after !== undefined ? <ins>{short(c.after)}</ins> : null}
              </li>
            ))}
          </ul>
        );
      },
    },
  ];

  return (
    <Table<AuditEvent>
      rowKey="seq"
      size="small"
      columns={columns}
      dataSource={[...events.data].sort((a, b) => b.seq - a.seq)}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      scroll={{ x: 720 }}
    />
  );
}
