import { Card, Col, Row, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { can, type BodyDetail } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useBody } from '../../api/bodies';
import { useRegionNames } from '../../api/regions';
import { useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { InfoList } from '../../ui/info-list';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { BodyHistory } from './body-history';
import { BodyKindTag } from './body-kind-tag';
import { BodyMeetings } from './body-meetings';
import { BodyRoster } from './body-roster';
import { CadenceStatus } from './cadence-status';

/** `/org/bodies/:id`: one coordination body. 403/404 show 无权访问或不存在. */
export function BodyPage() {
  const { id } = useParams();
  const body = useBody(id);
  return <QueryBoundary query={body}>{(data) => <BodyView body={data} />}</QueryBoundary>;
}

function BodyView({ body }: { body: BodyDetail }) {
  const t = useT();
  const me = useMe();
  const role = me.data?.role;
  const canWriteOrg = role ? can(role, 'org.write') : false;
  const canWriteMeeting = role ? can(role, 'meeting.write') : false;
  const canReadAudit = role ? can(role, 'audit.read') : false;

  const details = (
    <div className="body-details">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="card-heading">{t('body.info')}</h2>}>
            <BodyInfo body={body} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="card-heading">{t('body.cadence')}</h2>}>
            <CadenceStatus cadence={body.cadence} />
          </Card>
        </Col>
      </Row>
      <section aria-labelledby="duties-heading" className="body-section">
        <Typography.Title level={2} id="duties-heading" className="section-title">
          {t('bodies.duties')}
        </Typography.Title>
        {body.duties ? (
          <Typography.Paragraph className="pre-wrap">{body.duties}</Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('body.noDuties')}</Typography.Text>
        )}
      </section>
      <BodyRoster body={body} canWrite={canWriteOrg} />
      <BodyChildren body={body} />
      <BodyMeetings body={body} canWrite={canWriteMeeting} />
    </div>
  );

  return (
    <>
      <PageTitle extra={<BodyKindTag kind={body.kind} />}>{body.name}</PageTitle>
      <Tabs
        defaultActiveKey="details"
        items={[
          { key: 'details', label: t('body.details'), children: details },
          ...(canReadAudit
            ? [{ key: 'history', label: t('body.history'), children: <BodyHistory bodyId={body.id} /> }]
            : []),
        ]}
      />
    </>
  );
}

function BodyInfo({ body }: { body: BodyDetail }) {
  const t = useT();
  const { withRegion } = useCurrentRegion();
  const districtNames = useRegionNames(body.districtCodes);
  const parent = useBody(body.parentBodyId ?? undefined);
  return (
    <InfoList
      items={[
        { key: 'kind', label: t('bodies.kind'), value: <BodyKindTag kind={body.kind} /> },
        { key: 'region', label: t('bodies.region'), value: body.regionName },
        { key: 'host', label: t('bodies.hostUnit'), value: body.hostUnitName ?? t('common.none') },
        ...(body.parentBodyId
          ? [
              {
                key: 'parent',
                label: t('body.parentBody'),
                value: (
                  <Link to={withRegion(`/org/bodies/${body.parentBodyId}`)}>
                    {parent.data?.name ?? t('common.view')}
                  </Link>
                ),
              },
            ]
          : []),
        {
          key: 'districts',
          label: t('bodies.districts'),
          value:
            body.districtCodes.length > 0 ? (
              <span className="tag-list">
                {body.districtCodes.map((code) => (
                  <Tag key={code}>{districtNames.get(code) ?? code}</Tag>
                ))}
              </span>
            ) : (
              t('body.noDistricts')
            ),
        },
        { key: 'members', label: t('bodies.members'), value: body.members.length },
      ]}
    />
  );
}

function BodyChildren({ body }: { body: BodyDetail }) {
  const t = useT();
  const { withRegion } = useCurrentRegion();
  return (
    <section aria-labelledby="children-heading" className="body-section">
      <Typography.Title level={2} id="children-heading" className="section-title">
        {t('body.children')}
      </Typography.Title>
      {body.children.length === 0 ? (
        <Typography.Text type="secondary">{t('body.noChildren')}</Typography.Text>
      ) : (
        <ul className="child-list">
          {body.children.map((c) => (
            <li key={c.id}>
              <Link to={withRegion(`/org/bodies/${c.id}`)}>{c.name}</Link> <BodyKindTag kind={c.kind} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
