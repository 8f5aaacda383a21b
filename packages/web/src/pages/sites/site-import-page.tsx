import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SITE_KINDS, siteKindLabel, type Region, type SiteKind } from '@minewatch/core';
import { api } from '../../api/client';
import { useI18n, useLabel } from '../../i18n';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { sendForm } from '../../map/map-api';
import { useMapText } from '../../map/map-text';
import { ImportPageFrame } from './import-page-frame';
import { ImportSteps } from './import-steps';
import { ImportZoneFields } from './import-zone-fields';
import { fieldsOf } from './site-fields';
import { AttributeItem, attributesFromForm, initialAttributes } from './site-form-modal';
import { readColumns, type FileColumns } from './import-columns';

/** What POST /api/sites/import answers: the checked file, nothing registered yet. */
interface ImportPreview {
  previewId: string;
  fileName: string;
  count: number;
  totalAreaMu: number;
  expiresAt: string;
  items: { index: number; name: string; geometryType: string; areaMu: number | null; attributes?: Record<string, unknown> }[];
  /** Property names seen in the file. */
  columns?: string[];
}

type DatumValues = {
  from?: 'xian80' | 'beijing54';
  dx?: number;
  dy?: number;
  dz?: number;
  rx?: number;
  ry?: number;
  rz?: number;
  rotation?: number;
  scale?: number;
  convention?: 'position-vector' | 'coordinate-frame';
};

type Values = {
  regionCode: string;
  attributes: { kind: SiteKind } & Record<string, unknown>;
  nameField?: string;
  zoneWidth?: '3' | '6' | 'auto';
  zone?: number | null;
  sourceCrs?: 'none' | 'gcj02' | 'bd09';
  /** Attribute key → column of the file ('' or absent: the value above applies to every site). */
  fieldMap?: Record<string, string | undefined>;
  datumType?: 'none' | '7-parameter' | '4-parameter';
  datum?: DatumValues;
};

/** Labels of this page's field mapping and datum inputs (zh as the 采矿权/测绘 documents write them). */
const TEXT = {
  mapping: { zh: '字段对应：每个对象单独的属性', en: 'Field mapping: attributes per site' },
  mappingHelp: {
    zh: '属性表中各对象不同的信息（如许可证号、采矿权人、有效期）从所选字段逐个读取；不选则使用上方为全部对象填写的值。字段为空的对象也使用上方的值。',
    en: 'Values that differ per site (licence number, holder, validity…) are read from the chosen column; without one, the value above applies to every site, as it does to empty cells.',
  },
  mappingNone: { zh: '全部相同（用上方填写的值）', en: 'Same for all (value above)' },
  mappingSwitch: { zh: '按字段读取每个对象的属性', en: 'Read attributes per site from columns' },
  columnFor: { zh: '来源字段', en: 'Column for' },
  fromColumn: { zh: '取自字段“{col}”', en: 'from column “{col}”' },
  noColumns: { zh: '未能在浏览器中读取此文件的字段；可直接填写字段名，上传时由服务器核对。', en: 'The columns of this file could not be read here; type column names, the server checks them on upload.' },
  columnsInFile: { zh: '文件中的字段：{cols}', en: 'Columns in the file: {cols}' },
  cornerHint: {
    zh: '拐点坐标文本：开采标高取自文件的“开采深度/开采标高”行或各块段的顶、底标高（上方未填时）；同一文本中的多个块段登记为一个有证矿山（多面）。',
    en: 'Corner-point text: 开采标高 (top/bottom elevation) is read from the file’s elevation line or each block’s top/bottom when left empty above; several blocks of one text are registered as ONE licensed mine (MultiPolygon).',
  },
  datum: { zh: '原坐标系（1980西安、1954北京需转换参数）', en: 'Source datum (Xi’an 80 / Beijing 54 need transformation parameters)' },
  datumNone: { zh: 'CGCS2000 / WGS84（不转换）', en: 'CGCS2000 / WGS 84 (no transformation)' },
  datum7: { zh: '七参数（布尔莎，空间直角坐标）', en: '7-parameter (Bursa–Wolf, geocentric)' },
  datum4: { zh: '四参数（高斯平面）', en: '4-parameter (Gauss–Krüger plane)' },
  datumHelp: {
    zh: '参数由当地自然资源部门提供，系统不做猜测；为零的参数请填 0。',
    en: 'Parameters come from the local natural-resources bureau; nothing is guessed. Write 0 for a zero parameter.',
  },
  from: { zh: '原坐标系', en: 'From' },
  xian80: { zh: '1980西安坐标系', en: 'Xi’an 1980' },
  beijing54: { zh: '1954北京坐标系', en: 'Beijing 1954' },
  convention: { zh: '旋转约定', en: 'Rotation convention' },
  positionVector: { zh: '位置矢量（EPSG 9606，PROJ +towgs84）', en: 'Position vector (EPSG 9606, PROJ +towgs84)' },
  coordinateFrame: { zh: '坐标框架（EPSG 9607）', en: 'Coordinate frame (EPSG 9607)' },
  attributesCol: { zh: '读取的属性', en: 'Attributes read' },
} satisfies Record<string, { zh: string; en: string }>;

/** The datum inputs: key, unit, 7- and/or 4-parameter. */
const DATUM_FIELDS: { key: keyof DatumValues; zh: string; en: string; unit: string; in: ('7-parameter' | '4-parameter')[] }[] = [
  { key: 'dx', zh: 'ΔX', en: 'ΔX', unit: 'm', in: ['7-parameter', '4-parameter'] },
  { key: 'dy', zh: 'ΔY', en: 'ΔY', unit: 'm', in: ['7-parameter', '4-parameter'] },
  { key: 'dz', zh: 'ΔZ', en: 'ΔZ', unit: 'm', in: ['7-parameter'] },
  { key: 'rx', zh: '旋转 εX', en: 'Rotation εX', unit: '″', in: ['7-parameter'] },
  { key: 'ry', zh: '旋转 εY', en: 'Rotation εY', unit: '″', in: ['7-parameter'] },
  { key: 'rz', zh: '旋转 εZ', en: 'Rotation εZ', unit: '″', in: ['7-parameter'] },
  { key: 'rotation', zh: '旋转角 α', en: 'Rotation α', unit: '″', in: ['4-parameter'] },
  { key: 'scale', zh: '尺度 m', en: 'Scale m', unit: 'ppm', in: ['7-parameter', '4-parameter'] },
];

/** The `datum` form field (JSON) from the inputs; only the fields of the chosen kind. */
function datumJson(type: '7-parameter' | '4-parameter', d: DatumValues): string {
  const out: Record<string, unknown> = { type, from: d.from };
  for (const f of DATUM_FIELDS) if (f.in.includes(type)) out[f.key] = d[f.key];
  if (type === '7-parameter') out['convention'] = d.convention;
  return JSON.stringify(out);
}

const GEOMETRY: Record<string, { zh: string; en: string }> = {
  Point: { zh: '点', en: 'Point' },
  MultiPoint: { zh: '多点', en: 'Points' },
  Polygon: { zh: '面', en: 'Polygon' },
  MultiPolygon: { zh: '多面', en: 'Polygons' },
};

/** Most ids handed to the map as "the sites just imported" (the map's own limit). */
const MAP_IDS = 300;

/**
 * A server path such as body.file.features.3.ring.0.vertex.5 or body.file.line.12, in words.
 * Features are numbered from 1 for people (the server counts from 0).
 */
function where(path: string, lang: 'zh' | 'en'): string {
  const f = /features\.(\d+)/.exec(path);
  const ring = /ring\.(\d+)/.exec(path);
  const vertex = /vertex\.(\d+)/.exec(path);
  const line = /line\.(\d+)/.exec(path);
  const parts: string[] = [];
  if (f) parts.push(lang === 'zh' ? `第 ${Number(f[1]) + 1} 个要素` : `feature ${Number(f[1]) + 1}`);
  if (ring) parts.push(lang === 'zh' ? `环 ${ring[1]}` : `ring ${ring[1]}`);
  if (vertex) parts.push(lang === 'zh' ? `顶点 ${vertex[1]}` : `vertex ${vertex[1]}`);
  if (line) parts.push(lang === 'zh' ? `第 ${line[1]} 行` : `line ${line[1]}`);
  return parts.length ? parts.join(' · ') : path.replace(/^body\./, '');
}

/** `/sites/import`: upload a geometry file → preview (names, types, 亩) → register all at once → see them on the map. */
export function SiteImportPage() {
  const t = useMapText();
  return <ImportPageFrame title={t('import.title')} flow={ImportFlow} />;
}

function ImportFlow({ rootCode, rootRegion }: { rootCode: string; rootRegion: Region }) {
  const t = useMapText();
  const { t: tt, lang } = useI18n();
  const label = useLabel();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const watchedKind = Form.useWatch(['attributes', 'kind'], form) as SiteKind | undefined;
  const kind: SiteKind = watchedKind ?? 'illegal_point';
  const datumType = (Form.useWatch('datumType', form) as Values['datumType']) ?? 'none';
  const fieldMap = (Form.useWatch('fieldMap', form) as Values['fieldMap']) ?? {};
  const l = (k: keyof typeof TEXT, vars: Record<string, string> = {}) => TEXT[k][lang].replace(/\{(\w+)\}/g, (_m, v: string) => vars[v] ?? '');
  // the chosen file's columns, read here so they can be mapped before uploading
  // undefined while reading, null when the browser cannot read them
  const [columns, setColumns] = useState<FileColumns | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setColumns(undefined);
    if (file) void readColumns(file).then((c) => live && setColumns(c));
    return () => {
      live = false;
    };
  }, [file]);
  const corner = !!file && /\.(txt|csv)$/i.test(file.name);
  const [mapping, setMapping] = useState(false);
  const mappedColumn = (name: string) => {
    if (!mapping) return null;
    const c = fieldMap[name];
    return c && c.trim() ? c.trim() : null;
  };

  const preview = useMutation({ mutationFn: (fd: FormData) => sendForm<ImportPreview>('/api/sites/import', 'POST', fd) });
  const commit = useMutation({
    mutationFn: (id: string) => api<{ created: number; ids: string[] }>(`/api/sites/import/${id}/commit`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sites'] }),
  });

  const formData = (v: Values) => {
    const fd = new FormData();
    fd.set('regionCode', v.regionCode);
    fd.set('kind', v.attributes.kind);
    const attrs = attributesFromForm(v.attributes.kind, v.attributes);
    delete attrs.kind;
    // mapped attributes come from the file, one value per site
    const map: Record<string, string> = {};
    if (!corner && mapping) {
      for (const f of fieldsOf(v.attributes.kind)) {
        const c = v.fieldMap?.[f.name]?.trim();
        if (c) {
          map[f.name] = c;
          delete attrs[f.name];
        }
      }
    }
    fd.set('attributes', JSON.stringify(attrs));
    if (Object.keys(map).length) fd.set('fieldMap', JSON.stringify(map));
    if (v.nameField?.trim()) fd.set('nameField', v.nameField.trim());
    if (v.datumType && v.datumType !== 'none') fd.set('datum', datumJson(v.datumType, v.datum ?? {}));
    if (v.sourceCrs && v.sourceCrs !== 'none') fd.set('sourceCrs', v.sourceCrs);
    if (v.zoneWidth && v.zoneWidth !== 'auto' && v.zone) {
      fd.set('zoneWidth', v.zoneWidth);
      fd.set('zone', String(v.zone));
    }
    return fd;
  };

  // the preview shows what was read per site: the mapped attributes, and 开采标高 from corner-point text
  const shownAttributes = fieldsOf(kind).filter((f) => (corner ? kind === 'licensed_mine' && /^elevation/.test(f.name) : mappedColumn(f.name) !== null));
  const display = (f: (typeof shownAttributes)[number], v: unknown) => {
    const o = f.options?.find((x) => x.value === v);
    return o ? label(o.label) : typeof v === 'boolean' ? (v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no') : String(v);
  };
  const locale = lang === 'zh' ? 'zh-CN' : 'en';

  return (
    <ImportSteps
      t={t}
      form={form}
      file={file}
      onFile={setFile}
      accept=".zip,.geojson,.json,.kml,.kmz,.txt,.csv"
      preview={preview}
      commit={commit}
      initialValues={{ regionCode: rootCode, attributes: initialAttributes('illegal_point'), zoneWidth: 'auto', sourceCrs: 'none', datumType: 'none', fieldMap: {} }}
      onValuesChange={(changed) => {
        const next = changed.attributes?.kind;
        if (next && SITE_KINDS.includes(next)) {
          form.setFieldValue('attributes', initialAttributes(next));
          form.setFieldValue('fieldMap', {});
        }
      }}
      formData={formData}
      previewSpan={14}
      where={(path) => where(path, lang)}
      totalMu={(p) => p.totalAreaMu.toLocaleString(locale, { maximumFractionDigits: 2 })}
      itemKey="index"
      columns={[
        { title: t('import.col.index'), dataIndex: 'index', key: 'index', width: 70, render: (i: number) => i + 1 },
        { title: t('import.col.name'), dataIndex: 'name', key: 'name' },
        { title: t('import.col.type'), dataIndex: 'geometryType', key: 'type', width: 90, render: (g: string) => (GEOMETRY[g] ? label(GEOMETRY[g]) : g) },
        ...(shownAttributes.length
          ? [
              {
                title: l('attributesCol'),
                key: 'attributes',
                width: '45%',
                render: (_: unknown, item: ImportPreview['items'][number]) =>
                  shownAttributes
                    .filter((f) => item.attributes?.[f.name] !== undefined && item.attributes?.[f.name] !== null)
                    .map((f) => `${label(f.label)}：${display(f, item.attributes![f.name])}`)
                    .join('；'),
              },
            ]
          : []),
        {
          title: t('import.col.area'),
          dataIndex: 'areaMu',
          key: 'area',
          width: 120,
          align: 'right' as const,
          render: (v: number | null) => (v === null ? tt('common.none') : v.toLocaleString(locale, { maximumFractionDigits: 2 })),
        },
      ]}
      notes={(p) => (p.columns?.length ? <Typography.Text type="secondary">{l('columnsInFile', { cols: p.columns.join('、') })}</Typography.Text> : null)}
      doneLinks={({ ids }) => [
        { key: 'map', label: t('import.onMap'), to: '/map', state: ids.length <= MAP_IDS ? { ids, kind } : null, primary: true },
        { key: 'list', label: t('import.toList'), to: `/sites?kind=${kind}` },
      ]}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name={['attributes', 'kind']} label={t('import.kind')} rules={[{ required: true }]}>
            <Select options={SITE_KINDS.map((k) => ({ value: k, label: label(siteKindLabel[k]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="regionCode" label={t('import.region')} rules={[{ required: true }]}>
            <RegionTreeSelect roots={[rootRegion]} />
          </Form.Item>
        </Col>
      </Row>
      {fieldsOf(kind).length > 0 ? (
        <fieldset className="form-fieldset">
          <legend>{t('import.attributes', { kind: label(siteKindLabel[kind]) })}</legend>
          <Row gutter={16}>
            {fieldsOf(kind).map((f) => {
              const col = corner ? null : mappedColumn(f.name);
              return (
                <Col xs={24} sm={f.type === 'longText' ? 24 : 12} key={`${kind}-${f.name}`}>
                  {col ? (
                    <Form.Item label={label(f.label)}>
                      <Typography.Text type="secondary">{l('fromColumn', { col })}</Typography.Text>
                    </Form.Item>
                  ) : (
                    <AttributeItem field={f} />
                  )}
                </Col>
              );
            })}
          </Row>
          {corner && kind === 'licensed_mine' ? <Alert type="info" showIcon title={l('cornerHint')} /> : null}
        </fieldset>
      ) : null}
      {file && !corner && fieldsOf(kind).length > 0 ? (
        <Form.Item>
          <Space>
            <Switch checked={mapping} onChange={setMapping} aria-label={l('mappingSwitch')} />
            <Typography.Text>{l('mappingSwitch')}</Typography.Text>
          </Space>
        </Form.Item>
      ) : null}
      {file && !corner && mapping && fieldsOf(kind).length > 0 ? (
        <fieldset className="form-fieldset" data-testid="import-field-map">
          <legend>{l('mapping')}</legend>
          <Typography.Paragraph type="secondary">{l('mappingHelp')}</Typography.Paragraph>
          {columns === null ? <Typography.Paragraph type="secondary">{l('noColumns')}</Typography.Paragraph> : null}
          {/* attribute names as plain text: the inputs above keep the form labels; each select is named "column for <key>" */}
          {fieldsOf(kind).map((f) => (
            <Row gutter={12} key={`map-${kind}-${f.name}`} align="middle" style={{ marginBottom: 8 }}>
              <Col span={9}>
                <Typography.Text>{label(f.label)}</Typography.Text>
              </Col>
              <Col span={15}>
                <Form.Item name={['fieldMap', f.name]} noStyle>
                  {columns ? (
                    <Select
                      allowClear
                      aria-label={`${l('columnFor')} ${f.name}`}
                      style={{ width: '100%' }}
                      placeholder={l('mappingNone')}
                      options={columns.columns.map((c) => ({ value: c, label: columns.samples[c] ? `${c}（${columns.samples[c]}）` : c }))}
                    />
                  ) : (
                    <Input aria-label={`${l('columnFor')} ${f.name}`} placeholder={l('mappingNone')} maxLength={60} />
                  )}
                </Form.Item>
              </Col>
            </Row>
          ))}
        </fieldset>
      ) : null}
      <Form.Item name="nameField" label={t('import.nameField')} extra={t('import.nameFieldHelp')} rules={[{ max: 60 }]}>
        <Input placeholder="MC" list="import-file-columns" />
      </Form.Item>
      <ImportZoneFields t={t} />
      {columns ? (
        <datalist id="import-file-columns">
          {columns.columns.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      ) : null}
      <Form.Item name="datumType" label={l('datum')} extra={datumType !== 'none' ? l('datumHelp') : undefined}>
        <Select
          options={[
            { value: 'none', label: l('datumNone') },
            { value: '7-parameter', label: l('datum7') },
            { value: '4-parameter', label: l('datum4') },
          ]}
        />
      </Form.Item>
      {datumType !== 'none' ? (
        <Row gutter={16} data-testid="import-datum">
          <Col xs={24} sm={12}>
            <Form.Item name={['datum', 'from']} label={l('from')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'xian80', label: l('xian80') },
                  { value: 'beijing54', label: l('beijing54') },
                ]}
              />
            </Form.Item>
          </Col>
          {datumType === '7-parameter' ? (
            <Col xs={24} sm={12}>
              <Form.Item name={['datum', 'convention']} label={l('convention')} rules={[{ required: true }]}>
                <Select
                  options={[
                    { value: 'position-vector', label: l('positionVector') },
                    { value: 'coordinate-frame', label: l('coordinateFrame') },
                  ]}
                />
              </Form.Item>
            </Col>
          ) : null}
          {DATUM_FIELDS.filter((f) => f.in.includes(datumType)).map((f) => (
            <Col xs={12} sm={6} key={f.key}>
              <Form.Item name={['datum', f.key]} label={`${f[lang]} (${f.unit})`} rules={[{ required: true }]}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      ) : null}
      <Form.Item name="sourceCrs" label={t('import.sourceCrs')} extra={t('import.sourceCrsHelp')}>
        <Select
          options={[
            { value: 'none', label: t('import.sourceSurveyed') },
            { value: 'gcj02', label: t('import.sourceGcj') },
            { value: 'bd09', label: t('import.sourceBd') },
          ]}
        />
      </Form.Item>
    </ImportSteps>
  );
}
