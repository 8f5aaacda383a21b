import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { MEMBER_ROLES, memberRoleLabel, type MemberRole } from '@minewatch/core';
import { useAddMember } from '../../api/bodies';
import { usePeople } from '../../api/people';
import { useLabel, useT } from '../../i18n';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';

type MemberForm = {
  personId?: string | null;
  role: MemberRole;
  position?: string;
  note?: string;
  duty?: string;
};
const FIELDS = ['personId', 'role', 'position', 'note', 'duty'] as const;

/** 新增成员: puts a person (or an unnamed description) on a body's roster. */
export function MemberFormModal({
  open,
  onClose,
  bodyId,
  regionCode,
}: {
  open: boolean;
  onClose: () => void;
  bodyId: string;
  regionCode: string;
}) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} title={t('body.addMember')} footer={null} destroyOnHidden>
      {open ? <MemberFormBody onClose={onClose} bodyId={bodyId} regionCode={regionCode} /> : null}
    </Modal>
  );
}

function MemberFormBody({ onClose, bodyId, regionCode }: { onClose: () => void; bodyId: string; regionCode: string }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberForm>();
  const [q, setQ] = useState('');
  const people = usePeople(regionCode, q);
  const add = useAddMember(bodyId);

  const onFinish = (values: MemberForm) => {
    add.mutate(
      {
        personId: values.personId ?? null,
        role: values.role,
        position: values.position?.trim() ?? '',
        note: values.note?.trim() ?? '',
        duty: values.duty?.trim() ?? '',
      },
      {
        onSuccess: () => {
          void message.success(t('body.memberAdded'));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  return (
    <Form<MemberForm>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ role: 'member' }}
      disabled={add.isPending}
    >
      <ApiErrorAlert error={add.error} />
      <Form.Item name="personId" label={t('body.memberPerson')} extra={t('body.memberPersonHelp')}>
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: setQ }}
          loading={people.isFetching}
          onChange={(id: string | undefined) => {
            const person = people.data?.find((p) => p.id === id);
            if (person && !form.getFieldValue('position')) form.setFieldValue('position', person.position);
          }}
          options={(people.data ?? []).map((p) => ({
            value: p.id,
            label: [p.name, p.unitName, p.position].filter(Boolean).join(' · '),
          }))}
        />
      </Form.Item>
      <Form.Item name="role" label={t('body.memberRole')} rules={[{ required: true }]}>
        <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: label(memberRoleLabel[r]) }))} />
      </Form.Item>
      <Form.Item name="position" label={t('body.memberPosition')} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('body.memberNote')}
        dependencies={['personId']}
        rules={[
          { max: 500 },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              getFieldValue('personId') || value?.trim()
                ? Promise.resolve()
                : Promise.reject(new Error(t('body.memberPersonHelp'))),
          }),
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="duty" label={t('body.memberDuty')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Space className="form-actions">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}
