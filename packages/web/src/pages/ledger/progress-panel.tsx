import { useState } from 'react';
import { Alert, Segmented, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { CampaignSummary, ProgressGroup, ProgressReport } from '@minewatch/core';
import { useProgress } from '../../api/problems';
import { useCurrentRegion } from '../../layout/region-context';
import { LoadingBlock } from '../../ui/loading-block';
import { useLedgerText } from './ledger-text';

type Figures = ProgressReport['total'];
type FigureKey = keyof Figures;

/** The list filter each figure stands for, so a number opens the problems it counts. */
export const FIGURE_FILTER: Partial<Record<FigureKey, string>> = {
  // the total leaves out voided problems
  total: 'state=found,rectifying,submitted,returned,closed',
  completed: 'progress=completed',
  inProgress: 'progress=in_progress',
  onSchedule: 'progress=on_schedule',
  behindSchedule: 'progress=behind_schedule',
  overdue: 'progress=overdue',
};
const FIGURES: FigureKey[] = ['total', 'completed', 'inProgress', 'onSchedule', 'behindSchedule', 'overdue', 'closedLate'];

/**
 * L5 progress of a campaign in the current region: completed, in progress, on schedule (达到序时进度),
 * behind, overdue — in total and by region, work group or type. The figures come from the same query
 * module as the list filters, so each number links to exactly the problems it counts.
 */
export function ProgressPanel({ campaign }: { campaign: CampaignSummary }) {
  const t = useLedgerText();
  const { code, withRegion } = useCurrentRegion();
  const [groupBy, setGroupBy] = useState<ProgressGroup>('region');
  const progress = useProgress({ campaignId: campaign.id, region: code }, groupBy, !!code);
  const link = (key: FigureKey, extra: string, n: number) => {
    const f = FIGURE_FILTER[key];
    if (key === 'closedLate' || n === 0) return n;
    const to = `/problems?campaign=${campaign.id}${f ? `&${f}` : ''}${extra}`;
    // a region row's link names its own region (which becomes the current one); the others keep the current region
    return <Link to={extra.includes('region=') ? to : withRegion(to)}>{n}</Link>;
  };
  if (progress.isError) return <Alert type="error" showIcon title={progress.error.message} />;
  if (!progress.data) return <LoadingBlock />;
  const r = progress.data;
  const groupParam = (key: string | null) =>
    key === null ? '' : groupBy === 'region' ? `&region=${key}` : groupBy === 'workGroup' ? `&workGroup=${key}` : groupBy === 'type' ? `&type=${key}` : '';
  return (
    <div className="progress-panel">
      <dl className="figure-row">
        {FIGURES.map((k) => (
          <div key={k} className={`figure figure-${k}`}>
            <dt>{t(`figure.${k}`)}</dt>
            <dd>{link(k, '', r.total[k])}</dd>
          </div>
        ))}
      </dl>
      <Typography.Text type="secondary">{t('progress.asOf', { day: r.asOf })}</Typography.Text>
      <div style={{ margin: '12px 0 8px' }}>
        <Segmented<ProgressGroup>
          value={groupBy}
          onChange={setGroupBy}
          options={[
            { value: 'region', label: t('progress.byRegion') },
            { value: 'workGroup', label: t('progress.byWorkGroup') },
            { value: 'type', label: t('progress.byType') },
          ]}
        />
      </div>
      <Table
        size="small"
        rowKey={(g) => g.key ?? '-'}
        dataSource={r.groups}
        pagination={r.groups.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('progress.none') }}
        columns={[
          { title: t(`progress.group.${groupBy === 'campaign' ? 'region' : groupBy}`), dataIndex: 'label', key: 'label' },
          ...FIGURES.map((k) => ({
            title: t(`figure.${k}`),
            key: k,
            align: 'right' as const,
            width: 84,
            render: (_: unknown, g: ProgressReport['groups'][number]) => link(k, groupParam(g.key), g.figures[k]),
          })),
        ]}
      />
    </div>
  );
}
