import { sql } from 'kysely';
import {
  CHECKLISTS,
  checkChecklistForm,
  failedItems,
  findingAssignmentSchema,
  isWithinRegion,
  problemCreateSchema,
  problemDraftsFromChecklist,
  type ChecklistFindingRecord,
  type ChecklistSubmission,
  type ChecklistSubmissionInput,
  type FindingAssignment,
  type checklistSubmissionListSchema,
} from '@minewatch/core';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { Actor } from '../../auth/actor.js';
import { assertRegionInScope, inScope } from '../../auth/scope.js';
import { AppError, invalid, notFound, type FieldIssue } from '../../errors.js';
import { todayInChina } from '../../clock.js';
import { regionExists } from '../regions/regions.repository.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { createProblem } from '../problems/problems.service.js';
import { filesBySha } from '../problems/problems.repository.js';
import * as repo from './checklists.repository.js';

/**
 * L8: the 004 inspection checklist filled per mine (or per county for 七要): the form is checked
 * against its checklist (core checkChecklistForm: every applicable item once, a note on every failed
 * one), kept with its answers, and each failed item becomes a finding (core problemDraftsFromChecklist).
 * A finding becomes a problem through the problem service as soon as measures, a deadline and a
 * responsible unit are given — at submission (`assign`) or later, one by one. The form and its
 * findings are one transaction; each problem is created by the problem service in its own, so a
 * problem the campaign rules refuse leaves its finding open with the reason, and the inspection is
 * kept whatever happens to the assignments.
 */

const issuesError = (issues: FieldIssue[]) => new AppError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

const toFinding = (f: repo.FindingRow): ChecklistFindingRecord => ({
  id: f.id,
  submissionId: f.submission_id,
  itemCode: f.item_code,
  typeCode: f.type_code,
  description: f.description,
  evidence: f.evidence,
  siteId: f.site_id,
  regionCode: f.region_code,
  foundOn: f.found_on,
  problemId: f.problem_id,
});

const itemIndex = (checklistId: string, code: string) => CHECKLISTS[checklistId]?.items.findIndex((i) => i.code === code) ?? -1;

function toSubmission(r: repo.SubmissionRow, findings: repo.FindingRow[]): ChecklistSubmission {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    checklistId: r.checklist_id,
    subject: r.subject as ChecklistSubmission['subject'],
    siteId: r.site_id,
    siteName: r.site_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    inspectedOn: r.inspected_on,
    expired: r.expired,
    inspectors: r.inspectors,
    answers: r.answers as ChecklistSubmission['answers'],
    failedCount: r.failed_count,
    // In checklist order (一要…七要), as the form lists them.
    findings: findings
      .map(toFinding)
      .sort((x, y) => itemIndex(r.checklist_id, x.itemCode) - itemIndex(r.checklist_id, y.itemCode)),
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by_name,
  };
}

export interface AssignError {
  itemCode: string;
  message: string;
  details: FieldIssue[];
}

export async function submit(db: Db, actor: Actor, input: ChecklistSubmissionInput): Promise<ChecklistSubmission & { assignErrors: AssignError[] }> {
  const { form } = input;
  let loaded;
  try {
    loaded = await loadCampaign(db, actor, input.campaignId);
  } catch {
    throw invalid('body.campaignId', `no campaign ${input.campaignId} in your region`);
  }
  const { campaign, row: campaignRow } = loaded;
  if (campaign.checklistId === null) throw invalid('body.campaignId', `campaign ${campaign.name} has no inspection checklist`);
  if (form.checklistId !== campaign.checklistId) throw invalid('body.form.checklistId', `campaign ${campaign.name} uses checklist ${campaign.checklistId}`);
  const list = CHECKLISTS[form.checklistId];
  if (!list) throw invalid('body.form.checklistId', `no checklist ${form.checklistId}`);
  if (!(await regionExists(db, form.regionCode))) throw invalid('body.form.regionCode', `unknown region code ${form.regionCode}`);
  if (!inScope(actor.scope, form.regionCode)) throw invalid('body.form.regionCode', `region ${form.regionCode} is outside your region`);
  if (!campaign.scopeCodes.some((c) => isWithinRegion(form.regionCode, c))) throw invalid('body.form.regionCode', `region ${form.regionCode} is outside the campaign's scope (${campaign.scopeCodes.join(', ')})`);
  const today = todayInChina();
  if (form.inspectedOn > today) throw invalid('body.form.inspectedOn', `${form.inspectedOn} is after today (${today})`);
  const site = form.siteId ? await repo.siteInScope(db, actor.scope, form.siteId) : undefined;
  if (form.siteId && !site) throw invalid('body.form.siteId', `no site ${form.siteId} in your region`);
  if (site && !isWithinRegion(site.region_code, form.regionCode)) throw invalid('body.form.siteId', `site ${site.name} lies in region ${site.region_code}, not in ${form.regionCode}`);
  const formIssues = checkChecklistForm(list, form);
  if (formIssues.length) throw issuesError(formIssues.map((i) => ({ path: `body.form.${i.path}`, message: i.message })));
  const shas = [...new Set(form.answers.flatMap((a) => a.evidenceFileIds))];
  const found = new Set((await filesBySha(db, actor.scope, shas)).map((f) => f.sha256));
  const missing = form.answers.flatMap((a, i) => a.evidenceFileIds.flatMap((s, j) => (found.has(s) ? [] : [{ path: `body.form.answers.${i}.evidenceFileIds.${j}`, message: `no uploaded file with SHA-256 ${s} in your region` }])));
  if (missing.length) throw issuesError(missing);
  const failed = new Set(failedItems(list, form).map((f) => f.item.code));
  const strayAssign = Object.keys(input.assign).filter((code) => !failed.has(code));
  if (strayAssign.length) throw issuesError(strayAssign.map((code) => ({ path: `body.assign.${code}`, message: `item ${code} did not fail on this form: only failed items become problems` })));
  let drafts;
  try {
    drafts = problemDraftsFromChecklist(campaign, list, form);
  } catch (err) {
    throw invalid('body.campaignId', (err as Error).message);
  }

  const submissionId = await changeWithAudit(db, actor, async (trx) => {
    const { id } = await repo.insertSubmission(trx, {
      campaignId: campaignRow.id,
      checklistId: list.id,
      subject: form.subject,
      siteId: site?.id ?? null,
      regionCode: form.regionCode,
      inspectedOn: form.inspectedOn,
      expired: form.expired,
      inspectors: form.inspectors,
      answers: form.answers,
      failedCount: drafts.length,
      userId: actor.userId,
    });
    await repo.insertFindings(
      trx,
      drafts.map((d) => ({ submissionId: id, campaignId: campaignRow.id, regionCode: d.regionCode, itemCode: d.itemCode, typeCode: d.typeCode, description: d.description, evidence: d.evidenceFileIds, siteId: d.siteId, foundOn: d.foundOn })),
    );
    return {
      result: id,
      audit: [
        {
          action: 'checklist.submit',
          entityType: 'checklist_submission',
          entityId: id,
          regionCode: form.regionCode,
          after: { campaignId: campaignRow.id, checklistId: list.id, subject: form.subject, siteId: site?.id ?? null, inspectedOn: form.inspectedOn, inspectors: form.inspectors, failed: drafts.map((d) => d.itemCode) },
        },
      ],
    };
  });

  const assignErrors: AssignError[] = [];
  const findings = await repo.findingsOf(db, submissionId);
  for (const f of findings) {
    const a = input.assign[f.item_code];
    if (!a) continue;
    try {
      await promote(db, actor, f, a, site?.name ?? null);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      assignErrors.push({ itemCode: f.item_code, message: err.message, details: (err.details ?? []).map((d) => ({ ...d, path: d.path.replace(/^body\./, `body.assign.${f.item_code}.`) })) });
    }
  }
  return { ...(await getSubmission(db, actor, submissionId)), assignErrors };
}

/** The problem a finding becomes (through the problem service), then the link, audited. */
async function promote(db: Db, actor: Actor, f: repo.FindingRow, a: FindingAssignment, siteName: string | null): Promise<string> {
  const county = f.site_id === null ? `${(await repo.regionName(db, f.region_code)) ?? f.region_code}党委、政府` : '';
  const parsed = problemCreateSchema.safeParse({
    campaignId: f.campaign_id,
    siteId: f.site_id,
    enterprise: siteName ?? county,
    regionCode: f.region_code,
    typeCode: f.type_code,
    description: f.description,
    measures: a.measures,
    foundOn: f.found_on,
    deadline: a.deadline,
    responsibleUnitId: a.responsibleUnitId,
    responsiblePersonId: a.responsiblePersonId,
    responsibleContact: a.responsibleContact,
    source: 'inspection',
    sourceRef: `checklist:${f.submission_id}`,
    evidenceFileIds: f.evidence,
  });
  if (!parsed.success) throw issuesError(parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
  const problem = await createProblem(db, actor, parsed.data);
  await changeWithAudit(db, actor, async (trx) => {
    if (!(await repo.linkFinding(trx, f.id, problem.id))) throw new AppError('CONFLICT', 'the finding was turned into a problem by someone else meanwhile');
    return { result: null, audit: [{ action: 'checklist.finding_assign', entityType: 'checklist_submission', entityId: f.submission_id, regionCode: f.region_code, after: { findingId: f.id, itemCode: f.item_code, problemId: problem.id } }] };
  });
  return problem.id;
}

/**
 * A finding left open at submission becomes a problem. One request at a time per finding (an
 * advisory lock across processes), so two clicks cannot make two problems.
 */
export async function assignFinding(db: Db, actor: Actor, findingId: string, a: FindingAssignment): Promise<ChecklistFindingRecord> {
  const f = await repo.getFinding(db, actor.scope, findingId);
  if (!f) throw notFound('finding');
  return db.connection().execute(async (conn) => {
    const got = (await sql<{ ok: boolean }>`select pg_try_advisory_lock(7355702, hashtext(${findingId})) as ok`.execute(conn)).rows[0]!.ok;
    if (!got) throw new AppError('CONFLICT', 'the finding is being turned into a problem by another request');
    try {
      const cur = await repo.getFinding(conn, actor.scope, findingId);
      if (!cur) throw notFound('finding');
      if (cur.problem_id) throw new AppError('CONFLICT', `the finding is already problem ${cur.problem_id}`);
      const site = cur.site_id ? await repo.siteInScope(conn, actor.scope, cur.site_id) : undefined;
      await promote(db, actor, cur, findingAssignmentSchema.parse(a), site?.name ?? null);
      return toFinding((await repo.getFinding(conn, actor.scope, findingId))!);
    } finally {
      await sql`select pg_advisory_unlock(7355702, hashtext(${findingId}))`.execute(conn);
    }
  });
}

export async function getSubmission(db: Db, actor: Actor, id: string): Promise<ChecklistSubmission> {
  const r = await repo.getSubmission(db, actor.scope, id);
  if (!r) throw notFound('checklist submission');
  return toSubmission(r, await repo.findingsOf(db, id));
}

export async function listSubmissions(db: Db, actor: Actor, f: { region?: string | undefined; campaignId?: string | undefined; siteId?: string | undefined; limit: number; offset: number }): Promise<z.infer<typeof checklistSubmissionListSchema>> {
  if (f.region) {
    assertRegionInScope(actor.scope, f.region);
    if (!(await regionExists(db, f.region))) throw notFound(`region ${f.region}`);
  }
  if (f.campaignId) await loadCampaign(db, actor, f.campaignId);
  const { rows, total } = await repo.listSubmissions(db, actor.scope, f);
  return {
    items: rows.map((r) => {
      const { answers: _a, findings: _f, ...rest } = toSubmission(r as unknown as repo.SubmissionRow, []);
      return { ...rest, openFindings: r.open_findings };
    }),
    total,
  };
}
