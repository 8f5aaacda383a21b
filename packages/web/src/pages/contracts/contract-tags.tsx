import { Tag } from 'antd';
import dayjs from 'dayjs';
import { siteKindLabel, type Contract, type ContractTarget } from '@minewatch/core';
import { useLabel, useT } from '../../i18n';

/** 正常 (green) / 逾期N天 (red) for one contracted area; nothing while the assignment is not in force. */
export function VisitStatusTag({ target }: { target: Pick<ContractTarget, 'dueBy' | 'overdue' | 'daysOverdue'> }) {
  const t = useT();
  if (target.dueBy === null) return null;
  if (target.overdue) return <Tag color="red">{t('contracts.overdueDays', { n: target.daysOverdue })}</Tag>;
  return <Tag color="green">{t('contracts.ok')}</Tag>;
}

/** 包联中 / 已结束 / 未开始 (the server says whether it is in force today; the rest follows from its dates). */
export function ContractStatusTag({ contract }: { contract: Pick<Contract, 'active' | 'validFrom'> }) {
  const t = useT();
  if (contract.active) return <Tag color="blue">{t('contracts.statusActive')}</Tag>;
  if (contract.validFrom > dayjs().format('YYYY-MM-DD')) return <Tag color="gold">{t('contracts.statusUpcoming')}</Tag>;
  return <Tag>{t('contracts.statusEnded')}</Tag>;
}

/** A target's name: the site's name with its kind, or the township/village name. */
export function useTargetName() {
  const label = useLabel();
  return (target: Pick<ContractTarget, 'kind' | 'regionName' | 'siteName' | 'siteKind'>) =>
    target.kind === 'site'
      ? `${target.siteName ?? ''}${target.siteKind ? `（${label(siteKindLabel[target.siteKind])}）` : ''}`
      : target.regionName;
}

/** "2024-01-01 至 2024-12-31" / "2024-01-01 起". */
export function usePeriodText() {
  const t = useT();
  return (c: Pick<Contract, 'validFrom' | 'validTo'>) =>
    c.validTo ? t('contracts.periodRange', { from: c.validFrom, to: c.validTo }) : t('contracts.periodOpen', { from: c.validFrom });
}
