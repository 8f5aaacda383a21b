import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { CHECKLISTS, can, checklistAnswerLabel, type ChecklistFindingRecord, type ChecklistSubmission } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { usePeople } from '../../api/people';
import { useUnits } from '../../api/units';
import { useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { useMediaQuery } from '../../ui/use-media-query';
import { useAssignFinding, useSubmission } from './checklists-api';
import { useChecklistsText } from './checklists-text';

/** `/checklists/:id`: one submitted checklist, its answers and findings; open findings are assigned here. */
export function SubmissionPage() {
  const { id } = useParams();
  const s = useSubmission(id);
  return <QueryBoundary query={s}>{(data) => <Submission s={data} />}</QueryBoundary>;
}

function Submission({ s }: { s: ChecklistSubmission }) {
  const t = useChecklistsText();
  const label = useLabel();
  const me = useMe();
  const { withRegion } = useCurrentRegion();
  const list = CHECKLISTS[s.checklistId];
  const item = (code: string) => list?.items.find((i) => i.code === code);
  const mayAssign = !!me.data && can(me.data.role, 'checklist.write');
  return (
    <div>
      <PageTitle>{`${list ? label(list.title) : s.checklistId} · ${s.siteName ?? t('county', { region: s.regionName })}`}</PageTitle>
      <Typography.Paragraph type="secondary">
        {s.campaignName} · {s.regionName} · {t('col.inspectedOn')} {s.inspectedOn} · {t('col.inspectors')} {s.inspectors.join('、')} · {t('page.by', { who: s.createdBy ?? '—', at: dayjs(s.createdAt).format('YYYY-MM-DD HH:mm') })}
      </Typography.Paragraph>
      <Card size="small" title={t('page.findings')} style={{ marginBottom: 16 }}>
        {s.findings.length === 0 ? (
          <Typography.Text>{t('page.noFindings')}</Typography.Text>
        ) : (
          <List
            dataSource={s.findings}
            renderItem={(f) => (
              <List.Item key={f.id}>
                <div style={{ width: '100%' }}>
                  <Space wrap>
                    <Tag>{item(f.itemCode)?.groupPrinted}</Tag>
                    <Typography.Text strong>{f.description}</Typography.Text>
                    {f.problemId ? <Tag color="green">{t('page.assigned')}</Tag> : <Tag color="orange">{t('page.pending')}</Tag>}
                    {f.problemId ? <Link to={withRegion(`/problems/${f.problemId}`)}>{t('page.problem')}</Link> : null}
                  </Space>
                  {!f.problemId && mayAssign ? <AssignForm submission={s} finding={f} /> : null}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('page.answers')}>
        <Table
          size="small"
          rowKey="itemCode"
          pagination={false}
          dataSource={s.answers}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'group', title: '', render: (_, a) => item(a.itemCode)?.groupPrinted },
            { key: 'q', title: t('form.items'), render: (_, a) => item(a.itemCode)?.question ?? a.itemCode },
            {
              key: 'a',
              title: '',
              render: (_, a) => {
                const i = item(a.itemCode);
                return <Tag color={i && a.answer === i.failWhen ? 'red' : a.answer === 'not_applicable' ? undefined : 'green'}>{label(checklistAnswerLabel[a.answer])}</Tag>;
              },
            },
            { key: 'note', title: t('form.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
    </div>
  );
}

type AssignValues = { measures: string; deadline: Dayjs; responsibleUnitId: string; responsiblePersonId?: string | null; responsibleContact?: string };

function AssignForm({ submission, finding }: { submission: ChecklistSubmission; finding: ChecklistFindingRecord }) {
  const t = useChecklistsText();
  const { message } = App.useApp();
  const { code } = useCurrentRegion();
  const isPhone = useMediaQuery('(max-width: 767.98px)');
  const [open, setOpen] = useState(false);
  const [personQuery, setPersonQuery] = useState('');
  const [form] = Form.useForm<AssignValues>();
  const assign = useAssignFinding(submission.id);
  const units = useUnits(open ? code : null);
  const people = usePeople(open ? code : null, personQuery);
  if (!open) {
    return (
      <div style={{ marginTop: 8 }}>
        <Button size="small" onClick={() => setOpen(true)}>
          {t('page.assign')}
        </Button>
      </div>
    );
  }
  return (
    <Form<AssignValues>
      form={form}
      layout="vertical"
      style={{ marginTop: 8, maxWidth: 560 }}
      disabled={assign.isPending}
      onFinish={(v) =>
        assign.mutate(
          {
            findingId: finding.id,
            assignment: {
              measures: v.measures.trim(),
              deadline: v.deadline.format('YYYY-MM-DD'),
              responsibleUnitId: v.responsibleUnitId,
              responsiblePersonId: v.responsiblePersonId ?? null,
              responsibleContact: v.responsibleContact?.trim() || null,
            },
          },
          { onSuccess: () => void message.success(t('page.assigned')), onError: (e) => applyFieldErrors(form, e, ['measures', 'deadline', 'responsibleUnitId', 'responsiblePersonId', 'responsibleContact']) },
        )
      }
    >
      <ApiErrorAlert error={assign.error} />
      <Form.Item name="measures" label={t('form.measures')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="deadline" label={t('form.deadline')} rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} />
      </Form.Item>
      <Form.Item name="responsibleUnitId" label={t('form.unit')} rules={[{ required: true, message: t('form.required') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isFetching} options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.regionName}）` }))} />
      </Form.Item>
      <Form.Item name="responsiblePersonId" label={t('form.person')}>
        <Select allowClear showSearch={{ filterOption: false, onSearch: setPersonQuery }} loading={people.isFetching} options={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.position ? ` · ${p.position}` : ''}` }))} />
      </Form.Item>
      <Form.Item name="responsibleContact" label={t('form.contact')} rules={[{ pattern: /^[0-9+\-() ]{5,30}$/ }]}>
        <Input inputMode="tel" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={assign.isPending}>
        {t('page.assign')}
      </Button>
    </Form>
  );
}
