import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Alert, Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQueries } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { PatchDetail, PatchOverlay, SiteDetail } from '@minewatch/core';
import { usePatch } from '../../api/patches';
import { fetchSite, siteKeys } from '../../api/sites';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { InfoList } from '../../ui/info-list';
import { LoadingBlock } from '../../ui/loading-block';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { formatArea, formatMu } from '../sites/site-format';
import { protectedCategoryLabel } from '../sites/site-fields';
import { formatDeclared, formatM2, PATCH_MAP_COLORS, PatchClassTags } from './patch-tags';
import { usePatchText } from './patches-text';
import './patches.css';

// maplibre-gl is large: it loads with the map, not with the page
const PatchMiniMap = lazy(() => import('./patch-mini-map').then((m) => ({ default: m.PatchMiniMap })));

type Area = { m2: number; mu: number };

/** `/patches/:id`: one change patch (图斑) with its overlay classes and areas. 403/404 show 无权访问或不存在. */
export function PatchPage() {
  const { id } = useParams();
  const patch = usePatch(id);
  return <QueryBoundary query={patch}>{(data) => <PatchView patch={data} />}</QueryBoundary>;
}

function PatchView({ patch }: { patch: PatchDetail }) {
  const t = usePatchText();
  const { withRegion } = useCurrentRegion();
  return (
    <>
      <PageTitle
        extra={
          <span className="title-tags">
            <PatchClassTags classes={patch.classes} />
          </span>
        }
      >
        {t('detail.title', { code: patch.code })}
      </PageTitle>
      <Typography.Paragraph>
        <Link to={withRegion('/patches')}>← {t('detail.back')}</Link>
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}>
          <div className="patch-cards">
            <Card title={<h2 className="card-heading">{t('detail.info')}</h2>}>
              <PatchInfo patch={patch} />
            </Card>
            <Card title={<h2 className="card-heading">{t('detail.overlay')}</h2>}>
              {patch.overlay ? <OverlayFigures overlay={patch.overlay} /> : <Typography.Text type="secondary">{t('detail.notAnalysed')}</Typography.Text>}
            </Card>
          </div>
        </Col>
        <Col xs={24} lg={11}>
          <div className="patch-cards">
            <Card title={<h2 className="card-heading">{t('detail.location')}</h2>}>
              <PatchLocation patch={patch} />
            </Card>
            <Card title={<h2 className="card-heading">{t('detail.attributes')}</h2>}>
              <Attributes attributes={patch.attributes} />
            </Card>
          </div>
        </Col>
      </Row>
    </>
  );
}

function PatchInfo({ patch }: { patch: PatchDetail }) {
  const t = usePatchText();
  const { t: tt, lang } = useI18n();
  const none = tt('common.none');
  return (
    <InfoList
      items={[
        { key: 'code', label: t('detail.code'), value: patch.code },
        { key: 'region', label: t('detail.region'), value: `${patch.regionName}（${patch.regionCode}）` },
        { key: 'before', label: t('detail.before'), value: patch.beforeDate ?? none },
        { key: 'after', label: t('detail.after'), value: patch.afterDate ?? none },
        {
          key: 'area',
          label: t('detail.area'),
          value: patch.areaMu !== null && patch.areaM2 !== null ? formatArea(patch.areaMu, patch.areaM2, lang) : t('point'),
        },
        {
          key: 'declared',
          label: t('detail.declared'),
          value: patch.declaredArea !== null && patch.declaredAreaUnit ? formatDeclared(patch.declaredArea, patch.declaredAreaUnit, lang) : none,
        },
        { key: 'center', label: t('detail.center'), value: `${patch.center[0].toFixed(6)}, ${patch.center[1].toFixed(6)}` },
        { key: 'source', label: t('detail.source'), value: patch.sourceFile ?? none },
        { key: 'created', label: t('detail.imported'), value: dayjs(patch.createdAt).format('YYYY-MM-DD HH:mm') },
      ]}
    />
  );
}

/** "12.34 亩（8,227 m²）", or — for nothing. */
function AreaText({ area }: { area: Area }) {
  const { lang } = useI18n();
  return <span className="patch-figures">{formatArea(area.mu, area.m2, lang)}</span>;
}

function SiteLink({ id, name }: { id: string; name: string | null }) {
  const { withRegion } = useCurrentRegion();
  return <Link to={withRegion(`/sites/${id}`)}>{name ?? id.slice(0, 8)}</Link>;
}

function OverlayFigures({ overlay: o }: { overlay: PatchOverlay }) {
  const t = usePatchText();
  const { t: tt, lang } = useI18n();
  const label = useLabel();
  const tl = o.temporaryLand;
  const hasTemporary =
    tl.overlapping.length > 0 || tl.beforeApproval.m2 > 0 || tl.beyondApproval.m2 > 0 || tl.elsewhere.m2 > 0 || tl.elsewhere.approvals.length > 0;
  const areaCols = [
    { title: t('col.extentMu'), dataIndex: 'mu', key: 'mu', align: 'right' as const, render: (v: number) => <span className="patch-figures">{formatMu(v, lang)}</span> },
    { title: t('col.extentM2'), dataIndex: 'm2', key: 'm2', align: 'right' as const, render: (v: number) => <span className="patch-figures">{formatM2(v, lang)}</span> },
  ];
  const section = (title: string, body: ReactNode) => (
    <section className="patch-block">
      <Typography.Title level={3} className="card-heading" style={{ fontSize: 14, margin: '12px 0 8px' }}>
        {title}
      </Typography.Title>
      {body}
    </section>
  );
  return (
    <>
      {o.error ? <Alert type="warning" showIcon title={o.error} className="patch-block" /> : null}
      <InfoList
        items={[
          { key: 'classes', label: t('detail.classes'), value: <PatchClassTags classes={o.classes} /> },
          { key: 'area', label: t('detail.area'), value: <AreaText area={o.area} /> },
          { key: 'inside', label: t('detail.inside'), value: <AreaText area={o.inside} /> },
          { key: 'outside', label: t('detail.outside'), value: <AreaText area={o.outside} /> },
          { key: 'unapproved', label: t('detail.unapproved'), value: <AreaText area={o.unapproved} /> },
          { key: 'protected', label: t('detail.protectedTotal'), value: <AreaText area={o.protectedTotal} /> },
          { key: 'holders', label: t('detail.holders'), value: o.holders.length ? o.holders.join('，') : tt('common.none') },
          { key: 'at', label: t('detail.classifiedAt'), value: dayjs(o.classifiedAt).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      <Typography.Paragraph type="secondary" className="patch-note">
        {t('detail.tolerance', { m2: formatM2(o.toleranceM2, lang) })}
      </Typography.Paragraph>
      {o.inside.licences.length > 0
        ? section(
            t('detail.licences'),
            <Table
              size="small"
              rowKey="siteId"
              pagination={false}
              scroll={{ x: 420 }}
              dataSource={o.inside.licences}
              columns={[
                { title: t('detail.licence'), key: 'name', render: (_: unknown, l: PatchOverlay['inside']['licences'][number]) => <SiteLink id={l.siteId} name={l.name} /> },
                { title: t('detail.holder'), dataIndex: 'holder', key: 'holder', render: (h: string | null) => h ?? tt('common.none') },
                ...areaCols,
              ]}
            />,
          )
        : null}
      {o.protectedAreas.length > 0
        ? section(
            t('detail.protected'),
            <Table
              size="small"
              rowKey="siteId"
              pagination={false}
              scroll={{ x: 420 }}
              dataSource={o.protectedAreas}
              columns={[
                { title: t('detail.protectedName'), key: 'name', render: (_: unknown, a: PatchOverlay['protectedAreas'][number]) => <SiteLink id={a.siteId} name={a.name} /> },
                {
                  title: t('detail.category'),
                  dataIndex: 'category',
                  key: 'category',
                  render: (c: string | null) => (c ? label(protectedCategoryLabel[c as keyof typeof protectedCategoryLabel]) || c : tt('common.none')),
                },
                ...areaCols,
              ]}
            />,
          )
        : null}
      {section(
        t('detail.temporary'),
        hasTemporary ? (
          <>
            <InfoList
              items={[
                { key: 'before', label: t('detail.beforeApproval'), value: <AreaText area={tl.beforeApproval} /> },
                { key: 'beyond', label: t('detail.beyondApproval'), value: <AreaText area={tl.beyondApproval} /> },
                { key: 'elsewhere', label: t('detail.elsewhere'), value: <AreaText area={tl.elsewhere} /> },
              ]}
            />
            {tl.overlapping.length > 0 ? (
              <Table
                size="small"
                rowKey="siteId"
                pagination={false}
                scroll={{ x: 420 }}
                title={() => t('detail.overlapping')}
                dataSource={tl.overlapping}
                columns={[
                  { title: t('detail.approval'), key: 'name', render: (_: unknown, x: (typeof tl.overlapping)[number]) => <SiteLink id={x.siteId} name={x.name} /> },
                  {
                    title: t('detail.status'),
                    dataIndex: 'status',
                    key: 'status',
                    render: (s: 'valid' | 'future' | 'expired') => <Tag color={s === 'valid' ? 'green' : s === 'future' ? 'orange' : 'default'}>{t(`detail.status.${s}`)}</Tag>,
                  },
                  ...areaCols,
                ]}
              />
            ) : null}
            {tl.elsewhere.approvals.length > 0 ? (
              <Table
                size="small"
                rowKey="siteId"
                pagination={false}
                title={() => t('detail.elsewhereApprovals')}
                dataSource={tl.elsewhere.approvals}
                columns={[
                  { title: t('detail.approval'), key: 'name', render: (_: unknown, x: (typeof tl.elsewhere.approvals)[number]) => <SiteLink id={x.siteId} name={x.name} /> },
                  { title: t('detail.distance'), dataIndex: 'distanceM', key: 'd', align: 'right' as const, render: (v: number) => formatM2(v, lang) },
                ]}
              />
            ) : null}
          </>
        ) : (
          <Typography.Text type="secondary">{t('detail.noTemporary')}</Typography.Text>
        ),
      )}
    </>
  );
}

/** The mini map with the related registry polygons (fetched per site; ones outside the reader's region are left out and counted). */
function PatchLocation({ patch }: { patch: PatchDetail }) {
  const t = usePatchText();
  const o = patch.overlay;
  const ids = useMemo(
    () => ({
      licences: o?.inside.licences.map((l) => l.siteId) ?? [],
      protectedAreas: o?.protectedAreas.map((a) => a.siteId) ?? [],
      temporaryLand: o?.temporaryLand.overlapping.map((x) => x.siteId) ?? [],
    }),
    [o],
  );
  const all = useMemo(() => [...new Set([...ids.licences, ...ids.protectedAreas, ...ids.temporaryLand])], [ids]);
  const sites = useQueries({
    queries: all.map((id) => ({ queryKey: siteKeys.one(id), queryFn: () => fetchSite(id), retry: false })),
  });
  const pending = sites.some((s) => s.isPending);
  const missing = sites.filter((s) => s.isError).length;
  const byId = new Map<string, SiteDetail>();
  sites.forEach((s) => {
    if (s.data) byId.set(s.data.id, s.data);
  });
  const key = sites.map((s) => s.dataUpdatedAt).join(',');
  const layers = useMemo(() => {
    const geoms = (list: string[]) => list.map((id) => byId.get(id)?.geometry).filter((g): g is NonNullable<typeof g> => !!g);
    return { licences: geoms(ids.licences), protectedAreas: geoms(ids.protectedAreas), temporaryLand: geoms(ids.temporaryLand) };
    // byId is rebuilt each render; the fetched data changes only with dataUpdatedAt (key), so the map is not rebuilt needlessly
  }, [ids, key]);

  if (pending) return <LoadingBlock />;
  const c = PATCH_MAP_COLORS;
  return (
    <>
      {patch.geometry ? (
        <Suspense fallback={<LoadingBlock />}>
          <PatchMiniMap patch={patch.geometry} licences={layers.licences} protectedAreas={layers.protectedAreas} temporaryLand={layers.temporaryLand} />
        </Suspense>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      <ul className="patch-legend" aria-label={t('detail.location')}>
        <li>
          <span className="patch-swatch" style={{ background: c.outside, opacity: 0.7 }} />
          {t('detail.legend.outside')}
        </li>
        <li>
          <span className="patch-swatch" style={{ border: `2px solid ${c.patchLine}` }} />
          {t('detail.legend.patch')}
        </li>
        {layers.licences.length > 0 ? (
          <li>
            <span className="patch-swatch" style={{ background: c.licenceFill, border: `2px solid ${c.licenceLine}` }} />
            {t('detail.legend.licence')}
          </li>
        ) : null}
        {layers.protectedAreas.length > 0 ? (
          <li>
            <span className="patch-swatch" style={{ border: `2px dotted ${c.protected}` }} />
            {t('detail.legend.protected')}
          </li>
        ) : null}
        {layers.temporaryLand.length > 0 ? (
          <li>
            <span className="patch-swatch" style={{ border: `2px dashed ${c.temporary}` }} />
            {t('detail.legend.temporary')}
          </li>
        ) : null}
      </ul>
      {o ? (
        <Typography.Paragraph type="secondary" className="patch-note">
          {t('detail.mapNote')}
        </Typography.Paragraph>
      ) : null}
      {missing > 0 ? <Alert type="info" showIcon title={t('detail.sitesMissing', { n: missing })} style={{ marginTop: 8 }} /> : null}
    </>
  );
}

function Attributes({ attributes }: { attributes: Record<string, unknown> }) {
  const t = usePatchText();
  const entries = Object.entries(attributes);
  if (entries.length === 0) return <Typography.Text type="secondary">{t('detail.noAttributes')}</Typography.Text>;
  return (
    <InfoList
      items={entries.map(([k, v]) => ({
        key: k,
        label: k,
        value: v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
      }))}
    />
  );
}
