import type { SiteKind } from '@minewatch/core';
import { useI18n, useLabel, type Label } from '../../i18n';
import { AuditHistory } from '../audit-history';
import { fieldsOf } from './site-fields';
import { SITE_RECORD_ACTIONS, SITE_RECORD_FIELDS } from './site-records-labels';

const ACTIONS: Record<string, Label> = {
  'site.create': { zh: '登记', en: 'Registered' },
  'site.update': { zh: '修改', en: 'Changed' },
  ...SITE_RECORD_ACTIONS,
};

/** 历史记录 of a site, with field names in the user's language. */
export function SiteHistory({ siteId, kind }: { siteId: string; kind: SiteKind }) {
  const { t } = useI18n();
  const label = useLabel();
  const fieldLabel = (field: string): string => {
    if (field === 'name') return t('sites.name');
    if (field === 'geometry') return t('site.location');
    if (field === 'attributes') return t('site.attributes');
    if (SITE_RECORD_FIELDS[field]) return label(SITE_RECORD_FIELDS[field]);
    const attr = field.startsWith('attributes.') ? field.slice('attributes.'.length) : null;
    if (attr === 'kind') return t('sites.kind');
    const spec = attr ? fieldsOf(kind).find((f) => f.name === attr) : undefined;
    return spec ? label(spec.label) : field;
  };

  return (
    <AuditHistory
      entityType="site"
      entityId={siteId}
      fieldLabel={fieldLabel}
      actionLabel={(a) => (ACTIONS[a] ? label(ACTIONS[a]) : a)}
    />
  );
}
