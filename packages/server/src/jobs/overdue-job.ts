import { campaignSchema, daysBetween, isWithinRegion, penaltyRulesFor, scopePrefix, type Campaign, type PenaltyRule } from '@minewatch/core';
import type { Db, Tx } from '../db/database.js';
import type { AuditInput } from '../audit/audit.repository.js';
import { auditActor, type Actor } from '../auth/actor.js';
import type { Scope } from '../auth/scope.js';
import type { Notifier } from '../modules/notifications/notifier.js';
import { upsertDigests, type DigestUpsert } from '../modules/notifications/notifications.repository.js';
import { appendAuditBatch } from '../audit/audit.repository.js';
import { runExclusive, type JobRunRow } from './job-runner.js';
import * as repo from './overdue.repository.js';

/**
 * The daily overdue job (L2 "超期"): marks problems past their deadline, starts the 按日连续处罚 clock
 * where the campaign's rule says so, notifies the responsible people and the offices, and stops any
 * clock still running on a closed or voided problem (销号 and voiding stop it themselves, the same
 * day; this catches clocks of problems finished before that rule or by a direct database fix).
 *
 * Decisions, for 1,000,000 problems:
 * - Marking is set-based and batched: each batch is one UPDATE … WHERE id IN (the next `batchSize`
 *   open problems past the deadline with overdue_since null, by deadline, locked) RETURNING, in its
 *   own transaction with everything that batch causes. A batch commits or not as a whole, so every
 *   problem marked has its audit row, its clock and its notification count, and a run that dies
 *   half-way leaves only finished batches (the next run carries on; marked rows are not selected again).
 * - Audit: one `problem.overdue` row per problem (its history shows when and by which run it was
 *   found overdue) written in the batch's transaction with one INSERT per batch (appendAuditBatch,
 *   same hash chain), one `penalty.clock_start` row per clock started, and one `job.run` row per run
 *   with the counts (job-runner.ts).
 * - Notifications are digests, not one row per problem: one per recipient and campaign and day
 *   ("N 个问题已超过整改期限"), counted up batch by batch in SQL (notifications.repository
 *   upsertDigests); with a single problem it links to that problem, above one to the filtered list.
 *   Recipients: the responsible person of each problem (a person record: every login acting as that
 *   person sees it), and every office user whose region holds the problem and lies within the
 *   campaign's region (the office running the campaign and the offices below it).
 * - E-mail/SMS go out after the run, once per digest touched (adapters are off by default).
 * - The deadline day itself is on time: overdue means today (China time) > deadline (core overdueStatus);
 *   a problem submitted for sign-off on or before its deadline is not overdue while it waits.
 */

export interface OverdueOptions {
  /** The China calendar day to evaluate (todayInChina() in production; tests set it). */
  today: string;
  scope: Scope;
  trigger: 'schedule' | 'cli' | 'api' | 'test';
  actor: Actor;
  notifier: Notifier;
  batchSize?: number;
  /** Progress after each batch (CLI, benchmark). */
  onBatch?: (markedSoFar: number) => void;
}

interface CampaignInfo {
  regionCode: string;
  campaign: Campaign;
  /** The overdue-triggered daily fine rule for a problem type, memoised. */
  dailyRules: Map<string, PenaltyRule | null>;
}

const esc = (s: string) => s.replace(/%/g, '%%');

export async function runOverdueJob(db: Db, opts: OverdueOptions): Promise<JobRunRow> {
  return runExclusive(db, { job: 'overdue', trigger: opts.trigger, actor: opts.actor, regionCode: opts.scope.root, forDay: opts.today }, (conn, run) => overdueWork(conn, run, opts));
}

async function overdueWork(conn: Db, run: JobRunRow, opts: OverdueOptions): Promise<Record<string, number>> {
  const { today, scope, actor } = opts;
  const size = opts.batchSize ?? 10_000;
  const who = auditActor(actor);
  const counts = { marked: 0, batches: 0, auditEvents: 0, clocksStarted: 0, clocksStopped: 0, notificationsCreated: 0, notificationsUpdated: 0, emailSent: 0, smsSent: 0, deliveryFailed: 0 };
  const campaigns = new Map<string, CampaignInfo>();
  const offices = new Map<string, { id: string; region: string }[]>();
  for (const u of await repo.officeUsers(conn)) {
    const k = scopePrefix(u.region_code);
    offices.set(k, [...(offices.get(k) ?? []), { id: u.id, region: u.region_code }]);
  }
  /** Office users whose region holds `region` (prefixes of a code: 2, 4, 6, 9 and 12 digits) and lies within the campaign's. */
  const officesFor = (region: string, campaignRegion: string) =>
    [2, 4, 6, 9, 12].flatMap((n) => (n <= region.length ? (offices.get(region.slice(0, n)) ?? []) : [])).filter((u) => isWithinRegion(region, u.region) && isWithinRegion(u.region, campaignRegion));
  const touched = new Set<string>();

  for (;;) {
    const n = await conn.transaction().execute(async (trx) => {
      const rows = await repo.markOverdueBatch(trx, scope, today, size);
      if (rows.length === 0) return 0;
      await loadCampaigns(trx, campaigns, rows.map((r) => r.campaign_id));
      const persons = await repo.personRegions(trx, [...new Set(rows.flatMap((r) => (r.responsible_person_id ? [r.responsible_person_id] : [])))]);

      const audit: AuditInput[] = rows.map((r) => ({
        ...who,
        action: 'problem.overdue',
        entityType: 'problem',
        entityId: r.id,
        regionCode: r.region_code,
        before: { overdueSince: null },
        after: { overdueSince: today, deadline: r.deadline, state: r.state, daysOverdue: daysBetween(r.deadline, today), jobRunId: run.id },
      }));

      const starts: repo.ClockStart[] = [];
      for (const r of rows) {
        const rule = dailyRuleOf(campaigns.get(r.campaign_id)!, r.type_code);
        if (rule) starts.push({ problemId: r.id, campaignId: r.campaign_id, regionCode: r.region_code, countFrom: r.deadline, ruleSection: rule.section, rulePrinted: rule.printed });
      }
      const started = new Set(await repo.startClocks(trx, starts, today, run.id));
      for (const s of starts) {
        if (!started.has(s.problemId)) continue;
        audit.push({ ...who, action: 'penalty.clock_start', entityType: 'problem', entityId: s.problemId, regionCode: s.regionCode, after: { countFrom: s.countFrom, startedOn: today, ruleSection: s.ruleSection, rule: s.rulePrinted, jobRunId: run.id } });
      }

      const digests = new Map<string, DigestUpsert>();
      const add = (key: string, make: () => DigestUpsert, problemId: string) => {
        const d = digests.get(key);
        if (d) {
          d.add++;
          return;
        }
        const fresh = make();
        fresh.link = `/problems/${problemId}`;
        fresh.entityType = 'problem';
        fresh.entityId = problemId;
        digests.set(key, fresh);
      };
      for (const r of rows) {
        const c = campaigns.get(r.campaign_id)!;
        const name = c.campaign.name;
        const base = { kind: 'problem.overdue', add: 1, jobRunId: run.id, link: '', entityType: '', entityId: '' };
        if (r.responsible_person_id) {
          const pid = r.responsible_person_id;
          add(`overdue:${today}:p:${pid}:${r.campaign_id}`, () => ({
            ...base,
            dedupeKey: `overdue:${today}:p:${pid}:${r.campaign_id}`,
            recipientUserId: null,
            recipientPersonId: pid,
            titleZhTpl: `您负责整改的 %s 个问题已超过完成整改时限（${esc(name)}）`,
            titleEnTpl: `%s problem(s) you are responsible for are past the rectification deadline (${esc(c.campaign.en)})`,
            bodyZh: '请尽快完成整改，并提交验收销号申请。',
            bodyEn: 'Finish the rectification and submit it for sign-off as soon as possible.',
            listLink: `/problems?campaignId=${r.campaign_id}&overdue=true&responsiblePersonId=${pid}`,
            regionCode: persons.get(pid) ?? r.region_code,
          }), r.id);
        }
        for (const u of officesFor(r.region_code, c.regionCode)) {
          add(`overdue:${today}:u:${u.id}:${r.campaign_id}`, () => ({
            ...base,
            dedupeKey: `overdue:${today}:u:${u.id}:${r.campaign_id}`,
            recipientUserId: u.id,
            recipientPersonId: null,
            titleZhTpl: `辖区内 %s 个问题超过完成整改时限未整改（${esc(name)}）`,
            titleEnTpl: `%s problem(s) in your region are past the rectification deadline (${esc(c.campaign.en)})`,
            bodyZh: '请督促整改责任单位限期整改到位。',
            bodyEn: 'Press the responsible units to finish the rectification.',
            listLink: `/problems?campaignId=${r.campaign_id}&overdue=true`,
            regionCode: u.region,
          }), r.id);
        }
      }
      const up = await upsertDigests(trx, [...digests.values()]);
      for (const u of up) {
        touched.add(u.id);
        if (u.created) counts.notificationsCreated++;
        else counts.notificationsUpdated++;
      }
      await appendAuditBatch(trx, audit);
      counts.auditEvents += audit.length;
      counts.clocksStarted += started.size;
      return rows.length;
    });
    if (n === 0) break;
    counts.marked += n;
    counts.batches++;
    opts.onBatch?.(counts.marked);
    if (n < size) break;
  }

  counts.clocksStopped = await conn.transaction().execute(async (trx) => {
    const stopped = await repo.stopClocksOfFinishedProblems(trx, scope, today);
    await appendAuditBatch(
      trx,
      stopped.map((s) => ({ ...who, action: 'penalty.clock_stop', entityType: 'problem', entityId: s.problem_id, regionCode: s.region_code, before: { stoppedOn: null }, after: { stoppedOn: s.stopped_on, reason: s.stop_reason, jobRunId: run.id } })),
    );
    counts.auditEvents += stopped.length;
    return stopped.length;
  });

  const delivered = await opts.notifier.deliverExternal(conn, [...touched]);
  counts.emailSent = delivered.emailSent;
  counts.smsSent = delivered.smsSent;
  counts.deliveryFailed = delivered.failed;
  return counts;
}

async function loadCampaigns(trx: Tx, cache: Map<string, CampaignInfo>, ids: string[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  for (const row of await repo.campaignsById(trx, missing)) {
    cache.set(row.id, { regionCode: row.region_code, campaign: campaignSchema.parse(row.data), dailyRules: new Map() });
  }
}

/** "超出下达整改期限的，实施按日连续处罚" — the campaign's daily-fine rule triggered by the deadline, if it covers the type. */
function dailyRuleOf(c: CampaignInfo, typeCode: string): PenaltyRule | null {
  if (!c.dailyRules.has(typeCode)) {
    c.dailyRules.set(typeCode, penaltyRulesFor(c.campaign, typeCode, 'overdue').find((r) => r.kind === 'daily_continuous_fine') ?? null);
  }
  return c.dailyRules.get(typeCode)!;
}
