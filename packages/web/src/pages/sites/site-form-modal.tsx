import { useMemo, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import {
  SITE_KINDS,
  siteKindLabel,
  type Region,
  type SiteDetail,
  type SiteInput,
  type SiteKind,
  type SiteUpdate,
} from '@minewatch/core';
import { isApiError } from '../../api/client';
import { useCreateSite, useUpdateSite } from '../../api/sites';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { fieldsOf, type FieldSpec } from './site-fields';

type LocationMode = 'none' | 'point' | 'geojson';

type SiteFormValues = {
  name: string;
  regionCode: string;
  attributes: { kind: SiteKind } & Record<string, unknown>;
  locationMode: LocationMode;
  lon?: number | null;
  lat?: number | null;
  geometryText?: string;
};

/** Top-level form fields a server detail path may name (geometry is mapped by hand, see onError). */
const FIELDS = ['name', 'regionCode', 'attributes'] as const;

const isKind = (v: unknown): v is SiteKind => typeof v === 'string' && (SITE_KINDS as readonly string[]).includes(v);

/** Attribute values a newly chosen kind starts with: the schema's defaults. */
export function initialAttributes(kind: SiteKind): SiteFormValues['attributes'] {
  const attrs: SiteFormValues['attributes'] = { kind };
  for (const f of fieldsOf(kind)) if (f.initial !== undefined) attrs[f.name] = f.initial;
  return attrs;
}

/** Stored attributes → form values (dates become dayjs). */
function attributesToForm(kind: SiteKind, stored: Record<string, unknown>): SiteFormValues['attributes'] {
  const attrs: SiteFormValues['attributes'] = { kind };
  for (const f of fieldsOf(kind)) {
    const v = stored[f.name];
    attrs[f.name] = f.type === 'date' && typeof v === 'string' ? dayjs(v) : (v ?? undefined);
  }
  return attrs;
}

/** Form values → the attributes object of the API (empty → null, dates as YYYY-MM-DD). */
export function attributesFromForm(kind: SiteKind, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { kind };
  for (const f of fieldsOf(kind)) {
    const v = values[f.name];
    let value: unknown;
    if (v === undefined || v === null || v === '') value = null;
    else if (f.type === 'date') value = dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : v;
    else if (f.type === 'text' || f.type === 'longText') value = typeof v === 'string' ? v.trim() || null : v;
    else value = v;
    if (value === null && f.initial !== undefined) continue; // let the server apply its default
    out[f.name] = value;
  }
  return out;
}

function geometryToForm(geometry: unknown): Pick<SiteFormValues, 'locationMode' | 'lon' | 'lat' | 'geometryText'> {
  if (!geometry || typeof geometry !== 'object') return { locationMode: 'none' };
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g.type === 'Point' && Array.isArray(g.coordinates) && g.coordinates.length >= 2) {
    return { locationMode: 'point', lon: Number(g.coordinates[0]), lat: Number(g.coordinates[1]) };
  }
  return { locationMode: 'geojson', geometryText: JSON.stringify(geometry) };
}

/** The geometry the form describes; a pasted Feature is unwrapped to its geometry. */
function geometryFromForm(values: SiteFormValues): unknown {
  if (values.locationMode === 'point') return { type: 'Point', coordinates: [values.lon, values.lat] };
  if (values.locationMode === 'geojson') {
    const parsed = JSON.parse(values.geometryText ?? '') as { type?: string; geometry?: unknown };
    return parsed && parsed.type === 'Feature' && 'geometry' in parsed ? parsed.geometry : parsed;
  }
  return null;
}

/** JSON with object keys sorted, to tell whether anything changed. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Server field messages onto the form, the geometry ones onto the location inputs. */
function showServerErrors(form: FormInstance<SiteFormValues>, error: unknown, mode: LocationMode) {
  applyFieldErrors(form, error, FIELDS);
  if (!isApiError(error)) return;
  const geo = error.details.filter((d) => /(^|\.)geometry(\.|$)/.test(d.path));
  if (geo.length > 0) {
    const target = mode === 'point' ? 'lon' : mode === 'geojson' ? 'geometryText' : 'locationMode';
    form.setFields([{ name: target, errors: geo.map((d) => d.message) }]);
  }
  // the field may be far below the summary at the top of the form
  const first = form.getFieldsError().find((f) => f.errors.length > 0);
  if (first) setTimeout(() => form.scrollToField(first.name, { block: 'center' }), 50);
}

export type SiteFormModalProps =
  | { mode: 'create'; open: boolean; onClose: () => void; region: Region; /** Prefill (e.g. drawn on the map). */ geometry?: unknown; kind?: SiteKind | undefined }
  | { mode: 'edit'; open: boolean; onClose: () => void; site: SiteDetail; onReload: () => void };

/** 登记监管对象 / 编辑: name, region, kind, the kind's attributes and the location (point or GeoJSON). */
export function SiteFormModal(props: SiteFormModalProps) {
  const t = useT();
  return (
    <Modal
      open={props.open}
      onCancel={props.onClose}
      title={props.mode === 'create' ? t('sites.add') : t('site.edit')}
      footer={null}
      destroyOnHidden
      width={760}
    >
      {props.open ? (
        props.mode === 'create' ? (
          <CreateBody region={props.region} onClose={props.onClose} geometry={props.geometry} kind={props.kind} />
        ) : (
          // a reload after a conflict brings a new version: start the form afresh from it
          <EditBody key={props.site.version} site={props.site} onClose={props.onClose} onReload={props.onReload} />
        )
      ) : null}
    </Modal>
  );
}

function CreateBody({ region, onClose, geometry, kind }: { region: Region; onClose: () => void; geometry?: unknown; kind?: SiteKind | undefined }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { withRegion } = useCurrentRegion();
  const [form] = Form.useForm<SiteFormValues>();
  const create = useCreateSite();

  const onFinish = (values: SiteFormValues) => {
    const kind = values.attributes.kind;
    const input = {
      regionCode: values.regionCode,
      name: values.name.trim(),
      attributes: attributesFromForm(kind, values.attributes),
      geometry: geometryFromForm(values),
    } as unknown as SiteInput;
    create.mutate(input, {
      onSuccess: (site) => {
        void message.success(`${t('sites.created')}：${site.name}`);
        onClose();
        navigate(withRegion(`/sites/${site.id}`));
      },
      onError: (error) => showServerErrors(form, error, values.locationMode),
    });
  };

  return (
    <SiteFormFields
      form={form}
      onFinish={onFinish}
      pending={create.isPending}
      initialValues={{ regionCode: region.code, locationMode: 'point', attributes: initialAttributes(kind ?? 'licensed_mine'), ...(geometry ? geometryToForm(geometry) : {}) }}
      regionField={
        <Form.Item name="regionCode" label={t('sites.region')} rules={[{ required: true }]}>
          <RegionTreeSelect roots={[region]} />
        </Form.Item>
      }
      kindLocked={false}
      alert={<ApiErrorAlert error={create.error} />}
      onClose={onClose}
    />
  );
}

function EditBody({ site, onClose, onReload }: { site: SiteDetail; onClose: () => void; onReload: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SiteFormValues>();
  const update = useUpdateSite(site.id);
  const conflict = isApiError(update.error) && update.error.status === 409 ? update.error : null;

  const initialValues = useMemo<Partial<SiteFormValues>>(
    () => ({
      name: site.name,
      regionCode: site.regionCode,
      attributes: attributesToForm(site.kind, site.attributes),
      ...geometryToForm(site.geometry),
    }),
    [site],
  );

  const onFinish = (values: SiteFormValues) => {
    const patch: Record<string, unknown> = { version: site.version };
    const name = values.name.trim();
    if (name !== site.name) patch.name = name;
    const attributes = attributesFromForm(site.kind, values.attributes);
    if (canonical(attributes) !== canonical({ ...site.attributes, kind: site.kind })) patch.attributes = attributes;
    const geometry = geometryFromForm(values);
    if (canonical(geometry) !== canonical(site.geometry ?? null)) patch.geometry = geometry;
    if (Object.keys(patch).length === 1) {
      void message.info(t('site.noChange'));
      onClose();
      return;
    }
    update.mutate(patch as unknown as SiteUpdate, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError: (error) => showServerErrors(form, error, values.locationMode),
    });
  };

  return (
    <SiteFormFields
      form={form}
      onFinish={onFinish}
      pending={update.isPending}
      initialValues={initialValues}
      regionField={
        <Form.Item label={t('sites.region')}>
          <span className="form-static">{site.regionName}</span>
        </Form.Item>
      }
      kindLocked
      alert={
        conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('site.conflict')}
            description={conflict.message}
            action={
              <Button size="small" onClick={onReload}>
                {t('site.reload')}
              </Button>
            }
            style={{ marginBottom: 16 }}
          />
        ) : (
          <ApiErrorAlert error={update.error} />
        )
      }
      onClose={onClose}
    />
  );
}

function SiteFormFields({
  form,
  onFinish,
  pending,
  initialValues,
  regionField,
  kindLocked,
  alert,
  onClose,
}: {
  form: FormInstance<SiteFormValues>;
  onFinish: (values: SiteFormValues) => void;
  pending: boolean;
  initialValues: Partial<SiteFormValues>;
  regionField: ReactNode;
  kindLocked: boolean;
  alert: ReactNode;
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const watchedKind = Form.useWatch(['attributes', 'kind'], form) as unknown;
  const kind: SiteKind = isKind(watchedKind) ? watchedKind : (initialValues.attributes?.kind ?? 'licensed_mine');
  const mode = (Form.useWatch('locationMode', form) as LocationMode | undefined) ?? initialValues.locationMode ?? 'none';

  return (
    <Form<SiteFormValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={initialValues}
      disabled={pending}
      scrollToFirstError
      onValuesChange={(changed: Partial<SiteFormValues>) => {
        const next = changed.attributes?.kind;
        if (isKind(next)) form.setFieldValue('attributes', initialAttributes(next));
      }}
    >
      {alert}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t('sites.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input autoFocus />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          {regionField}
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={['attributes', 'kind']} label={t('sites.kind')} rules={[{ required: true }]}>
            <Select
              disabled={kindLocked}
              options={SITE_KINDS.map((k) => ({ value: k, label: label(siteKindLabel[k]) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <fieldset className="form-fieldset">
        <legend>{t('sites.attributes', { kind: label(siteKindLabel[kind]) })}</legend>
        <Row gutter={16}>
          {fieldsOf(kind).map((f) => (
            <Col xs={24} sm={f.type === 'longText' ? 24 : 12} key={`${kind}-${f.name}`}>
              <AttributeItem field={f} />
            </Col>
          ))}
        </Row>
      </fieldset>
      <fieldset className="form-fieldset">
        <legend>{t('sites.location')}</legend>
        <Form.Item name="locationMode" label={t('sites.locationMode')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'point', label: t('sites.locationPoint') },
              { value: 'geojson', label: t('sites.locationGeojson') },
              { value: 'none', label: t('sites.locationNone') },
            ]}
          />
        </Form.Item>
        {mode === 'point' ? (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="lon" label={t('sites.lon')} rules={[{ required: true }]}>
                <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} placeholder="111.14" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="lat" label={t('sites.lat')} rules={[{ required: true }]}>
                <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} placeholder="38.69" />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        {mode === 'geojson' ? (
          <Form.Item
            name="geometryText"
            label={t('sites.geojson')}
            extra={t('sites.geojsonHelp')}
            rules={[
              { required: true, whitespace: true },
              {
                validator: async (_rule, value: string | undefined) => {
                  if (!value || !value.trim()) return;
                  try {
                    JSON.parse(value);
                  } catch (e) {
                    throw new Error(t('sites.geojsonInvalid', { message: e instanceof Error ? e.message : String(e) }));
                  }
                },
              },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 12 }}
              spellCheck={false}
              className="code-input"
              placeholder='{"type":"Polygon","coordinates":[[[111.14,38.69],[111.15,38.69],[111.15,38.70],[111.14,38.69]]]}'
            />
          </Form.Item>
        ) : null}
      </fieldset>
      <Space className="form-actions">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={pending}>
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}

export function AttributeItem({ field }: { field: FieldSpec }) {
  const label = useLabel();
  const name = ['attributes', field.name];
  const rules = [
    ...(field.required ? [{ required: true }] : []),
    ...(field.maxLength ? [{ max: field.maxLength }] : []),
  ];
  const text = label(field.label);
  switch (field.type) {
    case 'text':
      return (
        <Form.Item name={name} label={text} rules={rules}>
          <Input maxLength={field.maxLength} />
        </Form.Item>
      );
    case 'longText':
      return (
        <Form.Item name={name} label={text} rules={rules}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={field.maxLength} />
        </Form.Item>
      );
    case 'number':
    case 'integer':
      return (
        <Form.Item name={name} label={text} rules={rules}>
          <InputNumber
            min={field.min}
            max={field.max}
            precision={field.type === 'integer' ? 0 : undefined}
            style={{ width: '100%' }}
          />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item name={name} label={text} rules={rules}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item name={name} label={text} rules={rules}>
          <Select
            allowClear={!field.required}
            options={(field.options ?? []).map((o) => ({ value: o.value as string, label: label(o.label) }))}
          />
        </Form.Item>
      );
    case 'bool':
      return (
        <Form.Item name={name} label={text} rules={rules}>
          <Radio.Group options={(field.options ?? []).map((o) => ({ value: o.value, label: label(o.label) }))} />
        </Form.Item>
      );
  }
}
