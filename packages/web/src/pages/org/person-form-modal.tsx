import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { RANKS, rankLabel, type Rank, type Region } from '@minewatch/core';
import { useCreatePerson } from '../../api/people';
import { UnitSelect } from './unit-select';
import { useLabel, useT } from '../../i18n';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';

type PersonForm = {
  regionCode: string;
  name: string;
  unitId?: string | null;
  position?: string;
  rank?: Rank | null;
  phone?: string;
};
const FIELDS = ['regionCode', 'name', 'unitId', 'position', 'rank', 'phone'] as const;

/** 新增人员: adds a person to the current region (or below). */
export function PersonFormModal({ open, onClose, region }: { open: boolean; onClose: () => void; region: Region }) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} title={t('people.add')} footer={null} destroyOnHidden>
      {open ? <PersonFormBody onClose={onClose} region={region} /> : null}
    </Modal>
  );
}

function PersonFormBody({ onClose, region }: { onClose: () => void; region: Region }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonForm>();
  const create = useCreatePerson();

  const onFinish = (values: PersonForm) => {
    const phone = values.phone?.trim();
    create.mutate(
      {
        regionCode: values.regionCode,
        name: values.name,
        unitId: values.unitId ?? null,
        position: values.position?.trim() ?? '',
        rank: values.rank ?? null,
        phone: phone ? phone : null,
      },
      {
        onSuccess: (person) => {
          void message.success(`${t('people.created')}：${person.name}`);
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  return (
    <Form<PersonForm>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ regionCode: region.code }}
      disabled={create.isPending}
    >
      <ApiErrorAlert error={create.error} />
      <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="regionCode" label={t('people.region')} rules={[{ required: true }]}>
        <RegionTreeSelect roots={[region]} />
      </Form.Item>
      <Form.Item name="unitId" label={t('people.unit')}>
        <UnitSelect regionCode={region.code} />
      </Form.Item>
      <Form.Item name="position" label={t('people.position')} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="rank" label={t('people.rank')}>
        <Select allowClear options={RANKS.map((r) => ({ value: r, label: label(rankLabel[r]) }))} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('people.phone')}
        rules={[{ pattern: /^[0-9+\-() ]{5,30}$/, message: t('people.phoneInvalid') }]}
      >
        <Input inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Space className="form-actions">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}
