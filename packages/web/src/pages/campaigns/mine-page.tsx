import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Progress, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { STAGE_STATUSES, can, rankAtLeast, rankLabel, stageStatusLabel, type CampaignDetail, type MineView, type StageStatus } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useCampaign } from '../../api/campaigns';
import { usePeople } from '../../api/people';
import { useMine, useSaveMinePlan } from '../../api/problems';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { InfoList } from '../../ui/info-list';
import { LoadingBlock } from '../../ui/loading-block';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { useMediaQuery } from '../../ui/use-media-query';
import { useLedgerText } from '../ledger/ledger-text';
import { EvidenceUpload, evidenceIds, evidenceUploading, type EvidenceFile } from '../problems/evidence-upload';

/** `/campaigns/:id/mines/:siteId`: one mine's 一矿一策 / 一矿一方案 / 一矿一责任人 and the status of each stage. */
export function MinePage() {
  const { id, siteId } = useParams();
  const campaign = useCampaign(id);
  const mine = useMine(id ?? '', siteId ?? '');
  return (
    <QueryBoundary query={campaign}>
      {(c) => <QueryBoundary query={mine}>{(m) => <MineView key={`${m.siteId}:${m.version ?? 0}`} c={c} m={m} />}</QueryBoundary>}
    </QueryBoundary>
  );
}

/** Stored SHA-256 ids shown as finished uploads (the plan keeps hashes only, so the name is the hash). */
const asFiles = (ids: string[]): EvidenceFile[] =>
  ids.map((sha) => ({ uid: sha, name: `${sha.slice(0, 12)}…`, status: 'done', response: { sha256: sha } as EvidenceFile['response'] }));

type StageValues = { status: StageStatus; completedOn?: Dayjs | null; note?: string };
type Values = { policy?: string; responsiblePersonId?: string | null; stages: Record<string, StageValues> };

function MineView({ c, m }: { c: CampaignDetail; m: MineView }) {
  const t = useLedgerText();
  const { lang } = useI18n();
  const label = useLabel();
  const me = useMe();
  const { message } = App.useApp();
  const { withRegion } = useCurrentRegion();
  const [form] = Form.useForm<Values>();
  const [planFiles, setPlanFiles] = useState<EvidenceFile[]>(() => asFiles(m.planFileIds));
  const [stageFiles, setStageFiles] = useState<Record<string, EvidenceFile[]>>(() => Object.fromEntries(m.stages.map((s) => [s.code, asFiles(s.evidenceFileIds)])));
  const [personQuery, setPersonQuery] = useState('');
  const people = usePeople(m.regionCode, personQuery);
  const save = useSaveMinePlan(c.id, m.siteId);
  // The campaign office keeps the plan (the server checks it is the office of the campaign's region).
  const canEdit = !!me.data && can(me.data.role, 'campaign.write') && !c.inherited;
  const minRank = c.data.rules.minResponsibleRank;
  const uploading = evidenceUploading(planFiles) || Object.values(stageFiles).some(evidenceUploading);

  const personOptions = useMemo(() => {
    const list = (people.data ?? []).map((p) => ({
      value: p.id,
      label: `${p.name}${p.position ? ` · ${p.position}` : ''}${p.rank ? `（${label(rankLabel[p.rank])}）` : ''}`,
      disabled: !!minRank && !rankAtLeast(p.rank, minRank),
    }));
    if (m.responsiblePersonId && !list.some((o) => o.value === m.responsiblePersonId)) list.unshift({ value: m.responsiblePersonId, label: m.responsiblePersonName ?? '', disabled: false });
    return list;
  }, [people.data, m, minRank, label]);

  const onFinish = (v: Values) => {
    save.mutate(
      {
        policy: v.policy?.trim() ?? '',
        planFileIds: evidenceIds(planFiles),
        responsiblePersonId: v.responsiblePersonId ?? null,
        stages: m.stages.map((s) => {
          const sv = v.stages[s.code]!;
          return {
            code: s.code,
            status: sv.status,
            completedOn: sv.status === 'done' && sv.completedOn ? sv.completedOn.format('YYYY-MM-DD') : null,
            note: sv.note?.trim() ?? '',
            evidenceFileIds: evidenceIds(stageFiles[s.code] ?? []),
          };
        }),
      },
      {
        onSuccess: () => void message.success(t('campaign.saved')),
        onError: (error) => applyFieldErrors(form, error, ['policy', 'responsiblePersonId', 'stages']),
      },
    );
  };

  const initial: Values = {
    policy: m.policy,
    responsiblePersonId: m.responsiblePersonId,
    stages: Object.fromEntries(m.stages.map((s) => [s.code, { status: s.status, completedOn: s.completedOn ? dayjs(s.completedOn) : null, note: s.note }])),
  };

  if (!me.data) return <LoadingBlock />;
  return (
    <>
      <PageTitle>
        {m.siteName}
        <span className="page-title-sub">
          {' '}
          · <Link to={withRegion(`/campaigns/${c.id}/mines`)}>{t('mines.title')}</Link>
        </span>
      </PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <div className="ledger-cards">
            <Card title={<h2 className="card-heading">{t('mines.status')}</h2>}>
              <InfoList
                items={[
                  { key: 'site', label: t('mines.mine'), value: <Link to={withRegion(`/sites/${m.siteId}`)}>{m.siteName}</Link> },
                  { key: 'person', label: t('mines.responsible'), value: m.responsiblePersonName ?? '—' },
                  {
                    key: 'stages',
                    label: t('mines.stages'),
                    value: <Progress percent={m.stageProgress.percent} size="small" format={() => `${m.stageProgress.done}/${m.stageProgress.applicable}`} />,
                  },
                  {
                    key: 'problems',
                    label: t('mines.problems'),
                    value: (
                      <Link to={withRegion(`/problems?campaign=${c.id}&site=${m.siteId}`)}>
                        {t('mines.open', { n: m.problems.open })} · {t('mines.closed', { n: m.problems.closed })}
                        {m.problems.overdue ? ` · ${t('mines.overdue', { n: m.problems.overdue })}` : ''}
                      </Link>
                    ),
                  },
                ]}
              />
            </Card>
            {m.gaps.length ? (
              <Alert
                type="warning"
                showIcon
                title={t('mines.gapsTitle', { n: m.gaps.length })}
                description={
                  <ul className="field-error-list">
                    {m.gaps.map((g, i) => (
                      <li key={i}>{g.message}</li>
                    ))}
                  </ul>
                }
              />
            ) : (
              <Alert type="success" showIcon title={t('mines.complete')} />
            )}
          </div>
        </Col>
        <Col xs={24} lg={16}>
          <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={initial} disabled={!canEdit || save.isPending}>
            <ApiErrorAlert error={save.error} />
            <div className="ledger-cards">
              <Card title={<h2 className="card-heading">{t('mines.plan')}</h2>}>
                <Form.Item name="policy" label={t('mines.policy')} extra={t('mines.policyHelp')} rules={[{ max: 5000 }]}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
                </Form.Item>
                <Form.Item label={t('mines.planFiles')} htmlFor="plan-files">
                  {canEdit ? (
                    <EvidenceUpload id="plan-files" regionCode={m.regionCode} value={planFiles} onChange={setPlanFiles} />
                  ) : (
                    <Typography.Text>{m.planFileIds.length ? t('mines.fileCount', { n: m.planFileIds.length }) : '—'}</Typography.Text>
                  )}
                </Form.Item>
                <Form.Item name="responsiblePersonId" label={t('mines.responsible')} extra={minRank ? t('form.personRank', { rank: label(rankLabel[minRank]) }) : undefined}>
                  <Select allowClear showSearch={{ filterOption: false, onSearch: setPersonQuery }} loading={people.isFetching} options={personOptions} />
                </Form.Item>
              </Card>
              {m.stages.length ? (
                <Card title={<h2 className="card-heading">{t('mines.stages')}</h2>}>
                  <div className="stage-grid">
                    {m.stages.map((s, i) => (
                      <StageRow
                        key={s.code}
                        index={i}
                        code={s.code}
                        name={lang === 'zh' ? s.name : `${s.name} · ${s.en}`}
                        regionCode={m.regionCode}
                        files={stageFiles[s.code] ?? []}
                        setFiles={(f) => setStageFiles((prev) => ({ ...prev, [s.code]: f }))}
                        canEdit={canEdit}
                      />
                    ))}
                  </div>
                </Card>
              ) : null}
              {canEdit ? (
                <Space className="form-actions">
                  <Button type="primary" htmlType="submit" loading={save.isPending} disabled={uploading}>
                    {t('mines.save')}
                  </Button>
                </Space>
              ) : null}
            </div>
          </Form>
        </Col>
      </Row>
    </>
  );
}

function StageRow({
  index,
  code,
  name,
  regionCode,
  files,
  setFiles,
  canEdit,
}: {
  index: number;
  code: string;
  name: string;
  regionCode: string;
  files: EvidenceFile[];
  setFiles: (f: EvidenceFile[]) => void;
  canEdit: boolean;
}) {
  const t = useLedgerText();
  const label = useLabel();
  const isPhone = useMediaQuery('(max-width: 767.98px)');
  const status = Form.useWatch(['stages', code, 'status']) as StageStatus | undefined;
  return (
    <fieldset className="form-fieldset">
      <legend>
        {index + 1}. {name} {status ? <Tag color={status === 'done' ? 'green' : status === 'in_progress' ? 'blue' : 'default'}>{label(stageStatusLabel[status])}</Tag> : null}
      </legend>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name={['stages', code, 'status']} label={t('mines.stageStatus')} rules={[{ required: true }]}>
            <Select options={STAGE_STATUSES.map((s) => ({ value: s, label: label(stageStatusLabel[s]) }))} />
          </Form.Item>
        </Col>
        {status === 'done' ? (
          <Col xs={24} sm={8}>
            <Form.Item name={['stages', code, 'completedOn']} label={t('mines.completedOn')} rules={[{ required: true, message: t('mines.completedOnRequired') }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} sm={status === 'done' ? 8 : 16}>
          <Form.Item
            name={['stages', code, 'note']}
            label={t('mines.stageNote')}
            rules={status === 'not_applicable' ? [{ required: true, whitespace: true, message: t('mines.whyNotApplicable') }, { max: 2000 }] : [{ max: 2000 }]}
          >
            <Input />
          </Form.Item>
        </Col>
      </Row>
      {status === 'done' || files.length ? (
        <Form.Item label={t('mines.stageEvidence')} htmlFor={`stage-${code}`} style={{ marginBottom: 0 }}>
          {canEdit ? <EvidenceUpload id={`stage-${code}`} regionCode={regionCode} value={files} onChange={setFiles} /> : <span>{t('mines.fileCount', { n: files.length })}</span>}
        </Form.Item>
      ) : null}
    </fieldset>
  );
}
