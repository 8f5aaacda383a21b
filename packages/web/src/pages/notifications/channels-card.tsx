import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, Input, Switch, Typography } from 'antd';
import type { NotificationChannelsInput } from '@minewatch/core';
import { useT } from '../../i18n';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { LoadingBlock } from '../../ui/loading-block';
import { useChannels, useSetChannels } from './notifications-api';
import { useNotificationsText } from './notifications-text';

type Values = { email?: string; emailEnabled: boolean; sms?: string; smsEnabled: boolean };
const FIELDS = ['email', 'emailEnabled', 'sms', 'smsEnabled'] as const;

/** Where your notifications go outside the app, and whether the server sends them at all. */
export function ChannelsCard({ userId }: { userId: string }) {
  const t = useNotificationsText();
  const tt = useT();
  const { message } = App.useApp();
  const channels = useChannels(userId);
  const save = useSetChannels(userId);
  const [form] = Form.useForm<Values>();
  const emailOn = Form.useWatch('emailEnabled', form);
  const c = channels.data;
  useEffect(() => {
    if (c) form.setFieldsValue({ email: c.email ?? '', emailEnabled: c.emailEnabled, sms: c.sms ?? '', smsEnabled: c.smsEnabled });
  }, [c, form]);
  if (channels.isError) return <ApiErrorAlert error={channels.error} />;
  if (!c) return <LoadingBlock />;
  const onFinish = (v: Values) => {
    const input: NotificationChannelsInput = { email: v.email?.trim() || null, emailEnabled: v.emailEnabled, sms: v.sms?.trim() || null, smsEnabled: v.smsEnabled };
    save.mutate(input, { onSuccess: () => void message.success(t('channels.saved')), onError: (e) => applyFieldErrors(form, e, FIELDS) });
  };
  return (
    <Card size="small" title={t('channels.title')} style={{ marginTop: 16 }} className="narrow-form">
      <Typography.Paragraph type="secondary">{t('channels.intro')}</Typography.Paragraph>
      {!c.emailAvailable ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('channels.off', { what: t('channels.emailWord') })} /> : null}
      {!c.smsAvailable ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('channels.off', { what: t('channels.smsWord') })} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending}>
        <Form.Item name="email" label={t('channels.email')} rules={[{ type: 'email', message: t('channels.emailInvalid') }, { required: !!emailOn, message: t('channels.emailRequired') }]}>
          <Input type="email" inputMode="email" autoComplete="email" />
        </Form.Item>
        <Form.Item name="emailEnabled" label={t('channels.emailOn')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="sms"
          label={t('channels.sms')}
          extra={c.personPhone ? t('channels.smsHelp', { phone: c.personPhone }) : t('channels.smsHelpNone')}
          rules={[{ pattern: /^\+?[0-9]{5,20}$/, message: t('channels.smsInvalid') }]}
        >
          <Input inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="smsEnabled" label={t('channels.smsOn')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {save.error ? <ApiErrorAlert error={save.error} /> : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {tt('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
