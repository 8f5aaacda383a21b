import { App, Button, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import type { CampaignCopy, CampaignSummary } from '@minewatch/core';
import { useCopyCampaign } from '../../api/campaigns';
import { useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { useLedgerText } from '../ledger/ledger-text';

type CopyForm = { key: string; name: string; en?: string; regionCode: string; period?: [Dayjs | null, Dayjs | null] | null };
const FIELDS = ['key', 'name', 'en', 'regionCode', 'period', 'scopeCodes'] as const;
export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

/** 复制行动: a new campaign from `source` under a new key and name, in the user's region (or the source's). */
export function CopyCampaignModal({ source, onClose }: { source: CampaignSummary; onClose: () => void }) {
  const t = useLedgerText();
  return (
    <Modal open onCancel={onClose} title={t('copy.title', { name: source.name })} footer={null} destroyOnHidden>
      <CopyBody source={source} onClose={onClose} />
    </Modal>
  );
}

function CopyBody({ source, onClose }: { source: CampaignSummary; onClose: () => void }) {
  const t = useLedgerText();
  const tt = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { roots, code, withRegion } = useCurrentRegion();
  const [form] = Form.useForm<CopyForm>();
  const copy = useCopyCampaign(source.id);
  // An inherited campaign belongs to a region above the user's: the copy goes to the user's current region.
  const initialRegion = source.inherited ? code : source.regionCode;

  const onFinish = (v: CopyForm) => {
    const [start, end] = v.period ?? [null, null];
    const body: CampaignCopy = {
      key: v.key.trim(),
      name: v.name.trim(),
      ...(v.en?.trim() ? { en: v.en.trim() } : {}),
      ...(v.regionCode !== source.regionCode ? { regionCode: v.regionCode } : {}),
      ...(start || end
        ? { period: { start: start ? start.format('YYYY-MM-DD') : null, end: end ? end.format('YYYY-MM-DD') : null, printed: null } }
        : {}),
    };
    copy.mutate(body, {
      onSuccess: (c) => {
        void message.success(t('copy.done'));
        onClose();
        void navigate(withRegion(`/campaigns/${c.id}`));
      },
      onError: (error) => applyFieldErrors(form, error, FIELDS),
    });
  };

  return (
    <Form<CopyForm>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={copy.isPending}
      initialValues={{ regionCode: initialRegion, name: '', key: '' }}
    >
      <Typography.Paragraph type="secondary">{t('copy.intro')}</Typography.Paragraph>
      <ApiErrorAlert error={copy.error} />
      <Form.Item name="name" label={t('copy.name')} rules={[{ required: true, whitespace: true, max: 300 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="en" label={t('copy.en')} rules={[{ max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="key"
        label={t('copy.key')}
        extra={t('copy.keyHelp')}
        rules={[{ required: true }, { pattern: KEY_PATTERN, message: t('copy.keyInvalid') }]}
      >
        <Input spellCheck={false} autoCapitalize="off" />
      </Form.Item>
      <Form.Item name="regionCode" label={t('copy.region')} rules={[{ required: true }]}>
        <RegionTreeSelect roots={roots} />
      </Form.Item>
      <Form.Item name="period" label={t('copy.period')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
      </Form.Item>
      <Space className="form-actions">
        <Button onClick={onClose}>{tt('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={copy.isPending}>
          {t('copy.submit')}
        </Button>
      </Space>
    </Form>
  );
}
