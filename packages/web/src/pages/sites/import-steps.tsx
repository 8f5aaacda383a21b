import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Form, Result, Row, Space, Table, Typography, Upload, type FormInstance, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { UseMutationResult } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { isApiError, type FieldError } from '../../api/client';
import { useCurrentRegion } from '../../layout/region-context';

/** The text keys both import pages define (sites in map-text, 图斑 in patches-text), each in its own words. */
export type ImportTextKey = `import.${
  | 'intro' | 'file' | 'pick' | 'fileRequired' | 'zone' | 'zoneAuto' | 'zone3' | 'zone6' | 'zoneNumber' | 'preview' | 'refused' | 'problems'
  | 'col.where' | 'col.problem' | 'previewTitle' | 'count' | 'showing' | 'expires' | 'commit' | 'done' | 'another'}`;
export type ImportT = (key: ImportTextKey, vars?: Record<string, string | number>) => string;

/** What every import preview answer carries: nothing is stored until `previewId` is committed. */
export interface ImportPreviewBase {
  previewId: string;
  fileName: string;
  count: number;
  expiresAt: string;
  /** The first items of the file (`count` in all). */
  items: object[];
}

interface ImportStepsProps<V, P extends ImportPreviewBase, C extends { created: number }> {
  t: ImportT;
  form: FormInstance<V>;
  /** The chosen file; kept by the page, which may read it before uploading. */
  file: File | null;
  onFile: (file: File | null) => void;
  /** `accept` of the file dialog. */
  accept: string;
  /** Step 1: the form and the file → the checked preview. */
  preview: UseMutationResult<P, Error, FormData>;
  /** Step 2: register everything previewed, by `previewId`. */
  commit: UseMutationResult<C, Error, string>;
  initialValues: Partial<V>;
  /** The page's own reaction to a change; any change also drops the (now stale) preview. */
  onValuesChange?: (changed: Partial<V>) => void;
  /** The form's fields as the server reads them; the file is added after them (the server reads the parts in order). */
  formData: (values: V) => FormData;
  /** lg columns of the result side once a preview is shown (the form takes the rest). */
  previewSpan: number;
  /** A server path of a refusal (body.file.…) in words. */
  where: (path: string) => string;
  /** The preview's total area in 亩, formatted. */
  totalMu: (preview: P) => string;
  /** Between the count and the table. */
  details?: (preview: P) => ReactNode;
  /** The preview table's row key and columns. */
  itemKey: string;
  columns: TableColumnsType<P['items'][number]>;
  scrollX?: number;
  /** Below the table's "only the first n" line. */
  notes?: (preview: P) => ReactNode;
  /** Buttons of the success page before 继续导入, each opening a page of the current region (`state`: the router state to hand over). */
  doneLinks: (result: C) => { key: string; label: string; to: string; state?: unknown; primary?: boolean }[];
  /** The page's inputs, below the file. */
  children: ReactNode;
}

/**
 * The upload → preview → commit steps of a file import: the form with the file first and the
 * page's inputs below it, the refusal (with the server's problems, each placed by `where`) or the
 * preview beside it, and once committed the success page with the page's buttons and 继续导入.
 */
export function ImportSteps<V, P extends ImportPreviewBase, C extends { created: number }>(props: ImportStepsProps<V, P, C>) {
  const { t, form, file, onFile, preview, commit } = props;
  const [fileError, setFileError] = useState<string | null>(null);
  const navigate = useNavigate();
  const { withRegion } = useCurrentRegion();

  const onFinish = (v: V) => {
    if (!file) {
      setFileError(t('import.fileRequired'));
      return;
    }
    const fd = props.formData(v);
    fd.set('file', file, file.name);
    commit.reset();
    preview.mutate(fd);
  };

  const restart = () => {
    preview.reset();
    commit.reset();
    onFile(null);
  };

  if (commit.data) {
    return (
      <Result
        status="success"
        title={t('import.done', { n: commit.data.created })}
        extra={[
          ...props.doneLinks(commit.data).map((d) => (
            <Button key={d.key} type={d.primary ? 'primary' : undefined} onClick={() => void navigate(withRegion(d.to), 'state' in d ? { state: d.state } : undefined)}>
              {d.label}
            </Button>
          )),
          <Button key="again" onClick={restart}>
            {t('import.another')}
          </Button>,
        ]}
      />
    );
  }

  const problems: FieldError[] = isApiError(preview.error) ? preview.error.details : [];
  const p = preview.data;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={p ? 24 - props.previewSpan : 14}>
        <Card>
          <Typography.Paragraph>{t('import.intro')}</Typography.Paragraph>
          <Form<V>
            form={form}
            layout="vertical"
            onFinish={onFinish}
            disabled={preview.isPending || commit.isPending}
            initialValues={props.initialValues}
            onValuesChange={(changed: Partial<V>) => {
              props.onValuesChange?.(changed);
              // a changed form makes the preview stale
              if (preview.data || preview.error) preview.reset();
            }}
          >
            <Form.Item label={t('import.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
              <Upload
                accept={props.accept}
                maxCount={1}
                beforeUpload={(f) => {
                  onFile(f);
                  setFileError(null);
                  preview.reset();
                  return false;
                }}
                onRemove={() => {
                  onFile(null);
                  preview.reset();
                }}
                fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              >
                <Button icon={<UploadOutlined />}>{t('import.pick')}</Button>
              </Upload>
            </Form.Item>
            {props.children}
            <Button type="primary" htmlType="submit" loading={preview.isPending} icon={<UploadOutlined />}>
              {t('import.preview')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={p ? props.previewSpan : 10}>
        {preview.error ? (
          <Card>
            <Alert type="error" showIcon title={t('import.refused')} description={preview.error.message} style={{ marginBottom: 12 }} />
            {problems.length > 0 ? (
              <Table
                size="small"
                rowKey={(_r, i) => String(i)}
                title={() => t('import.problems', { n: problems.length })}
                dataSource={problems}
                pagination={problems.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { title: t('import.col.where'), key: 'where', width: 200, render: (_: unknown, d: FieldError) => props.where(d.path) },
                  { title: t('import.col.problem'), dataIndex: 'message', key: 'message' },
                ]}
              />
            ) : null}
          </Card>
        ) : null}
        {p ? (
          <Card title={t('import.previewTitle', { file: p.fileName })}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>{t('import.count', { n: p.count, mu: props.totalMu(p) })}</Typography.Text>
              {props.details?.(p)}
              <Table<P['items'][number]>
                size="small"
                rowKey={props.itemKey}
                dataSource={p.items}
                scroll={props.scrollX ? { x: props.scrollX } : undefined}
                pagination={p.items.length > 20 ? { pageSize: 20 } : false}
                columns={props.columns}
              />
              {p.items.length < p.count ? <Typography.Text type="secondary">{t('import.showing', { n: p.items.length })}</Typography.Text> : null}
              {props.notes?.(p)}
              <Typography.Text type="secondary">{t('import.expires', { at: dayjs(p.expiresAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>
              {commit.error ? <Alert type="error" showIcon title={commit.error.message} /> : null}
              <Button type="primary" size="large" loading={commit.isPending} onClick={() => commit.mutate(p.previewId)}>
                {t('import.commit', { n: p.count })}
              </Button>
            </Space>
          </Card>
        ) : null}
      </Col>
    </Row>
  );
}
