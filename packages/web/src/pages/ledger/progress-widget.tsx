import { Alert, Card, Empty, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useProgress } from '../../api/problems';
import { useI18n } from '../../i18n';
import { useCurrentRegion } from '../../layout/region-context';
import { LoadingBlock } from '../../ui/loading-block';
import { FIGURE_FILTER } from './progress-panel';
import { useLedgerText } from './ledger-text';
import './ledger.css';
import './progress-widget.css';


/** The four parts a campaign's problems fall into, in the order the bar shows them, with the list filter of each. */
const PARTS = (
  [
    { key: 'completed', className: 'bar-completed' },
    { key: 'onSchedule', className: 'bar-on-schedule' },
    { key: 'behindSchedule', className: 'bar-behind' },
    { key: 'overdue', className: 'bar-overdue' },
  ] as const
).map((p) => ({ ...p, filter: FIGURE_FILTER[p.key]! }));

const NOT_VOIDED = FIGURE_FILTER.total!;
const TITLE = { zh: '专项行动整改进度', en: 'Campaign rectification progress' };
const SHARE = { zh: '完成率', en: 'Done' };

/**
 * The leader's view of the ledger on the overview: per campaign in the current region, how many
 * problems are completed, on schedule (达到序时进度), behind and overdue, as a bar and as numbers.
 * The figures come from GET /api/problems/progress (the same query module as the list filters and
 * the exports), and every number opens the list of exactly the problems it counts.
 */
export function ProgressWidget() {
  const t = useLedgerText();
  const { lang } = useI18n();
  const { code, withRegion } = useCurrentRegion();
  const progress = useProgress({ region: code }, 'campaign', !!code);

  let body;
  if (progress.isError) body = <Alert type="error" showIcon title={progress.error.message} />;
  else if (!progress.data) body = <LoadingBlock />;
  else if (progress.data.groups.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('progress.none')} />;
  else {
    const groups = [...progress.data.groups].sort((a, b) => b.figures.total - a.figures.total);
    body = (
      <>
        <ul className="plain-list progress-widget">
          {groups.map((g) => {
            const f = g.figures;
            const list = (filter: string) => withRegion(`/problems?campaign=${g.key}${filter ? `&${filter}` : ''}`);
            const done = f.total ? Math.round((f.completed * 100) / f.total) : 0;
            return (
              <li key={g.key ?? '-'} className="progress-widget-row">
                <div className="progress-widget-head">
                  <Link to={withRegion(`/campaigns/${g.key}`)}>{g.label}</Link>
                  <Typography.Text type="secondary">
                    <Link to={list(NOT_VOIDED)}>{t('figure.total')} {f.total}</Link> · {SHARE[lang]} {done}%
                  </Typography.Text>
                </div>
                <div className="progress-bar" role="img" aria-label={PARTS.map((p) => `${t(`figure.${p.key}`)} ${f[p.key]}`).join('，')}>
                  {PARTS.filter((p) => f[p.key] > 0).map((p) => (
                    <Tooltip key={p.key} title={`${t(`figure.${p.key}`)} ${f[p.key]}`}>
                      <Link to={list(p.filter)} className={p.className} style={{ flexGrow: f[p.key] }} aria-hidden tabIndex={-1} />
                    </Tooltip>
                  ))}
                </div>
                <dl className="progress-widget-figures">
                  {PARTS.map((p) => (
                    <div key={p.key} className={`figure-${p.key}`}>
                      <dt>
                        <span className={`legend-dot ${p.className}`} />
                        {t(`figure.${p.key}`)}
                      </dt>
                      <dd>{f[p.key] > 0 ? <Link to={list(p.filter)} aria-label={`${g.label}：${t(`figure.${p.key}`)} ${f[p.key]}`}>{f[p.key]}</Link> : 0}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            );
          })}
        </ul>
        <Typography.Text type="secondary">{t('progress.asOf', { day: progress.data.asOf })}</Typography.Text>
      </>
    );
  }
  return <Card title={<h2 className="card-heading">{TITLE[lang]}</h2>}>{body}</Card>;
}
