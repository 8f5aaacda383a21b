import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  isWithinRegion,
  RESPONSIBLE_LEVELS,
  responsibleLevelAccepts,
  responsibleLevelLabel,
  SEALING_STATUSES,
  sealingStatusLabel,
  SIGN_KINDS,
  signKindLabel,
  SIGN_STATUSES,
  signStatusLabel,
  type Evidence,
  type FileUploadResult,
  type Person,
  type Responsibility,
  type ResponsibleLevel,
  type SealingStatus,
  type SignKind,
  type SignStatus,
  type SiteDetail,
} from '@minewatch/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import { useGrids } from '../../api/grids';
import { usePeople } from '../../api/people';
import { useRecordSealing, useRecordThreeNoRemain, useResponsibility, useSaveResponsibility, useSealingRecords, useThreeNoRemain } from '../../api/site-records';
import { useLabel, type Label } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { InfoList } from '../../ui/info-list';
import { QueryBoundary } from '../../ui/query-boundary';
import { FileUploadField } from './file-upload-field';
import { EvidenceField, useEvidence } from './evidence-field';
import { PhotoPlace, PhotoThumb, SiteAttachments } from './site-attachments';
import { L } from './site-records-labels';
import './site-records.css';

const today = () => dayjs().format('YYYY-MM-DD');
const linkable = (a: string, b: string) => isWithinRegion(a, b) || isWithinRegion(b, a);
const SEALABLE = new Set(['abandoned_mine', 'illegal_point']);
const needsThreeNoRemain = (site: SiteDetail) => site.kind === 'licensed_mine' && ['expired', 'cancelled'].includes(String(site.attributes.status));

/** Labels of the two tabs the site page adds for a site's records. */
export function SiteRecordsTabLabel({ tab }: { tab: 'care' | 'files' }) {
  const label = useLabel();
  return <>{label(tab === 'care' ? L.tabCare : L.tabFiles)}</>;
}

/** The tab of documents and photos (re-exported so the site page imports one module). */
export { SiteAttachments };

/** 监管责任 tab: O6 (grid, people per level, signs), S2 sealing records, S4 三不留 checks as they apply to the kind. */
export function SiteResponsibility({ site, canWrite }: { site: SiteDetail; canWrite: boolean }) {
  return (
    <div className="site-cards">
      <O6Card site={site} canWrite={canWrite} />
      {SEALABLE.has(site.kind) ? <SealingRecordsCard site={site} canWrite={canWrite} /> : null}
      {needsThreeNoRemain(site) ? <ThreeNoRemainCard site={site} canWrite={canWrite} /> : null}
    </div>
  );
}

function EvidenceRow({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) return null;
  return (
    <div className="evidence-row">
      {evidence.map((e) => (
        <div key={e.fileId}>
          <PhotoThumb fileId={e.fileId} mime={e.mime} alt={e.name} />
          <PhotoPlace a={{ lon: e.lon, lat: e.lat, locationSource: e.lon === null ? null : 'exif', distanceM: e.distanceM, far: e.far, takenAt: null }} />
        </div>
      ))}
    </div>
  );
}

/** 取消 and 保存 under a record form. */
function FormActions({ onCancel, saving }: { onCancel: () => void; saving: boolean }) {
  const label = useLabel();
  return (
    <Space className="form-actions">
      <Button onClick={onCancel}>{label({ zh: '取消', en: 'Cancel' })}</Button>
      <Button type="primary" htmlType="submit" loading={saving}>
        {label({ zh: '保存', en: 'Save' })}
      </Button>
    </Space>
  );
}

/* ---------- O6 ---------- */

function O6Card({ site, canWrite }: { site: SiteDetail; canWrite: boolean }) {
  const label = useLabel();
  const r = useResponsibility(site.id);
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title={<h2 className="card-heading">{label(L.o6)}</h2>}
      extra={
        canWrite && r.data ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {label(L.editO6)}
          </Button>
        ) : null
      }
    >
      <QueryBoundary query={r}>
        {(data) => (
          <>
            {data.missing.length === 0 ? (
              <Alert type="success" showIcon title={label(L.complete)} style={{ marginBottom: 12 }} />
            ) : (
              <Alert type="warning" showIcon title={`${label(L.missing)}：${data.missing.map((m) => missingLabel(m, label)).join('、')}`} style={{ marginBottom: 12 }} />
            )}
            <InfoList
              items={[
                { key: 'grid', label: label(L.grid), value: data.grid?.name ?? label(L.noGrid) },
                ...RESPONSIBLE_LEVELS.map((level) => {
                  const p = data.people[level];
                  return {
                    key: level,
                    label: label(responsibleLevelLabel[level]),
                    value: p ? (
                      <span className="level-person">
                        <span>
                          {p.name}
                          {p.position ? `（${p.position}）` : ''}
                        </span>
                        <span className="muted">
                          {label(L.phone)} {p.phone}
                          {p.unitName ? ` · ${p.unitName}` : ''}
                        </span>
                      </span>
                    ) : (
                      <Tag color="orange">{label(L.notAssigned)}</Tag>
                    ),
                  };
                }),
                ...SIGN_KINDS.map((k) => {
                  const s = data.signs[k];
                  return {
                    key: k,
                    label: label(signKindLabel[k]),
                    value: (
                      <span>
                        <Tag color={s.status === 'installed' ? 'green' : s.status === 'damaged' ? 'red' : 'default'}>{label(signStatusLabel[s.status])}</Tag>
                        {s.checkedOn ? (
                          <span className="muted">
                            {label(L.checkedOn)} {s.checkedOn}
                          </span>
                        ) : null}
                        {s.photoFileId ? (
                          <div className="evidence-row">
                            <PhotoThumb fileId={s.photoFileId} mime="image/jpeg" alt={`${label(signKindLabel[k])} ${label(L.signPhoto)}`} />
                          </div>
                        ) : null}
                      </span>
                    ),
                  };
                }),
              ]}
            />
            <Typography.Paragraph type="secondary" className="basis" style={{ marginTop: 12 }}>
              {label(L.o6Basis)}
            </Typography.Paragraph>
            {canWrite ? <O6Modal open={editing} onClose={() => setEditing(false)} site={site} current={data} onReload={() => void r.refetch()} /> : null}
          </>
        )}
      </QueryBoundary>
    </Card>
  );
}

function missingLabel(key: string, label: ReturnType<typeof useLabel>): string {
  if (key === 'grid') return label(L.grid);
  const [what, which] = key.split('.');
  if (what === 'people') return label(responsibleLevelLabel[which as ResponsibleLevel]);
  if (what === 'signs') return label(signKindLabel[which as SignKind]);
  return key;
}

type O6Form = {
  gridId?: string | null;
  people: Record<ResponsibleLevel, { personId?: string | null; phone?: string }>;
  signs: Record<SignKind, { status: SignStatus; checkedOn?: string }>;
};

function O6Modal({ open, onClose, site, current, onReload }: { open: boolean; onClose: () => void; site: SiteDetail; current: Responsibility; onReload: () => void }) {
  const label = useLabel();
  return (
    <Modal open={open} onCancel={onClose} title={label(L.editO6)} footer={null} destroyOnHidden width={720}>
      {open ? <O6FormBody site={site} current={current} onClose={onClose} onReload={onReload} /> : null}
    </Modal>
  );
}

function O6FormBody({ site, current, onClose, onReload }: { site: SiteDetail; current: Responsibility; onClose: () => void; onReload: () => void }) {
  const label = useLabel();
  const { message } = App.useApp();
  const { code } = useCurrentRegion();
  const people = usePeople(code);
  const grids = useGrids(code);
  const save = useSaveResponsibility(site.id);
  const [form] = Form.useForm<O6Form>();
  const [signPhotos, setSignPhotos] = useState<Record<SignKind, FileUploadResult[]>>({ warning: [], responsibility: [] });
  const statuses = Form.useWatch(['signs'], form);

  const candidates = useMemo(() => {
    const all = people.data ?? [];
    return Object.fromEntries(
      RESPONSIBLE_LEVELS.map((level) => [level, all.filter((p) => linkable(site.regionCode, p.regionCode) && responsibleLevelAccepts(level, p.regionCode))]),
    ) as Record<ResponsibleLevel, Person[]>;
  }, [people.data, site.regionCode]);

  const initial: O6Form = {
    gridId: current.grid?.id ?? null,
    people: Object.fromEntries(RESPONSIBLE_LEVELS.map((l) => [l, { personId: current.people[l]?.personId ?? null, phone: current.people[l]?.phone ?? '' }])) as O6Form['people'],
    signs: Object.fromEntries(SIGN_KINDS.map((k) => [k, { status: current.signs[k].status, checkedOn: current.signs[k].checkedOn ?? '' }])) as O6Form['signs'],
  };

  const onFinish = (v: O6Form) => {
    const photoOf = (k: SignKind) => (v.signs[k].status === 'none' ? null : (signPhotos[k][0]?.id ?? current.signs[k].photoFileId));
    save.mutate(
      {
        version: current.version,
        gridId: v.gridId ?? null,
        people: Object.fromEntries(
          RESPONSIBLE_LEVELS.map((l) => {
            const p = v.people[l];
            return [l, p?.personId ? { personId: p.personId, phone: p.phone?.trim() ? p.phone.trim() : null } : null];
          }),
        ) as never,
        signs: Object.fromEntries(
          SIGN_KINDS.map((k) => [k, { status: v.signs[k].status, photoFileId: photoOf(k), checkedOn: v.signs[k].status === 'none' ? null : v.signs[k].checkedOn || null }]),
        ) as never,
      },
      {
        onSuccess: () => {
          void message.success(label(L.saved));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 409) {
            void message.error(label(L.conflict));
            onReload();
            return;
          }
          applyFieldErrors(form, e, ['gridId', 'people', 'signs']);
        },
      },
    );
  };

  return (
    <Form<O6Form> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} disabled={save.isPending}>
      <ApiErrorAlert error={save.error} />
      <Form.Item name="gridId" label={label(L.grid)}>
        <Select
          allowClear
          loading={grids.isLoading}
          options={(grids.data ?? []).filter((g) => linkable(g.regionCode, site.regionCode)).map((g) => ({ value: g.id, label: `${g.name}（${g.regionName}）` }))}
        />
      </Form.Item>
      {RESPONSIBLE_LEVELS.map((level) => (
        <Space key={level} align="start" wrap style={{ width: '100%' }}>
          <Form.Item name={['people', level, 'personId']} label={label(responsibleLevelLabel[level])} style={{ minWidth: 300 }}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={label(L.personPlaceholder)}
              loading={people.isLoading}
              options={candidates[level].map((p) => ({ value: p.id, label: `${p.name}${p.position ? `（${p.position}）` : ''}${p.phone ? ` ${p.phone}` : ''}` }))}
            />
          </Form.Item>
          <Form.Item
            name={['people', level, 'phone']}
            label={`${label(responsibleLevelLabel[level])} ${label(L.phone)}`}
            tooltip={label(L.phoneOfPerson)}
            rules={[{ pattern: /^[0-9+\-() ]{5,30}$/, message: '5–30: 0-9 + - ( )' }]}
          >
            <Input inputMode="tel" autoComplete="off" style={{ width: 200 }} />
          </Form.Item>
        </Space>
      ))}
      {SIGN_KINDS.map((k) => (
        <Card key={k} size="small" title={label(signKindLabel[k])} style={{ marginBottom: 12 }}>
          <Space align="start" wrap>
            <Form.Item name={['signs', k, 'status']} label={`${label(signKindLabel[k])}`} rules={[{ required: true }]} style={{ minWidth: 160 }}>
              <Select options={SIGN_STATUSES.map((s) => ({ value: s, label: label(signStatusLabel[s]) }))} />
            </Form.Item>
            <Form.Item
              name={['signs', k, 'checkedOn']}
              label={`${label(signKindLabel[k])} ${label(L.checkedOn)}`}
              rules={[{ required: statuses?.[k]?.status !== 'none', message: label(L.required) }]}
            >
              <Input type="date" max={today()} />
            </Form.Item>
          </Space>
          {statuses?.[k]?.status && statuses[k].status !== 'none' ? (
            <>
              {current.signs[k].photoFileId && signPhotos[k].length === 0 ? (
                <div className="evidence-row">
                  <PhotoThumb fileId={current.signs[k].photoFileId!} mime="image/jpeg" alt={label(L.signPhoto)} />
                </div>
              ) : null}
              <FileUploadField
                label={`${label(signKindLabel[k])} · ${label(L.photo)}`}
                purpose="photo"
                regionCode={site.regionCode}
                value={signPhotos[k]}
                onChange={(files) => setSignPhotos((s) => ({ ...s, [k]: files }))}
              />
            </>
          ) : null}
        </Card>
      ))}
      <FormActions onCancel={onClose} saving={save.isPending} />
    </Form>
  );
}

/* ---------- records (S2, S4) ---------- */

type RecordBase = { id: string; recordedBy: string | null; createdAt: string; evidence: Evidence[] };

/**
 * A card of a site's dated records (封堵记录, 三不留核查) as the server lists them, each with who
 * recorded it and its evidence, and for writers a button opening the form of a new one.
 */
function RecordsCard<R extends RecordBase>({ title, add, empty, canWrite, query, intro, itemClass, item, form }: {
  title: Label;
  add: Label;
  empty: Label;
  canWrite: boolean;
  query: UseQueryResult<R[]>;
  intro: ReactNode;
  itemClass: (record: R) => string;
  /** What is particular to a record, above who recorded it. */
  item: (record: R) => ReactNode;
  form: (onClose: () => void) => ReactNode;
}) {
  const label = useLabel();
  const [open, setOpen] = useState(false);
  return (
    <Card
      title={<h2 className="card-heading">{label(title)}</h2>}
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {label(add)}
          </Button>
        ) : null
      }
    >
      {intro}
      <QueryBoundary query={query}>
        {(list) =>
          list.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label(empty)} />
          ) : (
            <ul className="record-list" aria-label={label(title)}>
              {list.map((r) => (
                <li key={r.id} className={itemClass(r)}>
                  {item(r)}
                  <div className="muted">
                    {label(L.recordedBy)} {r.recordedBy ?? '—'} · {dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}
                  </div>
                  <EvidenceRow evidence={r.evidence} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryBoundary>
      {canWrite ? (
        <Modal open={open} onCancel={() => setOpen(false)} title={label(add)} footer={null} destroyOnHidden>
          {open ? form(() => setOpen(false)) : null}
        </Modal>
      ) : null}
    </Card>
  );
}

/* ---------- S2 sealing ---------- */

function SealingRecordsCard({ site, canWrite }: { site: SiteDetail; canWrite: boolean }) {
  const label = useLabel();
  const records = useSealingRecords(site.id);
  const status = String(site.attributes.sealingStatus ?? 'unsealed') as SealingStatus;
  return (
    <RecordsCard
      title={L.sealingRecords}
      add={L.recordSealing}
      empty={L.noSealing}
      canWrite={canWrite}
      query={records}
      intro={
        <p>
          {label(L.sealingStatus)}：<Tag color={status === 'sealed' ? 'green' : status === 'incomplete' ? 'orange' : 'red'}>{label(sealingStatusLabel[status])}</Tag>
        </p>
      }
      itemClass={(r) => `is-${r.status}`}
      item={(r) => (
        <>
          <div>
            <strong>{r.on}</strong> <Tag>{label(sealingStatusLabel[r.previousStatus])}</Tag>→<Tag color={r.status === 'sealed' ? 'green' : r.status === 'incomplete' ? 'orange' : 'red'}>{label(sealingStatusLabel[r.status])}</Tag>
            {r.status === 'incomplete' ? <Tag color="orange">{label(L.reopened)}</Tag> : null}
          </div>
          {r.note ? <div>{r.note}</div> : null}
        </>
      )}
      form={(onClose) => <SealingForm site={site} onClose={onClose} />}
    />
  );
}

type SealingFormValues = { status: SealingStatus; on: string; note?: string };

function SealingForm({ site, onClose }: { site: SiteDetail; onClose: () => void }) {
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<SealingFormValues>();
  const photos = useEvidence();
  const record = useRecordSealing(site.id);
  const chosen = Form.useWatch('status', form);

  const onFinish = (v: SealingFormValues) => {
    if (v.status === 'sealed' && photos.files.length === 0) {
      photos.setError(label(L.sealedNeedsPhoto));
      return;
    }
    record.mutate(
      { status: v.status, on: v.on, note: v.note?.trim() ?? '', photoFileIds: photos.files.map((p) => p.id) },
      {
        onSuccess: (r) => {
          void message.success(`${label(L.saved)}：${label(sealingStatusLabel[r.record.status])}`);
          if (r.record.evidence.some((e) => e.far)) void message.warning(label(L.farHint));
          onClose();
        },
        onError: (e) => applyFieldErrors(form, e, ['status', 'on', 'note']),
      },
    );
  };

  return (
    <Form<SealingFormValues> form={form} layout="vertical" initialValues={{ on: today() }} onFinish={onFinish} disabled={record.isPending}>
      <ApiErrorAlert error={record.error} />
      <Form.Item name="status" label={label(L.sealingStatus)} rules={[{ required: true, message: label(L.required) }]}>
        <Select options={SEALING_STATUSES.map((s) => ({ value: s, label: label(sealingStatusLabel[s]) }))} />
      </Form.Item>
      <Form.Item name="on" label={label(L.sealingOn)} rules={[{ required: true, message: label(L.required) }]}>
        <Input type="date" max={today()} />
      </Form.Item>
      <Form.Item name="note" label={label(L.note)} rules={[{ required: chosen === 'incomplete', whitespace: true, message: label(L.incompleteNeedsNote) }, { max: 1000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <EvidenceField label={label(L.sealingPhotos)} purpose="photo" regionCode={site.regionCode} evidence={photos} />
      <FormActions onCancel={onClose} saving={record.isPending} />
    </Form>
  );
}

/* ---------- S4 三不留 ---------- */

function ThreeNoRemainCard({ site, canWrite }: { site: SiteDetail; canWrite: boolean }) {
  const label = useLabel();
  const checks = useThreeNoRemain(site.id);
  const yesNo = (v: boolean) => <Tag color={v ? 'green' : 'red'}>{label(v ? L.yes : L.no)}</Tag>;
  return (
    <RecordsCard
      title={L.tnr}
      add={L.recordTnr}
      empty={L.noTnr}
      canWrite={canWrite}
      query={checks}
      intro={<Typography.Paragraph type="secondary">{label(L.tnrBasis)}</Typography.Paragraph>}
      itemClass={(c) => (c.passed ? 'is-passed' : 'is-failed')}
      item={(c) => (
        <>
          <div>
            <strong>{c.checkedOn}</strong> <Tag color={c.passed ? 'green' : 'red'}>{label(c.passed ? L.passed : L.failed)}</Tag>
          </div>
          <div>
            {label(L.noPersonnel)} {yesNo(c.noPersonnel)} {label(L.noEquipment)} {yesNo(c.noEquipment)} {label(L.noBuildings)} {yesNo(c.noBuildings)}
          </div>
          {c.note ? <div>{c.note}</div> : null}
        </>
      )}
      form={(onClose) => <ThreeNoRemainForm site={site} onClose={onClose} />}
    />
  );
}

type TnrValues = { noPersonnel: boolean; noEquipment: boolean; noBuildings: boolean; checkedOn: string; note?: string };

function ThreeNoRemainForm({ site, onClose }: { site: SiteDetail; onClose: () => void }) {
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<TnrValues>();
  const evidence = useEvidence();
  const record = useRecordThreeNoRemain(site.id);
  const onFinish = (v: TnrValues) => {
    if (evidence.files.length === 0) {
      evidence.setError(label(L.tnrEvidenceRequired));
      return;
    }
    record.mutate(
      { noPersonnel: !!v.noPersonnel, noEquipment: !!v.noEquipment, noBuildings: !!v.noBuildings, checkedOn: v.checkedOn, note: v.note?.trim() ?? '', evidenceFileIds: evidence.files.map((e) => e.id) },
      {
        onSuccess: (c) => {
          void message.success(`${label(L.saved)}：${label(c.passed ? L.passed : L.failed)}`);
          onClose();
        },
        onError: (e) => applyFieldErrors(form, e, ['checkedOn', 'note']),
      },
    );
  };
  return (
    <Form<TnrValues> form={form} layout="vertical" initialValues={{ noPersonnel: false, noEquipment: false, noBuildings: false, checkedOn: today() }} onFinish={onFinish} disabled={record.isPending}>
      <ApiErrorAlert error={record.error} />
      <Form.Item name="noPersonnel" valuePropName="checked">
        <Checkbox>{label(L.noPersonnel)}</Checkbox>
      </Form.Item>
      <Form.Item name="noEquipment" valuePropName="checked">
        <Checkbox>{label(L.noEquipment)}</Checkbox>
      </Form.Item>
      <Form.Item name="noBuildings" valuePropName="checked">
        <Checkbox>{label(L.noBuildings)}</Checkbox>
      </Form.Item>
      <Form.Item name="checkedOn" label={label(L.tnrCheckedOn)} rules={[{ required: true, message: label(L.required) }]}>
        <Input type="date" max={today()} />
      </Form.Item>
      <Form.Item name="note" label={label(L.note)} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <EvidenceField label={label(L.tnrEvidence)} purpose="document" regionCode={site.regionCode} evidence={evidence} />
      <FormActions onCancel={onClose} saving={record.isPending} />
    </Form>
  );
}
