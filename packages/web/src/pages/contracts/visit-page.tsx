import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Space, Typography, Upload, type UploadFile } from 'antd';
import { AimOutlined, CameraOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { MAX_VISIT_PHOTOS, VISIT_METHODS, visitMethodLabel, type Contract, type VisitMethod } from '@minewatch/core';
import { uploadPhoto, useContract, useRecordVisit, type UploadedFile } from '../../api/contracts';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { useTargetName } from './contract-tags';

type VisitForm = {
  targetId: string;
  visitedOn: Dayjs;
  method: VisitMethod;
  location?: { lon?: number | null; lat?: number | null };
  notes?: string;
};
const FIELDS = ['targetId', 'visitedOn', 'method', 'location', 'notes'] as const;

/** `/contracts/:id/visit`: 记录调研督导, laid out for a phone in the field. */
export function VisitPage() {
  const { id } = useParams();
  const contract = useContract(id);
  return <QueryBoundary query={contract}>{(c) => <VisitView contract={c} />}</QueryBoundary>;
}

function VisitView({ contract: c }: { contract: Contract }) {
  const { t } = useI18n();
  const { withRegion } = useCurrentRegion();
  const back = withRegion(`/contracts/${c.id}`);
  return (
    <div style={{ maxWidth: 640 }}>
      <PageTitle>{t('visit.title')}</PageTitle>
      <Typography.Paragraph>
        <Link to={back}>{c.person.name}</Link> · {c.person.position}
      </Typography.Paragraph>
      {!c.mayRecordVisit ? (
        <Alert type="warning" showIcon title={t('visit.cannotRecord')} />
      ) : !c.active ? (
        <Alert type="warning" showIcon title={t('visit.inactive')} />
      ) : (
        <VisitFormBody contract={c} back={back} />
      )}
    </div>
  );
}

type Located = { accuracyM: number | null; source: 'gps' | 'photo' | 'hand' };

function VisitFormBody({ contract: c, back }: { contract: Contract; back: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<VisitForm>();
  const record = useRecordVisit(c.id);
  const targetName = useTargetName();
  const [photos, setPhotos] = useState<UploadFile<UploadedFile>[]>([]);
  const [located, setLocated] = useState<Located | null>(null);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | null>(null);
  const targetId = Form.useWatch('targetId', form) ?? c.targets[0]?.id;
  const targetRegion = c.targets.find((x) => x.id === targetId)?.regionCode ?? c.regionCode;
  const today = dayjs();

  const setLocation = (lon: number, lat: number, info: Located) => {
    form.setFieldsValue({ location: { lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) } });
    setLocated(info);
  };

  const locate = () => {
    setLocationError(null);
    if (!('geolocation' in navigator)) {
      setLocationError(t('visit.noGeolocation'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setLocation(pos.coords.longitude, pos.coords.latitude, { accuracyM: pos.coords.accuracy ?? null, source: 'gps' });
      },
      (err) => {
        setLocating(false);
        setLocationError(t('visit.locationFailed', { message: err.message || String(err.code) }));
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };

  const onFinish = (v: VisitForm) => {
    const lon = v.location?.lon;
    const lat = v.location?.lat;
    if ((lon == null) !== (lat == null)) {
      form.setFields([{ name: ['location', lon == null ? 'lon' : 'lat'], errors: [t('visit.lonLatBoth')] }]);
      return;
    }
    const photoFileIds = photos.filter((p) => p.status === 'done' && p.response).map((p) => p.response!.id);
    record.mutate(
      {
        targetId: v.targetId,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        method: v.method,
        location: lon != null && lat != null ? { lon, lat, accuracyM: located?.source === 'gps' ? located.accuracyM : null } : null,
        notes: v.notes?.trim() ?? '',
        photoFileIds,
      },
      {
        onSuccess: () => {
          void message.success(t('visit.saved'));
          void navigate(back);
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  const uploading = photos.some((p) => p.status === 'uploading');

  return (
    <Form<VisitForm>
      form={form}
      layout="vertical"
      size="large"
      onFinish={onFinish}
      disabled={record.isPending}
      initialValues={{ targetId: c.targets[0]?.id, visitedOn: today.isBefore(dayjs(c.validFrom)) ? dayjs(c.validFrom) : today, method: 'routine' }}
    >
      <ApiErrorAlert error={record.error} />
      <Form.Item name="targetId" label={t('visit.target')} rules={[{ required: true }]}>
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {c.targets.map((x) => (
            <Radio key={x.id} value={x.id}>
              {targetName(x)}
              {x.lastVisitOn ? <Typography.Text type="secondary"> · {t('contracts.lastVisit')} {x.lastVisitOn}</Typography.Text> : null}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="visitedOn" label={t('visit.date')} rules={[{ required: true, message: t('visit.dateRequired') }]}>
        <DatePicker
          format="YYYY-MM-DD"
          allowClear={false}
          inputReadOnly
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(today, 'day') || d.isBefore(dayjs(c.validFrom), 'day') || (c.validTo !== null && d.isAfter(dayjs(c.validTo), 'day'))}
        />
      </Form.Item>
      <Form.Item name="method" label={t('visit.method')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={VISIT_METHODS.map((m) => ({ value: m, label: label(visitMethodLabel[m]) }))} />
      </Form.Item>
      <fieldset className="form-fieldset">
        <legend>{t('visit.location')}</legend>
        <Space wrap style={{ marginBottom: 8 }}>
          <Button icon={<AimOutlined />} onClick={locate} loading={locating}>
            {locating ? t('visit.locating') : t('visit.useLocation')}
          </Button>
          <Button
            type="text"
            onClick={() => {
              form.setFieldsValue({ location: { lon: null, lat: null } });
              setLocated(null);
            }}
          >
            {t('visit.clearLocation')}
          </Button>
        </Space>
        {locationError ? <Alert type="warning" showIcon title={locationError} style={{ marginBottom: 8 }} /> : null}
        <Space wrap>
          <Form.Item name={['location', 'lon']} label={t('visit.lon')} style={{ marginBottom: 0 }}>
            <InputNumber min={-180} max={180} step={0.000001} inputMode="decimal" style={{ width: 180 }} onChange={() => setLocated({ accuracyM: null, source: 'hand' })} />
          </Form.Item>
          <Form.Item name={['location', 'lat']} label={t('visit.lat')} style={{ marginBottom: 0 }}>
            <InputNumber min={-90} max={90} step={0.000001} inputMode="decimal" style={{ width: 180 }} onChange={() => setLocated({ accuracyM: null, source: 'hand' })} />
          </Form.Item>
        </Space>
        {located?.source === 'gps' && located.accuracyM !== null ? (
          <Typography.Text type="secondary">{t('visit.accuracy', { m: Math.round(located.accuracyM) })}</Typography.Text>
        ) : located?.source === 'photo' ? (
          <Typography.Text type="secondary">{t('visit.fromPhoto')}</Typography.Text>
        ) : null}
      </fieldset>
      <Form.Item name="notes" label={t('visit.notes')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Form.Item label={t('visit.photos')}>
        <Upload<UploadedFile>
          accept="image/*"
          multiple
          listType="picture-card"
          fileList={photos}
          maxCount={MAX_VISIT_PHOTOS}
          onChange={({ fileList }) => setPhotos(fileList)}
          customRequest={({ file, onSuccess, onError }) => {
            const f = file as File;
            uploadPhoto(f, targetRegion)
              .then((res) => {
                onSuccess?.(res);
                const loc = form.getFieldValue('location') as VisitForm['location'];
                if (res.exif?.lon != null && res.exif.lat != null && loc?.lon == null) setLocation(res.exif.lon, res.exif.lat, { accuracyM: null, source: 'photo' });
              })
              .catch((err: Error) => {
                void message.error(t('visit.photoFailed', { name: f.name, message: err.message }));
                onError?.(err);
              });
          }}
        >
          {photos.length < MAX_VISIT_PHOTOS ? (
            <div>
              <CameraOutlined style={{ fontSize: 24 }} />
              <div style={{ marginTop: 4 }}>{t('visit.addPhoto')}</div>
            </div>
          ) : null}
        </Upload>
      </Form.Item>
      <Space className="form-actions" style={{ width: '100%' }}>
        <Button onClick={() => void navigate(back)}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={record.isPending} disabled={uploading}>
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}
