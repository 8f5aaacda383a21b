import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Result, Row, Select, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { AREA_UNITS, areaUnitLabel, can, patchFieldLabel, type AreaUnit, type PatchField } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { isApiError, type FieldError } from '../../api/client';
import { useCommitPatchImport, usePatchImportPreview, type PatchImportPreview } from '../../api/patches';
import { useRegion } from '../../api/regions';
import { useI18n, useLabel, type Label } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { LoadingBlock } from '../../ui/loading-block';
import { NoAccessResult } from '../../ui/no-access-result';
import { PageTitle } from '../../ui/page-title';
import { formatMu } from '../sites/site-format';
import { formatDeclared } from './patch-tags';
import { usePatchText, type PatchT } from './patches-text';
import './patches.css';

type Values = {
  regionCode: string;
  areaUnit: AreaUnit | 'auto';
  sheet?: string;
  zoneWidth: '3' | '6' | 'auto';
  zone?: number | null;
};

const GEOMETRY: Record<string, Label> = {
  Point: { zh: '点', en: 'Point' },
  Polygon: { zh: '面', en: 'Polygon' },
  MultiPolygon: { zh: '多面', en: 'Polygons' },
};
const FORMAT: Record<PatchImportPreview['format'], string> = { shapefile: 'Shapefile', geojson: 'GeoJSON', xlsx: 'Excel (xlsx)' };

/**
 * Where a server path points, in words: body.file.rows.5.TBBH → 第 5 行 · 列“TBBH” (rows are Excel's
 * row numbers); body.file.features.3.图斑编号 → 第 4 个要素 · … (features are counted from 0 on the
 * server, from 1 for people); other paths (body.regionCode, body.file) as they are.
 */
export function whereOf(path: string, t: PatchT): string {
  const m = /^body\.file\.(rows|features)\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!m) return path.replace(/^body\./, '');
  const at = m[1] === 'rows' ? t('import.row', { n: Number(m[2]) }) : t('import.feature', { n: Number(m[2]) + 1 });
  return m[3] ? `${at} · ${t('import.column', { c: m[3] })}` : at;
}

/** `/patches/import`: upload a patch file → preview (columns, dates, 亩, per-row errors) → store all at once. */
export function PatchImportPage() {
  const t = usePatchText();
  const me = useMe();
  const { code } = useCurrentRegion();
  const region = useRegion(code);
  if (!me.data || !region.data) return <LoadingBlock />;
  if (!can(me.data.role, 'site.write')) return <NoAccessResult />;
  return (
    <>
      <PageTitle>
        {t('import.title')}
        <span className="page-title-sub"> · {region.data.name}</span>
      </PageTitle>
      <ImportFlow key={code} rootCode={code} rootRegion={region.data} />
    </>
  );
}

function ImportFlow({ rootCode, rootRegion }: { rootCode: string; rootRegion: NonNullable<ReturnType<typeof useRegion>['data']> }) {
  const t = usePatchText();
  const { t: tt, lang } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const { withRegion } = useCurrentRegion();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const zoneWidth = Form.useWatch('zoneWidth', form);
  const preview = usePatchImportPreview();
  const commit = useCommitPatchImport();

  const onFinish = (v: Values) => {
    if (!file) {
      setFileError(t('import.fileRequired'));
      return;
    }
    // fields before the file: the server reads the parts in order
    const fd = new FormData();
    fd.set('regionCode', v.regionCode);
    if (v.areaUnit !== 'auto') fd.set('areaUnit', v.areaUnit);
    if (v.sheet?.trim()) fd.set('sheet', v.sheet.trim());
    if (v.zoneWidth !== 'auto' && v.zone) {
      fd.set('zoneWidth', v.zoneWidth);
      fd.set('zone', String(v.zone));
    }
    fd.set('file', file, file.name);
    commit.reset();
    preview.mutate(fd);
  };

  const restart = () => {
    preview.reset();
    commit.reset();
    setFile(null);
  };

  if (commit.data) {
    return (
      <Result
        status="success"
        title={t('import.done', { n: commit.data.created })}
        extra={[
          <Button type="primary" key="list" onClick={() => void navigate(withRegion('/patches?class=unclassified'))}>
            {t('import.toList')}
          </Button>,
          <Button key="again" onClick={restart}>
            {t('import.another')}
          </Button>,
        ]}
      />
    );
  }

  const problems: FieldError[] = isApiError(preview.error) ? preview.error.details : [];
  const p = preview.data;
  const num = (v: number) => formatMu(v, lang);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={p ? 9 : 14}>
        <Card>
          <Typography.Paragraph>{t('import.intro')}</Typography.Paragraph>
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={onFinish}
            disabled={preview.isPending || commit.isPending}
            initialValues={{ regionCode: rootCode, areaUnit: 'auto', zoneWidth: 'auto' }}
            onValuesChange={() => {
              // a changed form makes the preview stale
              if (preview.data || preview.error) preview.reset();
            }}
          >
            <Form.Item label={t('import.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
              <Upload
                accept=".zip,.geojson,.json,.xlsx"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  setFileError(null);
                  preview.reset();
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  preview.reset();
                }}
                fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              >
                <Button icon={<UploadOutlined />}>{t('import.pick')}</Button>
              </Upload>
            </Form.Item>
            <Form.Item name="regionCode" label={t('import.region')} extra={t('import.regionHelp')} rules={[{ required: true }]}>
              <RegionTreeSelect roots={[rootRegion]} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="areaUnit" label={t('import.areaUnit')} extra={t('import.areaUnitHelp')}>
                  <Select
                    options={[
                      { value: 'auto', label: t('import.areaUnitAuto') },
                      ...AREA_UNITS.map((u) => ({ value: u, label: label(areaUnitLabel[u]) })),
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="sheet" label={t('import.sheet')} extra={t('import.sheetHelp')} rules={[{ max: 100 }]}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} sm={14}>
                <Form.Item name="zoneWidth" label={t('import.zone')} extra={t('import.zoneHelp')}>
                  <Select
                    options={[
                      { value: 'auto', label: t('import.zoneAuto') },
                      { value: '3', label: t('import.zone3') },
                      { value: '6', label: t('import.zone6') },
                    ]}
                  />
                </Form.Item>
              </Col>
              {zoneWidth && zoneWidth !== 'auto' ? (
                <Col xs={24} sm={10}>
                  <Form.Item name="zone" label={t('import.zoneNumber')} rules={[{ required: true }]}>
                    <InputNumber min={zoneWidth === '3' ? 25 : 13} max={zoneWidth === '3' ? 45 : 23} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ) : null}
            </Row>
            <Button type="primary" htmlType="submit" loading={preview.isPending} icon={<UploadOutlined />}>
              {t('import.preview')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={p ? 15 : 10}>
        {preview.error ? (
          <Card>
            <Alert type="error" showIcon role="alert" title={t('import.refused')} description={preview.error.message} className="patch-block" />
            {problems.length > 0 ? (
              <Table
                size="small"
                rowKey={(_r, i) => String(i)}
                title={() => t('import.problems', { n: problems.length })}
                dataSource={problems}
                pagination={problems.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { title: t('import.col.where'), key: 'where', width: 200, render: (_: unknown, d: FieldError) => whereOf(d.path, t) },
                  { title: t('import.col.problem'), dataIndex: 'message', key: 'message' },
                ]}
              />
            ) : null}
          </Card>
        ) : null}
        {p ? (
          <Card title={t('import.previewTitle', { file: p.fileName })}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>{t('import.count', { n: p.count, mu: num(p.totalArea.mu) })}</Typography.Text>
              <div className="patch-preview-meta">
                {p.declaredTotal.m2 > 0 ? <Typography.Text>{t('import.declaredTotal', { mu: num(p.declaredTotal.mu) })}</Typography.Text> : null}
                <Typography.Text type="secondary">
                  {t('import.format')}：{FORMAT[p.format]} · {t('import.geometry')}：
                  {Object.entries(p.byGeometryType)
                    .map(([g, n]) => `${GEOMETRY[g] ? label(GEOMETRY[g]) : g} ${n}`)
                    .join('，')}
                  {' · '}
                  {t('import.regions')}：{p.regions.map((r) => `${r.code} (${r.count})`).join('，')}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('import.columns')}：
                  {Object.entries(p.columns)
                    .map(([f, h]) => `${label(patchFieldLabel[f as PatchField])} ← ${h}`)
                    .join('，')}
                </Typography.Text>
                {p.otherColumns.length > 0 ? (
                  <Typography.Text type="secondary">
                    {t('import.otherColumns')}：{p.otherColumns.join('，')}
                  </Typography.Text>
                ) : null}
                {p.areaUnit ? (
                  <Typography.Text type="secondary">
                    {t(p.areaUnit.from === 'header' ? 'import.unitFrom.header' : 'import.unitFrom.option')}：{label(areaUnitLabel[p.areaUnit.unit])}
                  </Typography.Text>
                ) : null}
              </div>
              {p.warningCount > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('import.warnings', { n: p.warningCount })}
                  description={
                    <ul className="patch-warnings">
                      {p.warnings.map((w, i) => (
                        <li key={i}>{w}</li>
                      ))}
                    </ul>
                  }
                />
              ) : null}
              <Table
                size="small"
                rowKey="at"
                dataSource={p.items}
                scroll={{ x: 720 }}
                pagination={p.items.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { title: t('import.col.at'), dataIndex: 'at', key: 'at', width: 110, render: (at: string) => whereOf(`body.file.${at}`, t) },
                  { title: t('col.code'), dataIndex: 'code', key: 'code' },
                  { title: t('col.region'), dataIndex: 'regionCode', key: 'region' },
                  { title: t('col.before'), dataIndex: 'beforeDate', key: 'before', render: (d: string | null) => d ?? tt('common.none') },
                  { title: t('col.after'), dataIndex: 'afterDate', key: 'after', render: (d: string | null) => d ?? tt('common.none') },
                  {
                    title: t('col.declared'),
                    key: 'declared',
                    align: 'right' as const,
                    render: (_: unknown, r: PatchImportPreview['items'][number]) =>
                      r.declaredArea !== null && r.declaredAreaUnit ? formatDeclared(r.declaredArea, r.declaredAreaUnit, lang) : tt('common.none'),
                  },
                  {
                    title: t('col.areaMu'),
                    dataIndex: 'areaMu',
                    key: 'area',
                    align: 'right' as const,
                    render: (v: number | null) => (v === null ? t('point') : num(v)),
                  },
                  { title: t('import.col.geometry'), dataIndex: 'geometryType', key: 'type', render: (g: string) => (GEOMETRY[g] ? label(GEOMETRY[g]) : g) },
                ]}
              />
              {p.items.length < p.count ? <Typography.Text type="secondary">{t('import.showing', { n: p.items.length })}</Typography.Text> : null}
              <Typography.Text type="secondary">{t('import.expires', { at: dayjs(p.expiresAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>
              {commit.error ? <Alert type="error" showIcon role="alert" title={commit.error.message} /> : null}
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
