import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { PROBLEM_TRANSITIONS, problemEventLabel, problemStateLabel, type ProblemDetail, type ProblemEvent, type ProblemSummary } from '@minewatch/core';
import { useFireEvent } from '../../api/problems';
import { useLabel, useT } from '../../i18n';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { useLedgerText } from '../ledger/ledger-text';
import { EvidenceUpload, evidenceIds, evidenceUploading, type EvidenceFile } from './evidence-upload';

/** What one event needs: a reason, new evidence, or nothing (core's transition table). */
export function eventNeeds(event: ProblemEvent, state: ProblemSummary['state']) {
  const tr = PROBLEM_TRANSITIONS.find((x) => x.event === event && x.from.includes(state)) ?? PROBLEM_TRANSITIONS.find((x) => x.event === event)!;
  return { reason: tr.reasonRequired, evidence: tr.evidence === 'new', to: tr.to };
}

/**
 * Fires one lifecycle event on a problem: 开始整改, 提交销号申请 (with new evidence), 验收销号, 退回整改
 * (with a reason) … Laid out for a phone: large fields, the camera one tap away. The server's
 * refusal (409, e.g. the unit signing off its own work) is shown as it comes.
 */
export function EventModal({
  problem,
  event,
  onClose,
  onDone,
}: {
  problem: Pick<ProblemDetail, 'id' | 'version' | 'state' | 'regionCode' | 'enterprise' | 'typeName'>;
  event: ProblemEvent;
  onClose: () => void;
  onDone?: () => void;
}) {
  const t = useLedgerText();
  const tt = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [evidenceError, setEvidenceError] = useState<string | null>(null);
  const fireEvent = useFireEvent(problem.id);
  const needs = eventNeeds(event, problem.state);
  const title = label(problemEventLabel[event]);

  const onFinish = (v: { reason?: string }) => {
    const ids = evidenceIds(files);
    if (needs.evidence && ids.length === 0) {
      setEvidenceError(t('event.evidenceRequired'));
      return;
    }
    fireEvent.mutate(
      { version: problem.version, event, reason: v.reason?.trim() || null, evidenceFileIds: ids },
      {
        onSuccess: () => {
          void message.success(t('event.done', { event: title }));
          onClose();
          onDone?.();
        },
        onError: (error) => applyFieldErrors(form, error, ['reason']),
      },
    );
  };

  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph>
        <strong>{problem.enterprise}</strong> · {problem.typeName}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {label(problemStateLabel[problem.state])} → {label(problemStateLabel[needs.to])}
      </Typography.Paragraph>
      {event === 'sign_off' ? <Alert type="info" showIcon title={t('event.signOffNote')} style={{ marginBottom: 12 }} /> : null}
      <ApiErrorAlert error={fireEvent.error} />
      <Form form={form} layout="vertical" size="large" onFinish={onFinish} disabled={fireEvent.isPending}>
        {needs.evidence ? (
          <Form.Item
            label={t('event.evidence')}
            required
            validateStatus={evidenceError ? 'error' : undefined}
            help={evidenceError ?? t('event.evidenceHelp')}
            htmlFor="event-evidence"
          >
            <EvidenceUpload
              id="event-evidence"
              regionCode={problem.regionCode}
              value={files}
              onChange={(f) => {
                setFiles(f);
                setEvidenceError(null);
              }}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={needs.reason ? t('event.reason') : t('event.note')}
          rules={needs.reason ? [{ required: true, whitespace: true, message: t('event.reasonRequired') }, { max: 2000 }] : [{ max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Space className="form-actions" style={{ width: '100%' }}>
          <Button onClick={onClose}>{tt('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={fireEvent.isPending} disabled={evidenceUploading(files)} danger={event === 'void'}>
            {title}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
