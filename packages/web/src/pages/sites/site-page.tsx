import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useParams } from 'react-router-dom';
import { can, type SiteDetail } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useSite } from '../../api/sites';
import { useI18n, useLabel, type Label } from '../../i18n';
import { geometryBounds } from '../../map/geometry';
import { SiteGeometryButton } from '../../map/site-geometry-button';
import { InfoList } from '../../ui/info-list';
import { LoadingBlock } from '../../ui/loading-block';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { formatArea } from './site-format';
import { attributeValueLabel, fieldsOf, GRADE_LABELS, sealingPartyLabel } from './site-fields';
import { SiteFormModal } from './site-form-modal';
import { SiteHistory } from './site-history';
import { SiteAttachments, SiteRecordsTabLabel, SiteResponsibility } from './site-responsibility';
import { SiteKindTag, SiteStatusTag } from './site-tags';

// maplibre-gl is large: it loads with the map, not with the page
const SiteMiniMap = lazy(() => import('../../map/site-mini-map').then((m) => ({ default: m.SiteMiniMap })));

/** `/sites/:id`: one supervised object (一矿一档). 403/404 show 无权访问或不存在. */
export function SitePage() {
  const { id } = useParams();
  const site = useSite(id);
  return (
    <QueryBoundary query={site}>{(data) => <SiteView site={data} onReload={() => void site.refetch()} />}</QueryBoundary>
  );
}

function SiteView({ site, onReload }: { site: SiteDetail; onReload: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const role = me.data?.role;
  const canWrite = role ? can(role, 'site.write') : false;
  const canReadAudit = role ? can(role, 'audit.read') : false;
  const [editing, setEditing] = useState(false);

  const details = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <div className="site-cards">
          <Card title={<h2 className="card-heading">{t('site.info')}</h2>}>
            <SiteInfo site={site} />
          </Card>
          <Card title={<h2 className="card-heading">{t('site.attributes')}</h2>}>
            <SiteAttributesList site={site} />
          </Card>
        </div>
      </Col>
      <Col xs={24} lg={10}>
        <div className="site-cards">
          {site.sealing ? <SealingCard sealing={site.sealing} /> : null}
          <Card title={<h2 className="card-heading">{t('site.location')}</h2>}>
            {site.geometry ? (
              <Suspense fallback={<LoadingBlock />}>
                <SiteMiniMap geometry={site.geometry} kind={site.kind} />
              </Suspense>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('site.noLocation')} />
            )}
            <LocationText geometry={site.geometry} />
            {canWrite ? <SiteGeometryButton site={site} onReload={onReload} /> : null}
          </Card>
        </div>
      </Col>
    </Row>
  );

  return (
    <>
      <PageTitle
        extra={
          <span className="title-tags">
            <SiteKindTag kind={site.kind} />
            <SiteStatusTag kind={site.kind} status={site.status} />
            {canWrite ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('site.edit')}
              </Button>
            ) : null}
          </span>
        }
      >
        {site.name}
      </PageTitle>
      <Tabs
        defaultActiveKey="details"
        items={[
          { key: 'details', label: t('site.details'), children: details },
          { key: 'care', label: <SiteRecordsTabLabel tab="care" />, children: <SiteResponsibility site={site} canWrite={canWrite} /> },
          { key: 'files', label: <SiteRecordsTabLabel tab="files" />, children: <SiteAttachments site={site} canWrite={canWrite} /> },
          ...(canReadAudit
            ? [{ key: 'history', label: t('site.history'), children: <SiteHistory siteId={site.id} kind={site.kind} /> }]
            : []),
        ]}
      />
      {canWrite ? (
        <SiteFormModal mode="edit" open={editing} onClose={() => setEditing(false)} site={site} onReload={onReload} />
      ) : null}
    </>
  );
}

function SiteInfo({ site }: { site: SiteDetail }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  return (
    <InfoList
      items={[
        { key: 'kind', label: t('sites.kind'), value: <SiteKindTag kind={site.kind} /> },
        {
          key: 'status',
          label: t('sites.status'),
          value: site.status ? <SiteStatusTag kind={site.kind} status={site.status} /> : t('common.none'),
        },
        { key: 'region', label: t('sites.region'), value: site.regionName },
        {
          key: 'area',
          label: t('site.area'),
          value:
            site.areaMu !== null && site.areaM2 !== null ? formatArea(site.areaMu, site.areaM2, lang) : t('common.none'),
        },
        ...(site.tailingsGrade !== null
          ? [
              {
                key: 'grade',
                label: t('site.grade'),
                value: <strong>{label(GRADE_LABELS[site.tailingsGrade]) || String(site.tailingsGrade)}</strong>,
              },
            ]
          : []),
        { key: 'updated', label: t('sites.updatedAt'), value: dayjs(site.updatedAt).format('YYYY-MM-DD HH:mm') },
        { key: 'version', label: t('site.version'), value: site.version },
      ]}
    />
  );
}

function SiteAttributesList({ site }: { site: SiteDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <InfoList
      items={fieldsOf(site.kind).map((f) => ({
        key: f.name,
        label: label(f.label),
        value: label(attributeValueLabel(f, site.attributes[f.name])) || t('common.none'),
      }))}
    />
  );
}

function SealingCard({ sealing }: { sealing: NonNullable<SiteDetail['sealing']> }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Card title={<h2 className="card-heading">{t('site.sealing')}</h2>} className="sealing-card">
      {sealing.awaitingDesignation ? (
        <Alert type="warning" showIcon title={t('site.awaitingDesignation')} style={{ marginBottom: 12 }} />
      ) : null}
      <InfoList
        items={[
          {
            key: 'party',
            label: t('site.sealingParty'),
            value: (
              <>
                {label(sealingPartyLabel[sealing.party])}
                {sealing.name ? <span className="sealing-name">：{sealing.name}</span> : null}
              </>
            ),
          },
          {
            key: 'due',
            label: t('site.sealingTask'),
            value: sealing.sealingDue ? (
              <Tag color="red">{t('site.sealingDue')}</Tag>
            ) : (
              <Tag color="green">{t('site.sealingDone')}</Tag>
            ),
          },
        ]}
      />
      <figure className="basis">
        <blockquote lang="zh-CN">“{sealing.basis}”</blockquote>
        <figcaption>{t('site.basisSource')}</figcaption>
      </figure>
    </Card>
  );
}

const GEOMETRY_TYPES: Record<string, Label> = {
  Point: { zh: '点', en: 'Point' },
  MultiPoint: { zh: '多点', en: 'Points' },
  Polygon: { zh: '面', en: 'Polygon' },
  MultiPolygon: { zh: '多面', en: 'Polygons' },
};

/** The location in words: a point's coordinates, or an area's type and extent. */
function LocationText({ geometry }: { geometry: unknown }) {
  const { t } = useI18n();
  const label = useLabel();
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g || !g.type) return null;
  if (g.type === 'Point' && Array.isArray(g.coordinates)) {
    const [lon, lat] = g.coordinates as number[];
    return (
      <Typography.Paragraph type="secondary" className="location-text">
        {t('sites.lon')} {lon} · {t('sites.lat')} {lat}
      </Typography.Paragraph>
    );
  }
  const b = geometryBounds(g);
  const f = (v: number) => v.toFixed(4);
  return (
    <Typography.Paragraph type="secondary" className="location-text">
      {GEOMETRY_TYPES[g.type] ? label(GEOMETRY_TYPES[g.type]) : g.type}
      {b ? ` · ${t('site.extent', { w: f(b[0]), e: f(b[2]), s: f(b[1]), n: f(b[3]) })}` : null}
    </Typography.Paragraph>
  );
}
