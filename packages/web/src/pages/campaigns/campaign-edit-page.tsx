import type { ReactNode } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import {
  CAMPAIGN_KINDS,
  PER_MINE_REQUIREMENTS,
  RANKS,
  WORK_GROUP_KINDS,
  campaign002,
  campaignKindLabel,
  can,
  perMineRequirementLabel,
  rankLabel,
  type Campaign,
  type CampaignDetail,
  type CampaignKind,
  type PerMineRequirement,
  type Rank,
} from '@minewatch/core';
import { useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { useCampaign, useCreateCampaign, usePatchCampaign } from '../../api/campaigns';
import { useLabel, useT } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { LoadingBlock } from '../../ui/loading-block';
import { NoAccessResult } from '../../ui/no-access-result';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { useLedgerText } from '../ledger/ledger-text';
import { KEY_PATTERN } from './copy-campaign-modal';

/** Where an item entered in the app is "printed" (the schema asks every item for its source). */
const IN_APP = '平台填写';
const d = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const day = (v: string | null | undefined) => (v ? dayjs(v) : null);
const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

type Values = {
  key: string;
  name: string;
  en?: string;
  kind: CampaignKind;
  documentTitle: string;
  docNo?: string;
  issuedOn?: Dayjs | null;
  issuers: string[];
  regionCode: string;
  scopeCodes: string[];
  period: { start?: Dayjs | null; end?: Dayjs | null; printed?: string };
  phases: { key?: string; name: string; en?: string; start: Dayjs; end: Dayjs }[];
  dueItems: { key?: string; phaseKey?: string | null; what: string; from: string; to?: string; dueBy?: Dayjs | null; workGroupKey?: string | null }[];
  workGroups: { key?: string; name: string; kind: (typeof WORK_GROUP_KINDS)[number] }[];
  taxonomy: { code?: string; name: string; en?: string; workGroupKey?: string | null; aliases?: string[]; deadlineLimit?: Dayjs | null; deadlineBasis?: string }[];
  rules: {
    deadlineLimit?: Dayjs | null;
    deadlineBasis?: string;
    minResponsibleRank?: Rank | null;
    rankBasis?: string;
    methodFormat?: boolean;
    methodExample?: string;
    methodPrinted?: string;
    requireResponsibleContact?: boolean;
    singleResponsiblePerson?: boolean;
  };
  targets: { key?: string; what: string; count: number; unit: string; dueBy?: Dayjs | null }[];
  stages: { code?: string; name: string; en?: string }[];
  perMine: PerMineRequirement[];
  perMinePrinted?: string;
  ledger: { on?: boolean; title?: string; groupLabel?: string; columns?: string; notes?: string };
};
const FIELDS = [
  'key',
  'name',
  'en',
  'kind',
  'documentTitle',
  'docNo',
  'issuedOn',
  'issuers',
  'regionCode',
  'scopeCodes',
  'period',
  'phases',
  'dueItems',
  'workGroups',
  'taxonomy',
  'rules',
  'targets',
  'stages',
  'perMine',
  'perMinePrinted',
] as const;

/** `/campaigns/new`: a campaign set up from scratch. */
export function CampaignCreatePage() {
  const t = useLedgerText();
  const me = useMe();
  if (!me.data) return <LoadingBlock />;
  if (!can(me.data.role, 'campaign.write')) return <NoAccessResult />;
  return (
    <div className="narrow-form wide">
      <PageTitle>{t('edit.createTitle')}</PageTitle>
      <CampaignEditor />
    </div>
  );
}

/** `/campaigns/:id/edit`: change a campaign of the user's region (key and region stay; copy to change them). */
export function CampaignEditPage() {
  const { id } = useParams();
  const campaign = useCampaign(id);
  const t = useLedgerText();
  const me = useMe();
  return (
    <QueryBoundary query={campaign}>
      {(c) =>
        me.data && can(me.data.role, 'campaign.write') && !c.inherited ? (
          <div className="narrow-form wide">
            <PageTitle>{t('edit.editTitle', { name: c.name })}</PageTitle>
            <CampaignEditor detail={c} />
          </div>
        ) : (
          <NoAccessResult />
        )
      }
    </QueryBoundary>
  );
}

/** A fresh slug not among `taken`: prefix_1, prefix_2, … */
function freshKey(prefix: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const k = `${prefix}_${i}`;
    if (!taken.has(k)) {
      taken.add(k);
      return k;
    }
  }
}

function toValues(c: Campaign): Values {
  const l = c.templates.ledger;
  return {
    key: c.key,
    name: c.name,
    en: c.en,
    kind: c.kind,
    documentTitle: c.documentTitle,
    docNo: c.docNo ?? '',
    issuedOn: day(c.issuedOn),
    issuers: c.issuers,
    regionCode: c.regionCode,
    scopeCodes: c.scopeCodes,
    period: { start: day(c.period.start), end: day(c.period.end), printed: c.period.printed ?? '' },
    phases: c.phases.map((p) => ({ key: p.key, name: p.name, en: p.en, start: dayjs(p.start), end: dayjs(p.end) })),
    dueItems: c.dueItems.map((x) => ({ key: x.key, phaseKey: x.phaseKey, what: x.what, from: x.from, to: x.to ?? '', dueBy: day(x.dueBy), workGroupKey: x.workGroupKey })),
    workGroups: c.workGroups.map((g) => ({ key: g.key, name: g.name, kind: g.kind })),
    taxonomy: c.taxonomy.map((x) => ({ code: x.code, name: x.name, en: x.en, workGroupKey: x.workGroupKey, aliases: x.aliases, deadlineLimit: day(x.deadlineLimit), deadlineBasis: x.deadlineBasis ?? '' })),
    rules: {
      deadlineLimit: day(c.rules.deadlineLimit),
      deadlineBasis: c.rules.deadlineBasis ?? '',
      minResponsibleRank: c.rules.minResponsibleRank,
      rankBasis: c.rules.rankBasis ?? '',
      methodFormat: !!c.rules.methodFormat,
      methodExample: c.rules.methodFormat?.example ?? '',
      methodPrinted: c.rules.methodFormat?.printed ?? '',
      requireResponsibleContact: c.rules.requireResponsibleContact,
      singleResponsiblePerson: c.rules.singleResponsiblePerson,
    },
    targets: c.targets.map((x) => ({ key: x.key, what: x.what, count: x.count, unit: x.unit, dueBy: day(x.dueBy) })),
    stages: c.stages.map((s) => ({ code: s.code, name: s.name, en: s.en })),
    perMine: c.perMine,
    perMinePrinted: c.perMinePrinted ?? '',
    ledger: { on: !!l, title: l?.title ?? '', groupLabel: l?.groupLabel ?? '', columns: l?.columns.join('\n') ?? '', notes: l?.notes.join('\n') ?? '' },
  };
}

/**
 * The campaign document from the form. Items keep what the form does not show (printed text,
 * sections, hazard ledgers, penalties, duties …) from `orig`; new items get fresh keys and are
 * marked as entered in the app.
 */
function fromValues(v: Values, orig: Campaign | null): Campaign {
  const opt = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  const en = (s: string | undefined, zh: string) => s?.trim() || zh;
  const keys = (xs: { key?: string; code?: string }[]) => new Set(xs.map((x) => x.key ?? x.code).filter((k): k is string => !!k));
  const phaseKeys = keys(v.phases ?? []);
  const phases = (v.phases ?? []).map((p, i) => {
    const o = orig?.phases.find((x) => x.key === p.key);
    const start = d(p.start)!;
    const end = d(p.end)!;
    return {
      key: p.key ?? freshKey('phase', phaseKeys),
      ordinal: i + 1,
      name: p.name.trim(),
      en: en(p.en, p.name.trim()),
      start,
      end,
      printed: o && o.start === start && o.end === end && o.name === p.name.trim() ? o.printed : `${p.name.trim()}（${start}至${end}）`,
      startDerived: o && o.start === start ? o.startDerived : false,
    };
  });
  const groupKeys = keys(v.workGroups ?? []);
  const workGroups = (v.workGroups ?? []).map((g) => {
    const o = orig?.workGroups.find((x) => x.key === g.key);
    const key = g.key ?? freshKey('group', groupKeys);
    return { key, bodyKey: o?.bodyKey ?? key, name: g.name.trim(), kind: g.kind, districtCodes: o?.districtCodes ?? [] };
  });
  const dueKeys = keys(v.dueItems ?? []);
  const dueItems = (v.dueItems ?? []).map((x) => {
    const o = orig?.dueItems.find((y) => y.key === x.key);
    const same = o && o.what === x.what.trim();
    return {
      key: x.key ?? freshKey('due', dueKeys),
      phaseKey: x.phaseKey ?? null,
      what: x.what.trim(),
      en: same ? o.en : x.what.trim(),
      from: x.from.trim(),
      to: opt(x.to),
      dueBy: d(x.dueBy),
      printed: same ? o.printed : x.what.trim(),
      section: same ? o.section : IN_APP,
      workGroupKey: x.workGroupKey ?? null,
    };
  });
  const typeKeys = keys(v.taxonomy ?? []);
  const taxonomy = (v.taxonomy ?? []).map((x) => {
    const o = orig?.taxonomy.find((y) => y.code === x.code);
    const limit = d(x.deadlineLimit);
    return {
      code: x.code ?? freshKey('type', typeKeys),
      name: x.name.trim(),
      en: en(x.en, x.name.trim()),
      workGroupKey: x.workGroupKey ?? null,
      section: o?.section ?? IN_APP,
      printed: o?.printed ?? x.name.trim(),
      aliases: (x.aliases ?? []).map((a) => a.trim()).filter(Boolean),
      deadlineLimit: limit,
      deadlineBasis: limit ? (opt(x.deadlineBasis) ?? IN_APP) : null,
      hazardLedger: o?.hazardLedger ?? null,
    };
  });
  const targetKeys = keys(v.targets ?? []);
  const targets = (v.targets ?? []).map((x) => {
    const o = orig?.targets.find((y) => y.key === x.key);
    const same = o && o.what === x.what.trim();
    return {
      key: x.key ?? freshKey('target', targetKeys),
      what: x.what.trim(),
      en: same ? o.en : x.what.trim(),
      count: x.count,
      unit: x.unit.trim(),
      dueBy: d(x.dueBy),
      printed: same ? o.printed : `${x.what.trim()} ${x.count} ${x.unit.trim()}`,
      section: same ? o.section : IN_APP,
    };
  });
  const stageKeys = keys(v.stages ?? []);
  const stages = (v.stages ?? []).map((s) => ({ code: s.code ?? freshKey('stage', stageKeys), name: s.name.trim(), en: en(s.en, s.name.trim()) }));
  const r = v.rules;
  const typeSet = new Set(taxonomy.map((x) => x.code));
  const groupSet = new Set(workGroups.map((g) => g.key));
  const limit = d(r.deadlineLimit);
  const rank = r.minResponsibleRank ?? null;
  const ledger = v.ledger.on
    ? {
        id: orig?.templates.ledger?.id ?? `${v.key}_ledger`,
        title: v.ledger.title?.trim() ?? '',
        groupLabel: v.ledger.groupLabel?.trim() ?? '',
        columns: lines(v.ledger.columns),
        notes: lines(v.ledger.notes),
        section: orig?.templates.ledger?.section ?? IN_APP,
      }
    : null;
  return {
    key: v.key.trim(),
    seed: orig?.seed ?? null,
    kind: v.kind,
    name: v.name.trim(),
    en: en(v.en, v.name.trim()),
    documentTitle: v.documentTitle.trim(),
    docNo: opt(v.docNo),
    issuedOn: d(v.issuedOn),
    issuers: (v.issuers ?? []).map((s) => s.trim()).filter(Boolean),
    regionCode: v.regionCode,
    scopeCodes: v.scopeCodes?.length ? v.scopeCodes : [v.regionCode],
    leadBodyKey: orig?.leadBodyKey ?? null,
    officeBodyKey: orig?.officeBodyKey ?? null,
    period: { start: d(v.period.start), end: d(v.period.end), printed: opt(v.period.printed) },
    phases,
    dueItems,
    workGroups,
    taxonomy,
    rules: {
      deadlineLimit: limit,
      deadlineBasis: limit ? (opt(r.deadlineBasis) ?? IN_APP) : null,
      minResponsibleRank: rank,
      rankBasis: rank ? (opt(r.rankBasis) ?? IN_APP) : null,
      methodFormat: r.methodFormat ? { example: r.methodExample?.trim() || '露天+煤矿', printed: r.methodPrinted?.trim() || IN_APP } : null,
      typeBasis: orig?.rules.typeBasis ?? null,
      requireResponsibleContact: !!r.requireResponsibleContact,
      singleResponsiblePerson: !!r.singleResponsiblePerson,
      // Penalty rules are kept as loaded; those naming a removed type or group are dropped with it.
      penalties: (orig?.rules.penalties ?? [])
        .map((p) => ({ ...p, problemTypeCodes: p.problemTypeCodes.filter((c) => typeSet.has(c)) }))
        .filter((p) => p.workGroupKey === null || groupSet.has(p.workGroupKey)),
    },
    targets,
    stages,
    perMine: v.perMine ?? [],
    perMinePrinted: opt(v.perMinePrinted),
    checklistId: orig?.checklistId ?? null,
    cadences: orig?.cadences ?? [],
    orders: orig?.orders ?? [],
    duties: orig?.duties ?? [],
    templates: { ledger, report: orig?.templates.report ?? null },
    notes: orig?.notes ?? [],
  };
}

const EMPTY: Partial<Values> = {
  kind: 'campaign',
  issuers: [],
  scopeCodes: [],
  period: {},
  phases: [],
  dueItems: [],
  workGroups: [],
  taxonomy: [{ name: '' }],
  rules: { requireResponsibleContact: true, singleResponsiblePerson: false, methodFormat: false },
  targets: [],
  stages: [],
  perMine: [],
  ledger: { on: false },
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card title={<h2 className="card-heading">{title}</h2>} className="form-card">
      {children}
    </Card>
  );
}

function RemoveButton({ onClick, name }: { onClick: () => void; name: string }) {
  const t = useLedgerText();
  return (
    <Button type="text" danger icon={<MinusCircleOutlined />} onClick={onClick} aria-label={`${t('edit.remove')} ${name}`}>
      {t('edit.remove')}
    </Button>
  );
}

function CampaignEditor({ detail }: { detail?: CampaignDetail }) {
  const t = useLedgerText();
  const tt = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { code, roots, withRegion } = useCurrentRegion();
  const [form] = Form.useForm<Values>();
  const create = useCreateCampaign();
  const patch = usePatchCampaign(detail?.id ?? '');
  const saving = create.isPending || patch.isPending;
  const error = create.error ?? patch.error;
  const orig = detail?.data ?? null;
  const phases = (Form.useWatch('phases', form) as Values['phases'] | undefined) ?? [];
  const groups = (Form.useWatch('workGroups', form) as Values['workGroups'] | undefined) ?? [];
  const ledgerOn = Form.useWatch(['ledger', 'on'], form) as boolean | undefined;
  const methodOn = Form.useWatch(['rules', 'methodFormat'], form) as boolean | undefined;
  const regionCode = (Form.useWatch('regionCode', form) as string | undefined) ?? code;
  const regionRoot = roots.find((r) => regionCode.startsWith(r.code.replace(/0+$/, ''))) ?? roots[0];

  const onFinish = () => {
    // The whole store: list items keep their keys, which have no input of their own.
    const data = fromValues(form.getFieldsValue(true) as Values, orig);
    const onError = (err: Error) => {
      applyFieldErrors(form, err, FIELDS);
      if (isApiError(err) && err.status === 409 && detail) void message.error(t('edit.conflict'));
    };
    if (detail) {
      const { key: _k, regionCode: _r, seed: _s, ...parts } = data;
      patch.mutate(
        { version: detail.version, data: parts },
        {
          onSuccess: (c) => {
            void message.success(t('campaign.saved'));
            void navigate(withRegion(`/campaigns/${c.id}`));
          },
          onError,
        },
      );
    } else {
      create.mutate(data, {
        onSuccess: (c) => {
          void message.success(t('edit.created'));
          void navigate(withRegion(`/campaigns/${c.id}`));
        },
        onError,
      });
    }
  };

  // New phases and groups get their keys when added, so due items and types can name them before saving.
  const phaseOptions = phases.filter((p) => p?.key).map((p, i) => ({ value: p.key!, label: p.name || `#${i + 1}` }));
  const groupOptions = groups.filter((g) => g?.key).map((g, i) => ({ value: g.key!, label: g.name || `#${i + 1}` }));
  const required = { required: true, whitespace: true, message: t('edit.required') };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={saving}
      initialValues={orig ? toValues(orig) : { ...EMPTY, regionCode: code, scopeCodes: [code] }}
      scrollToFirstError
    >
      <ApiErrorAlert error={error} />
      <Section title={t('edit.basics')}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('edit.name')} rules={[required, { max: 300 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="en" label={t('edit.en')} extra={t('edit.en.missing')} rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="key" label={t('edit.key')} extra={t('copy.keyHelp')} rules={[{ required: true, message: t('edit.required') }, { pattern: KEY_PATTERN, message: t('copy.keyInvalid') }]}>
              <Input disabled={!!detail} spellCheck={false} autoCapitalize="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('edit.kind')} rules={[{ required: true }]}>
              <Select options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: label(campaignKindLabel[k]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="documentTitle" label={t('edit.documentTitle')} rules={[required, { max: 300 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="docNo" label={t('edit.docNo')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuedOn" label={t('edit.issuedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="issuers" label={t('edit.issuers')} extra={t('edit.issuersHelp')}>
              <Select mode="tags" open={false} tokenSeparators={['，', ',', '、']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('edit.region')} rules={[{ required: true }]}>
              <RegionTreeSelect roots={roots} disabled={!!detail} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.List name="scopeCodes">
              {(fields, { add, remove }) => (
                <Form.Item label={t('edit.scope')} extra={t('edit.scopeHelp')}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item name={f.name} rules={[{ required: true }]} style={{ minWidth: 220, marginBottom: 8 }}>
                        <RegionTreeSelect roots={regionRoot ? [regionRoot] : roots} aria-label={t('edit.scope')} />
                      </Form.Item>
                      <RemoveButton onClick={() => remove(f.name)} name={t('edit.scope')} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(regionCode)}>
                    {t('edit.scope')}
                  </Button>
                </Form.Item>
              )}
            </Form.List>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name={['period', 'start']} label={t('edit.periodStart')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name={['period', 'end']} label={t('edit.periodEnd')} extra={t('edit.periodEndHelp')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['period', 'printed']} label={t('edit.periodPrinted')} rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Section>

      <Section title={t('edit.phases')}>
        <Form.List name="phases">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <fieldset key={f.key} className="form-fieldset">
                  <legend>
                    {i + 1}. {phases[i]?.name || t('edit.phaseName')}
                  </legend>
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item name={[f.name, 'name']} label={t('edit.phaseName')} rules={[required, { max: 100 }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[f.name, 'en']} label={t('edit.phaseEn')} rules={[{ max: 200 }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item name={[f.name, 'start']} label={t('edit.periodStart')} rules={[{ required: true, message: t('edit.required') }]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item name={[f.name, 'end']} label={t('edit.periodEnd')} rules={[{ required: true, message: t('edit.required') }]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <RemoveButton onClick={() => remove(f.name)} name={phases[i]?.name ?? ''} />
                </fieldset>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: freshKey('phase', new Set(phases.map((p) => p?.key ?? ''))), name: '' })}>
                {t('edit.addPhase')}
              </Button>
            </>
          )}
        </Form.List>
      </Section>

      <Section title={t('edit.workGroups')}>
        <Form.List name="workGroups">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={12} align="bottom">
                  <Col xs={24} md={14}>
                    <Form.Item name={[f.name, 'name']} label={t('edit.groupName')} rules={[required, { max: 300 }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={6}>
                    <Form.Item name={[f.name, 'kind']} label={t('edit.groupKind')} rules={[{ required: true }]}>
                      <Select
                        options={WORK_GROUP_KINDS.map((k) => ({
                          value: k,
                          label: { work_group: '工作组 Work group', supervision_group: '督查组 Supervision group', task_force: '工作专班 Task force' }[k],
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item>
                      <RemoveButton onClick={() => remove(f.name)} name={groups[i]?.name ?? ''} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: freshKey('group', new Set(groups.map((g) => g?.key ?? ''))), name: '', kind: 'work_group' })}>
                {t('edit.addGroup')}
              </Button>
            </>
          )}
        </Form.List>
      </Section>

      <Section title={t('edit.dueItems')}>
        <Form.List name="dueItems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <fieldset key={f.key} className="form-fieldset">
                  <legend>#{i + 1}</legend>
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item name={[f.name, 'what']} label={t('edit.dueWhat')} rules={[required, { max: 300 }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[f.name, 'from']} label={t('edit.dueFrom')} rules={[required, { max: 200 }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[f.name, 'to']} label={t('edit.dueTo')} rules={[{ max: 200 }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[f.name, 'dueBy']} label={t('edit.dueBy')}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={9}>
                      <Form.Item name={[f.name, 'phaseKey']} label={t('edit.duePhase')}>
                        <Select allowClear options={phaseOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={9}>
                      <Form.Item name={[f.name, 'workGroupKey']} label={t('edit.typeGroup')}>
                        <Select allowClear options={groupOptions} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <RemoveButton onClick={() => remove(f.name)} name={`#${i + 1}`} />
                </fieldset>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ what: '', from: '' })}>
                {t('edit.addDue')}
              </Button>
            </>
          )}
        </Form.List>
      </Section>

      <Section title={t('edit.taxonomy')}>
        <Form.List
          name="taxonomy"
          rules={[
            {
              validator: async (_r, v: unknown[] | undefined) => {
                if (!v || v.length === 0) throw new Error(t('edit.taxonomyRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <fieldset key={f.key} className="form-fieldset">
                  <legend>#{i + 1}</legend>
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item name={[f.name, 'name']} label={t('edit.typeName')} rules={[required, { max: 200 }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[f.name, 'en']} label={t('edit.typeEn')} rules={[{ max: 300 }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[f.name, 'workGroupKey']} label={t('edit.typeGroup')}>
                        <Select allowClear options={groupOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[f.name, 'aliases']} label={t('edit.typeAliases')}>
                        <Select mode="tags" open={false} tokenSeparators={['，', ',', '、']} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[f.name, 'deadlineLimit']} label={t('campaign.typeDeadline')}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[f.name, 'deadlineBasis']} label={t('edit.deadlineBasis')} rules={[{ max: 500 }]}>
                        <Input />
                      </Form.Item>
                    </Col>
                  </Row>
                  {fields.length > 1 ? <RemoveButton onClick={() => remove(f.name)} name={`#${i + 1}`} /> : null}
                </fieldset>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', aliases: [] })}>
                {t('edit.addType')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Section>

      <Section title={t('edit.rules')}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['rules', 'deadlineLimit']} label={t('edit.deadlineLimit')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name={['rules', 'deadlineBasis']} label={t('edit.deadlineBasis')} rules={[{ max: 500 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['rules', 'minResponsibleRank']} label={t('edit.minRank')}>
              <Select allowClear options={RANKS.map((r) => ({ value: r, label: label(rankLabel[r]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name={['rules', 'rankBasis']} label={t('edit.rankBasis')} rules={[{ max: 500 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={['rules', 'methodFormat']} valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox>{t('edit.methodFormat')}</Checkbox>
            </Form.Item>
          </Col>
          {methodOn ? (
            <>
              <Col xs={24} md={8}>
                <Form.Item name={['rules', 'methodExample']} label={t('edit.methodExample')} rules={[{ max: 100 }]}>
                  <Input placeholder="露天+煤矿" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name={['rules', 'methodPrinted']} label={t('edit.deadlineBasis')} rules={[{ max: 300 }]}>
                  <Input />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name={['rules', 'requireResponsibleContact']} valuePropName="checked">
              <Checkbox>{t('edit.requireContact')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['rules', 'singleResponsiblePerson']} valuePropName="checked">
              <Checkbox>{t('edit.single')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        {orig && orig.rules.penalties.length ? (
          <Typography.Paragraph type="secondary">{t('edit.penaltiesKept', { n: orig.rules.penalties.length })}</Typography.Paragraph>
        ) : null}
      </Section>

      <Section title={t('edit.targets')}>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={12} align="bottom">
                  <Col xs={24} md={9}>
                    <Form.Item name={[f.name, 'what']} label={t('edit.targetWhat')} rules={[required, { max: 300 }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[f.name, 'count']} label={t('edit.targetCount')} rules={[{ required: true, message: t('edit.required') }]}>
                      <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[f.name, 'unit']} label={t('edit.targetUnit')} rules={[required, { max: 10 }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={5}>
                    <Form.Item name={[f.name, 'dueBy']} label={t('edit.targetDue')}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item>
                      <RemoveButton onClick={() => remove(f.name)} name={`#${i + 1}`} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ what: '', unit: '个' })}>
                {t('edit.addTarget')}
              </Button>
            </>
          )}
        </Form.List>
      </Section>

      <Section title={t('edit.stages')}>
        <Form.List name="stages">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={12} align="bottom">
                  <Col xs={24} md={10}>
                    <Form.Item name={[f.name, 'name']} label={`${i + 1}. ${t('edit.stageName')}`} rules={[required, { max: 50 }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={10}>
                    <Form.Item name={[f.name, 'en']} label={t('edit.phaseEn')} rules={[{ max: 100 }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item>
                      <RemoveButton onClick={() => remove(f.name)} name={`#${i + 1}`} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                {t('edit.addStage')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="perMine" label={t('edit.perMine')} style={{ marginTop: 16 }}>
          <Checkbox.Group options={PER_MINE_REQUIREMENTS.map((r) => ({ value: r, label: label(perMineRequirementLabel[r]) }))} />
        </Form.Item>
        <Form.Item
          name="perMinePrinted"
          label={t('edit.perMinePrinted')}
          dependencies={['perMine']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                if ((getFieldValue('perMine') as string[] | undefined)?.length && !v?.trim()) throw new Error(t('edit.perMinePrintedRequired'));
              },
            }),
            { max: 300 },
          ]}
        >
          <Input />
        </Form.Item>
      </Section>

      <Section title={t('edit.ledgerTemplate')}>
        <Form.Item name={['ledger', 'on']} valuePropName="checked">
          <Checkbox>{t('edit.useTemplate')}</Checkbox>
        </Form.Item>
        {ledgerOn ? (
          <>
            <Form.Item name={['ledger', 'title']} label={t('edit.templateTitle')} rules={[required, { max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name={['ledger', 'groupLabel']} label={t('edit.groupLabel')} rules={[required, { max: 50 }]}>
              <Input placeholder="排查工作组：" />
            </Form.Item>
            <Form.Item
              name={['ledger', 'columns']}
              label={t('edit.templateColumns')}
              rules={[required]}
              extra={
                <Button
                  size="small"
                  style={{ marginTop: 6 }}
                  onClick={() => {
                    const l = campaign002.templates.ledger!;
                    form.setFieldsValue({ ledger: { ...form.getFieldValue('ledger'), columns: l.columns.join('\n'), groupLabel: form.getFieldValue(['ledger', 'groupLabel']) || l.groupLabel } });
                  }}
                >
                  {t('edit.fillAttachment1')}
                </Button>
              }
            >
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
            </Form.Item>
            <Form.Item name={['ledger', 'notes']} label={t('edit.templateNotes')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
            </Form.Item>
          </>
        ) : null}
      </Section>

      <Space className="form-actions" style={{ width: '100%' }}>
        <Button onClick={() => void navigate(-1)}>{tt('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving}>
          {detail ? t('edit.save') : t('edit.create')}
        </Button>
      </Space>
    </Form>
  );
}
