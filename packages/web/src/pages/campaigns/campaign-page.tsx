import { useState, type ReactNode } from 'react';
import { Button, Card, Col, Dropdown, Empty, Row, Space, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { AuditOutlined, CopyOutlined, DownloadOutlined, EditOutlined, ImportOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  CHECKLISTS,
  campaignKindLabel,
  can,
  chinaDate,
  hazardLedgerInfo,
  penaltyKindLabel,
  penaltyTriggerLabel,
  perMineRequirementLabel,
  phaseOn,
  rankLabel,
  type Campaign,
  type CampaignDetail,
  type DueItem,
} from '@minewatch/core';
import { useMe } from '../../api/auth';
import { ledgerExportUrl, useCampaign } from '../../api/campaigns';
import { useRegionNames } from '../../api/regions';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { InfoList } from '../../ui/info-list';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { AuditHistory } from '../audit-history';
import { useLedgerText, type LedgerT } from '../ledger/ledger-text';
import { ProgressPanel } from '../ledger/progress-panel';
import { CampaignOriginTags, periodText } from './campaigns-page';
import { CopyCampaignModal } from './copy-campaign-modal';

/** `/campaigns/:id`: one campaign as data — phases and due dates, work groups, taxonomy, rules, targets, stages. */
export function CampaignPage() {
  const { id } = useParams();
  const campaign = useCampaign(id);
  return <QueryBoundary query={campaign}>{(c) => <CampaignView c={c} />}</QueryBoundary>;
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** A due date relative to today: days left, due today, or days ago. */
export function DueTag({ dueBy, today }: { dueBy: string | null; today: string }) {
  const t = useLedgerText();
  if (!dueBy) return <Tag>{t('campaign.dueNoDate')}</Tag>;
  const n = days(today, dueBy);
  if (n > 0) return <Tag color={n <= 7 ? 'orange' : 'blue'}>{t('campaign.dueLeft', { n })}</Tag>;
  if (n === 0) return <Tag color="red">{t('campaign.dueToday')}</Tag>;
  return <Tag>{t('campaign.duePassed', { n: -n })}</Tag>;
}

function CampaignView({ c }: { c: CampaignDetail }) {
  const t = useLedgerText();
  const { lang } = useI18n();
  const label = useLabel();
  const me = useMe();
  const navigate = useNavigate();
  const { withRegion } = useCurrentRegion();
  const [copying, setCopying] = useState(false);
  const role = me.data?.role;
  const canWrite = role ? can(role, 'campaign.write') : false;
  const canImport = role ? can(role, 'ledger.import') : false;
  const canAudit = role ? can(role, 'audit.read') : false;
  const d = c.data;
  const today = chinaDate(new Date());
  const groupName = (key: string | null) => d.workGroups.find((g) => g.key === key)?.name ?? key ?? '';

  const tabs = [
    { key: 'overview', label: t('campaign.overview'), children: <Overview c={c} today={today} /> },
    { key: 'phases', label: t('campaign.phases'), children: <Phases d={d} today={today} /> },
    { key: 'groups', label: t('campaign.workGroups'), children: <WorkGroups d={d} /> },
    { key: 'taxonomy', label: t('campaign.taxonomy'), children: <Taxonomy d={d} groupName={groupName} /> },
    { key: 'stages', label: t('campaign.stages'), children: <Stages d={d} /> },
    { key: 'penalties', label: t('campaign.penalties'), children: <Penalties d={d} /> },
    { key: 'duties', label: t('campaign.duties'), children: <Duties d={d} /> },
    { key: 'templates', label: t('campaign.templates'), children: <Templates d={d} /> },
    { key: 'notes', label: t('campaign.notes'), children: <Notes d={d} /> },
    ...(canAudit
      ? [
          {
            key: 'history',
            label: t('campaign.history'),
            children: <AuditHistory entityType="campaign" entityId={c.id} />,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<UnorderedListOutlined />} onClick={() => void navigate(withRegion(`/problems?campaign=${c.id}`))}>
              {t('campaign.ledger')}
            </Button>
            {d.stages.length > 0 || d.perMine.length > 0 ? (
              <Button icon={<AuditOutlined />} onClick={() => void navigate(withRegion(`/campaigns/${c.id}/mines`))}>
                {t('campaign.mines')}
              </Button>
            ) : null}
            {d.templates.ledger ? (
              <Dropdown
                menu={{
                  items: [
                    ...(canImport && !c.inherited
                      ? [{ key: 'import', icon: <ImportOutlined />, label: <Link to={withRegion(`/campaigns/${c.id}/import`)}>{t('campaign.import')}</Link> }]
                      : []),
                    { key: 'export', icon: <DownloadOutlined />, label: <a href={ledgerExportUrl(c.id)} download>{t('campaign.export')}</a> },
                  ],
                }}
              >
                <Button icon={<DownloadOutlined />}>{t('campaign.ledgerExcel')}</Button>
              </Dropdown>
            ) : null}
            {canWrite ? (
              <Button icon={<CopyOutlined />} onClick={() => setCopying(true)}>
                {t('campaigns.copy')}
              </Button>
            ) : null}
            {canWrite && !c.inherited ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate(withRegion(`/campaigns/${c.id}/edit`))}>
                {t('campaign.edit')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {c.name}
        {lang === 'en' && c.en ? <span className="page-title-sub"> · {c.en}</span> : null}
      </PageTitle>
      <div className="title-tags" style={{ marginBottom: 12 }}>
        <Tag color="blue">{label(campaignKindLabel[c.kind])}</Tag>
        <CampaignOriginTags c={c} />
        <Typography.Text type="secondary">
          {c.regionName} · {periodText(c.periodStart, c.periodEnd, t('campaigns.openEnded'))}
        </Typography.Text>
      </div>
      <Tabs defaultActiveKey="overview" items={tabs} />
      {copying ? <CopyCampaignModal source={c} onClose={() => setCopying(false)} /> : null}
    </>
  );
}

function Printed({ text, section }: { text: string | null | undefined; section?: string | null }) {
  const t = useLedgerText();
  if (!text) return null;
  return (
    <figure className="basis">
      <blockquote lang="zh-CN">“{text}”</blockquote>
      {section ? <figcaption>{t('campaign.section')}：{section}</figcaption> : null}
    </figure>
  );
}

function Overview({ c, today }: { c: CampaignDetail; today: string }) {
  const t = useLedgerText();
  const label = useLabel();
  const d = c.data;
  const scopeNames = useRegionNames(d.scopeCodes);
  const current = phaseOn(d, today);
  const yesNo = (v: boolean) => (v ? t('campaign.yes') : t('campaign.no'));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <div className="ledger-cards">
          <Card title={<h2 className="card-heading">{t('campaign.document')}</h2>}>
            <InfoList
              items={[
                { key: 'title', label: t('campaign.document'), value: d.documentTitle },
                { key: 'docNo', label: t('campaign.docNo'), value: d.docNo ?? '—' },
                { key: 'issued', label: t('campaign.issuedOn'), value: d.issuedOn ?? '—' },
                { key: 'issuers', label: t('campaign.issuers'), value: d.issuers.length ? d.issuers.join('、') : '—' },
                { key: 'region', label: t('campaigns.region'), value: c.regionName },
                { key: 'scope', label: t('campaign.scope'), value: d.scopeCodes.map((s) => scopeNames.get(s) ?? s).join('、') },
                {
                  key: 'period',
                  label: t('campaigns.period'),
                  value: (
                    <>
                      {periodText(d.period.start, d.period.end, t('campaigns.openEnded'))}
                      {d.period.printed ? <div className="muted-line">{t('campaign.periodPrinted')}：{d.period.printed}</div> : null}
                    </>
                  ),
                },
                ...(current ? [{ key: 'phase', label: t('campaign.currentPhase'), value: <Tag color="processing">{current.name}</Tag> }] : []),
                ...(c.copiedFrom ? [{ key: 'copied', label: t('campaign.copiedFrom'), value: <Link to={`/campaigns/${c.copiedFrom}`}>{c.copiedFrom}</Link> }] : []),
                { key: 'version', label: t('campaign.version'), value: c.version },
              ]}
            />
          </Card>
          <Card title={<h2 className="card-heading">{t('campaign.rules')}</h2>}>
            <InfoList
              items={[
                {
                  key: 'deadline',
                  label: t('campaign.deadlineLimit'),
                  value: d.rules.deadlineLimit ? (
                    <>
                      <strong>{d.rules.deadlineLimit}</strong>
                      <Printed text={d.rules.deadlineBasis} />
                    </>
                  ) : (
                    t('campaign.noRule')
                  ),
                },
                {
                  key: 'rank',
                  label: t('campaign.minRank'),
                  value: d.rules.minResponsibleRank ? (
                    <>
                      <strong>{t('campaign.minRankValue', { rank: label(rankLabel[d.rules.minResponsibleRank]) })}</strong>
                      <Printed text={d.rules.rankBasis} />
                    </>
                  ) : (
                    t('campaign.noRule')
                  ),
                },
                {
                  key: 'method',
                  label: t('campaign.methodFormat'),
                  value: d.rules.methodFormat ? (
                    <>
                      <code>{d.rules.methodFormat.example}</code>
                      <Printed text={d.rules.methodFormat.printed} />
                    </>
                  ) : (
                    t('campaign.noRule')
                  ),
                },
                ...(d.rules.typeBasis ? [{ key: 'types', label: t('campaign.typeBasis'), value: <Printed text={d.rules.typeBasis} /> }] : []),
                { key: 'contact', label: t('campaign.contact'), value: yesNo(d.rules.requireResponsibleContact) },
                { key: 'single', label: t('campaign.single'), value: yesNo(d.rules.singleResponsiblePerson) },
              ]}
            />
          </Card>
        </div>
      </Col>
      <Col xs={24} lg={12}>
        <div className="ledger-cards">
          <Card title={<h2 className="card-heading">{t('campaign.progress')}</h2>}>
            <ProgressPanel campaign={c} />
          </Card>
          {d.targets.length > 0 ? (
            <Card title={<h2 className="card-heading">{t('campaign.targets')}</h2>}>
              <ul className="plain-list">
                {d.targets.map((x) => (
                  <li key={x.key}>
                    <strong>
                      {x.what}：{x.count} {x.unit}
                    </strong>
                    {x.dueBy ? (
                      <span>
                        {' '}
                        · {t('campaign.dueBy')} {x.dueBy} <DueTag dueBy={x.dueBy} today={today} />
                      </span>
                    ) : null}
                    <Printed text={x.printed} section={x.section} />
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {d.perMine.length > 0 ? (
            <Card title={<h2 className="card-heading">{t('campaign.perMine')}</h2>}>
              <Space wrap>
                {d.perMine.map((p) => (
                  <Tag key={p} color="geekblue">
                    {label(perMineRequirementLabel[p])}
                  </Tag>
                ))}
              </Space>
              <Printed text={d.perMinePrinted} />
            </Card>
          ) : null}
        </div>
      </Col>
    </Row>
  );
}

function dueColumns(t: LedgerT, today: string) {
  return [
    {
      title: t('campaign.dueWhat'),
      key: 'what',
      render: (_: unknown, x: DueItem) => (
        <div>
          <div>{x.what}</div>
          <Typography.Text type="secondary" className="printed-small">
            “{x.printed}”（{x.section}）
          </Typography.Text>
        </div>
      ),
    },
    { title: t('campaign.dueFrom'), dataIndex: 'from', key: 'from', width: 160 },
    { title: t('campaign.dueTo'), dataIndex: 'to', key: 'to', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('campaign.dueBy'), dataIndex: 'dueBy', key: 'dueBy', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('campaign.dueState'), key: 'state', width: 120, render: (_: unknown, x: DueItem) => <DueTag dueBy={x.dueBy} today={today} /> },
  ];
}

function Phases({ d, today }: { d: Campaign; today: string }) {
  const t = useLedgerText();
  const current = phaseOn(d, today);
  const loose = d.dueItems.filter((x) => x.phaseKey === null);
  const columns = dueColumns(t, today);
  if (d.phases.length === 0 && d.dueItems.length === 0) return <Empty description={t('campaign.noPhases')} />;
  const currentIndex = current ? d.phases.findIndex((p) => p.key === current.key) : d.phases.filter((p) => p.end < today).length;
  return (
    <div className="ledger-cards">
      {d.phases.length > 0 ? (
        <Card>
          <Steps
            orientation="vertical"
            size="small"
            current={currentIndex}
            items={d.phases.map((p) => ({
              title: p.name,
              content: (
                <span>
                  {p.start} – {p.end}
                  {p.startDerived ? <Tag style={{ marginLeft: 8 }}>{t('campaign.derivedStart')}</Tag> : null}
                </span>
              ),
            }))}
          />
        </Card>
      ) : null}
      {d.phases.map((p) => {
        const items = d.dueItems.filter((x) => x.phaseKey === p.key);
        return (
          <Card
            key={p.key}
            title={
              <h2 className="card-heading">
                {p.ordinal}. {p.name}{' '}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {p.start} – {p.end}
                </Typography.Text>
                {current?.key === p.key ? <Tag color="processing" style={{ marginLeft: 8 }}>{t('campaign.currentPhase')}</Tag> : null}
              </h2>
            }
          >
            <Typography.Paragraph type="secondary">“{p.printed}”</Typography.Paragraph>
            {items.length > 0 ? (
              <Table<DueItem> rowKey="key" size="small" columns={columns} dataSource={items} pagination={false} scroll={{ x: 720 }} />
            ) : null}
          </Card>
        );
      })}
      {loose.length > 0 ? (
        <Card title={<h2 className="card-heading">{t('campaign.otherDue')}</h2>}>
          <Table<DueItem> rowKey="key" size="small" columns={columns} dataSource={loose} pagination={false} scroll={{ x: 720 }} />
        </Card>
      ) : null}
    </div>
  );
}

function WorkGroups({ d }: { d: Campaign }) {
  const t = useLedgerText();
  const codes = [...new Set(d.workGroups.flatMap((g) => g.districtCodes))];
  const names = useRegionNames(codes);
  const kindText: Record<string, { zh: string; en: string }> = {
    work_group: { zh: '工作组', en: 'Work group' },
    supervision_group: { zh: '督查组', en: 'Supervision group' },
    task_force: { zh: '工作专班', en: 'Task force' },
  };
  const label = useLabel();
  if (d.workGroups.length === 0) return <Empty description={t('campaign.workGroups')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Table
      rowKey="key"
      size="middle"
      pagination={false}
      dataSource={d.workGroups}
      scroll={{ x: 600 }}
      columns={[
        { title: t('edit.groupName'), dataIndex: 'name', key: 'name' },
        { title: t('campaign.groupKind'), dataIndex: 'kind', key: 'kind', width: 140, render: (k: string) => label(kindText[k]) || k },
        {
          title: t('campaign.districts'),
          key: 'districts',
          width: 220,
          render: (_: unknown, g: Campaign['workGroups'][number]) => (g.districtCodes.length ? g.districtCodes.map((c) => names.get(c) ?? c).join('、') : '—'),
        },
      ]}
    />
  );
}

function Taxonomy({ d, groupName }: { d: Campaign; groupName: (key: string | null) => string }) {
  const t = useLedgerText();
  const { lang } = useI18n();
  const label = useLabel();
  type T = Campaign['taxonomy'][number];
  return (
    <Table<T>
      rowKey="code"
      size="middle"
      dataSource={d.taxonomy}
      pagination={d.taxonomy.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 760 }}
      expandable={{
        expandedRowRender: (x) => (
          <>
            <Printed text={x.printed} section={x.section} />
            {x.deadlineBasis ? <Printed text={x.deadlineBasis} /> : null}
          </>
        ),
      }}
      columns={[
        {
          title: t('campaign.typeName'),
          key: 'name',
          render: (_: unknown, x) => (
            <div>
              <div>{x.name}</div>
              {lang === 'en' ? <div className="muted-line">{x.en}</div> : null}
            </div>
          ),
        },
        { title: t('campaign.typeWorkGroup'), key: 'group', width: 220, render: (_: unknown, x) => (x.workGroupKey ? groupName(x.workGroupKey) : '—') },
        { title: t('campaign.typeDeadline'), dataIndex: 'deadlineLimit', key: 'deadline', width: 120, render: (v: string | null) => v ?? '—' },
        {
          title: t('campaign.typeHazard'),
          dataIndex: 'hazardLedger',
          key: 'hazard',
          width: 180,
          render: (v: T['hazardLedger']) => (v ? label(hazardLedgerInfo[v].label) : '—'),
        },
        { title: t('campaign.aliases'), key: 'aliases', width: 200, render: (_: unknown, x) => (x.aliases.length ? x.aliases.join('、') : '—') },
      ]}
    />
  );
}

function Stages({ d }: { d: Campaign }) {
  const t = useLedgerText();
  const { lang } = useI18n();
  const label = useLabel();
  const checklist = d.checklistId ? CHECKLISTS[d.checklistId] : undefined;
  return (
    <div className="ledger-cards">
      <Card title={<h2 className="card-heading">{t('campaign.stageList')}</h2>}>
        {d.stages.length ? (
          <ol className="stage-list">
            {d.stages.map((s) => (
              <li key={s.code}>
                {s.name}
                {lang === 'en' ? <span className="muted-line"> · {s.en}</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <Typography.Text type="secondary">{t('campaign.noStages')}</Typography.Text>
        )}
        {checklist ? (
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {t('campaign.checklist')}：{label(checklist.title)}
          </Typography.Paragraph>
        ) : null}
      </Card>
      {d.cadences.length > 0 ? (
        <Card title={<h2 className="card-heading">{t('campaign.cadences')}</h2>}>
          <ul className="plain-list">
            {d.cadences.map((x) => (
              <li key={x.key}>
                <strong>{x.what}</strong> · {x.who} · {t('campaign.everyMonths', { n: x.everyMonths })}
                <Printed text={x.printed} section={x.section} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {d.orders.length > 0 ? (
        <Card title={<h2 className="card-heading">{t('campaign.orders')}</h2>}>
          <ul className="plain-list">
            {d.orders.map((o) => (
              <li key={o.key}>
                {label(o)} <Typography.Text type="secondary">（{o.section}）</Typography.Text>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

function Penalties({ d }: { d: Campaign }) {
  const t = useLedgerText();
  const label = useLabel();
  const typeName = (code: string) => d.taxonomy.find((x) => x.code === code)?.name ?? code;
  const groupName = (key: string) => d.workGroups.find((g) => g.key === key)?.name ?? key;
  type P = Campaign['rules']['penalties'][number];
  if (d.rules.penalties.length === 0) return <Empty description={t('campaign.noPenalties')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Table<P>
      rowKey={(_r, i) => String(i)}
      size="middle"
      pagination={false}
      dataSource={d.rules.penalties}
      scroll={{ x: 760 }}
      expandable={{ expandedRowRender: (p) => <Printed text={p.printed} section={p.section} /> }}
      columns={[
        {
          title: t('campaign.penaltyKind'),
          key: 'kind',
          render: (_: unknown, p) => (
            <span>
              {label(penaltyKindLabel[p.kind])}
              {p.untilRectified ? <Tag style={{ marginLeft: 6 }}>{t('campaign.untilRectified')}</Tag> : null}
            </span>
          ),
        },
        { title: t('campaign.penaltyTrigger'), key: 'trigger', width: 220, render: (_: unknown, p) => label(penaltyTriggerLabel[p.trigger]) },
        {
          title: t('campaign.penaltyTypes'),
          key: 'types',
          width: 260,
          render: (_: unknown, p) =>
            p.problemTypeCodes.length ? p.problemTypeCodes.map(typeName).join('、') : p.workGroupKey ? groupName(p.workGroupKey) : t('campaign.allTypes'),
        },
      ]}
    />
  );
}

function Duties({ d }: { d: Campaign }) {
  const t = useLedgerText();
  if (d.duties.length === 0) return <Empty description={t('campaign.noDuties')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="ledger-cards">
      {d.duties.map((x, i) => (
        <Card key={i} title={<h2 className="card-heading">{x.title}</h2>} extra={<Typography.Text type="secondary">{x.section}</Typography.Text>}>
          <Typography.Paragraph>{x.content}</Typography.Paragraph>
          {x.leadUnitKeys.length ? (
            <Typography.Paragraph type="secondary">
              {t('campaign.leadUnits')}：{x.leadUnitKeys.join('、')}
              {x.cooperatingUnitKeys.length ? ` · ${t('campaign.coUnits')}：${x.cooperatingUnitKeys.join('、')}` : null}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ))}
    </div>
  );
}

function Templates({ d }: { d: Campaign }) {
  const t = useLedgerText();
  const l = d.templates.ledger;
  const r = d.templates.report;
  const block = (title: string, body: ReactNode) => <Card title={<h2 className="card-heading">{title}</h2>}>{body}</Card>;
  return (
    <div className="ledger-cards">
      {block(
        t('campaign.ledgerTemplate'),
        l ? (
          <>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {l.title}
            </Typography.Title>
            <Typography.Paragraph>{l.groupLabel}……</Typography.Paragraph>
            <div className="template-columns" role="list" aria-label={t('campaign.columns')}>
              {l.columns.map((col) => (
                <span role="listitem" key={col} className="template-column">
                  {col}
                </span>
              ))}
            </div>
            {l.notes.length ? (
              <>
                <Typography.Paragraph strong style={{ marginTop: 12 }}>
                  {t('campaign.templateNotes')}
                </Typography.Paragraph>
                <ol className="plain-list">
                  {l.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ol>
              </>
            ) : null}
            <Typography.Text type="secondary">
              {t('campaign.section')}：{l.section}
            </Typography.Text>
          </>
        ) : (
          t('campaign.noTemplate')
        ),
      )}
      {block(
        t('campaign.reportTemplate'),
        r ? (
          <>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {r.title} <Typography.Text type="secondary">（{r.titleFont}）</Typography.Text>
            </Typography.Title>
            <ul className="plain-list">
              {r.headings.map((h, i) => (
                <li key={i} style={{ paddingLeft: (h.level - 1) * 20 }}>
                  {h.text} <Typography.Text type="secondary">（{h.font}）</Typography.Text>
                </li>
              ))}
            </ul>
          </>
        ) : (
          t('campaign.noTemplate')
        ),
      )}
    </div>
  );
}

function Notes({ d }: { d: Campaign }) {
  const t = useLedgerText();
  const label = useLabel();
  if (d.notes.length === 0) return <Empty description={t('campaign.noNotes')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Card>
      <ul className="plain-list">
        {d.notes.map((n, i) => (
          <li key={i}>{label(n)}</li>
        ))}
      </ul>
    </Card>
  );
}
