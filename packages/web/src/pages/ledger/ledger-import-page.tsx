import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Result, Select, Space, Switch, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import {
  PROBLEM_SOURCES,
  can,
  chinaDate,
  problemSourceLabel,
  type CampaignDetail,
  type LedgerCellError,
  type LedgerPreview,
  type LedgerPreviewRow,
  type ProblemSource,
} from '@minewatch/core';
import { useMe } from '../../api/auth';
import { ledgerExportUrl, useCampaign, useLedgerCommit, useLedgerPreview } from '../../api/campaigns';
import { isApiError } from '../../api/client';
import { useI18n, useLabel } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { LoadingBlock } from '../../ui/loading-block';
import { NoAccessResult } from '../../ui/no-access-result';
import { PageTitle } from '../../ui/page-title';
import { QueryBoundary } from '../../ui/query-boundary';
import { useLedgerText } from './ledger-text';
import './ledger.css';

/** `/campaigns/:id/import`: upload a filled-in 附件1 → every row checked, errors on their cells → commit all at once. */
export function LedgerImportPage() {
  const { id } = useParams();
  const campaign = useCampaign(id);
  const me = useMe();
  if (!me.data) return <LoadingBlock />;
  if (!can(me.data.role, 'ledger.import')) return <NoAccessResult />;
  return <QueryBoundary query={campaign}>{(c) => <ImportView c={c} />}</QueryBoundary>;
}

/** The preview row's value shown under each printed column, by the column's place in the template. */
const VALUE_OF: ((r: LedgerPreviewRow) => string)[] = [
  (r) => String(r.row),
  (r) => r.enterprise,
  (r) => r.township,
  (r) => r.methodMineral,
  (r) => r.typeName,
  (r) => r.description,
  (r) => r.measures,
  (r) => r.deadline,
  (r) => r.responsible,
];

const cellKey = (sheet: string, row: number, column: string) => `${sheet}\u0000${row}\u0000${column}`;

function ImportView({ c }: { c: CampaignDetail }) {
  const t = useLedgerText();
  const label = useLabel();
  const navigate = useNavigate();
  const { withRegion } = useCurrentRegion();
  const [file, setFile] = useState<File | null>(null);
  const [foundOn, setFoundOn] = useState<Dayjs>(() => dayjs(chinaDate(new Date())));
  const [source, setSource] = useState<ProblemSource>('survey');
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const preview = useLedgerPreview(c.id);
  const commit = useLedgerCommit(c.id);
  const template = c.data.templates.ledger;

  const check = (f: File, on = foundOn, src = source) => {
    setFile(f);
    setConfirmed([]);
    commit.reset();
    preview.mutate({ file: f, foundOn: on.format('YYYY-MM-DD'), source: src });
  };

  if (!template) {
    return (
      <>
        <PageTitle>{t('import.title')}</PageTitle>
        <Alert type="warning" showIcon title={t('import.noTemplate')} />
      </>
    );
  }

  if (commit.data) {
    const done = commit.data;
    return (
      <>
        <PageTitle>{t('import.title')}</PageTitle>
        <Result
          status="success"
          title={t('import.committed', { n: done.created })}
          subTitle={done.confirmedEnterprises ? t('import.committedByName', { n: done.confirmedEnterprises }) : undefined}
          extra={[
            <Button type="primary" key="list" onClick={() => void navigate(withRegion(`/problems?campaign=${c.id}&import=${done.importId}`))}>
              {t('import.viewImported')}
            </Button>,
            <Button key="export" icon={<DownloadOutlined />} href={ledgerExportUrl(c.id)} download>
              {t('campaign.export')}
            </Button>,
            <Button
              key="again"
              onClick={() => {
                commit.reset();
                preview.reset();
                setFile(null);
              }}
            >
              {t('import.another')}
            </Button>,
          ]}
        />
      </>
    );
  }

  const p = preview.data;
  return (
    <>
      <PageTitle>
        {t('import.title')}
        <span className="page-title-sub"> · {c.name}</span>
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{t('import.intro', { title: template.title })}</Typography.Paragraph>
        <div className="template-columns" style={{ marginBottom: 12 }}>
          {template.columns.map((col) => (
            <span key={col} className="template-column">
              {col}
            </span>
          ))}
        </div>
        <Typography.Paragraph type="secondary">{t('import.accepts')}</Typography.Paragraph>
        <Space wrap align="end" style={{ marginBottom: 12 }}>
          <label className="stacked-label">
            <span>{t('import.foundOn')}</span>
            <DatePicker
              value={foundOn}
              allowClear={false}
              aria-label={t('import.foundOn')}
              onChange={(v) => {
                if (!v) return;
                setFoundOn(v);
                if (file) check(file, v, source);
              }}
            />
          </label>
          <label className="stacked-label">
            <span>{t('import.source')}</span>
            <Select<ProblemSource>
              value={source}
              aria-label={t('import.source')}
              style={{ width: 180 }}
              options={PROBLEM_SOURCES.map((s) => ({ value: s, label: label(problemSourceLabel[s]) }))}
              onChange={(v) => {
                setSource(v);
                if (file) check(file, foundOn, v);
              }}
            />
          </label>
        </Space>
        <Typography.Paragraph type="secondary">{t('import.foundOnHelp')}</Typography.Paragraph>
        <Space wrap>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              check(f);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={preview.isPending}>
              {p ? t('import.reupload') : t('import.pick')}
            </Button>
          </Upload>
          {file ? (
            <Typography.Text>
              <FileExcelOutlined /> {file.name}
            </Typography.Text>
          ) : null}
        </Space>
      </Card>
      {preview.error ? <RefusedFile error={preview.error} /> : null}
      {p ? (
        <PreviewView
          key={p.previewId}
          c={c}
          p={p}
          confirmed={confirmed}
          setConfirmed={setConfirmed}
          committing={commit.isPending}
          commitError={commit.error}
          onCommit={() => commit.mutate({ previewId: p.previewId, confirmEnterprises: confirmed })}
        />
      ) : null}
    </>
  );
}

/** The whole file was refused (not a workbook, no header …): the server's reasons. */
function RefusedFile({ error }: { error: Error }) {
  const t = useLedgerText();
  const details = isApiError(error) ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('import.refused')}
      description={
        <>
          <div>{error.message}</div>
          {details.length ? (
            <ul className="field-error-list">
              {details.map((d, i) => (
                <li key={i}>{d.message}</li>
              ))}
            </ul>
          ) : null}
        </>
      }
    />
  );
}

function PreviewView({
  c,
  p,
  confirmed,
  setConfirmed,
  committing,
  commitError,
  onCommit,
}: {
  c: CampaignDetail;
  p: LedgerPreview;
  confirmed: string[];
  setConfirmed: (v: string[]) => void;
  committing: boolean;
  commitError: Error | null;
  onCommit: () => void;
}) {
  const t = useLedgerText();
  const { lang } = useI18n();
  const [onlyErrors, setOnlyErrors] = useState(p.errorCount > 0);
  const template = c.data.templates.ledger!;
  const msg = (e: LedgerCellError) => (lang === 'zh' ? e.message : e.messageEn || e.message);

  // Errors on a cell of a listed row go onto that cell; the rest (work-group line, header, rows past the listed ones) above the table.
  const { byCell, byRow, general } = useMemo(() => {
    const listed = new Set(p.rows.map((r) => `${r.sheet}\u0000${r.row}`));
    const byCell = new Map<string, LedgerCellError[]>();
    const byRow = new Map<string, LedgerCellError[]>();
    const general: LedgerCellError[] = [];
    for (const e of p.errors) {
      const rowKey = `${e.sheet}\u0000${e.row}`;
      if (e.row !== null && listed.has(rowKey) && e.column && template.columns.includes(e.column)) {
        const k = cellKey(e.sheet, e.row, e.column);
        byCell.set(k, [...(byCell.get(k) ?? []), e]);
      } else if (e.row !== null && listed.has(rowKey)) {
        byRow.set(rowKey, [...(byRow.get(rowKey) ?? []), e]);
      } else general.push(e);
    }
    return { byCell, byRow, general };
  }, [p, template.columns]);

  const sheets = [...new Set(p.rows.map((r) => r.sheet))];
  const rows = onlyErrors ? p.rows.filter((r) => !r.ok) : p.rows;
  const allConfirmed = p.unmatchedEnterprises.every((e) => confirmed.includes(e));
  const canCommit = p.errorCount === 0 && p.rowCount > 0 && allConfirmed;

  const columns: TableColumnsType<LedgerPreviewRow> = [
    ...(sheets.length > 1 ? [{ title: t('import.sheet'), dataIndex: 'sheet', key: 'sheet', width: 140, fixed: 'left' as const }] : []),
    ...template.columns.map((col, i) => ({
      title: col,
      key: `c${i}`,
      width: i === 0 ? 70 : i === 5 || i === 6 ? 240 : i === 8 ? 200 : 140,
      ...(i === 0 ? { fixed: 'left' as const } : {}),
      onCell: (r: LedgerPreviewRow) => {
        const errs = byCell.get(cellKey(r.sheet, r.row, col));
        return errs ? { className: 'cell-error', 'data-error': 'true' } : {};
      },
      render: (_: unknown, r: LedgerPreviewRow) => {
        const errs = byCell.get(cellKey(r.sheet, r.row, col)) ?? [];
        const value = VALUE_OF[i]?.(r) ?? '';
        return (
          <div>
            {i === 0 ? (
              <span title={t('import.rowTitle')}>{value}</span>
            ) : value ? (
              <span className="cell-clamp">{value}</span>
            ) : (
              <span className="cell-value-empty">—</span>
            )}
            {i === 1 && r.siteMatch !== 'matched' && value ? (
              <div>
                <Tag color={r.siteMatch === 'ambiguous' ? 'orange' : 'default'}>{t(`import.site.${r.siteMatch}`)}</Tag>
              </div>
            ) : null}
            {errs.map((e, k) => (
              <span key={k} className="cell-error-msg" role="note">
                {msg(e)}
              </span>
            ))}
            {i === 0
              ? (byRow.get(`${r.sheet}\u0000${r.row}`) ?? []).map((e, k) => (
                  <span key={`r${k}`} className="cell-error-msg" role="note">
                    {msg(e)}
                  </span>
                ))
              : null}
          </div>
        );
      },
    })),
  ];

  return (
    <Card
      title={<h2 className="card-heading">{t('import.previewTitle', { file: p.fileName })}</h2>}
      extra={<Typography.Text type="secondary">{t('import.expires', { at: dayjs(p.expiresAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>}
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {p.errorCount > 0 ? (
          <Alert type="error" showIcon role="alert" title={t('import.hasErrors', { rows: p.rows.filter((r) => !r.ok).length, n: p.errorCount })} description={t('import.fixAndReupload')} />
        ) : p.rowCount === 0 ? (
          <Alert type="warning" showIcon title={t('import.noRows')} />
        ) : (
          <Alert type="success" showIcon title={t('import.clean', { n: p.rowCount })} />
        )}
        {general.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={t('import.generalErrors')}
            description={
              <ul className="field-error-list">
                {general.map((e, i) => (
                  <li key={i}>
                    {e.sheet}
                    {e.row !== null ? ` · ${t('import.rowN', { n: e.row })}` : ''}
                    {e.column ? ` · ${e.column}` : ''}：{msg(e)}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        <Space wrap>
          <Typography.Text strong>{t('import.summary', { rows: p.rowCount, errors: p.errorCount })}</Typography.Text>
          <Switch checked={onlyErrors} onChange={setOnlyErrors} disabled={p.errorCount === 0} aria-label={t('import.onlyErrors')} />
          <span>{t('import.onlyErrors')}</span>
        </Space>
        <Table<LedgerPreviewRow>
          className="ledger-preview-table"
          size="small"
          bordered
          rowKey={(r) => `${r.sheet}:${r.row}`}
          rowClassName={(r) => (r.ok ? '' : 'row-error')}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 1500 }}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        />
        {p.rows.length < p.rowCount ? <Typography.Text type="secondary">{t('import.showing', { n: p.rows.length, total: p.rowCount })}</Typography.Text> : null}
        {p.unmatchedEnterprises.length > 0 && p.errorCount === 0 ? (
          <Card size="small" title={t('import.unmatchedTitle', { n: p.unmatchedEnterprises.length })}>
            <Typography.Paragraph type="secondary">{t('import.unmatchedHelp')}</Typography.Paragraph>
            <Checkbox
              indeterminate={confirmed.length > 0 && !allConfirmed}
              checked={allConfirmed}
              onChange={(e) => setConfirmed(e.target.checked ? [...p.unmatchedEnterprises] : [])}
            >
              {t('import.confirmAll')}
            </Checkbox>
            <Checkbox.Group
              style={{ display: 'grid', gap: 4, marginTop: 8 }}
              value={confirmed}
              onChange={(v) => setConfirmed(v as string[])}
              options={p.unmatchedEnterprises.map((e) => ({ value: e, label: e }))}
            />
          </Card>
        ) : null}
        <ApiErrorAlert error={commitError} />
        <Button type="primary" size="large" disabled={!canCommit} loading={committing} onClick={onCommit}>
          {t('import.commit', { n: p.rowCount })}
        </Button>
        {p.errorCount === 0 && !allConfirmed ? <Typography.Text type="secondary">{t('import.confirmFirst')}</Typography.Text> : null}
      </Space>
    </Card>
  );
}
