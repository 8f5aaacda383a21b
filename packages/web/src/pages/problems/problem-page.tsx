import { useState } from 'react';
import { App, Button, Card, Col, Empty, Row, Slider, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, FileOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  OPEN_STATES,
  capacityLabel,
  isBrowserImage,
  problemEventLabel,
  problemSourceLabel,
  problemStateLabel,
  type ProblemDetail,
  type ProblemEvent,
} from '@minewatch/core';
import { fileUrl, useProblem, useUpdateProblem } from '../../api/problems';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { InfoList } from '../../ui/info-list';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { NotFoundPage } from '../not-found-page';
import { useLedgerText } from '../ledger/ledger-text';
import { ProgressTag, StateTag } from '../ledger/problem-tags';
import { EventModal } from './event-modal';

/** `/problems/:id`: one problem — its facts, what the user may do now, the evidence and the timeline to 销号. */
export function ProblemPage() {
  const { id } = useParams();
  // only a uuid names a problem (other words under /problems/ are pages, or typos)
  const valid = !!id && UUID.test(id);
  const problem = useProblem(valid ? id : undefined);
  if (!valid) return <NotFoundPage />;
  return <QueryBoundary query={problem}>{(p) => <ProblemView p={p} />}</QueryBoundary>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Event buttons in the order a problem moves: forward first, then the ones that step back. */
const EVENT_ORDER: ProblemEvent[] = ['start', 'submit', 'sign_off', 'immediate_fix', 'return', 'withdraw', 'reopen', 'void'];

function ProblemView({ p }: { p: ProblemDetail }) {
  const t = useLedgerText();
  const label = useLabel();
  const navigate = useNavigate();
  const { withRegion } = useCurrentRegion();
  const [firing, setFiring] = useState<ProblemEvent | null>(null);
  const events = EVENT_ORDER.filter((e) => p.availableEvents.includes(e));
  const isOffice = p.capacities.includes('office');
  const editable = isOffice && p.state !== 'closed' && p.state !== 'voided';
  const reportsProgress = p.capacities.includes('responsible_unit') && (p.state === 'rectifying' || p.state === 'returned' || p.state === 'found');

  const details = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <div className="ledger-cards">
          <Card title={<h2 className="card-heading">{t('problem.found')}</h2>}>
            <p className="problem-text">{p.description}</p>
          </Card>
          <Card title={<h2 className="card-heading">{t('problem.measures')}</h2>}>
            <p className="problem-text">{p.measures}</p>
          </Card>
          <Card title={<h2 className="card-heading">{t('problem.info')}</h2>}>
            <InfoList
              items={[
                { key: 'campaign', label: t('ledger.campaign'), value: <Link to={withRegion(`/campaigns/${p.campaignId}`)}>{p.campaignName}</Link> },
                ...(p.workGroupName ? [{ key: 'group', label: t('ledger.workGroup'), value: p.workGroupName }] : []),
                {
                  key: 'enterprise',
                  label: t('ledger.enterprise'),
                  value: p.siteId ? <Link to={withRegion(`/sites/${p.siteId}`)}>{p.enterprise}</Link> : p.enterprise || '—',
                },
                { key: 'region', label: t('ledger.region'), value: p.regionName },
                { key: 'method', label: t('ledger.method'), value: p.methodMineral || '—' },
                { key: 'type', label: t('ledger.type'), value: p.typeName },
                { key: 'source', label: t('problem.source'), value: `${label(problemSourceLabel[p.source])}${p.sourceRef ? `（${p.sourceRef}）` : ''}` },
                { key: 'foundOn', label: t('problem.foundOn'), value: p.foundOn },
                { key: 'deadline', label: t('ledger.deadline'), value: <strong>{p.deadline}</strong> },
                { key: 'unit', label: t('problem.responsibleUnit'), value: p.responsibleUnitName ?? '—' },
                { key: 'person', label: t('ledger.responsible'), value: p.responsibleText || '—' },
                { key: 'progress', label: t('problem.progressPercent'), value: `${p.progressPercent}%` },
                ...(p.submittedOn ? [{ key: 'submitted', label: t('problem.submittedOn'), value: p.submittedOn }] : []),
                ...(p.closedOn ? [{ key: 'closed', label: t('problem.closedOn'), value: p.closedOn }] : []),
                ...(p.immediate ? [{ key: 'immediate', label: t('problem.immediate'), value: t('campaign.yes') }] : []),
              ]}
            />
          </Card>
        </div>
      </Col>
      <Col xs={24} lg={10}>
        <div className="ledger-cards">
          <Card title={<h2 className="card-heading">{t('problem.actions')}</h2>}>
            {p.capacities.length > 0 ? (
              <Typography.Paragraph type="secondary">
                {t('problem.youAre')}：{p.capacities.map((c) => label(capacityLabel[c])).join('、')}
              </Typography.Paragraph>
            ) : null}
            {events.length > 0 ? (
              <div className="event-buttons">
                {events.map((e) => (
                  <Button
                    key={e}
                    type={e === 'submit' || e === 'sign_off' || e === 'start' ? 'primary' : 'default'}
                    danger={e === 'void' || e === 'return'}
                    onClick={() => setFiring(e)}
                  >
                    {label(problemEventLabel[e])}
                  </Button>
                ))}
              </div>
            ) : (
              <Typography.Text type="secondary">{OPEN_STATES.includes(p.state) ? t('problem.nothingToDo') : t('problem.finished')}</Typography.Text>
            )}
            {reportsProgress ? <ProgressReport p={p} /> : null}
          </Card>
          <Card title={<h2 className="card-heading">{t('problem.evidence', { n: p.evidence.length })}</h2>}>
            <EvidenceGrid evidence={p.evidence} />
          </Card>
          <Card title={<h2 className="card-heading">{t('problem.timeline')}</h2>}>
            <ProblemTimeline p={p} />
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
            <StateTag state={p.state} />
            <ProgressTag cls={p.progressClass} daysOverdue={p.daysOverdue} />
            <Button onClick={() => void navigate(withRegion(`/penalties/${p.id}`))}>{t('problem.penalties')}</Button>
            {editable ? (
              <Button icon={<EditOutlined />} onClick={() => void navigate(withRegion(`/problems/${p.id}/edit`))}>
                {t('problem.edit')}
              </Button>
            ) : null}
          </span>
        }
      >
        {p.enterprise || t('ledger.noEnterprise')}
        <span className="page-title-sub"> · {p.typeName}</span>
      </PageTitle>
      <Tabs
        defaultActiveKey="details"
        items={[
          { key: 'details', label: t('problem.details'), children: details },
          { key: 'history', label: t('campaign.history'), children: <ProblemHistory p={p} /> },
        ]}
      />
      {firing ? <EventModal problem={p} event={firing} onClose={() => setFiring(null)} /> : null}
    </>
  );
}

/** The responsible unit reports how much of the work is done (序时进度 compares it with the time gone). */
function ProgressReport({ p }: { p: ProblemDetail }) {
  const t = useLedgerText();
  const { message } = App.useApp();
  const [value, setValue] = useState(p.progressPercent);
  const update = useUpdateProblem(p.id);
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Text strong id="progress-label">
        {t('problem.reportProgress')}
      </Typography.Text>
      <Slider min={0} max={100} step={5} value={value} onChange={setValue} marks={{ 0: '0%', 50: '50%', 100: '100%' }} aria-labelledby="progress-label" />
      <ApiErrorAlert error={update.error} />
      <Button
        onClick={() =>
          update.mutate({ version: p.version, progressPercent: value }, { onSuccess: () => void message.success(t('problem.progressSaved', { n: value })) })
        }
        loading={update.isPending}
        disabled={value === p.progressPercent}
      >
        {t('problem.saveProgress')}
      </Button>
    </div>
  );
}

export function EvidenceGrid({ evidence }: { evidence: ProblemDetail['evidence'] }) {
  const t = useLedgerText();
  if (evidence.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problem.noEvidence')} />;
  return (
    <div className="evidence-grid">
      {evidence.map((e) => {
        const name = e.name ?? `${e.sha256.slice(0, 12)}…`;
        if (!e.fileId) {
          return (
            <div key={e.sha256} className="evidence-item" title={t('problem.evidenceOutOfScope')}>
              <div className="evidence-file">
                <FileOutlined />
              </div>
              <span className="evidence-name">{name}</span>
            </div>
          );
        }
        return (
          <a key={e.sha256} className="evidence-item" href={fileUrl(e.fileId)} target="_blank" rel="noreferrer">
            {e.mime && isBrowserImage(e.mime) ? (
              <img src={fileUrl(e.fileId)} alt={name} loading="lazy" />
            ) : (
              <div className="evidence-file">
                <FileOutlined />
              </div>
            )}
            <span className="evidence-name">{name}</span>
          </a>
        );
      })}
    </div>
  );
}

/** 办理过程: creation, then every state change with who, in what capacity, why and with what evidence. */
function ProblemTimeline({ p }: { p: ProblemDetail }) {
  const t = useLedgerText();
  const label = useLabel();
  const created = p.history.find((h) => h.action === 'problem.create' || h.action === 'problem.import');
  const names = new Map(p.evidence.map((e) => [e.sha256, e]));
  const items = [
    ...(created
      ? [
          {
            key: 'created',
            color: 'gray',
            content: (
              <div>
                <strong>{created.action === 'problem.create' ? t('timeline.created') : t('timeline.imported')}</strong>
                <div className="muted-line">
                  {dayjs(created.at).format('YYYY-MM-DD HH:mm')}
                  {created.actor ? ` · ${created.actor}` : ''}
                </div>
              </div>
            ),
          },
        ]
      : []),
    ...p.events.map((e, i) => ({
      key: `${i}`,
      color: e.to === 'closed' ? 'green' : e.event === 'return' || e.event === 'void' ? 'red' : 'blue',
      content: (
        <div>
          <strong>{label(problemEventLabel[e.event])}</strong>{' '}
          <Typography.Text type="secondary">
            {label(problemStateLabel[e.from])} → {label(problemStateLabel[e.to])}
          </Typography.Text>
          <div className="muted-line">
            {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
            {e.actor ? ` · ${e.actor}` : ''}
            {e.capacities.length ? `（${e.capacities.map((c) => label(capacityLabel[c])).join('、')}）` : ''}
          </div>
          {e.reason ? <span className="timeline-reason">{e.reason}</span> : null}
          {e.evidence.length ? (
            <Space wrap size={4} style={{ marginTop: 4 }}>
              {e.evidence.map((sha) => {
                const f = names.get(sha);
                return (
                  <Tag key={sha}>
                    {f?.fileId ? (
                      <a href={fileUrl(f.fileId)} target="_blank" rel="noreferrer">
                        {f.name ?? sha.slice(0, 8)}
                      </a>
                    ) : (
                      (f?.name ?? sha.slice(0, 8))
                    )}
                  </Tag>
                );
              })}
            </Space>
          ) : null}
        </div>
      ),
    })),
  ];
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.none')} />;
  return <Timeline items={items} />;
}

/** Every audited change of the problem (creation, edits, events, the import it came from). */
function ProblemHistory({ p }: { p: ProblemDetail }) {
  const t = useLedgerText();
  const { lang } = useI18n();
  if (p.history.length === 0) return <Empty description={t('timeline.none')} />;
  const summarize = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = JSON.stringify(v);
    return s.length > 300 ? `${s.slice(0, 299)}…` : s;
  };
  return (
    <Timeline
      items={p.history.map((h, i) => ({
        key: String(i),
        content: (
          <div>
            <strong>{actionLabel(h.action, lang)}</strong>
            <div className="muted-line">
              {dayjs(h.at).format('YYYY-MM-DD HH:mm:ss')}
              {h.actor ? ` · ${h.actor}` : ''}
            </div>
            {h.before ? <code className="history-json">− {summarize(h.before)}</code> : null}
            {h.after ? <code className="history-json">+ {summarize(h.after)}</code> : null}
          </div>
        ),
      }))}
    />
  );
}

function actionLabel(action: string, lang: 'zh' | 'en'): string {
  const ev = action.startsWith('problem.') ? action.slice('problem.'.length) : null;
  if (ev && ev in problemEventLabel) return problemEventLabel[ev as ProblemEvent][lang];
  const known: Record<string, { zh: string; en: string }> = {
    'problem.create': { zh: '登记问题', en: 'Recorded' },
    'problem.update': { zh: '修改', en: 'Changed' },
    'problem.import': { zh: '台账导入', en: 'Ledger import' },
  };
  return known[action]?.[lang] ?? action;
}
