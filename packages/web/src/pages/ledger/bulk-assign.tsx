import { useMemo, useState } from 'react';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { rankLabel, type ProblemBulkAssign, type ProblemBulkAssignResult, type ProblemSummary } from '@minewatch/core';
import { api, isApiError } from '../../api/client';
import { usePeople } from '../../api/people';
import { problemKeys } from '../../api/problems';
import { useLabel } from '../../i18n';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { UnitSelect } from '../org/unit-select';
import { useLedgerText } from './ledger-text';

/** A selected problem as the office saw it: the version goes with the request (409 when it changed since). */
export type Picked = Pick<ProblemSummary, 'id' | 'version' | 'enterprise' | 'state'>;

type Values = { responsibleUnitId?: string; responsiblePersonId?: string; responsibleContact?: string; verifyingUnitId?: string; reason?: string };
const FIELDS = ['responsibleUnitId', 'responsiblePersonId', 'responsibleContact', 'verifyingUnitId', 'reason'] as const;
const PHONE = /^[0-9+\-() ]{5,30}$/;

/** POST /api/problems/bulk-assign; every list, figure and problem shows the change afterwards. */
export function useBulkAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProblemBulkAssign) => api<ProblemBulkAssignResult>('/api/problems/bulk-assign', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: problemKeys.all }),
  });
}

/** The problems a refusal names (`body.items.3…` paths) by their enterprise, so the office can find them in the list. */
function affected(error: unknown, picked: readonly Picked[]): string[] {
  if (!isApiError(error)) return [];
  const idx = new Set<number>();
  for (const d of error.details) {
    const m = /^body\.items\.(\d+)/.exec(d.path);
    if (m) idx.add(Number(m[1]));
  }
  return [...idx].sort((a, b) => a - b).map((i) => picked[i]?.enterprise ?? `#${i}`);
}

/**
 * 批量指派: one form for the selected problems — responsible unit, person, contact, verifying unit and
 * a reason. Empty fields stay as they are. The server changes all of them or none and says which
 * problem or field stopped it.
 */
export function BulkAssignModal({ open, picked, regionCode, onClose, onDone }: { open: boolean; picked: readonly Picked[]; regionCode: string; onClose: () => void; onDone: () => void }) {
  const t = useLedgerText();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [personQuery, setPersonQuery] = useState('');
  const people = usePeople(open ? regionCode : null, personQuery);
  const assign = useBulkAssign();
  const personOptions = useMemo(
    () =>
      (people.data ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}${p.position ? ` · ${p.position}` : ''}${p.rank ? `（${label(rankLabel[p.rank])}）` : ''}${p.unitName ? ` · ${p.unitName}` : ''}`,
      })),
    [people.data, label],
  );
  const names = affected(assign.error, picked);

  const onFinish = (v: Values) => {
    const input: ProblemBulkAssign = { items: picked.map((p) => ({ id: p.id, version: p.version })) };
    if (v.responsibleUnitId) input.responsibleUnitId = v.responsibleUnitId;
    if (v.responsiblePersonId) input.responsiblePersonId = v.responsiblePersonId;
    if (v.responsibleContact?.trim()) input.responsibleContact = v.responsibleContact.trim();
    if (v.verifyingUnitId) input.verifyingUnitId = v.verifyingUnitId;
    if (v.reason?.trim()) input.reason = v.reason.trim();
    if (!input.responsibleUnitId && !input.responsiblePersonId && !input.responsibleContact && !input.verifyingUnitId) {
      form.setFields([{ name: 'responsibleUnitId', errors: [t('bulk.nothing')] }]);
      return;
    }
    assign.mutate(input, {
      onSuccess: (r) => {
        void message.success(t('bulk.done', { n: r.updated }));
        form.resetFields();
        assign.reset();
        onDone();
      },
      onError: (error) => applyFieldErrors(form, error, FIELDS),
    });
  };

  return (
    <Modal
      open={open}
      title={t('bulk.title', { n: picked.length })}
      onCancel={() => {
        assign.reset();
        onClose();
      }}
      onOk={() => form.submit()}
      okText={t('bulk.submit')}
      okButtonProps={{ loading: assign.isPending }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('bulk.help')}</Typography.Paragraph>
      <ApiErrorAlert error={assign.error} />
      {names.length ? (
        <Typography.Paragraph type="danger" className="bulk-affected">
          {t('bulk.affected')}
          {names.join('、')}
        </Typography.Paragraph>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={assign.isPending}
        onValuesChange={() => {
          // "fill in at least one" no longer holds once something is filled in
          if (form.getFieldError('responsibleUnitId').includes(t('bulk.nothing'))) form.setFields([{ name: 'responsibleUnitId', errors: [] }]);
        }}
      >
        <Form.Item name="responsibleUnitId" label={t('bulk.unit')}>
          <UnitSelect regionCode={regionCode} />
        </Form.Item>
        <Form.Item name="responsiblePersonId" label={t('bulk.person')} extra={t('bulk.personHelp')}>
          <Select allowClear showSearch={{ filterOption: false, onSearch: setPersonQuery }} loading={people.isFetching} options={personOptions} />
        </Form.Item>
        <Form.Item name="responsibleContact" label={t('bulk.contact')} rules={[{ pattern: PHONE, message: t('form.contactInvalid') }]}>
          <Input inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="verifyingUnitId" label={t('bulk.verifyingUnit')}>
          <UnitSelect regionCode={regionCode} />
        </Form.Item>
        <Form.Item name="reason" label={t('bulk.reason')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
