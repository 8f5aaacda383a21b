import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { MEETING_KINDS, meetingKindLabel, type BodyDetail, type MeetingKind } from '@minewatch/core';
import { useRecordMeeting } from '../../api/bodies';
import { useLabel, useT } from '../../i18n';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';

type MeetingForm = {
  kind: MeetingKind;
  heldOn: Dayjs;
  title: string;
  attendeePersonIds?: string[];
  decisions?: (string | undefined)[];
};
const FIELDS = ['kind', 'heldOn', 'title', 'attendeePersonIds', 'decisions'] as const;

/** 记录会议: records a meeting of the body (kind, date, title, attendees from the roster, decisions). */
export function RecordMeetingModal({ open, onClose, body }: { open: boolean; onClose: () => void; body: BodyDetail }) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} title={t('body.recordMeeting')} footer={null} destroyOnHidden width={640}>
      {open ? <RecordMeetingForm onClose={onClose} body={body} /> : null}
    </Modal>
  );
}

function RecordMeetingForm({ onClose, body }: { onClose: () => void; body: BodyDetail }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<MeetingForm>();
  const record = useRecordMeeting(body.id);

  const attendeeOptions = body.members
    .filter((m): m is typeof m & { personId: string } => !!m.personId)
    .filter((m, i, all) => all.findIndex((o) => o.personId === m.personId) === i)
    .map((m) => ({
      value: m.personId,
      label: [m.name ?? m.note, m.position].filter(Boolean).join(' · '),
    }));

  const onFinish = (values: MeetingForm) => {
    record.mutate(
      {
        kind: values.kind,
        heldOn: values.heldOn.format('YYYY-MM-DD'),
        title: values.title.trim(),
        attendeePersonIds: values.attendeePersonIds ?? [],
        decisions: (values.decisions ?? []).map((d) => d?.trim() ?? '').filter((d) => d !== ''),
      },
      {
        onSuccess: () => {
          void message.success(t('body.meetingRecorded'));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  return (
    <Form<MeetingForm>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={record.isPending}
      initialValues={{
        kind: body.kind === 'joint_meeting' ? 'joint_meeting' : 'group_meeting',
        heldOn: dayjs(),
        attendeePersonIds: [],
        decisions: [''],
      }}
    >
      <ApiErrorAlert error={record.error} />
      <Form.Item name="kind" label={t('meeting.kind')} rules={[{ required: true }]}>
        <Select options={MEETING_KINDS.map((k) => ({ value: k, label: label(meetingKindLabel[k]) }))} />
      </Form.Item>
      <Form.Item name="heldOn" label={t('meeting.heldOn')} rules={[{ required: true, message: t('meeting.dateRequired') }]}>
        <DatePicker format="YYYY-MM-DD" allowClear={false} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('meeting.title')}
        rules={[{ required: true, whitespace: true, message: t('meeting.titleRequired') }, { max: 300 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="attendeePersonIds" label={t('meeting.attendees')}>
        <Select mode="multiple" allowClear optionFilterProp="label" options={attendeeOptions} />
      </Form.Item>
      <fieldset className="form-fieldset">
        <legend>{t('meeting.decisions')}</legend>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} className="decision-row">
                  <Form.Item
                    name={field.name}
                    label={t('meeting.decision', { n: index + 1 })}
                    rules={[{ max: 2000 }]}
                    className="decision-item"
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={`${t('meeting.removeDecision')} ${index + 1}`}
                    title={t('meeting.removeDecision')}
                    className="decision-remove"
                  />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block>
                {t('meeting.addDecision')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <Space className="form-actions">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}
