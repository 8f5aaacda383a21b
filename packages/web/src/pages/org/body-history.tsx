import { AuditHistory } from '../audit-history';

/** 历史记录 of a body: its creation, members added/removed and meetings recorded. */
export function BodyHistory({ bodyId }: { bodyId: string }) {
  return <AuditHistory entityType="body" entityId={bodyId} />;
}
