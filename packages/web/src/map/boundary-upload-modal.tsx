import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useRegion } from '../api/regions';
import { useT } from '../i18n';
import { RegionTreeSelect } from '../layout/region-tree-select';
import { ApiErrorAlert } from '../ui/api-error-alert';
import { useUploadBoundary } from './map-api';
import { useMapText } from './map-text';

type Values = { region: string; source: string; codeField?: string };

/** 上传界线: an office or the admin uploads an official boundary file for a region of theirs. */
export function BoundaryUploadModal({ open, region, onClose }: { open: boolean; region: string; onClose: () => void }) {
  const t = useMapText();
  const tt = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const root = useRegion(region);
  const upload = useUploadBoundary();

  const close = () => {
    upload.reset();
    setFile(null);
    setFileError(null);
    onClose();
  };
  const onFinish = (v: Values) => {
    if (!file) {
      setFileError(t('import.fileRequired'));
      return;
    }
    const fd = new FormData();
    fd.set('source', v.source.trim());
    if (v.codeField?.trim()) fd.set('codeField', v.codeField.trim());
    fd.set('file', file, file.name);
    upload.mutate(
      { region: v.region, form: fd },
      {
        onSuccess: (r) => {
          void message.success(t('boundary.saved', { n: r.updated.length }) + (r.skipped ? `；${t('boundary.skipped', { n: r.skipped })}` : ''));
          close();
        },
      },
    );
  };

  return (
    <Modal open={open} onCancel={close} title={t('boundary.uploadTitle')} footer={null} destroyOnHidden width={640}>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ region }} disabled={upload.isPending}>
        <ApiErrorAlert error={upload.error} />
        <Form.Item name="region" label={t('boundary.region')} rules={[{ required: true }]}>
          {root.data ? <RegionTreeSelect roots={[root.data]} /> : <Input disabled />}
        </Form.Item>
        <Form.Item label={t('boundary.file')} extra={t('boundary.fileHelp')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
          <Upload
            accept=".zip,.geojson,.json,.kml,.kmz"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFileError(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('import.pick')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="source" label={t('boundary.source')} extra={t('boundary.sourceHelp')} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="codeField" label={t('boundary.codeField')} extra={t('boundary.codeFieldHelp')} rules={[{ max: 60 }]}>
          <Input placeholder="XZQDM" />
        </Form.Item>
        {upload.isSuccess ? <Alert type="success" showIcon title={t('boundary.saved', { n: upload.data.updated.length })} /> : null}
        <Space className="form-actions">
          <Button onClick={close}>{tt('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={upload.isPending}>
            {t('boundary.upload')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
