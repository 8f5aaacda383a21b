import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import {
  SECTORS,
  UNIT_KINDS,
  sectorLabel,
  unitKindLabel,
  type Region,
  type Sector,
  type Unit,
  type UnitKind,
} from '@minewatch/core';
import { useCreateUnit } from '../../api/units';
import { useLabel, useT } from '../../i18n';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';

type UnitForm = {
  regionCode: string;
  name: string;
  kind: UnitKind;
  sector?: Sector | null;
  parentUnitId?: string | null;
};
const FIELDS = ['regionCode', 'name', 'kind', 'sector', 'parentUnitId'] as const;

/** 新增单位: creates a unit in the current region (or below). */
export function UnitFormModal({
  open,
  onClose,
  region,
  units,
}: {
  open: boolean;
  onClose: () => void;
  region: Region;
  units: Unit[];
}) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} title={t('units.add')} footer={null} destroyOnHidden>
      {open ? <UnitFormBody onClose={onClose} region={region} units={units} /> : null}
    </Modal>
  );
}

function UnitFormBody({ onClose, region, units }: { onClose: () => void; region: Region; units: Unit[] }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitForm>();
  const create = useCreateUnit();

  const onFinish = (values: UnitForm) => {
    create.mutate(
      {
        regionCode: values.regionCode,
        name: values.name,
        kind: values.kind,
        sector: values.sector ?? null,
        parentUnitId: values.parentUnitId ?? null,
      },
      {
        onSuccess: (unit) => {
          void message.success(`${t('units.created')}：${unit.name}`);
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  return (
    <Form<UnitForm>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ regionCode: region.code }}
      disabled={create.isPending}
    >
      <ApiErrorAlert error={create.error} />
      <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
        <Select options={UNIT_KINDS.map((k) => ({ value: k, label: label(unitKindLabel[k]) }))} />
      </Form.Item>
      <Form.Item name="sector" label={t('units.sector')}>
        <Select allowClear options={SECTORS.map((s) => ({ value: s, label: label(sectorLabel[s]) }))} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('units.region')} rules={[{ required: true }]}>
        <RegionTreeSelect roots={[region]} />
      </Form.Item>
      <Form.Item name="parentUnitId" label={t('units.parent')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((u) => ({ value: u.id, label: `${u.name}（${u.regionName}）` }))}
        />
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
