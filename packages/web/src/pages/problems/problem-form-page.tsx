import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  PROBLEM_SOURCES,
  can,
  chinaDate,
  deadlineLimitFor,
  hazardLedgerInfo,
  problemSourceLabel,
  rankAtLeast,
  rankLabel,
  type Campaign,
  type ProblemCreate,
  type ProblemDetail,
  type ProblemPatch,
  type ProblemSource,
} from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useCampaign, useCampaigns } from '../../api/campaigns';
import { usePeople } from '../../api/people';
import { useProblem, useCreateProblem, useUpdateProblem } from '../../api/problems';
import { useRegion } from '../../api/regions';
import { useSites } from '../../api/sites';
import { useUnits } from '../../api/units';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { LoadingBlock } from '../../ui/loading-block';
import { NoAccessResult } from '../../ui/no-access-result';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { useMediaQuery } from '../../ui/use-media-query';
import { useLedgerText } from '../ledger/ledger-text';
import { EvidenceUpload, evidenceIds, evidenceUploading, type EvidenceFile } from './evidence-upload';

type Values = {
  campaignId: string;
  typeCode: string;
  workGroupKey?: string | null;
  regionCode: string;
  siteId?: string | null;
  enterprise?: string;
  methodMineral?: string;
  description: string;
  measures: string;
  foundOn: Dayjs;
  deadline: Dayjs;
  responsibleUnitId: string;
  responsiblePersonId?: string | null;
  responsibleContact?: string;
  verifyingUnitId?: string | null;
  source: ProblemSource;
  sourceRef?: string;
  immediate?: boolean;
  reason?: string;
};
const FIELDS = [
  'campaignId',
  'typeCode',
  'workGroupKey',
  'regionCode',
  'siteId',
  'enterprise',
  'methodMineral',
  'description',
  'measures',
  'foundOn',
  'deadline',
  'responsibleUnitId',
  'responsiblePersonId',
  'responsibleContact',
  'verifyingUnitId',
  'source',
  'sourceRef',
  'reason',
] as const;
const PHONE = /^[0-9+\-() ]{5,30}$/;

/** `/problems/new`: 登记问题 — one problem on a campaign's ledger, laid out for a phone as well. */
export function ProblemCreatePage() {
  const t = useLedgerText();
  const me = useMe();
  if (!me.data) return <LoadingBlock />;
  if (!can(me.data.role, 'problem.write')) return <NoAccessResult />;
  return (
    <div className="narrow-form">
      <PageTitle>{t('form.createTitle')}</PageTitle>
      <ProblemForm />
    </div>
  );
}

/** `/problems/:id/edit`: the office changes a problem's facts (the state changes only through events). */
export function ProblemEditPage() {
  const { id } = useParams();
  const problem = useProblem(id);
  const t = useLedgerText();
  return (
    <QueryBoundary query={problem}>
      {(p) =>
        p.capacities.includes('office') ? (
          <div className="narrow-form">
            <PageTitle>{t('form.editTitle', { name: p.enterprise })}</PageTitle>
            <ProblemForm problem={p} />
          </div>
        ) : (
          <NoAccessResult />
        )
      }
    </QueryBoundary>
  );
}

function ProblemForm({ problem }: { problem?: ProblemDetail }) {
  const t = useLedgerText();
  const tt = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { code, roots, withRegion } = useCurrentRegion();
  const [form] = Form.useForm<Values>();
  // no on-screen keyboard over the calendar on phones; typing stays possible elsewhere
  const isPhone = useMediaQuery('(max-width: 767.98px)');
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [siteQuery, setSiteQuery] = useState('');
  const [personQuery, setPersonQuery] = useState('');
  const create = useCreateProblem();
  const update = useUpdateProblem(problem?.id ?? '');
  const saving = create.isPending || update.isPending;
  const campaigns = useCampaigns({ region: code }, !problem && !!code);
  const campaignId = (Form.useWatch('campaignId', form) as string | undefined) ?? problem?.campaignId ?? params.get('campaign') ?? undefined;
  const campaign = useCampaign(campaignId);
  const c: Campaign | undefined = campaign.data?.data;
  const typeCode = Form.useWatch('typeCode', form) as string | undefined;
  const siteId = Form.useWatch('siteId', form) as string | null | undefined;
  const regionCode = (Form.useWatch('regionCode', form) as string | undefined) ?? problem?.regionCode ?? code;
  const deadline = Form.useWatch('deadline', form) as Dayjs | undefined;
  const foundOn = Form.useWatch('foundOn', form) as Dayjs | undefined;
  const immediate = Form.useWatch('immediate', form) as boolean | undefined;
  const region = useRegion(code);
  const sites = useSites({ region: code, q: siteQuery || null, limit: 30 });
  const units = useUnits(code);
  const people = usePeople(code, personQuery);
  const type = c?.taxonomy.find((x) => x.code === typeCode);
  const limit = c ? deadlineLimitFor(c, typeCode ?? null) : null;
  const minRank = c?.rules.minResponsibleRank ?? null;
  const deadlineMoved = !!problem && !!deadline && deadline.format('YYYY-MM-DD') !== problem.deadline;

  const siteOptions = useMemo(() => {
    const list = (sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.regionName}）` }));
    if (problem?.siteId && !list.some((o) => o.value === problem.siteId)) list.unshift({ value: problem.siteId, label: problem.siteName ?? problem.enterprise });
    return list;
  }, [sites.data, problem]);
  const personOptions = useMemo(() => {
    const list = (people.data ?? []).map((p) => ({
      value: p.id,
      label: `${p.name}${p.position ? ` · ${p.position}` : ''}${p.rank ? `（${label(rankLabel[p.rank])}）` : ''}${p.unitName ? ` · ${p.unitName}` : ''}`,
      disabled: !!minRank && !rankAtLeast(p.rank, minRank),
    }));
    if (problem?.responsiblePersonId && !list.some((o) => o.value === problem.responsiblePersonId)) {
      list.unshift({ value: problem.responsiblePersonId, label: problem.responsiblePersonName ?? '', disabled: false });
    }
    return list;
  }, [people.data, problem, minRank, label]);
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.regionName}）` }));

  const onFinish = (v: Values) => {
    if (problem) {
      const patch: ProblemPatch = { version: problem.version };
      const set = <K extends keyof ProblemPatch>(k: K, value: ProblemPatch[K], before: unknown) => {
        if (value !== before) patch[k] = value;
      };
      set('typeCode', v.typeCode, problem.typeCode);
      set('workGroupKey', v.workGroupKey ?? null, problem.workGroupKey);
      set('siteId', v.siteId ?? null, problem.siteId);
      // the enterprise field is shown (and sent) only when no registry site is chosen
      if (!v.siteId) set('enterprise', v.enterprise?.trim() ?? '', problem.enterprise);
      set('methodMineral', v.methodMineral?.trim() ?? '', problem.methodMineral);
      set('description', v.description.trim(), problem.description);
      set('measures', v.measures.trim(), problem.measures);
      set('deadline', v.deadline.format('YYYY-MM-DD'), problem.deadline);
      set('responsibleUnitId', v.responsibleUnitId, problem.responsibleUnitId);
      set('responsiblePersonId', v.responsiblePersonId ?? null, problem.responsiblePersonId);
      set('responsibleContact', v.responsibleContact?.trim() || null, problem.responsibleContact);
      set('verifyingUnitId', v.verifyingUnitId ?? null, problem.verifyingUnitId);
      if (v.reason?.trim()) patch.reason = v.reason.trim();
      update.mutate(patch, {
        onSuccess: (p) => {
          void message.success(t('form.saved'));
          void navigate(withRegion(`/problems/${p.id}`));
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      });
      return;
    }
    const input: ProblemCreate = {
      campaignId: v.campaignId,
      typeCode: v.typeCode,
      workGroupKey: v.workGroupKey ?? null,
      regionCode: v.regionCode,
      siteId: v.siteId ?? null,
      enterprise: v.enterprise?.trim() ?? '',
      methodMineral: v.methodMineral?.trim() ?? '',
      description: v.description.trim(),
      measures: v.measures.trim(),
      foundOn: v.foundOn.format('YYYY-MM-DD'),
      deadline: v.deadline.format('YYYY-MM-DD'),
      responsibleUnitId: v.responsibleUnitId,
      responsiblePersonId: v.responsiblePersonId ?? null,
      responsibleContact: v.responsibleContact?.trim() || null,
      verifyingUnitId: v.verifyingUnitId ?? null,
      source: v.source,
      sourceRef: v.sourceRef?.trim() || null,
      evidenceFileIds: evidenceIds(files),
      immediate: !!v.immediate,
      hazard: null,
    };
    create.mutate(input, {
      onSuccess: (p) => {
        void message.success(t('form.created'));
        void navigate(withRegion(`/problems/${p.id}`));
      },
      onError: (error) => applyFieldErrors(form, error, FIELDS),
    });
  };

  const initialValues: Partial<Values> = problem
    ? {
        campaignId: problem.campaignId,
        typeCode: problem.typeCode,
        workGroupKey: problem.workGroupKey,
        regionCode: problem.regionCode,
        siteId: problem.siteId,
        enterprise: problem.siteId ? '' : problem.enterprise,
        methodMineral: problem.methodMineral,
        description: problem.description,
        measures: problem.measures,
        foundOn: dayjs(problem.foundOn),
        deadline: dayjs(problem.deadline),
        responsibleUnitId: problem.responsibleUnitId ?? undefined,
        responsiblePersonId: problem.responsiblePersonId,
        responsibleContact: problem.responsibleContact ?? '',
        verifyingUnitId: problem.verifyingUnitId,
        source: problem.source,
        sourceRef: problem.sourceRef ?? '',
      }
    : { campaignId: params.get('campaign') ?? undefined, regionCode: code, foundOn: dayjs(chinaDate(new Date())), source: 'inspection', immediate: false };

  if (!region.data) return <LoadingBlock />;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      onFinish={onFinish}
      disabled={saving}
      initialValues={initialValues}
      onValuesChange={(changed: Partial<Values>) => {
        if ('campaignId' in changed) form.setFieldsValue({ typeCode: undefined, workGroupKey: null });
        if ('typeCode' in changed) {
          const tp = c?.taxonomy.find((x) => x.code === changed.typeCode);
          if (tp?.workGroupKey) form.setFieldsValue({ workGroupKey: tp.workGroupKey });
        }
        if ('responsiblePersonId' in changed) {
          const person = people.data?.find((p) => p.id === changed.responsiblePersonId);
          if (person?.phone && !form.getFieldValue('responsibleContact')) form.setFieldsValue({ responsibleContact: person.phone });
        }
      }}
    >
      <ApiErrorAlert error={create.error ?? update.error} />
      <Card title={<h2 className="card-heading">{t('form.what')}</h2>} className="form-card">
        {!problem ? (
          <Form.Item name="campaignId" label={t('ledger.campaign')} rules={[{ required: true, message: t('form.campaignRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={campaigns.isFetching}
              options={(campaigns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="typeCode" label={t('ledger.type')} rules={[{ required: true, message: t('form.typeRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!c}
            options={(c?.taxonomy ?? []).map((x) => ({ value: x.code, label: x.name }))}
            placeholder={c ? undefined : t('form.pickCampaignFirst')}
          />
        </Form.Item>
        {type?.hazardLedger ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('form.hazardLedger', { ledger: label(hazardLedgerInfo[type.hazardLedger].label) })}
            action={
              <Link to={withRegion(`/hazards/new/${type.hazardLedger}`)}>
                <Button size="small">{t('form.hazardOpen')}</Button>
              </Link>
            }
          />
        ) : null}
        {c && c.workGroups.length > 0 ? (
          <Form.Item name="workGroupKey" label={t('ledger.workGroup')}>
            <Select allowClear options={c.workGroups.map((g) => ({ value: g.key, label: g.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="description" label={t('ledger.found')} rules={[{ required: true, whitespace: true, message: t('form.descriptionRequired') }, { max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item name="measures" label={t('ledger.measures')} rules={[{ required: true, whitespace: true, message: t('form.measuresRequired') }, { max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
      </Card>

      <Card title={<h2 className="card-heading">{t('form.where')}</h2>} className="form-card">
        <Form.Item name="regionCode" label={t('ledger.region')} rules={[{ required: true }]}>
          <RegionTreeSelect roots={roots} disabled={!!problem} />
        </Form.Item>
        <Form.Item name="siteId" label={t('form.site')} extra={t('form.siteHelp')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setSiteQuery }}
            loading={sites.isFetching}
            options={siteOptions}
            notFoundContent={sites.isFetching ? tt('common.loading') : t('form.noSite')}
          />
        </Form.Item>
        {!siteId ? (
          <Form.Item name="enterprise" label={t('ledger.enterprise')} rules={[{ required: true, whitespace: true, message: t('form.enterpriseRequired') }, { max: 200 }]}>
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item name="methodMineral" label={t('ledger.method')} extra={c?.rules.methodFormat ? c.rules.methodFormat.printed : t('form.methodHelp')} rules={[{ max: 100 }]}>
          <Input placeholder={c?.rules.methodFormat?.example ?? '露天+煤矿'} />
        </Form.Item>
      </Card>

      <Card title={<h2 className="card-heading">{t('form.who')}</h2>} className="form-card">
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="foundOn" label={t('problem.foundOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} allowClear={false} disabled={!!problem} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="deadline"
              label={t('ledger.deadline')}
              rules={[{ required: true, message: t('form.deadlineRequired') }]}
              extra={limit ? t('form.deadlineLimit', { day: limit.limit }) : undefined}
            >
              <DatePicker
                style={{ width: '100%' }}
                inputReadOnly={isPhone}
                disabledDate={(d) => (limit ? d.isAfter(dayjs(limit.limit), 'day') : false) || (!!foundOn && d.isBefore(foundOn, 'day'))}
              />
            </Form.Item>
          </Col>
        </Row>
        {deadlineMoved ? (
          <Form.Item name="reason" label={t('form.deadlineReason')} rules={[{ required: true, whitespace: true, message: t('form.deadlineReasonRequired') }, { max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        ) : null}
        <Form.Item name="responsibleUnitId" label={t('problem.responsibleUnit')} rules={[{ required: true, message: t('form.unitRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isFetching} options={unitOptions} />
        </Form.Item>
        <Form.Item
          name="responsiblePersonId"
          label={t('form.person')}
          extra={minRank ? t('form.personRank', { rank: label(rankLabel[minRank]) }) : undefined}
          rules={minRank || c?.rules.requireResponsibleContact ? [{ required: true, message: t('form.personRequired') }] : []}
        >
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setPersonQuery }}
            loading={people.isFetching}
            options={personOptions}
          />
        </Form.Item>
        <Form.Item name="responsibleContact" label={t('form.contact')} rules={[{ pattern: PHONE, message: t('form.contactInvalid') }]}>
          <Input inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="verifyingUnitId" label={t('form.verifyingUnit')} extra={t('form.verifyingUnitHelp')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={units.isFetching} options={unitOptions} />
        </Form.Item>
      </Card>

      {!problem ? (
        <Card title={<h2 className="card-heading">{t('form.sourceCard')}</h2>} className="form-card">
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="source" label={t('problem.source')} rules={[{ required: true }]}>
                <Select options={PROBLEM_SOURCES.map((s) => ({ value: s, label: label(problemSourceLabel[s]) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="sourceRef" label={t('form.sourceRef')} rules={[{ max: 100 }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('event.evidence')} htmlFor="problem-evidence" extra={immediate ? t('form.immediateEvidence') : undefined}>
            <EvidenceUpload id="problem-evidence" regionCode={regionCode} value={files} onChange={setFiles} />
          </Form.Item>
          <Form.Item name="immediate" valuePropName="checked" extra={t('form.immediateHelp')}>
            <Checkbox>{t('problem.immediate')}</Checkbox>
          </Form.Item>
        </Card>
      ) : null}

      <Typography.Paragraph type="secondary">{t('form.rulesChecked')}</Typography.Paragraph>
      <Space className="form-actions" style={{ width: '100%' }}>
        <Button onClick={() => void navigate(-1)}>{tt('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} disabled={evidenceUploading(files)}>
          {problem ? t('form.save') : t('form.create')}
        </Button>
      </Space>
    </Form>
  );
}
