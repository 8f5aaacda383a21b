import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { CONTRACT_TARGET_KINDS, contractTargetKindLabel, type ContractTargetInput, type ContractTargetKind, type Region } from '@minewatch/core';
import { useCreateContract } from '../../api/contracts';
import { usePeople } from '../../api/people';
import { useSites } from '../../api/sites';
import { useLabel, useT } from '../../i18n';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';

type TargetRow = { kind: ContractTargetKind; regionCode?: string; siteId?: string };
type ContractForm = { personId?: string; targets: TargetRow[]; validFrom: Dayjs; validTo?: Dayjs | null; note?: string };
const FIELDS = ['personId', 'targets', 'validFrom', 'validTo', 'note'] as const;

/** 新增包联: a person and the townships, villages or sites he is contracted to. */
export function ContractFormModal({ open, onClose, region }: { open: boolean; onClose: () => void; region: Region }) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} title={t('contracts.add')} footer={null} destroyOnHidden width={680}>
      {open ? <ContractFormBody onClose={onClose} region={region} /> : null}
    </Modal>
  );
}

function SiteSelect({ region, value, onChange }: { region: string; value?: string; onChange?: (v: string) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const sites = useSites({ region, q: q.trim() || null, limit: 20 });
  return (
    <Select
      value={value}
      onChange={onChange}
      placeholder={t('contracts.searchSite')}
      aria-label={t('contracts.targetSite')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={sites.isFetching}
      options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.regionName}` }))}
    />
  );
}

function ContractFormBody({ onClose, region }: { onClose: () => void; region: Region }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContractForm>();
  const [q, setQ] = useState('');
  const people = usePeople(region.code, q);
  const create = useCreateContract();

  const onFinish = (v: ContractForm) => {
    const targets: ContractTargetInput[] = v.targets.map((x) =>
      x.kind === 'site' ? { kind: 'site', siteId: x.siteId ?? '' } : { kind: 'region', regionCode: x.regionCode ?? '' },
    );
    create.mutate(
      {
        personId: v.personId ?? '',
        targets,
        validFrom: v.validFrom.format('YYYY-MM-DD'),
        validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
        note: v.note?.trim() ?? '',
      },
      {
        onSuccess: () => {
          void message.success(t('contracts.created'));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  return (
    <Form<ContractForm>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={create.isPending}
      initialValues={{ targets: [{ kind: 'region' }], validFrom: dayjs() }}
    >
      <ApiErrorAlert error={create.error} />
      <Form.Item name="personId" label={t('contracts.person')} extra={t('contracts.personHelp')} rules={[{ required: true, message: t('contracts.personRequired') }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          loading={people.isFetching}
          options={(people.data ?? []).map((p) => ({ value: p.id, label: [p.name, p.unitName, p.position].filter(Boolean).join(' · ') }))}
        />
      </Form.Item>
      <fieldset className="form-fieldset">
        <legend>{t('contracts.targets')}</legend>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'kind']} label={t('contracts.targetKind')} style={{ width: 150, marginBottom: 0 }}>
                    <Select options={CONTRACT_TARGET_KINDS.map((k) => ({ value: k, label: label(contractTargetKindLabel[k]) }))} />
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['targets', field.name, 'kind']]}>
                    {({ getFieldValue }) =>
                      getFieldValue(['targets', field.name, 'kind']) === 'site' ? (
                        <Form.Item name={[field.name, 'siteId']} label={t('contracts.targetSite')} rules={[{ required: true, message: t('contracts.targetRequired') }]} style={{ width: 380, marginBottom: 0 }}>
                          <SiteSelect region={region.code} />
                        </Form.Item>
                      ) : (
                        <Form.Item name={[field.name, 'regionCode']} label={t('contracts.targetRegion')} rules={[{ required: true, message: t('contracts.targetRequired') }]} style={{ width: 380, marginBottom: 0 }}>
                          <RegionTreeSelect roots={[region]} aria-label={t('contracts.targetRegion')} />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={`${t('contracts.removeTarget')} ${index + 1}`}
                      title={t('contracts.removeTarget')}
                      style={{ marginTop: 30 }}
                    />
                  ) : null}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'region' })} block>
                {t('contracts.addTarget')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <Space wrap>
        <Form.Item name="validFrom" label={t('contracts.validFrom')} rules={[{ required: true }]}>
          <DatePicker format="YYYY-MM-DD" allowClear={false} />
        </Form.Item>
        <Form.Item name="validTo" label={t('contracts.validTo')} extra={t('contracts.validToHelp')}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('contracts.note')} rules={[{ max: 1000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
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
