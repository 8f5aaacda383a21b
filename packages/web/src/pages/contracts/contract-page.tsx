import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { can, visitMethodLabel, type Contract, type ContractTarget, type Visit } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { fileUrl, useContract, useEndContract, useVisits } from '../../api/contracts';
import { useI18n, useLabel, useT, type Label } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { InfoList } from '../../ui/info-list';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { AuditHistory } from '../audit-history';
import { ContractStatusTag, usePeriodText, useTargetName, VisitStatusTag } from './contract-tags';

/** `/contracts/:id`: one 包联 assignment, its areas' visit state, the visits, its history. */
export function ContractPage() {
  const { id } = useParams();
  const contract = useContract(id);
  return <QueryBoundary query={contract}>{(c) => <ContractView contract={c} />}</QueryBoundary>;
}

/** Field names of the audit events of an assignment, in the user's language. */
const HISTORY_FIELDS: Record<string, Label> = {
  personId: { zh: '包联责任人ID', en: 'Person ID' },
  personName: { zh: '包联责任人', en: 'Contracted person' },
  targets: { zh: '包联区域', en: 'Contracted areas' },
  validFrom: { zh: '起始日期', en: 'From' },
  validTo: { zh: '截止日期', en: 'Until' },
  note: { zh: '备注', en: 'Note' },
  reason: { zh: '结束原因', en: 'Reason' },
  visitId: { zh: '记录ID', en: 'Visit ID' },
  targetId: { zh: '包联区域ID', en: 'Area ID' },
  visitedOn: { zh: '调研督导日期', en: 'Date of visit' },
  method: { zh: '方式', en: 'Method' },
  location: { zh: '位置', en: 'Location' },
  notes: { zh: '情况记录', en: 'Notes' },
  photoFileIds: { zh: '现场照片', en: 'Photos' },
};

const ACTIONS: Record<string, Label> = {
  'contract.create': { zh: '新增包联', en: 'Assigned' },
  'contract.visit': { zh: '调研督导', en: 'Visit' },
  'contract.end': { zh: '结束包联', en: 'Ended' },
};

function ContractView({ contract: c }: { contract: Contract }) {
  const { t } = useI18n();
  const label = useLabel();
  const me = useMe();
  const { withRegion } = useCurrentRegion();
  const role = me.data?.role;
  const canEnd = role ? can(role, 'contract.write') && !c.ended : false;
  const canReadAudit = role ? can(role, 'audit.read') : false;
  const [ending, setEnding] = useState(false);
  const targetName = useTargetName();
  const period = usePeriodText();

  const targetColumns: TableColumnsType<ContractTarget> = [
    { title: t('contracts.targets'), key: 'name', render: (_: unknown, x) => (x.siteId ? <Link to={withRegion(`/sites/${x.siteId}`)}>{targetName(x)}</Link> : targetName(x)) },
    { title: t('contracts.region'), dataIndex: 'regionName', key: 'region' },
    {
      title: t('contracts.lastVisit'),
      key: 'last',
      render: (_: unknown, x) => (x.lastVisitOn ? `${x.lastVisitOn}（${t('contracts.daysAgo', { n: x.daysSinceLastVisit ?? 0 })}）` : t('contracts.never')),
    },
    { title: t('contracts.dueBy'), key: 'due', render: (_: unknown, x) => x.dueBy ?? t('common.none') },
    { title: t('contracts.status'), key: 'status', render: (_: unknown, x) => <VisitStatusTag target={x} /> },
  ];

  const details = (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<h2 className="card-heading">{t('contracts.details')}</h2>}>
        <InfoList
          items={[
            { key: 'person', label: t('contracts.person'), value: [c.person.name, c.person.unitName, c.person.position].filter(Boolean).join(' · ') },
            { key: 'period', label: t('contracts.period'), value: period(c) },
            { key: 'status', label: t('contracts.status'), value: <ContractStatusTag contract={c} /> },
            ...(c.ended ? [{ key: 'ended', label: t('contracts.statusEnded'), value: t('contracts.endedOn', { date: c.ended.on, reason: c.ended.reason }) }] : []),
            { key: 'region', label: t('contracts.region'), value: c.regionName },
            { key: 'note', label: t('contracts.note'), value: c.note || t('common.none') },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('contracts.rule')}
        </Typography.Paragraph>
      </Card>
      <Card title={<h2 className="card-heading">{t('contracts.targets')}</h2>}>
        <Table<ContractTarget>
          rowKey="id"
          size="small"
          columns={targetColumns}
          dataSource={c.targets}
          pagination={false}
          scroll={{ x: 640 }}
          rowClassName={(x) => (x.overdue ? 'row-overdue' : '')}
        />
      </Card>
      <Card title={<h2 className="card-heading">{t('contracts.visits')}</h2>}>
        <VisitList contract={c} />
      </Card>
    </Space>
  );

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <ContractStatusTag contract={c} />
            {c.mayRecordVisit && c.active ? (
              <Link to={withRegion(`/contracts/${c.id}/visit`)}>
                <Button type="primary" icon={<EditOutlined />}>
                  {t('contracts.recordVisit')}
                </Button>
              </Link>
            ) : null}
            {canEnd ? (
              <Button danger icon={<StopOutlined />} onClick={() => setEnding(true)}>
                {t('contracts.end')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {c.person.name} · {t('contracts.title')}
      </PageTitle>
      <Tabs
        defaultActiveKey="details"
        items={[
          { key: 'details', label: t('contracts.details'), children: details },
          ...(canReadAudit
            ? [
                {
                  key: 'history',
                  label: t('contracts.history'),
                  children: <AuditHistory entityType="contract" entityId={c.id} fieldLabel={(f) => (HISTORY_FIELDS[f] ? label(HISTORY_FIELDS[f]) : f)} actionLabel={(a) => (ACTIONS[a] ? label(ACTIONS[a]) : a)} />,
                },
              ]
            : []),
        ]}
      />
      {canEnd ? <EndContractModal open={ending} onClose={() => setEnding(false)} contract={c} /> : null}
    </>
  );
}

function VisitList({ contract: c }: { contract: Contract }) {
  const { t } = useI18n();
  const label = useLabel();
  const visits = useVisits(c.id);
  const targetName = useTargetName();
  const targets = new Map(c.targets.map((x) => [x.id, x]));
  return (
    <QueryBoundary query={visits}>
      {(list) =>
        list.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.noVisits')} />
        ) : (
          <ol className="visit-list" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.map((v: Visit) => {
              const target = targets.get(v.targetId);
              return (
                <li key={v.id} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
                  <strong>{v.visitedOn}</strong> · {target ? targetName(target) : t('common.none')} · {label(visitMethodLabel[v.method])}
                  <div>
                    <Typography.Text type="secondary">
                      {v.location
                        ? `${t('visit.lon')} ${v.location.lon.toFixed(5)} · ${t('visit.lat')} ${v.location.lat.toFixed(5)}${v.location.accuracyM !== null ? ` · ${t('visit.accuracy', { m: Math.round(v.location.accuracyM) })}` : ''}`
                        : t('visit.noLocation')}
                      {' · '}
                      {t('visit.recordedBy')}：{v.recordedBy ?? t('common.none')} {dayjs(v.recordedAt).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                  </div>
                  {v.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{v.notes}</Typography.Paragraph> : null}
                  {v.photoFileIds.length ? (
                    <Space wrap>
                      {v.photoFileIds.map((p, i) => (
                        <a key={p} href={fileUrl(p)} target="_blank" rel="noreferrer">
                          <img src={fileUrl(p)} alt={`${t('visit.photos')} ${i + 1}`} style={{ width: 96, height: 72, objectFit: 'cover', borderRadius: 4 }} />
                        </a>
                      ))}
                    </Space>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )
      }
    </QueryBoundary>
  );
}

type EndForm = { endOn: Dayjs; reason: string };

function EndContractModal({ open, onClose, contract }: { open: boolean; onClose: () => void; contract: Contract }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EndForm>();
  const end = useEndContract(contract.id);
  const onFinish = (v: EndForm) =>
    end.mutate(
      { endOn: v.endOn.format('YYYY-MM-DD'), reason: v.reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('contracts.endedMessage'));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error, ['endOn', 'reason']),
      },
    );
  return (
    <Modal open={open} onCancel={onClose} title={t('contracts.end')} footer={null} destroyOnHidden>
      <Form<EndForm> form={form} layout="vertical" onFinish={onFinish} disabled={end.isPending} initialValues={{ endOn: dayjs() }}>
        <ApiErrorAlert error={end.error} />
        <Form.Item name="endOn" label={t('contracts.endOn')} rules={[{ required: true }]}>
          <DatePicker
            format="YYYY-MM-DD"
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(contract.validFrom), 'day')}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('contracts.endReason')} rules={[{ required: true, whitespace: true, message: t('contracts.endReasonRequired') }, { max: 500 }]}>
          <Input />
        </Form.Item>
        <Space className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger htmlType="submit" loading={end.isPending}>
            {t('contracts.end')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

