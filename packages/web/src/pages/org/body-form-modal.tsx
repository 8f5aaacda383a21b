import { App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { BODY_KINDS, bodyKindLabel, type BodyKind, type BodySummary, type Region } from '@minewatch/core';
import { useCreateBody } from '../../api/bodies';
import { useRegionChildren } from '../../api/regions';
import { UnitSelect } from './unit-select';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';

type BodyForm = {
  regionCode: string;
  name: string;
  kind: BodyKind;
  parentBodyId?: string | null;
  hostUnitId?: string | null;
  duties?: string;
  districtCodes?: string[];
  cadenceMonths?: number | null;
};
const FIELDS = [
  'regionCode',
  'name',
  'kind',
  'parentBodyId',
  'hostUnitId',
  'duties',
  'districtCodes',
  'cadenceMonths',
] as const;

/** 新增机构: sets up a coordination body; opens it when created. */
export function BodyFormModal({
  open,
  onClose,
  region,
  bodies,
}: {
  open: boolean;
  onClose: () => void;
  region: Region;
  bodies: BodySummary[];
}) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} title={t('bodies.add')} footer={null} destroyOnHidden width={640}>
      {open ? <BodyFormBody onClose={onClose} region={region} bodies={bodies} /> : null}
    </Modal>
  );
}

function BodyFormBody({ onClose, region, bodies }: { onClose: () => void; region: Region; bodies: BodySummary[] }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { withRegion } = useCurrentRegion();
  const [form] = Form.useForm<BodyForm>();
  const regionCode = Form.useWatch('regionCode', form) ?? region.code;
  const create = useCreateBody();
  const districts = useRegionChildren(regionCode);

  const onFinish = (values: BodyForm) => {
    create.mutate(
      {
        regionCode: values.regionCode,
        name: values.name,
        kind: values.kind,
        parentBodyId: values.parentBodyId ?? null,
        hostUnitId: values.hostUnitId ?? null,
        duties: values.duties?.trim() ?? '',
        districtCodes: values.districtCodes ?? [],
        cadenceMonths: values.cadenceMonths ?? null,
      },
      {
        onSuccess: (body) => {
          void message.success(`${t('bodies.created')}：${body.name}`);
          onClose();
          navigate(withRegion(`/org/bodies/${body.id}`));
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  return (
    <Form<BodyForm>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ regionCode: region.code, districtCodes: [] }}
      disabled={create.isPending}
    >
      <ApiErrorAlert error={create.error} />
      <Form.Item name="name" label={t('bodies.name')} rules={[{ required: true, whitespace: true, max: 300 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="kind" label={t('bodies.kind')} rules={[{ required: true }]}>
        <Select options={BODY_KINDS.map((k) => ({ value: k, label: label(bodyKindLabel[k]) }))} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('bodies.region')} rules={[{ required: true }]}>
        <RegionTreeSelect roots={[region]} />
      </Form.Item>
      <Form.Item name="parentBodyId" label={t('bodies.parent')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={bodies.map((b) => ({ value: b.id, label: b.name }))}
        />
      </Form.Item>
      <Form.Item name="hostUnitId" label={t('bodies.hostUnit')}>
        <UnitSelect regionCode={region.code} />
      </Form.Item>
      <Form.Item name="districtCodes" label={t('bodies.districts')}>
        <Select
          mode="multiple"
          allowClear
          loading={districts.isPending}
          optionFilterProp="label"
          options={(districts.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
        />
      </Form.Item>
      <Form.Item name="cadenceMonths" label={t('bodies.cadenceMonths')} extra={t('bodies.cadenceMonthsHelp')}>
        <InputNumber min={1} max={24} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="duties" label={t('bodies.duties')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
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
