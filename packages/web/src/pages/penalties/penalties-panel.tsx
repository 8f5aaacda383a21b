import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, List, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CREDIT_PLATFORMS, can, creditPlatformLabel, penaltyKindLabel, penaltyTriggerLabel, type Penalty, type PenaltyKind, type ProblemPenalties } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useLabel } from '../../i18n';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { QueryBoundary } from '../../ui/query-boundary';
import { usePatchPenalty, useProblemPenalties, useRecheck, useRecordPenalty } from './penalties-api';
import { usePenaltiesText, yuan } from './penalties-text';

const SUSPENSIONS: PenaltyKind[] = ['suspend_new_faces', 'suspend_licence_extension', 'suspend_land_application', 'suspend_coal_sales'];
const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);
const fen = (y: number | undefined | null) => (y === undefined || y === null ? undefined : Math.round(y * 100));

/**
 * L6 on one problem: the 按日连续处罚 clock, the measures recorded with the daily fines counted, the
 * totals, and forms for a new measure (only the kinds the campaign provides), rechecks, lifting a
 * suspension and recording recovered restoration costs. Meant for the problem page.
 */
export function PenaltiesPanel({ problemId }: { problemId: string }) {
  const q = useProblemPenalties(problemId);
  return <QueryBoundary query={q}>{(data) => <Panel data={data} />}</QueryBoundary>;
}

function Panel({ data }: { data: ProblemPenalties }) {
  const t = usePenaltiesText();
  const label = useLabel();
  const me = useMe();
  const mayWrite = !!me.data && can(me.data.role, 'penalty.write');
  const { clock, totals } = data;
  return (
    <Card size="small" title={t('title')}>
      {clock ? (
        <Alert
          type={clock.stoppedOn ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t('clock')}
          description={
            <>
              <div>
                {clock.stoppedOn
                  ? t('clockStopped', { on: clock.stoppedOn, reason: t(`reason.${clock.stopReason ?? 'closed'}`), days: clock.daysRunning })
                  : t('clockRunning', { from: clock.countFrom, days: clock.daysRunning, rule: clock.ruleSection })}
              </div>
              <Typography.Text type="secondary">{clock.rulePrinted}</Typography.Text>
              {!clock.penaltyId ? <div>{t('clockNoDecision')}</div> : null}
            </>
          }
        />
      ) : null}
      <Typography.Paragraph>
        {t('totals', { fines: yuan(totals.finesFen), daily: yuan(totals.dailyFen), cost: yuan(totals.restorationCostFen), recovered: yuan(totals.recoveredFen), outstanding: yuan(totals.outstandingFen), suspensions: totals.activeSuspensions })}
      </Typography.Paragraph>
      {data.items.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('none')}</Typography.Paragraph>
      ) : (
        <List dataSource={data.items} renderItem={(p) => <PenaltyItem key={p.id} p={p} problemId={data.problem.id} mayWrite={mayWrite} />} />
      )}
      <Typography.Title level={5}>{t('rules')}</Typography.Title>
      {data.rules.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('noRules')}</Typography.Paragraph>
      ) : (
        <ul>
          {data.rules.map((r, i) => (
            <li key={i}>
              <Tag>{label(penaltyKindLabel[r.kind])}</Tag>
              {label(penaltyTriggerLabel[r.trigger])} · {r.section} · <Typography.Text type="secondary">{r.printed}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {mayWrite && data.rules.length > 0 ? <RecordForm data={data} /> : null}
    </Card>
  );
}

function PenaltyItem({ p, problemId, mayWrite }: { p: Penalty; problemId: string; mayWrite: boolean }) {
  const t = usePenaltiesText();
  const label = useLabel();
  const r = p.record as Record<string, any>;
  const what = [r.decisionNo, r.caseNo, r.to, r.by, r.contractor].filter(Boolean).join(' · ');
  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <Space wrap>
          <Tag color="volcano">{label(penaltyKindLabel[p.kind])}</Tag>
          <span>{p.decidedOn}</span>
          {what ? <span>{what}</span> : null}
          {p.amountFen !== null ? <strong>¥{yuan(p.amountFen)}</strong> : null}
          {SUSPENSIONS.includes(p.kind) ? <Tag>{r.liftedOn ? t('lifted', { on: r.liftedOn }) : t('inForce')}</Tag> : null}
          {p.kind === 'third_party_restoration' ? <span>{t('recovered')} ¥{yuan(r.recoveredFen)}</span> : null}
        </Space>
        {p.daily ? (
          <div>{t('daily', { days: p.daily.days, total: yuan(p.daily.totalFen), state: p.daily.correctedOn ? t('correctedOn', { on: p.daily.correctedOn }) : p.daily.ongoing ? t('ongoing') : '' })}</div>
        ) : null}
        {r.note ? <Typography.Text type="secondary">{r.note}</Typography.Text> : null}
        {mayWrite && p.kind === 'daily_continuous_fine' && !p.daily?.correctedOn ? <RecheckForm p={p} problemId={problemId} /> : null}
        {mayWrite && SUSPENSIONS.includes(p.kind) && !r.liftedOn ? <PatchForm p={p} problemId={problemId} field="liftedOn" /> : null}
        {mayWrite && p.kind === 'third_party_restoration' && r.recoveredFen < r.costFen ? <PatchForm p={p} problemId={problemId} field="recoveredFen" /> : null}
      </div>
    </List.Item>
  );
}

function RecheckForm({ p, problemId }: { p: Penalty; problemId: string }) {
  const t = usePenaltiesText();
  const { message } = App.useApp();
  const recheck = useRecheck(problemId);
  const [form] = Form.useForm<{ on: Dayjs; continuing: boolean }>();
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginTop: 8 }}
      initialValues={{ continuing: true }}
      onFinish={(v) =>
        recheck.mutate({ id: p.id, input: { version: p.version, on: day(v.on)!, continuing: v.continuing } }, { onSuccess: () => void message.success(t('saved')), onError: (e) => applyFieldErrors(form, e, ['on', 'continuing']) })
      }
    >
      <Form.Item name="on" label={t('recheckOn')} rules={[{ required: true, message: t('required') }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="continuing">
        <Radio.Group options={[{ value: true, label: t('continuing') }, { value: false, label: t('corrected') }]} />
      </Form.Item>
      <Button htmlType="submit" loading={recheck.isPending}>
        {t('recheck')}
      </Button>
      <ApiErrorAlert error={recheck.error} />
    </Form>
  );
}

function PatchForm({ p, problemId, field }: { p: Penalty; problemId: string; field: 'liftedOn' | 'recoveredFen' }) {
  const t = usePenaltiesText();
  const { message } = App.useApp();
  const patch = usePatchPenalty(problemId);
  const [form] = Form.useForm<{ liftedOn?: Dayjs; recovered?: number }>();
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginTop: 8 }}
      onFinish={(v) =>
        patch.mutate(
          { id: p.id, patch: field === 'liftedOn' ? { version: p.version, liftedOn: day(v.liftedOn)! } : { version: p.version, recoveredFen: fen(v.recovered)! } },
          { onSuccess: () => void message.success(t('saved')), onError: (e) => applyFieldErrors(form, e, ['liftedOn', 'recoveredFen']) },
        )
      }
    >
      {field === 'liftedOn' ? (
        <Form.Item name="liftedOn" label={t('liftedOn')} rules={[{ required: true, message: t('required') }]}>
          <DatePicker />
        </Form.Item>
      ) : (
        <Form.Item name="recovered" label={t('recovered')} rules={[{ required: true, message: t('required') }]} initialValue={(p.record as { recoveredFen: number }).recoveredFen / 100}>
          <InputNumber min={0} precision={2} />
        </Form.Item>
      )}
      <Button htmlType="submit" loading={patch.isPending}>
        {field === 'liftedOn' ? t('lift') : t('recover')}
      </Button>
      <ApiErrorAlert error={patch.error} />
    </Form>
  );
}

type RecordValues = Record<string, unknown> & { kind: PenaltyKind };

function RecordForm({ data }: { data: ProblemPenalties }) {
  const t = usePenaltiesText();
  const label = useLabel();
  const { message } = App.useApp();
  const record = useRecordPenalty(data.problem.id);
  const [form] = Form.useForm<RecordValues>();
  const [open, setOpen] = useState(false);
  const kind = Form.useWatch('kind', form) as PenaltyKind | undefined;
  const kinds = [...new Set(data.rules.map((r) => r.kind))];
  if (!open) return <Button onClick={() => setOpen(true)}>{t('add')}</Button>;
  const req = [{ required: true, message: t('required') }];
  const date = (name: string, l: string) => (
    <Form.Item name={name} label={l} rules={req}>
      <DatePicker style={{ width: '100%' }} />
    </Form.Item>
  );
  const text = (name: string, l: string, required = true) => (
    <Form.Item name={name} label={l} rules={required ? req : []}>
      <Input />
    </Form.Item>
  );
  const money = (name: string, l: string) => (
    <Form.Item name={name} label={l} rules={req}>
      <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
    </Form.Item>
  );
  const onFinish = (v: RecordValues) => {
    const d = (k: string) => day(v[k] as Dayjs | undefined);
    const m = (k: string) => fen(v[k] as number | undefined);
    const common = { kind: v.kind, note: (v.note as string | undefined)?.trim() ?? '' };
    const by: Record<PenaltyKind, () => Record<string, unknown>> = {
      fine: () => ({ decisionNo: v.decisionNo, decidedOn: d('decidedOn'), amountFen: m('amount') }),
      daily_continuous_fine: () => ({ decisionNo: v.decisionNo, decidedOn: d('decidedOn'), dailyAmountFen: m('amount'), countFrom: d('countFrom') }),
      suspend_new_faces: () => ({ decisionNo: (v.decisionNo as string | undefined) || null, decidedOn: d('decidedOn') }),
      suspend_licence_extension: () => ({ decisionNo: (v.decisionNo as string | undefined) || null, decidedOn: d('decidedOn') }),
      suspend_land_application: () => ({ decisionNo: (v.decisionNo as string | undefined) || null, decidedOn: d('decidedOn') }),
      suspend_coal_sales: () => ({ decisionNo: (v.decisionNo as string | undefined) || null, decidedOn: d('decidedOn') }),
      credit_record: () => ({ recordedOn: d('recordedOn'), platforms: v.platforms }),
      green_list_removal: () => ({ removedOn: d('removedOn'), listLevel: v.listLevel }),
      third_party_restoration: () => ({ commissionedBy: v.commissionedBy, contractor: v.contractor, commissionedOn: d('commissionedOn'), costFen: m('cost') }),
      case_filed: () => ({ caseNo: v.caseNo, filedOn: d('filedOn') }),
      judicial_referral: () => ({ referredOn: d('referredOn'), to: v.to }),
      listed_supervision: () => ({ listedOn: d('listedOn'), by: v.by }),
    };
    record.mutate(
      { ...common, ...by[v.kind]() },
      {
        onSuccess: () => {
          void message.success(t('saved'));
          form.resetFields();
          setOpen(false);
        },
        onError: (e) => applyFieldErrors(form, e, ['kind', 'decisionNo', 'decidedOn', 'amountFen', 'dailyAmountFen', 'countFrom', 'recordedOn', 'platforms', 'removedOn', 'listLevel', 'commissionedBy', 'contractor', 'commissionedOn', 'costFen', 'caseNo', 'filedOn', 'referredOn', 'to', 'listedOn', 'by', 'note']),
      },
    );
  };
  return (
    <Form<RecordValues> form={form} layout="vertical" onFinish={onFinish} disabled={record.isPending} style={{ maxWidth: 560 }} initialValues={{ countFrom: dayjs(data.problem.deadline) }}>
      <ApiErrorAlert error={record.error} />
      <Form.Item name="kind" label={t('kind')} rules={req}>
        <Select options={kinds.map((k) => ({ value: k, label: label(penaltyKindLabel[k]) }))} />
      </Form.Item>
      {kind === 'fine' || kind === 'daily_continuous_fine' ? text('decisionNo', t('decisionNo')) : null}
      {kind && SUSPENSIONS.includes(kind) ? text('decisionNo', t('decisionNo'), false) : null}
      {kind === 'fine' || kind === 'daily_continuous_fine' || (kind && SUSPENSIONS.includes(kind)) ? date('decidedOn', t('decidedOn')) : null}
      {kind === 'fine' ? money('amount', t('amount')) : null}
      {kind === 'daily_continuous_fine' ? (
        <>
          {money('amount', t('dailyAmount'))}
          {date('countFrom', t('countFrom'))}
        </>
      ) : null}
      {kind === 'credit_record' ? (
        <>
          {date('recordedOn', t('recordedOn'))}
          <Form.Item name="platforms" label={t('platforms')} rules={req}>
            <Checkbox.Group options={CREDIT_PLATFORMS.map((p) => ({ value: p, label: label(creditPlatformLabel[p]) }))} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'green_list_removal' ? (
        <>
          {date('removedOn', t('removedOn'))}
          <Form.Item name="listLevel" label={t('listLevel')} rules={req}>
            <Radio.Group options={[{ value: 'national', label: t('national') }, { value: 'provincial', label: t('provincial') }]} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'third_party_restoration' ? (
        <>
          {text('commissionedBy', t('commissionedBy'))}
          {text('contractor', t('contractor'))}
          {date('commissionedOn', t('commissionedOn'))}
          {money('cost', t('cost'))}
        </>
      ) : null}
      {kind === 'case_filed' ? (
        <>
          {text('caseNo', t('caseNo'))}
          {date('filedOn', t('filedOn'))}
        </>
      ) : null}
      {kind === 'judicial_referral' ? (
        <>
          {date('referredOn', t('referredOn'))}
          {text('to', t('to'))}
        </>
      ) : null}
      {kind === 'listed_supervision' ? (
        <>
          {date('listedOn', t('listedOn'))}
          {text('by', t('by'))}
        </>
      ) : null}
      <Form.Item name="note" label={t('note')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending}>
        {t('save')}
      </Button>
    </Form>
  );
}
