import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { OPEN_STATES, type ProblemState, type ProgressClass, type ProgressFigures, type ProgressGroup } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/**
 * L5 progress figures in SQL — the one query module behind the list filters, GET
 * /api/problems/progress and the exports, so every screen counts the same way. The rules are core's
 * (problems.ts overdueStatus, onSchedule, classifyProgress, progressFigures); problems-progress.test.ts
 * checks these expressions against core on the same rows:
 *
 * - completed: closed (销号); closed late when closed_on > deadline.
 * - overdue: open and `today` > deadline, except a problem submitted for sign-off on or before its
 *   deadline (the wait is the verifier's).
 * - on schedule (达到序时进度): open, not overdue, done × span ≥ 100 × elapsed, where span =
 *   max(1, deadline − found_on) days, elapsed = clamp(today − found_on, 0, span) days and done = 100
 *   once submitted, else progress_percent.
 * - behind schedule: the other open problems. Voided problems are not counted.
 *
 * Every expression takes the problem table's alias `p` and `today` (an ISO China calendar day).
 */

const OPEN = sql.join(OPEN_STATES.map((s) => sql.lit(s)));
const day = (today: string) => sql`${today}::date`;

/** Submitted for sign-off on or before the deadline: not overdue while it waits. */
const submittedInTime = sql<SqlBool>`(p.state = 'submitted' and coalesce(p.submitted_on <= p.deadline, false))`;

/** Open and past its deadline (the overdue job and the list's `overdue` filter). */
export const overdueSql = (today: string) => sql<SqlBool>`(p.state in (${OPEN}) and p.deadline < ${day(today)} and not ${submittedInTime})`;

/** done × span ≥ 100 × elapsed, in whole days. */
const onScheduleSql = (today: string) => sql<SqlBool>`(
  (case when p.state = 'submitted' then 100 else p.progress_percent end) * greatest(1, p.deadline - p.found_on)
  >= 100 * least(greatest(1, p.deadline - p.found_on), greatest(0, ${day(today)} - p.found_on)))`;

/** The L5 class of a problem row on `today`; null for voided problems. */
export const progressClassSql = (today: string): RawBuilder<ProgressClass | null> => sql<ProgressClass | null>`(case
  when p.state = 'voided' then null
  when p.state = 'closed' then 'completed'
  when ${overdueSql(today)} then 'overdue'
  when ${onScheduleSql(today)} then 'on_schedule'
  else 'behind_schedule' end)`;

/** The list filter for one class, written so the (state, deadline) indexes can serve it. */
export function progressFilterSql(cls: ProgressClass | 'in_progress', today: string): Expression<SqlBool> {
  switch (cls) {
    case 'completed':
      return sql<SqlBool>`p.state = 'closed'`;
    case 'in_progress':
      return sql<SqlBool>`p.state in (${OPEN})`;
    case 'overdue':
      return overdueSql(today);
    case 'on_schedule':
      return sql<SqlBool>`(p.state in (${OPEN}) and not ${overdueSql(today)} and ${onScheduleSql(today)})`;
    case 'behind_schedule':
      return sql<SqlBool>`(p.state in (${OPEN}) and not ${overdueSql(today)} and not ${onScheduleSql(today)})`;
    default: {
      const never: never = cls;
      throw new Error(`unknown progress class ${String(never)}`);
    }
  }
}

/** count(*) per class as the columns of ProgressFigures (one pass over the rows). */
export const figureSelections = (today: string) => [
  sql<number>`count(*) filter (where p.state <> 'voided')::int`.as('total'),
  sql<number>`count(*) filter (where p.state = 'closed')::int`.as('completed'),
  sql<number>`count(*) filter (where p.state in (${OPEN}))::int`.as('inProgress'),
  sql<number>`count(*) filter (where p.state in (${OPEN}) and not ${overdueSql(today)} and ${onScheduleSql(today)})::int`.as('onSchedule'),
  sql<number>`count(*) filter (where p.state in (${OPEN}) and not ${overdueSql(today)} and not ${onScheduleSql(today)})::int`.as('behindSchedule'),
  sql<number>`count(*) filter (where ${overdueSql(today)})::int`.as('overdue'),
  sql<number>`count(*) filter (where p.state = 'closed' and p.closed_on > p.deadline)::int`.as('closedLate'),
];

export const FIGURE_KEYS = ['total', 'completed', 'inProgress', 'onSchedule', 'behindSchedule', 'overdue', 'closedLate'] as const;

/** Rows of the aggregate as numbers (count() comes back as int already; this keeps the shape exact). */
export function figuresOf(row: Record<string, unknown>): ProgressFigures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, Number(row[k] ?? 0)])) as unknown as ProgressFigures;
}

/**
 * The region a problem counts under when grouping below `base` (the filter region, the actor's
 * scope root, or the whole country): the code of the child level that contains it — a prefecture's
 * counties, a county's townships, a township's villages, a province's prefectures, the country's provinces.
 */
export function childRegionSql(base: string | null): RawBuilder<string> {
  if (base === null) return sql<string>`(left(p.region_code, 2) || '0000')`;
  if (base.length === 9) return sql<string>`left(p.region_code, 12)`;
  if (base.length === 12) return sql<string>`p.region_code`;
  if (base.endsWith('0000')) return sql<string>`(left(p.region_code, 4) || '00')`;
  if (base.endsWith('00')) return sql<string>`left(p.region_code, 6)`;
  return sql<string>`left(p.region_code, 9)`;
}

// ---------- the list filter and the figures over it ----------

export interface ProblemFilter {
  campaignId?: string | undefined;
  workGroupKey?: string | undefined;
  state?: ProblemState[] | undefined;
  typeCode?: string | undefined;
  /** Region and below (a prefix on region_code). */
  region?: string | undefined;
  /** true: only overdue; false: only problems that are not overdue. */
  overdue?: boolean | undefined;
  progress?: ProgressClass | 'in_progress' | undefined;
  /** Text in the enterprise (矿山企业), the finding or the measures. */
  q?: string | undefined;
  siteId?: string | undefined;
  responsiblePersonId?: string | undefined;
  /** Problems of one committed 附件1 import. */
  importId?: string | undefined;
}

/** The database as seen by `selectFrom('problem as p')`. */
export type PDB = DB & { p: DB['problem'] };
type ProblemQuery<O> = SelectQueryBuilder<PDB, 'p', O>;

const like = (s: string) => '%' + s.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

/** The list's filters on `problem as p`, in the actor's scope; `today` decides overdue and 序时进度. */
export function applyProblemFilter<O>(q: ProblemQuery<O>, scope: Scope, f: ProblemFilter, today: string): ProblemQuery<O> {
  let out = whereInScope(q, 'p.region_code', scope, f.region);
  if (f.campaignId) out = out.where('p.campaign_id', '=', f.campaignId);
  if (f.workGroupKey) out = out.where('p.work_group_key', '=', f.workGroupKey);
  if (f.state?.length) out = out.where('p.state', 'in', f.state);
  if (f.typeCode) out = out.where('p.type_code', '=', f.typeCode);
  if (f.siteId) out = out.where('p.site_id', '=', f.siteId);
  if (f.responsiblePersonId) out = out.where('p.responsible_person_id', '=', f.responsiblePersonId);
  if (f.importId) out = out.where('p.import_id', '=', f.importId);
  if (f.overdue === true) out = out.where(overdueSql(today));
  if (f.overdue === false) out = out.where(sql<SqlBool>`not ${overdueSql(today)}`);
  if (f.progress) out = out.where(progressFilterSql(f.progress, today));
  if (f.q) {
    const t = like(f.q);
    // The index of migration 0016 narrows the rows (the expression must stay exactly as indexed); the LIKEs decide.
    if ([...f.q].length >= 2) out = out.where(sql<SqlBool>`text_bigrams(p.enterprise || ' ' || p.description || ' ' || p.measures) @> text_bigrams(${f.q})`);
    out = out.where((eb) => eb.or([eb('p.enterprise', 'like', t), eb('p.description', 'like', t), eb('p.measures', 'like', t)]));
  }
  return out;
}

export interface ProgressGroupRow {
  key: string | null;
  figures: ProgressFigures;
}

/**
 * L5 figures of the filtered problems, in total and per group: `region` (the child regions of
 * `regionBase`), `workGroup` and `type` (within one campaign), `campaign`. One scan of the matching rows.
 */
export async function progressFigures(
  db: Db,
  scope: Scope,
  f: ProblemFilter,
  today: string,
  groupBy: ProgressGroup,
  regionBase: string | null,
): Promise<{ total: ProgressFigures; groups: ProgressGroupRow[] }> {
  const key =
    groupBy === 'region' ? childRegionSql(regionBase) : groupBy === 'workGroup' ? sql<string | null>`p.work_group_key` : groupBy === 'type' ? sql<string>`p.type_code` : sql<string>`p.campaign_id::text`;
  const base = applyProblemFilter(db.selectFrom('problem as p'), scope, f, today);
  const rows = await base.select([key.as('group_key'), ...figureSelections(today)]).groupBy(sql`1`).orderBy(sql`1`).execute();
  const groups = rows.map((r) => ({ key: (r as { group_key: string | null }).group_key, figures: figuresOf(r as Record<string, unknown>) }));
  const total = Object.fromEntries(FIGURE_KEYS.map((k) => [k, groups.reduce((s, g) => s + g.figures[k], 0)])) as unknown as ProgressFigures;
  return { total, groups };
}
