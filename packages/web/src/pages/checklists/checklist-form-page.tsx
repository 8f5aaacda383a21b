import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { CHECKLISTS, applicableItems, can, chinaDate, deadlineLimitFor, type ChecklistAnswer, type ChecklistItem, type ChecklistSubject, type FindingAssignment } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useCampaign, useCampaigns } from '../../api/campaigns';
import { usePeople } from '../../api/people';
import { useSites } from '../../api/sites';
import { useUnits } from '../../api/units';
import { useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { NoAccessResult } from '../../ui/no-access-result';
import { PageTitle } from '../../ui/page-title';
import { useMediaQuery } from '../../ui/use-media-query';
import { EvidenceUpload, evidenceIds, evidenceUploading, type EvidenceFile } from '../problems/evidence-upload';
import { useSubmitChecklist } from './checklists-api';
import { useChecklistsText } from './checklists-text';

type Assign = { on?: boolean; measures?: string; deadline?: Dayjs; responsibleUnitId?: string; responsiblePersonId?: string | null; responsibleContact?: string };
type Values = {
  campaignId: string;
  subject: ChecklistSubject;
  siteId?: string | null;
  regionCode: string;
  inspectedOn: Dayjs;
  expired?: boolean;
  inspectors: string[];
  answers: Record<string, { answer?: ChecklistAnswer; note?: string }>;
  assign: Record<string, Assign>;
};
const FIELDS = ['campaignId', 'subject', 'siteId', 'regionCode', 'inspectedOn', 'expired', 'inspectors', 'answers', 'assign', 'form'] as const;

/** `/checklists/new`: the 004 检查表 for one mine (or the county), item by item, phone-friendly. */
export function ChecklistFormPage() {
  const t = useChecklistsText();
  const me = useMe();
  if (me.data && !can(me.data.role, 'checklist.write')) return <NoAccessResult />;
  return (
    <div className="narrow-form">
      <PageTitle>{t('newTitle')}</PageTitle>
      <ChecklistForm />
    </div>
  );
}

function ChecklistForm() {
  const t = useChecklistsText();
  const tt = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { code, roots, withRegion } = useCurrentRegion();
  const isPhone = useMediaQuery('(max-width: 767.98px)');
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<Record<string, EvidenceFile[]>>({});
  const [siteQuery, setSiteQuery] = useState('');
  const [personQuery, setPersonQuery] = useState('');
  const submit = useSubmitChecklist();
  // No region filter: the campaigns of the regions above (inherited, e.g. a city's campaign for a district inspector) are included.
  const campaigns = useCampaigns({});
  const campaignId = Form.useWatch('campaignId', form) as string | undefined;
  const campaign = useCampaign(campaignId);
  const subject = (Form.useWatch('subject', form) as ChecklistSubject | undefined) ?? 'mine';
  const expired = !!Form.useWatch('expired', form);
  const answers = (Form.useWatch('answers', form) as Values['answers'] | undefined) ?? {};
  const assign = (Form.useWatch('assign', form) as Values['assign'] | undefined) ?? {};
  const regionCode = (Form.useWatch('regionCode', form) as string | undefined) ?? code ?? '';
  const sites = useSites({ region: code, q: siteQuery || null, limit: 30 });
  const units = useUnits(code);
  const people = usePeople(code, personQuery);
  const c = campaign.data?.data;
  const list = c?.checklistId ? CHECKLISTS[c.checklistId] : undefined;
  const items = useMemo(() => (list ? applicableItems(list, subject, subject === 'mine' && expired) : []), [list, subject, expired]);
  const failed = (i: ChecklistItem) => answers[i.code]?.answer === i.failWhen;
  const limit = c ? deadlineLimitFor(c, null) : null;
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.regionName}）` }));

  const onFinish = (v: Values) => {
    if (!list || !c) return;
    const assignments: Record<string, FindingAssignment> = {};
    for (const i of items) {
      const a = v.assign?.[i.code];
      if (!failed(i) || !a?.on) continue;
      assignments[i.code] = {
        measures: a.measures?.trim() ?? '',
        deadline: a.deadline!.format('YYYY-MM-DD'),
        responsibleUnitId: a.responsibleUnitId!,
        responsiblePersonId: a.responsiblePersonId ?? null,
        responsibleContact: a.responsibleContact?.trim() || null,
      };
    }
    submit.mutate(
      {
        campaignId: v.campaignId,
        form: {
          checklistId: list.id,
          subject: v.subject,
          siteId: v.subject === 'mine' ? (v.siteId ?? null) : null,
          regionCode: v.regionCode,
          inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
          expired: v.subject === 'mine' && !!v.expired,
          inspectors: v.inspectors.map((s) => s.trim()).filter(Boolean),
          answers: items.map((i) => ({ itemCode: i.code, answer: v.answers[i.code]!.answer!, note: v.answers[i.code]?.note?.trim() ?? '', evidenceFileIds: failed(i) ? evidenceIds(files[i.code] ?? []) : [] })),
        },
        assign: assignments,
      },
      {
        onSuccess: (s) => {
          void message.success(t('form.submitted', { n: s.failedCount }));
          if (s.assignErrors.length) void message.warning(`${t('form.assignErrors')} ${s.assignErrors.map((e) => `${e.itemCode}: ${e.message}`).join('; ')}`, 10);
          void navigate(withRegion(`/checklists/${s.id}`));
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      onFinish={onFinish}
      disabled={submit.isPending}
      initialValues={{ subject: 'mine', regionCode: code ?? undefined, inspectedOn: dayjs(chinaDate(new Date())), inspectors: [], expired: false, answers: {}, assign: {} }}
    >
      <ApiErrorAlert error={submit.error} />
      <Card className="form-card">
        <Form.Item name="campaignId" label={t('form.campaign')} rules={[{ required: true, message: t('form.campaignRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={campaigns.isFetching} options={(campaigns.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        {c && !list ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('form.noChecklist')} /> : null}
        <Form.Item name="subject" label={t('form.subject')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'mine', label: t('form.subjectMine') },
              { value: 'county', label: t('form.subjectCounty') },
            ]}
          />
        </Form.Item>
        {subject === 'mine' ? (
          <Form.Item name="siteId" label={t('form.site')} rules={[{ required: true, message: t('form.siteRequired') }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSiteQuery }}
              loading={sites.isFetching}
              options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.regionName}）` }))}
              onChange={(id: string) => {
                const s = sites.data?.items.find((x) => x.id === id);
                if (s) form.setFieldsValue({ regionCode: s.regionCode });
              }}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="regionCode" label={t('form.region')} rules={[{ required: true }]}>
          <RegionTreeSelect roots={roots} />
        </Form.Item>
        <Form.Item name="inspectedOn" label={t('form.inspectedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {subject === 'mine' ? (
          <Form.Item name="expired" valuePropName="checked">
            <Checkbox>{t('form.expired')}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item name="inspectors" label={t('form.inspectors')} extra={t('form.inspectorsHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('form.inspectorsRequired') }]}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
      </Card>

      {list ? (
        <Card title={<h2 className="card-heading">{t('form.items')}</h2>} className="form-card">
          {items.map((i, n) => (
            <div key={i.code} className="checklist-item" style={{ borderTop: n ? '1px solid #f0f0f0' : undefined, paddingTop: n ? 12 : 0 }}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <Tag>{i.groupPrinted}</Tag>
                {i.question}
              </Typography.Paragraph>
              {i.condition ? <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('form.condition', { what: i.condition.zh })}</Typography.Paragraph> : null}
              <Form.Item name={['answers', i.code, 'answer']} rules={[{ required: true, message: t('form.answerRequired') }]} style={{ marginBottom: 8 }}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'yes', label: t('yes') },
                    { value: 'no', label: t('no') },
                    ...(i.condition ? [{ value: 'not_applicable', label: t('na') }] : []),
                  ]}
                />
              </Form.Item>
              {failed(i) ? (
                <>
                  <Alert type="error" showIcon style={{ marginBottom: 8 }} title={`${t('form.failed')}：${i.problem.zh}`} />
                  <Form.Item name={['answers', i.code, 'note']} label={t('form.note')} rules={[{ required: true, whitespace: true, message: t('form.noteRequired') }, { max: 2000 }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                  </Form.Item>
                  <Form.Item label={t('form.evidence')} htmlFor={`evidence-${i.code}`}>
                    <EvidenceUpload id={`evidence-${i.code}`} regionCode={regionCode} value={files[i.code] ?? []} onChange={(v) => setFiles((s) => ({ ...s, [i.code]: v }))} />
                  </Form.Item>
                  <Form.Item name={['assign', i.code, 'on']} valuePropName="checked" style={{ marginBottom: 8 }}>
                    <Switch checkedChildren={t('form.assignNow')} unCheckedChildren={t('form.assignNow')} />
                  </Form.Item>
                  {assign[i.code]?.on ? (
                    <>
                      <Form.Item name={['assign', i.code, 'measures']} label={t('form.measures')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                      </Form.Item>
                      <Form.Item name={['assign', i.code, 'deadline']} label={t('form.deadline')} rules={[{ required: true, message: t('form.required') }]} extra={limit ? `≤ ${limit.limit}（${limit.basis}）` : undefined}>
                        <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} disabledDate={(d) => (limit ? d.isAfter(dayjs(limit.limit), 'day') : false)} />
                      </Form.Item>
                      <Form.Item name={['assign', i.code, 'responsibleUnitId']} label={t('form.unit')} rules={[{ required: true, message: t('form.required') }]}>
                        <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
                      </Form.Item>
                      <Form.Item name={['assign', i.code, 'responsiblePersonId']} label={t('form.person')}>
                        <Select allowClear showSearch={{ filterOption: false, onSearch: setPersonQuery }} options={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.position ? ` · ${p.position}` : ''}` }))} />
                      </Form.Item>
                      <Form.Item name={['assign', i.code, 'responsibleContact']} label={t('form.contact')} rules={[{ pattern: /^[0-9+\-() ]{5,30}$/ }]}>
                        <Input inputMode="tel" />
                      </Form.Item>
                    </>
                  ) : null}
                </>
              ) : null}
            </div>
          ))}
        </Card>
      ) : null}
      <Space className="form-actions" style={{ width: '100%' }}>
        <Button onClick={() => void navigate(-1)}>{tt('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={!list || Object.values(files).some(evidenceUploading)}>
          {t('form.submit')}
        </Button>
      </Space>
    </Form>
  );
}
