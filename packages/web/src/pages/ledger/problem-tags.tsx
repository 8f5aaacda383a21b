import { Tag } from 'antd';
import { problemStateLabel, progressClassLabel, type ProblemState, type ProgressClass } from '@minewatch/core';
import { useLabel } from '../../i18n';
import { useLedgerText } from './ledger-text';

const STATE_COLOR: Record<ProblemState, string> = {
  found: 'orange',
  rectifying: 'processing',
  submitted: 'purple',
  returned: 'magenta',
  closed: 'success',
  voided: 'default',
};
const PROGRESS_COLOR: Record<ProgressClass, string> = {
  completed: 'green',
  on_schedule: 'blue',
  behind_schedule: 'gold',
  overdue: 'red',
};

/** 待整改 / 整改中 / 待验收销号 / 已退回 / 已销号 / 已作废 */
export function StateTag({ state }: { state: ProblemState }) {
  const label = useLabel();
  return <Tag color={STATE_COLOR[state]}>{label(problemStateLabel[state])}</Tag>;
}

/** 完成整改 / 达到序时进度 / 未达序时进度 / 超期 N 天 */
export function ProgressTag({ cls, daysOverdue }: { cls: ProgressClass | null; daysOverdue: number }) {
  const label = useLabel();
  const t = useLedgerText();
  if (cls === null) return null;
  return (
    <Tag color={PROGRESS_COLOR[cls]}>
      {cls === 'overdue' ? t('problem.overdueDays', { n: daysOverdue }) : label(progressClassLabel[cls])}
    </Tag>
  );
}
