import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import {
  HAZARD_LEDGER_TYPES,
  PROBLEM_SOURCES,
  can,
  chinaDate,
  deadlineLimitFor,
  hazardLedgerFields,
  hazardLedgerInfo,
  problemSourceLabel,
  type HazardField,
  type HazardLedgerType,
  type ProblemSource,
} from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useCampaign, useCampaigns } from '../../api/campaigns';
import { usePeople } from '../../api/people';
import { useSites } from '../../api/sites';
import { useUnits } from '../../api/units';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { NoAccessResult } from '../../ui/no-access-result';
import { NotFoundPage } from '../not-found-page';
import { PageTitle } from '../../ui/page-title';
import { useMediaQuery } from '../../ui/use-media-query';
import { EvidenceUpload, evidenceIds, evidenceUploading, type EvidenceFile } from '../problems/evidence-upload';
import { useCreateHazardEntry } from './hazards-api';
import { useHazardsText, valueLabel } from './hazards-text';

type Values = {
  campaignId: string;
  typeCode?: string;
  regionCode: string;
  siteId?: string | null;
  enterprise?: string;
  description: string;
  measures: string;
  foundOn: Dayjs;
  deadline: Dayjs;
  responsibleUnitId: string;
  responsiblePersonId?: string | null;
  responsibleContact?: string;
  source: ProblemSource;
  hazard: Record<string, unknown>;
};
const FIELDS = ['campaignId', 'typeCode', 'regionCode', 'siteId', 'enterprise', 'description', 'measures', 'foundOn', 'deadline', 'responsibleUnitId', 'responsiblePersonId', 'responsibleContact', 'source', 'hazard'] as const;

/** `/hazards/new/:type`: one entry of a 001 hazard ledger, laid out for a phone as well. */
export function HazardEntryPage() {
  const { type } = useParams();
  const me = useMe();
  const t = useHazardsText();
  const label = useLabel();
  if (!(HAZARD_LEDGER_TYPES as readonly string[]).includes(type ?? '')) return <NotFoundPage />;
  const ledger = type as HazardLedgerType;
  if (me.data && !can(me.data.role, 'problem.write')) return <NoAccessResult />;
  return (
    <div className="narrow-form">
      <PageTitle>{t('newTitle', { ledger: label(hazardLedgerInfo[ledger].label) })}</PageTitle>
      <Typography.Paragraph type="secondary">{t('intro', { section: hazardLedgerInfo[ledger].section, printed: hazardLedgerInfo[ledger].printed })}</Typography.Paragraph>
      <HazardEntryForm type={ledger} />
    </div>
  );
}

function HazardEntryForm({ type }: { type: HazardLedgerType }) {
  const t = useHazardsText();
  const tt = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { code, roots, withRegion } = useCurrentRegion();
  const isPhone = useMediaQuery('(max-width: 767.98px)');
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [fileFields, setFileFields] = useState<Record<string, EvidenceFile[]>>({});
  const [siteQuery, setSiteQuery] = useState('');
  const [personQuery, setPersonQuery] = useState('');
  const create = useCreateHazardEntry(type);
  // No region filter: the campaigns of the regions above (inherited, e.g. a city's campaign for a district inspector) are included.
  const campaigns = useCampaigns({});
  const campaignId = Form.useWatch('campaignId', form) as string | undefined;
  const campaign = useCampaign(campaignId);
  const typeCode = Form.useWatch('typeCode', form) as string | undefined;
  const siteId = Form.useWatch('siteId', form) as string | null | undefined;
  const regionCode = (Form.useWatch('regionCode', form) as string | undefined) ?? code ?? '';
  const sites = useSites({ region: code, q: siteQuery || null, limit: 30 });
  const units = useUnits(code);
  const people = usePeople(code, personQuery);
  const c = campaign.data?.data;
  const ledgerTypes = useMemo(() => (c?.taxonomy ?? []).filter((x) => x.hazardLedger === type), [c, type]);
  const limit = c ? deadlineLimitFor(c, typeCode ?? ledgerTypes[0]?.code ?? null) : null;
  const uploadsBusy = evidenceUploading(files) || Object.values(fileFields).some(evidenceUploading);

  const onFinish = (v: Values) => {
    const hazard: Record<string, unknown> = {};
    for (const f of hazardLedgerFields[type]) {
      const value = f.kind === 'file' ? (evidenceIds(fileFields[f.key] ?? [])[0] ?? null) : v.hazard?.[f.key];
      if (value === undefined || value === '') continue;
      hazard[f.key] = f.kind === 'date' && value ? (value as Dayjs).format('YYYY-MM-DD') : f.kind === 'text' ? String(value).trim() || null : value;
    }
    const body: Record<string, unknown> = {
      campaignId: v.campaignId,
      ...(v.typeCode ? { typeCode: v.typeCode } : {}),
      regionCode: v.regionCode,
      siteId: v.siteId ?? null,
      enterprise: v.enterprise?.trim() ?? '',
      description: v.description.trim(),
      measures: v.measures.trim(),
      foundOn: v.foundOn.format('YYYY-MM-DD'),
      deadline: v.deadline.format('YYYY-MM-DD'),
      responsibleUnitId: v.responsibleUnitId,
      responsiblePersonId: v.responsiblePersonId ?? null,
      responsibleContact: v.responsibleContact?.trim() || null,
      source: v.source,
      evidenceFileIds: evidenceIds(files),
      hazard,
    };
    create.mutate(body, {
      onSuccess: (e) => {
        void message.success(t('form.saved'));
        void navigate(withRegion(`/problems/${e.problemId}`));
      },
      onError: (error) => applyFieldErrors(form, error, FIELDS),
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      onFinish={onFinish}
      disabled={create.isPending}
      initialValues={{ regionCode: code ?? undefined, foundOn: dayjs(chinaDate(new Date())), source: 'inspection', hazard: {} }}
      onValuesChange={(changed: Partial<Values>) => {
        if ('campaignId' in changed) form.setFieldsValue({ typeCode: undefined });
      }}
    >
      <ApiErrorAlert error={create.error} />
      <Card className="form-card">
        <Form.Item name="campaignId" label={t('form.campaign')} rules={[{ required: true, message: t('form.campaignRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={campaigns.isFetching} options={(campaigns.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        {c && ledgerTypes.length === 0 ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('form.noLedger')} /> : null}
        {ledgerTypes.length > 1 ? (
          <Form.Item name="typeCode" label={t('form.type')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={ledgerTypes.map((x) => ({ value: x.code, label: x.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="regionCode" label={t('form.region')} rules={[{ required: true }]}>
          <RegionTreeSelect roots={roots} />
        </Form.Item>
        <Form.Item name="siteId" label={t('form.site')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setSiteQuery }}
            loading={sites.isFetching}
            options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.regionName}）` }))}
          />
        </Form.Item>
        {!siteId ? (
          <Form.Item name="enterprise" label={t('form.enterprise')} rules={[{ required: true, whitespace: true, message: t('form.enterpriseRequired') }, { max: 200 }]}>
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item name="description" label={t('form.description')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item name="measures" label={t('form.measures')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      </Card>

      <Card title={<h2 className="card-heading">{t('form.fields')}</h2>} className="form-card">
        {hazardLedgerFields[type].map((f) =>
          f.kind === 'file' ? (
            <Form.Item key={f.key} label={label(f.label)} htmlFor={`hazard-${f.key}`}>
              <EvidenceUpload id={`hazard-${f.key}`} regionCode={regionCode} max={1} value={fileFields[f.key] ?? []} onChange={(v) => setFileFields((s) => ({ ...s, [f.key]: v }))} />
            </Form.Item>
          ) : (
            <Form.Item key={f.key} name={['hazard', f.key]} label={label(f.label)} rules={f.required && f.kind !== 'boolean' ? [{ required: true, message: t('form.required') }] : []} valuePropName={f.kind === 'boolean' ? 'checked' : 'value'} initialValue={f.kind === 'boolean' ? false : undefined}>
              <FieldInput field={f} isPhone={isPhone} />
            </Form.Item>
          ),
        )}
      </Card>

      <Card className="form-card">
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="foundOn" label={t('form.foundOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="deadline" label={t('form.deadline')} rules={[{ required: true, message: t('form.required') }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} disabledDate={(d) => (limit ? d.isAfter(dayjs(limit.limit), 'day') : false)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="responsibleUnitId" label={t('form.unit')} rules={[{ required: true, message: t('form.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isFetching} options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.regionName}）` }))} />
        </Form.Item>
        <Form.Item name="responsiblePersonId" label={t('form.person')}>
          <Select allowClear showSearch={{ filterOption: false, onSearch: setPersonQuery }} loading={people.isFetching} options={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.position ? ` · ${p.position}` : ''}` }))} />
        </Form.Item>
        <Form.Item name="responsibleContact" label={t('form.contact')} rules={[{ pattern: /^[0-9+\-() ]{5,30}$/ }]}>
          <Input inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="source" label={t('form.source')} rules={[{ required: true }]}>
          <Select options={PROBLEM_SOURCES.map((s) => ({ value: s, label: label(problemSourceLabel[s]) }))} />
        </Form.Item>
        <Form.Item label={t('form.evidence')} htmlFor="hazard-evidence">
          <EvidenceUpload id="hazard-evidence" regionCode={regionCode} value={files} onChange={setFiles} />
        </Form.Item>
      </Card>
      <Typography.Paragraph type="secondary">{t('form.rules')}</Typography.Paragraph>
      <Space className="form-actions" style={{ width: '100%' }}>
        <Button onClick={() => void navigate(-1)}>{tt('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending} disabled={uploadsBusy || (!!c && ledgerTypes.length === 0)}>
          {t('form.save')}
        </Button>
      </Space>
    </Form>
  );
}

/** The input for one ledger field, by its kind (core hazardLedgerFields). */
function FieldInput({ field, isPhone, ...rest }: { field: HazardField; isPhone: boolean; value?: unknown; checked?: boolean; onChange?: (v: unknown) => void; id?: string }) {
  const label = useLabel();
  const options = (field.values ?? []).map((v) => ({ value: v, label: label(valueLabel(field.key, v)) }));
  switch (field.kind) {
    case 'enum':
      return <Select allowClear={!field.required} options={options} {...(rest as object)} />;
    case 'enum[]':
      return <Select mode="multiple" options={options} {...(rest as object)} />;
    case 'number':
      return <InputNumber min={0} style={{ width: '100%' }} inputMode="decimal" {...(rest as object)} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} {...(rest as object)} />;
    case 'boolean':
      return <Switch {...(rest as object)} />;
    default:
      return <Input {...(rest as object)} />;
  }
}
