import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { BODY_KINDS, bodyKindLabel } from '@minewatch/core';
import { useBodies } from '../../api/bodies';
import { useCadence } from '../../api/cadence';
import { useDuties } from '../../api/duties';
import { useRegion } from '../../api/regions';
import { useUnits } from '../../api/units';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ErrorResult } from '../../ui/error-result';
import { PageTitle } from '../../ui/page-title';
import { BodyKindTag } from './body-kind-tag';
import { CadenceTag } from './cadence-tag';
import { ProgressWidget } from '../ledger/progress-widget';

/** `/`: the campaigns' rectification progress and the organisation of the current region, with links to the lists. */
export function OverviewPage() {
  const t = useT();
  const label = useLabel();
  const { code, withRegion } = useCurrentRegion();
  const region = useRegion(code);
  const units = useUnits(code);
  const bodies = useBodies(code);
  const cadence = useCadence(code);
  const duties = useDuties(code);

  const firstError = [units, bodies, cadence].find((q) => q.isError)?.error;
  if (firstError) return <ErrorResult error={firstError} />;

  const overdue = cadence.data?.filter((row) => row.cadence.overdue) ?? [];
  const stats = [
    { key: 'units', title: t('overview.units'), value: units.data?.length, to: '/org/units', loading: units.isPending },
    { key: 'bodies', title: t('overview.bodies'), value: bodies.data?.length, to: '/org/bodies', loading: bodies.isPending },
    {
      key: 'overdue',
      title: t('overview.overdue'),
      value: cadence.data ? overdue.length : undefined,
      suffix: cadence.data ? `/ ${cadence.data.length}` : undefined,
      to: '/org/cadence',
      loading: cadence.isPending,
      danger: overdue.length > 0,
    },
    {
      key: 'duties',
      title: t('overview.duties'),
      value: duties.isError ? undefined : duties.data?.length,
      to: '/org/duties',
      loading: duties.isPending && !duties.isError,
    },
  ];

  const kindCounts = BODY_KINDS.map((kind) => ({
    kind,
    count: bodies.data?.filter((b) => b.kind === kind).length ?? 0,
  })).filter((k) => k.count > 0);

  return (
    <>
      <PageTitle extra={region.data ? <span className="page-title-sub">{region.data.name}</span> : null}>
        {t('overview.title')}
      </PageTitle>
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} md={6}>
            <Link to={withRegion(s.to)} className="stat-link">
              <Card hoverable loading={s.loading}>
                <Statistic
                  title={s.title}
                  value={s.value ?? '—'}
                  suffix={s.suffix}
                  styles={s.danger ? { content: { color: '#cf1322' } } : undefined}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <div style={{ marginTop: 16 }}>
        <ProgressWidget />
      </div>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="card-heading">{t('overview.byKind')}</h2>}>
            {kindCounts.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <ul className="plain-list">
                {kindCounts.map(({ kind, count }) => (
                  <li key={kind} className="kind-count">
                    <Link to={withRegion(`/org/bodies?kind=${kind}`)}>{label(bodyKindLabel[kind])}</Link>
                    <Typography.Text strong>{count}</Typography.Text>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="card-heading">{t('overview.overdueList')}</h2>}>
            {overdue.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noOverdue')} />
            ) : (
              <ul className="plain-list">
                {overdue.slice(0, 10).map((row) => (
                  <li key={row.body.id} className="overdue-row">
                    <Link to={withRegion(`/org/bodies/${row.body.id}`)}>{row.body.name}</Link>
                    <span className="overdue-row-tags">
                      <BodyKindTag kind={row.body.kind} />
                      <CadenceTag cadence={row.cadence} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
