import { useState } from 'react';
import { Alert, Col, Form, Input, Row, Select, Typography } from 'antd';
import { AREA_UNITS, areaUnitLabel, patchFieldLabel, type AreaUnit, type PatchField, type Region } from '@minewatch/core';
import { useCommitPatchImport, usePatchImportPreview, type PatchImportPreview } from '../../api/patches';
import { useI18n, useLabel, type Label } from '../../i18n';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ImportPageFrame } from '../sites/import-page-frame';
import { ImportSteps } from '../sites/import-steps';
import { ImportZoneFields } from '../sites/import-zone-fields';
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
  return <ImportPageFrame title={t('import.title')} flow={ImportFlow} />;
}

function ImportFlow({ rootCode, rootRegion }: { rootCode: string; rootRegion: Region }) {
  const t = usePatchText();
  const { t: tt, lang } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const preview = usePatchImportPreview();
  const commit = useCommitPatchImport();
  const num = (v: number) => formatMu(v, lang);

  // fields before the file: the server reads the parts in order
  const formData = (v: Values) => {
    const fd = new FormData();
    fd.set('regionCode', v.regionCode);
    if (v.areaUnit !== 'auto') fd.set('areaUnit', v.areaUnit);
    if (v.sheet?.trim()) fd.set('sheet', v.sheet.trim());
    if (v.zoneWidth !== 'auto' && v.zone) {
      fd.set('zoneWidth', v.zoneWidth);
      fd.set('zone', String(v.zone));
    }
    return fd;
  };

  return (
    <ImportSteps
      t={t}
      form={form}
      file={file}
      onFile={setFile}
      accept=".zip,.geojson,.json,.xlsx"
      preview={preview}
      commit={commit}
      initialValues={{ regionCode: rootCode, areaUnit: 'auto', zoneWidth: 'auto' }}
      formData={formData}
      previewSpan={15}
      where={(path) => whereOf(path, t)}
      totalMu={(p) => num(p.totalArea.mu)}
      details={(p) => <PreviewDetails p={p} />}
      itemKey="at"
      scrollX={720}
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
      doneLinks={() => [{ key: 'list', label: t('import.toList'), to: '/patches?class=unclassified', primary: true }]}
    >
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
      <ImportZoneFields t={t} help={t('import.zoneHelp')} />
    </ImportSteps>
  );
}

/** What the server made of the file: declared total, format, geometry types, regions, columns, unit, warnings. */
function PreviewDetails({ p }: { p: PatchImportPreview }) {
  const t = usePatchText();
  const { lang } = useI18n();
  const label = useLabel();
  const num = (v: number) => formatMu(v, lang);
  return (
    <>
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
    </>
  );
}
