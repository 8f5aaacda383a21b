import { Alert, Empty, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { AuditEvent } from '@minewatch/core';
import { useAuditEvents } from '../api/audit';
import { isApiError } from '../api/client';
import { useT } from '../i18n';
import { ErrorResult } from '../ui/error-result';
import { LoadingBlock } from '../ui/loading-block';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compact JSON, long values cut (a geometry can be large). */
function compact(v: unknown, max = 400): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

type Change = { field: string; before: unknown; after: unknown };

/**
 * What an event changed, one row per top-level field; an `attributes` object is compared field by
 * field (so a sealing change reads 封堵状态 "unsealed" → "sealed"). `version` is left out.
 */
function changes(event: AuditEvent): Change[] {
  const before = isRecord(event.before) ? event.before : {};
  const after = isRecord(event.after) ? event.after : {};
  const out: Change[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'version') continue;
    const b = before[key];
    const a = after[key];
    if (key === 'attributes' && isRecord(a) && isRecord(b)) {
      for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
        if (JSON.stringify(b[k]) !== JSON.stringify(a[k])) out.push({ field: `attributes.${k}`, before: b[k], after: a[k] });
      }
      continue;
    }
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ field: key, before: b, after: a });
  }
  return out;
}

/** 历史记录 of one record from the audit trail (roles without audit.read get a notice instead). */
export function AuditHistory({
  entityType,
  entityId,
  fieldLabel = (f) => f,
  actionLabel = (a) => a,
}: {
  entityType: string;
  entityId: string;
  fieldLabel?: (field: string) => string;
  actionLabel?: (action: string) => string;
}) {
  const t = useT();
  const events = useAuditEvents(entityType, entityId);

  if (events.isError) {
    if (isApiError(events.error) && events.error.status === 403) {
      return <Alert type="info" showIcon title={t('body.auditForbidden')} />;
    }
    return <ErrorResult error={events.error} onRetry={() => void events.refetch()} />;
  }
  if (!events.data) return <LoadingBlock />;
  if (events.data.length === 0) return <Empty description={t('body.noHistory')} />;

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('audit.actor'), dataIndex: 'actor', key: 'actor', width: 130, render: (a: string | null) => a ?? t('audit.system') },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', width: 150, render: (a: string) => actionLabel(a) },
    {
      title: t('audit.change'),
      key: 'change',
      render: (_: unknown, e) => {
        const list = changes(e);
        if (list.length === 0) return t('common.none');
        return (
          <ul className="change-list">
            {list.map((c) => (
              <li key={c.field}>
                <span className="change-field">{fieldLabel(c.field)}</span>{' '}
                {c.before !== undefined ? <del className="json">{compact(c.before)}</del> : null}
                {c.before !== undefined && c.after !== undefined ? ' → ' : null}
                {c.after !== undefined ? <ins className="json">{compact(c.after)}</ins> : null}
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
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      scroll={{ x: 720 }}
    />
  );
}
