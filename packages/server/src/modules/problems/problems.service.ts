import {
  availableEvents,
  checkProblemAgainstCampaign,
  classifyProgress,
  fire,
  isWithinRegion,
  methodLedgerLabel,
  minePlanGaps,
  mineStageProgress,
  overdueStatus,
  parseMethodMineral,
  problemTypeOf,
  type ActorContext,
  type Campaign,
  type CampaignIssue,
  type Capacity,
  type MinePlanInput,
  type MineView,
  type ProblemBulkAssign,
  type ProblemBulkAssignResult,
  type ProblemCreate,
  type ProblemDetail,
  type ProblemList,
  type ProblemEventInput,
  type ProblemPatch,
  type ProblemSnapshot,
  type ProblemState,
  type ProblemSummary,
  type ProgressGroup,
  type ProgressReport,
  type Rank,
  type Refusal,
} from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { AuditInput } from '../../audit/audit.repository.js';
import type { Actor } from '../../auth/actor.js';
import { assertRegionInScope, inScope } from '../../auth/scope.js';
import { AppError, invalid, notFound, type FieldIssue } from '../../errors.js';
import { todayInChina } from '../../clock.js';
import { regionExists } from '../regions/regions.repository.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import * as repo from './problems.repository.js';
import * as penaltiesRepo from '../penalties/penalties.repository.js';
import { progressFigures, type ProblemFilter } from './problems.progress.js';

type Audit = Omit<AuditInput, 'actorUserId' | 'actorLabel'>;
type Row = repo.ProblemRow;

// ---------- who the actor is to a problem ----------

/**
 * How the actor stands to a problem, as core's state machine needs it (problems.ts CAPACITIES):
 * - office: an office user (or the platform admin) whose region contains the campaign's region —
 *   the office of the region that runs the campaign; a county office is not the office of a
 *   prefecture's campaign.
 * - supervision_group: an inspector (督查组) whose region contains the problem.
 * - responsible_unit / verifying_unit: core adds these itself when the actor's unit is the problem's
 *   responsible or verifying unit. The actor's unit is app_user.unit_id, else the unit on the
 *   user's person record; users without either (township cadres in the demo) act in no unit.
 */
export function capacitiesOf(actor: Actor, campaignRegion: string, problemRegion: string): Capacity[] {
  const caps: Capacity[] = [];
  if ((actor.role === 'office' || actor.role === 'admin') && inScope(actor.scope, campaignRegion)) caps.push('office');
  if (actor.role === 'inspector' && inScope(actor.scope, problemRegion)) caps.push('supervision_group');
  return caps;
}

async function actorContext(db: Db | Tx, actor: Actor, campaignRegion: string, problemRegion: string): Promise<ActorContext> {
  const { unitId } = await repo.actorUnit(db, actor.userId);
  return { userId: actor.userId, unitId, capacities: capacitiesOf(actor, campaignRegion, problemRegion) };
}

const snapshot = (r: Row): ProblemSnapshot => ({
  state: r.state as ProblemState,
  responsibleUnitId: r.responsible_unit_id,
  verifyingUnitId: r.verifying_unit_id,
  evidenceFileIds: r.evidence,
});

// ---------- shapes ----------

function toSummary(r: Row, campaign: Campaign, today: string): ProblemSummary {
  const timing = { state: r.state as ProblemState, foundOn: r.found_on, deadline: r.deadline, progressPercent: r.progress_percent, submittedOn: r.submitted_on, closedOn: r.closed_on };
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    workGroupKey: r.work_group_key,
    workGroupName: campaign.workGroups.find((g) => g.key === r.work_group_key)?.name ?? null,
    siteId: r.site_id,
    siteName: r.site_name,
    enterprise: r.enterprise || r.site_name || '',
    regionCode: r.region_code,
    regionName: r.region_name,
    typeCode: r.type_code,
    typeName: problemTypeOf(campaign, r.type_code)?.name ?? r.type_code,
    methodMineral: r.method_mineral,
    description: r.description,
    measures: r.measures,
    foundOn: r.found_on,
    deadline: r.deadline,
    responsibleUnitId: r.responsible_unit_id,
    responsibleUnitName: r.unit_name,
    responsiblePersonId: r.responsible_person_id,
    responsiblePersonName: r.person_name,
    responsibleContact: r.responsible_contact,
    responsibleText: r.responsible_text,
    verifyingUnitId: r.verifying_unit_id,
    source: r.source as ProblemSummary['source'],
    state: r.state as ProblemState,
    progressPercent: r.progress_percent,
    evidenceCount: r.evidence.length,
    progressClass: classifyProgress(timing, today),
    daysOverdue: overdueStatus(timing, today).daysOverdue,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Parsed campaigns by id for one request (a page holds problems of few campaigns). */
function campaignCache(db: Db | Tx, actor: Actor, known?: { id: string; campaign: Campaign }) {
  const seen = new Map<string, Promise<Campaign>>(known ? [[known.id, Promise.resolve(known.campaign)]] : []);
  return (id: string) => {
    let c = seen.get(id);
    if (!c) {
      c = loadCampaign(db, actor, id).then((x) => x.campaign);
      seen.set(id, c);
    }
    return c;
  };
}

/** 整改责任人及联系方式 as the ledger writes it: "name position contact". */
export const responsibleText = (person: { name: string; position: string } | null | undefined, contact: string | null) =>
  [person?.name, person?.position, contact].filter((s) => s && s.trim()).join(' ');

// ---------- checks shared by create and patch ----------

const issuesError = (issues: FieldIssue[]) => new AppError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

/** Evidence SHA-256 ids must name files uploaded in the actor's region. */
async function checkFiles(db: Db | Tx, actor: Actor, shas: readonly string[], path: string): Promise<void> {
  if (shas.length === 0) return;
  const found = new Set((await repo.filesBySha(db, actor.scope, [...new Set(shas)])).map((f) => f.sha256));
  const missing = shas.map((s, i) => [s, i] as const).filter(([s]) => !found.has(s));
  if (missing.length) throw issuesError(missing.map(([s, i]) => ({ path: `${path}.${i}`, message: `no uploaded file with SHA-256 ${s} in your region (upload it with POST /api/files first)` })));
}

type UnitRow = NonNullable<Awaited<ReturnType<typeof repo.getUnitRow>>>;
type PersonRow = NonNullable<Awaited<ReturnType<typeof repo.getPersonRow>>>;

/** Unit and person records read once per request (a bulk change names the same few for many problems). */
interface Lookups {
  unit(id: string): Promise<UnitRow | undefined>;
  person(id: string): Promise<PersonRow | undefined>;
}
function lookups(db: Db | Tx): Lookups {
  const units = new Map<string, Promise<UnitRow | undefined>>();
  const people = new Map<string, Promise<PersonRow | undefined>>();
  const once = <T>(m: Map<string, Promise<T>>, id: string, load: () => Promise<T>) => {
    let v = m.get(id);
    if (!v) m.set(id, (v = load()));
    return v;
  };
  return { unit: (id) => once(units, id, () => repo.getUnitRow(db, id)), person: (id) => once(people, id, () => repo.getPersonRow(db, id)) };
}

/** A unit or person named on a problem must be a record of the campaign's region. */
async function unitOfCampaign(db: Db | Tx, campaign: Campaign, id: string, path: string, look?: Lookups) {
  const u = await (look ? look.unit(id) : repo.getUnitRow(db, id));
  if (!u || !isWithinRegion(u.region_code, campaign.regionCode)) throw invalid(path, `no unit ${id} in the campaign's region ${campaign.regionCode}`);
  return u;
}
async function personOfCampaign(db: Db | Tx, campaign: Campaign, id: string, path: string, look?: Lookups) {
  const p = await (look ? look.person(id) : repo.getPersonRow(db, id));
  if (!p || !isWithinRegion(p.region_code, campaign.regionCode)) throw invalid(path, `no person ${id} in the campaign's region ${campaign.regionCode}`);
  return p;
}

function checkWorkGroup(campaign: Campaign, typeCode: string, key: string | null, path: string): string | null {
  const type = problemTypeOf(campaign, typeCode);
  const groupKey = key ?? type?.workGroupKey ?? null;
  if (groupKey === null) return null;
  const group = campaign.workGroups.find((g) => g.key === groupKey);
  if (!group) throw invalid(path, `no work group ${groupKey} in this campaign (${campaign.workGroups.map((g) => g.key).join(', ') || 'it has none'})`);
  if (type?.workGroupKey && type.workGroupKey !== groupKey) throw invalid(path, `problem type ${typeCode} belongs to work group ${type.workGroupKey}, not ${groupKey}`);
  return groupKey;
}

function methodOf(given: string, path: string): string {
  if (!given) return '';
  const m = parseMethodMineral(given);
  if (!m.ok) throw invalid(path, `${m.message} (${m.messageEn})`);
  return m.canonical;
}

function siteMethod(site: { kind: string; attributes: unknown } | undefined): string {
  const a = site?.attributes as { kind?: string; method?: keyof typeof methodLedgerLabel; mineral?: string } | undefined;
  return a?.kind === 'licensed_mine' && a.method && a.mineral ? `${methodLedgerLabel[a.method]}+${a.mineral}` : '';
}

/** A campaign named in a request body: one the actor cannot see is a field error, not a 404. */
async function campaignInBody(db: Db, actor: Actor, id: string) {
  try {
    return await loadCampaign(db, actor, id);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw invalid('body.campaignId', `no campaign ${id} in your region`);
    throw e;
  }
}

// ---------- use cases ----------

export async function createProblem(db: Db, actor: Actor, input: ProblemCreate): Promise<ProblemDetail> {
  const { campaign, row: campaignRow } = await campaignInBody(db, actor, input.campaignId);
  if (!(await regionExists(db, input.regionCode))) throw invalid('body.regionCode', `unknown region code ${input.regionCode}`);
  if (!inScope(actor.scope, input.regionCode)) throw invalid('body.regionCode', `region ${input.regionCode} is outside your region`);
  if (!campaign.scopeCodes.some((c) => isWithinRegion(input.regionCode, c))) throw invalid('body.regionCode', `region ${input.regionCode} is outside the campaign's scope (${campaign.scopeCodes.join(', ')})`);
  const workGroupKey = checkWorkGroup(campaign, input.typeCode, input.workGroupKey, 'body.workGroupKey');
  const site = input.siteId ? await repo.getSiteRow(db, actor.scope, input.siteId) : undefined;
  if (input.siteId && !site) throw invalid('body.siteId', `no site ${input.siteId} in your region`);
  if (site && !isWithinRegion(site.region_code, campaign.regionCode)) throw invalid('body.siteId', `site ${site.name} lies outside the campaign's region`);
  await unitOfCampaign(db, campaign, input.responsibleUnitId, 'body.responsibleUnitId');
  if (input.verifyingUnitId) await unitOfCampaign(db, campaign, input.verifyingUnitId, 'body.verifyingUnitId');
  const person = input.responsiblePersonId ? await personOfCampaign(db, campaign, input.responsiblePersonId, 'body.responsiblePersonId') : undefined;
  const contact = input.responsibleContact ?? person?.phone ?? null;
  const issues = checkProblemAgainstCampaign(campaign, { ...input, responsibleContact: contact }, { responsibleRank: person ? (person.rank as Rank | null) : undefined });
  if (issues.length) throw issuesError(issues.map((i) => ({ path: `body.${i.path}`, message: i.message })));
  await checkFiles(db, actor, input.evidenceFileIds, 'body.evidenceFileIds');
  const methodMineral = methodOf(input.methodMineral, 'body.methodMineral') || siteMethod(site);
  const today = todayInChina();

  const id = await changeWithAudit(db, actor, async (trx) => {
    const values: repo.ProblemInsert = {
      campaign_id: campaignRow.id,
      work_group_key: workGroupKey,
      site_id: site?.id ?? null,
      enterprise: input.enterprise || site?.name || '',
      region_code: input.regionCode,
      type_code: input.typeCode,
      method_mineral: methodMineral,
      description: input.description,
      measures: input.measures,
      found_on: input.foundOn,
      deadline: input.deadline,
      responsible_unit_id: input.responsibleUnitId,
      responsible_person_id: person?.id ?? null,
      responsible_contact: contact,
      responsible_text: responsibleText(person, contact),
      verifying_unit_id: input.verifyingUnitId,
      source: input.source,
      source_ref: input.sourceRef,
      state: 'found',
      // 立行立改 brings its evidence with the immediate_fix event below.
      evidence: input.immediate ? [] : input.evidenceFileIds,
      hazard: input.hazard ? JSON.stringify(input.hazard) : null,
      immediate: input.immediate,
      created_by: actor.userId,
    };
    const newId = await repo.insertProblem(trx, values);
    const audit: Audit[] = [{ action: 'problem.create', entityType: 'problem', entityId: newId, regionCode: input.regionCode, after: { ...input, workGroupKey, methodMineral } }];
    if (input.immediate) {
      const row = (await repo.getProblem(trx, actor.scope, newId))!;
      audit.push(...await applyEvent(trx, actor, row, campaignRow.region_code, { version: 1, event: 'immediate_fix', reason: null, evidenceFileIds: input.evidenceFileIds }, today));
    }
    return { result: newId, audit };
  });
  return getProblem(db, actor, id);
}

export async function listProblems(db: Db, actor: Actor, f: ProblemFilter, page: { limit: number; offset: number; sort: repo.ProblemSort }, asOf?: string): Promise<ProblemList> {
  const filtered = await checkFilter(db, actor, f);
  const today = asOf ?? todayInChina();
  const { rows, total, totalCapped } = await repo.listProblems(db, actor.scope, f, today, page);
  const campaigns = campaignCache(db, actor, filtered);
  const items = await Promise.all(rows.map(async (r) => toSummary(r, await campaigns(r.campaign_id), today)));
  return { items, total, totalCapped };
}

/** A filter naming a region or campaign the actor cannot see is "not found", as a direct read would be; returns the filter's campaign. */
async function checkFilter(db: Db, actor: Actor, f: ProblemFilter): Promise<{ id: string; campaign: Campaign } | undefined> {
  if (f.region) {
    assertRegionInScope(actor.scope, f.region);
    if (!(await regionExists(db, f.region))) throw notFound(`region ${f.region}`);
  }
  if (f.campaignId) return { id: f.campaignId, campaign: (await loadCampaign(db, actor, f.campaignId)).campaign };
  return undefined;
}

export async function getProblem(db: Db | Tx, actor: Actor, id: string): Promise<ProblemDetail> {
  const r = await repo.getProblem(db, actor.scope, id);
  if (!r) throw notFound('problem');
  const { campaign } = await loadCampaign(db, actor, r.campaign_id);
  const today = todayInChina();
  const [events, history, files, ctx] = await Promise.all([
    repo.eventsOf(db, id),
    repo.historyOf(db, actor.scope, id, r.import_id),
    repo.filesBySha(db, actor.scope, r.evidence),
    actorContext(db, actor, r.campaign_region, r.region_code),
  ]);
  const byHash = new Map(files.map((f) => [f.sha256, f]));
  const snap = snapshot(r);
  const caps = [...new Set([...ctx.capacities, ...(ctx.unitId && ctx.unitId === r.responsible_unit_id ? ['responsible_unit' as const] : []), ...(ctx.unitId && ctx.unitId === r.verifying_unit_id ? ['verifying_unit' as const] : [])])];
  return {
    ...toSummary(r, campaign, today),
    sourceRef: r.source_ref,
    hazard: r.hazard ?? null,
    immediate: r.immediate,
    submittedOn: r.submitted_on,
    closedOn: r.closed_on,
    evidence: r.evidence.map((sha) => {
      const f = byHash.get(sha);
      return { sha256: sha, fileId: f?.id ?? null, name: f?.original_name ?? null, mime: f?.mime ?? null, size: f ? Number(f.size) : null };
    }),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      event: e.event as ProblemDetail['events'][number]['event'],
      from: e.from_state as ProblemState,
      to: e.to_state as ProblemState,
      reason: e.reason,
      evidence: e.evidence,
      actor: e.username,
      capacities: e.capacities as Capacity[],
    })),
    history: history.map((h) => ({ at: h.at.toISOString(), action: h.action, actor: h.actor_label, before: h.before ?? null, after: h.after ?? null })),
    capacities: caps,
    availableEvents: availableEvents(snap, ctx),
  };
}

/** Where a refusal points in the request body. */
const refusalPath = (r: Refusal) => (r.code === 'REASON_REQUIRED' ? 'body.reason' : r.code === 'EVIDENCE_REQUIRED' || r.code === 'BAD_EVIDENCE' ? 'body.evidenceFileIds' : 'body.event');

/**
 * Fires one lifecycle event through core's state machine and stores the result: the new state,
 * the evidence, the day of submission or closure, a problem_event row; returns the audit event.
 * A refusal is 409 ILLEGAL_TRANSITION with core's message (Chinese and English).
 */
async function applyEvent(trx: Tx, actor: Actor, r: Row, campaignRegion: string, input: ProblemEventInput, today: string): Promise<Audit[]> {
  if (input.version !== r.version) {
    throw new AppError('CONFLICT', `The problem was changed by someone else (you saw version ${input.version}, it is now ${r.version}); reload and try again`);
  }
  const ctx = await actorContext(trx, actor, campaignRegion, r.region_code);
  const res = fire(snapshot(r), input.event, ctx, { evidenceFileIds: input.evidenceFileIds, reason: input.reason });
  if (!res.ok) {
    throw new AppError('ILLEGAL_TRANSITION', `${res.refusal.code}: ${res.message.zh} (${res.message.en})`, [{ path: refusalPath(res.refusal), message: `${res.message.zh} (${res.message.en})` }]);
  }
  await checkFiles(trx, actor, res.audit.evidenceFileIds, 'body.evidenceFileIds');
  const set: Partial<repo.ProblemInsert> = { state: res.to, evidence: [...res.next.evidenceFileIds] };
  if (res.transition.event === 'submit') set.submitted_on = today;
  if (res.to === 'closed') {
    set.closed_on = today;
    set.closed_at = new Date();
  }
  if (res.from === 'closed' || res.from === 'voided') {
    set.closed_on = null;
    set.closed_at = null;
    // A reopened problem is judged afresh: if it is past its deadline the next overdue run marks it and tells the people again.
    set.overdue_since = null;
  }
  const done = await repo.updateProblem(trx, r.id, r.version, set);
  if (!done) throw new AppError('CONFLICT', 'The problem was changed by someone else; reload and try again');
  const caps = [...new Set([...ctx.capacities, ...(ctx.unitId && ctx.unitId === r.responsible_unit_id ? ['responsible_unit'] : []), ...(ctx.unitId && ctx.unitId === r.verifying_unit_id ? ['verifying_unit'] : [])])];
  await repo.insertEvent(trx, { problemId: r.id, regionCode: r.region_code, event: res.transition.event, from: res.from, to: res.to, reason: res.audit.reason, evidence: res.audit.evidenceFileIds, actorUserId: actor.userId, actorUnitId: ctx.unitId, capacities: caps });
  const audit: Audit[] = [];
  // 销号 or voiding ends a running 按日连续处罚 count the same day, not at the next nightly run.
  if (res.to === 'closed' || res.to === 'voided') {
    const stopped = await penaltiesRepo.stopClock(trx, r.id, today, res.to);
    if (stopped) audit.push({ action: 'penalty.clock_stop', entityType: 'problem', entityId: r.id, regionCode: r.region_code, before: { stoppedOn: null }, after: { stoppedOn: today, reason: res.to } });
  }
  audit.unshift({
    action: res.audit.type,
    entityType: 'problem',
    entityId: r.id,
    regionCode: r.region_code,
    before: { state: res.from, version: r.version },
    after: { state: res.to, version: done.version, reason: res.audit.reason, evidenceFileIds: res.audit.evidenceFileIds, actorUnitId: ctx.unitId, capacities: caps },
  });
  return audit;
}

export async function transition(db: Db, actor: Actor, id: string, input: ProblemEventInput): Promise<ProblemDetail> {
  const today = todayInChina();
  await changeWithAudit(db, actor, async (trx) => {
    const r = await repo.getProblem(trx, actor.scope, id, { forUpdate: true });
    if (!r) throw notFound('problem');
    return { result: null, audit: await applyEvent(trx, actor, r, r.campaign_region, input, today) };
  });
  return getProblem(db, actor, id);
}

// ---------- changing facts: checks shared by patch and bulk assign ----------

/** Why the actor may not change these facts of the problem (null: they may), as patchProblem rules it. */
function changeRefusal(ctx: ActorContext, r: Row, fields: readonly string[]): string | null {
  const office = ctx.capacities.includes('office');
  const responsible = ctx.unitId !== null && ctx.unitId === r.responsible_unit_id;
  if (office || (responsible && fields.every((k) => k === 'progressPercent'))) return null;
  return responsible ? 'the responsible unit reports only progressPercent; other facts are kept by the campaign office' : "only the campaign office changes a problem's facts";
}

/** Closed and voided problems are changed by reopening first. */
const closedRefusal = (r: Row) => (r.state === 'closed' || r.state === 'voided' ? `the problem is ${r.state}: reopen it to change its facts` : null);

/** The responsible and verifying unit, person and contact a change names. */
type Assignment = Pick<ProblemPatch, 'responsibleUnitId' | 'responsiblePersonId' | 'responsibleContact' | 'verifyingUnitId'>;

/**
 * What an assignment sets on one problem, its units and person checked as records of the campaign's
 * region (400 naming the field). A new person without a contact brings the phone on their record;
 * 整改责任人及联系方式 is written again. Returns the person responsible after the change.
 */
async function assignmentSet(db: Db | Tx, campaign: Campaign, r: Row, u: Assignment, look?: Lookups): Promise<{ set: Partial<repo.ProblemInsert>; person: PersonRow | null }> {
  const set: Partial<repo.ProblemInsert> = {};
  if (u.responsibleUnitId !== undefined) set.responsible_unit_id = (await unitOfCampaign(db, campaign, u.responsibleUnitId, 'body.responsibleUnitId', look)).id;
  if (u.verifyingUnitId !== undefined) set.verifying_unit_id = u.verifyingUnitId ? (await unitOfCampaign(db, campaign, u.verifyingUnitId, 'body.verifyingUnitId', look)).id : null;
  // A person the change names must be of the campaign's region; the one already on the problem is taken as recorded.
  const kept = u.responsiblePersonId === undefined && r.responsible_person_id ? ((await (look ? look.person(r.responsible_person_id) : repo.getPersonRow(db, r.responsible_person_id))) ?? null) : null;
  const person = u.responsiblePersonId ? await personOfCampaign(db, campaign, u.responsiblePersonId, 'body.responsiblePersonId', look) : kept;
  if (u.responsiblePersonId !== undefined || u.responsibleContact !== undefined) {
    const contact = u.responsibleContact === undefined ? (u.responsiblePersonId !== undefined ? (person?.phone ?? null) : r.responsible_contact) : u.responsibleContact;
    set.responsible_person_id = person?.id ?? null;
    set.responsible_contact = contact;
    set.responsible_text = responsibleText(person, contact);
  }
  return { set, person };
}

/** Whether the problem would be verified by its own responsible unit after the change. */
function verifiesOwnWork(r: Row, set: Partial<repo.ProblemInsert>): boolean {
  const respUnit = set.responsible_unit_id ?? r.responsible_unit_id;
  const verUnit = set.verifying_unit_id === undefined ? r.verifying_unit_id : set.verifying_unit_id;
  return !!verUnit && verUnit === respUnit;
}

/**
 * The campaign's rules on the record as it will be, limited to what the change of `fields` touches:
 * an older record that predates a rule is not refused for it. Paths are core's (no body. prefix).
 */
function touchedCampaignIssues(campaign: Campaign, r: Row, set: Partial<repo.ProblemInsert>, hazard: ProblemPatch['hazard'], person: PersonRow | null, fields: readonly string[]): CampaignIssue[] {
  const merged = {
    typeCode: set.type_code ?? r.type_code,
    deadline: set.deadline ?? r.deadline,
    responsiblePersonId: person?.id ?? null,
    responsibleContact: set.responsible_contact === undefined ? r.responsible_contact : set.responsible_contact,
    hazard: (hazard === undefined ? r.hazard : hazard) as Parameters<typeof checkProblemAgainstCampaign>[1]['hazard'],
  };
  const issues = checkProblemAgainstCampaign(campaign, merged, { responsibleRank: person ? (person.rank as Rank | null) : undefined });
  const touched = new Set(fields);
  return issues.filter((i) => touched.has(i.path) || (i.path === 'responsibleContact' && touched.has('responsiblePersonId')) || (i.path === 'deadline' && touched.has('typeCode')));
}

/** The 'problem.update' audit event: the changed columns before and after, with the new version. */
function updateAudit(r: Row, version: number, set: Partial<repo.ProblemInsert>, extra: Record<string, unknown>): Audit {
  const before = Object.fromEntries(Object.keys(set).map((k) => [k, (r as Record<string, unknown>)[k] ?? null]));
  return { action: 'problem.update', entityType: 'problem', entityId: r.id, regionCode: r.region_code, before: { version: r.version, ...before }, after: { version, ...set, ...extra } };
}

/**
 * Changes a problem's facts. The campaign office changes any of them; the responsible unit reports
 * only its progress (progressPercent). Closed and voided problems are changed by reopening first.
 * The merged record is checked against the campaign's rules again.
 */
export async function patchProblem(db: Db, actor: Actor, id: string, u: ProblemPatch): Promise<ProblemDetail> {
  await changeWithAudit(db, actor, async (trx) => {
    const r = await repo.getProblem(trx, actor.scope, id, { forUpdate: true });
    if (!r) throw notFound('problem');
    if (u.version !== r.version) throw new AppError('CONFLICT', `The problem was changed by someone else (you edited version ${u.version}, it is now ${r.version}); reload and apply your change again`);
    const { campaign } = await loadCampaign(trx, actor, r.campaign_id);
    const ctx = await actorContext(trx, actor, r.campaign_region, r.region_code);
    const office = ctx.capacities.includes('office');
    const fields = Object.keys(u).filter((k) => k !== 'version' && k !== 'reason' && u[k as keyof ProblemPatch] !== undefined);
    const refused = changeRefusal(ctx, r, fields);
    if (refused) throw new AppError('FORBIDDEN', refused);
    const closed = closedRefusal(r);
    if (closed) throw new AppError('CONFLICT', closed);

    const set: Partial<repo.ProblemInsert> = {};
    const typeCode = u.typeCode ?? r.type_code;
    if (u.workGroupKey !== undefined || u.typeCode !== undefined) set.work_group_key = checkWorkGroup(campaign, typeCode, u.workGroupKey === undefined ? r.work_group_key : u.workGroupKey, 'body.workGroupKey');
    if (u.typeCode !== undefined) set.type_code = u.typeCode;
    if (u.siteId !== undefined) {
      const site = u.siteId ? await repo.getSiteRow(trx, actor.scope, u.siteId) : undefined;
      if (u.siteId && !site) throw invalid('body.siteId', `no site ${u.siteId} in your region`);
      if (!site && !(u.enterprise ?? r.enterprise)) throw invalid('body.enterprise', 'name the site (siteId) or the enterprise (矿山企业)');
      set.site_id = site?.id ?? null;
    }
    if (u.enterprise !== undefined) set.enterprise = u.enterprise;
    if (u.description !== undefined) set.description = u.description;
    if (u.measures !== undefined) set.measures = u.measures;
    if (u.deadline !== undefined) {
      if (u.deadline < r.found_on) throw invalid('body.deadline', `the deadline is before the day the problem was found (${r.found_on})`);
      set.deadline = u.deadline;
      // A deadline moved to today or later is no longer missed: the job marks it (and notifies) again if the new one passes.
      if (r.overdue_since !== null && u.deadline >= todayInChina()) set.overdue_since = null;
    }
    if (u.methodMineral !== undefined) set.method_mineral = methodOf(u.methodMineral, 'body.methodMineral');
    const assigned = await assignmentSet(trx, campaign, r, u);
    Object.assign(set, assigned.set);
    if (verifiesOwnWork(r, set)) throw invalid('body.verifyingUnitId', 'the responsible unit cannot verify its own work');
    if (u.progressPercent !== undefined) set.progress_percent = u.progressPercent;
    if (u.hazard !== undefined) set.hazard = u.hazard ? JSON.stringify(u.hazard) : null;

    if (office) {
      const relevant = touchedCampaignIssues(campaign, r, set, u.hazard, assigned.person, fields);
      if (relevant.length) throw issuesError(relevant.map((i) => ({ path: `body.${i.path}`, message: i.message })));
    }
    const done = await repo.updateProblem(trx, id, u.version, set);
    if (!done) throw new AppError('CONFLICT', 'The problem was changed by someone else; reload and apply your change again');
    const audit = [updateAudit(r, done.version, set, { reason: u.reason ?? null })];
    // A new deadline not yet passed is a new period to correct in: a running 按日连续处罚 count stops (and starts again from the new deadline if that is missed).
    const today = todayInChina();
    if (set.deadline !== undefined && set.deadline >= today && (await penaltiesRepo.stopClock(trx, id, today, 'deadline_moved'))) {
      audit.push({ action: 'penalty.clock_stop', entityType: 'problem', entityId: id, regionCode: r.region_code, before: { stoppedOn: null }, after: { stoppedOn: today, reason: 'deadline_moved', deadline: set.deadline } });
    }
    return { result: null, audit };
  });
  return getProblem(db, actor, id);
}

/** "items 0, 3 (id, id)" for a message, the first 20 of them. */
function whichItems(list: { i: number; id: string }[]): string {
  const shown = list.slice(0, 20);
  const more = list.length > shown.length ? ` and ${list.length - shown.length} more` : '';
  return `item${list.length > 1 ? 's' : ''} ${shown.map((x) => x.i).join(', ')} (${shown.map((x) => x.id).join(', ')})${more}`;
}

/**
 * 批量指派: gives many open problems the same responsible unit, person, contact and/or verifying unit,
 * in one transaction — every problem changes or none does. The same rules as a change of one problem
 * (patchProblem) apply to each: it must be in the actor's region (404 naming it), at the version the
 * office saw (409), open (409), and the actor its campaign's office (403; the responsible unit and
 * the inspectors may not); the units and the person must be records of each campaign's region, the
 * campaign's rank and contact rules apply to the person, and no problem may be verified by its own
 * responsible unit (400 naming the field, the campaign and the problems). Each problem gets its own
 * 'problem.update' audit event, marked bulk with the count.
 */
export async function bulkAssign(db: Db, actor: Actor, input: ProblemBulkAssign): Promise<ProblemBulkAssignResult> {
  const { items, reason, ...assignment } = input;
  const fields = Object.keys(assignment).filter((k) => assignment[k as keyof typeof assignment] !== undefined);
  return changeWithAudit(db, actor, async (trx) => {
    const rows = new Map((await repo.getProblemsForUpdate(trx, actor.scope, items.map((x) => x.id))).map((r) => [r.id, r]));
    const listed = items.map((x, i) => ({ i, id: x.id, version: x.version, r: rows.get(x.id.toLowerCase()) }));
    const item = (x: { i: number }, message: string): FieldIssue => ({ path: `body.items.${x.i}`, message });

    const missing = listed.filter((x) => !x.r);
    if (missing.length) throw new AppError('NOT_FOUND', `problem ${missing.map((x) => x.id).join(', ')} not found or not accessible`, missing.map((x) => ({ path: `body.items.${x.i}.id`, message: `problem ${x.id} not found or not accessible` })));
    const found = listed as (Omit<(typeof listed)[number], 'r'> & { r: Row })[];

    const stale = found.filter((x) => x.version !== x.r.version);
    if (stale.length) {
      throw new AppError(
        'CONFLICT',
        `${stale.length} of the problems were changed by someone else (${stale.map((x) => `item ${x.i}: you saw version ${x.version}, it is now ${x.r.version}`).slice(0, 20).join('; ')}); reload and assign again`,
        stale.map((x) => item(x, `${x.r.enterprise || x.r.site_name || x.id}: you saw version ${x.version}, it is now ${x.r.version}`)),
      );
    }

    const { unitId } = await repo.actorUnit(trx, actor.userId);
    const refused = found.flatMap((x) => {
      const why = changeRefusal({ userId: actor.userId, unitId, capacities: capacitiesOf(actor, x.r.campaign_region, x.r.region_code) }, x.r, fields);
      return why ? [{ ...x, why }] : [];
    });
    if (refused.length) {
      throw new AppError('FORBIDDEN', `you may not assign ${whichItems(refused)}: ${[...new Set(refused.map((x) => x.why))].join('; ')}`, refused.map((x) => item(x, x.why)));
    }

    const closed = found.filter((x) => closedRefusal(x.r));
    if (closed.length) {
      throw new AppError('CONFLICT', `${whichItems(closed)} ${closed.length > 1 ? 'are' : 'is'} closed or voided: reopen them to change their facts`, closed.map((x) => item(x, closedRefusal(x.r)!)));
    }

    // Per campaign: its units and people, its rules.
    const campaigns = campaignCache(trx, actor);
    const look = lookups(trx);
    const byCampaign = new Map<string, typeof found>();
    for (const x of found) byCampaign.set(x.r.campaign_id, [...(byCampaign.get(x.r.campaign_id) ?? []), x]);
    const changes: { x: (typeof found)[number]; set: Partial<repo.ProblemInsert> }[] = [];
    const issues: FieldIssue[] = [];
    for (const group of byCampaign.values()) {
      const campaign = await campaigns(group[0]!.r.campaign_id);
      const where = `campaign ${campaign.name} (${campaign.regionCode}), ${whichItems(group)}`;
      const own: typeof group = [];
      const broken = new Map<string, { issue: CampaignIssue; list: typeof group }>();
      for (const x of group) {
        let assigned: Awaited<ReturnType<typeof assignmentSet>>;
        try {
          assigned = await assignmentSet(trx, campaign, x.r, assignment, look);
        } catch (e) {
          // The same unit or person for the whole campaign: name the campaign and its problems once.
          if (e instanceof AppError && e.code === 'VALIDATION' && e.details) {
            issues.push(...e.details.map((d) => ({ path: d.path, message: `${d.message} — ${where}` })));
            break;
          }
          throw e;
        }
        if (verifiesOwnWork(x.r, assigned.set)) own.push(x);
        for (const i of touchedCampaignIssues(campaign, x.r, assigned.set, undefined, assigned.person, fields)) {
          const key = `${i.path} ${i.message}`;
          broken.set(key, { issue: i, list: [...(broken.get(key)?.list ?? []), x] });
        }
        changes.push({ x, set: assigned.set });
      }
      if (own.length) issues.push({ path: 'body.verifyingUnitId', message: `the responsible unit cannot verify its own work — campaign ${campaign.name}, ${whichItems(own)}` });
      for (const { issue, list } of broken.values()) issues.push({ path: `body.${issue.path}`, message: `${issue.message} — campaign ${campaign.name} (${campaign.regionCode}) rule, ${whichItems(list)}` });
    }
    if (issues.length) throw issuesError(issues);

    const audit: Audit[] = [];
    const result: ProblemBulkAssignResult['items'] = [];
    for (const { x, set } of changes.sort((a, b) => a.x.i - b.x.i)) {
      const done = await repo.updateProblem(trx, x.r.id, x.r.version, set);
      if (!done) throw new AppError('CONFLICT', `item ${x.i} (${x.id}) was changed by someone else; reload and assign again`);
      audit.push(updateAudit(x.r, done.version, set, { reason: reason ?? null, bulk: true, count: changes.length }));
      result.push({ id: x.r.id, version: done.version, responsibleText: set.responsible_text ?? x.r.responsible_text });
    }
    return { result: { updated: result.length, items: result }, audit };
  });
}

export async function signOffQueue(db: Db, actor: Actor, page: { limit: number; offset: number }): Promise<ProblemList> {
  const { unitId } = await repo.actorUnit(db, actor.userId);
  const office = actor.role === 'office' || actor.role === 'admin';
  const { rows, total } = await repo.signOffQueue(db, actor.scope, { office, unitId }, page);
  const today = todayInChina();
  const campaigns = campaignCache(db, actor);
  const items = await Promise.all(rows.map(async (r) => toSummary(r, await campaigns(r.campaign_id), today)));
  return { items, total, totalCapped: false };
}

// ---------- L5 progress ----------

export async function progressReport(db: Db, actor: Actor, f: ProblemFilter, groupBy: ProgressGroup, asOf: string | undefined): Promise<ProgressReport> {
  const filtered = await checkFilter(db, actor, f);
  let campaign: Campaign | null = null;
  if (groupBy === 'workGroup' || groupBy === 'type') {
    if (!filtered) throw invalid('query.campaignId', `groupBy=${groupBy} needs campaignId: work groups and problem types belong to one campaign`);
    campaign = filtered.campaign;
  }
  const today = asOf ?? todayInChina();
  const base = f.region ?? actor.scope.root;
  const { total, groups } = await progressFigures(db, actor.scope, f, today, groupBy, base);
  const labels = new Map<string | null, string>();
  if (groupBy === 'region') for (const r of await repo.regionNames(db, groups.map((g) => g.key!).filter(Boolean))) labels.set(r.code, r.name);
  if (groupBy === 'campaign') {
    const cache = campaignCache(db, actor);
    for (const g of groups) labels.set(g.key, (await cache(g.key!)).name);
  }
  if (campaign && groupBy === 'workGroup') for (const g of campaign.workGroups) labels.set(g.key, g.name);
  if (campaign && groupBy === 'type') for (const t of campaign.taxonomy) labels.set(t.code, t.name);
  if (groupBy === 'workGroup') labels.set(null, '（未分工作组）');
  return { asOf: today, groupBy, total, groups: groups.map((g) => ({ key: g.key, label: labels.get(g.key) ?? g.key ?? '', figures: g.figures })) };
}

// ---------- L7 per mine ----------

function mineView(campaign: Campaign, campaignId: string, r: Awaited<ReturnType<typeof repo.minesOfCampaign>>[number]): MineView {
  const stored = ((r.stages as MinePlanInput['stages'] | null) ?? []);
  const input: MinePlanInput = {
    campaignId,
    siteId: r.site_id,
    policy: r.policy ?? '',
    planFileIds: r.plan_file_ids ?? [],
    responsiblePersonId: r.responsible_person_id ?? null,
    stages: stored,
  };
  const byCode = new Map(stored.map((s) => [s.code, s]));
  return {
    campaignId,
    siteId: r.site_id,
    siteName: r.site_name,
    regionCode: r.region_code,
    policy: input.policy,
    planFileIds: input.planFileIds,
    responsiblePersonId: input.responsiblePersonId,
    responsiblePersonName: r.person_name ?? null,
    stages: campaign.stages.map((st) => {
      const s = byCode.get(st.code);
      return { code: st.code, name: st.name, en: st.en, status: s?.status ?? 'pending', completedOn: s?.completedOn ?? null, note: s?.note ?? '', evidenceFileIds: s?.evidenceFileIds ?? [] };
    }),
    stageProgress: mineStageProgress(campaign, input),
    gaps: minePlanGaps(campaign, input),
    problems: { open: r.open, closed: r.closed, overdue: r.overdue },
    version: r.version ?? null,
  };
}

export async function listMines(db: Db, actor: Actor, campaignId: string, page: { limit: number; offset: number; region?: string | undefined }): Promise<{ items: MineView[] }> {
  const { campaign, row } = await loadCampaign(db, actor, campaignId);
  if (page.region) assertRegionInScope(actor.scope, page.region);
  const rows = await repo.minesOfCampaign(db, actor.scope, row.id, todayInChina(), page);
  return { items: rows.map((r) => mineView(campaign, row.id, r)) };
}

export async function getMine(db: Db | Tx, actor: Actor, campaignId: string, siteId: string): Promise<MineView> {
  const { campaign, row } = await loadCampaign(db, actor, campaignId);
  const site = await repo.getSiteRow(db, actor.scope, siteId);
  if (!site) throw notFound('site');
  const [r] = await repo.minesOfCampaign(db as Db, actor.scope, row.id, todayInChina(), { limit: 1, offset: 0, siteId });
  // A registered mine without problems or a plan yet: everything still to do.
  return mineView(campaign, row.id, r ?? { site_id: site.id, site_name: site.name, region_code: site.region_code, policy: '', plan_file_ids: [], responsible_person_id: null, person_name: null, stages: [], version: null, open: 0, closed: 0, overdue: 0 });
}

/**
 * Sets a mine's 一矿一策/一矿一方案/一矿一责任人 and stage statuses (L7). The campaign office keeps it;
 * the stages must be the campaign's, the person and files records of its region. Gaps are reported,
 * not refused: "不漏一环" is what the view shows until they are filled.
 */
export async function putMinePlan(db: Db, actor: Actor, m: MinePlanInput): Promise<MineView> {
  const { campaign, row } = await campaignInBody(db, actor, m.campaignId);
  const site = await repo.getSiteRow(db, actor.scope, m.siteId);
  if (!site) throw invalid('body.siteId', `no site ${m.siteId} in your region`);
  if (!capacitiesOf(actor, row.region_code, site.region_code).includes('office')) throw new AppError('FORBIDDEN', "only the campaign office keeps a mine's plan");
  const codes = new Set(campaign.stages.map((s) => s.code));
  const unknown = m.stages.map((s, i) => [s, i] as const).filter(([s]) => !codes.has(s.code));
  if (unknown.length) throw issuesError(unknown.map(([s, i]) => ({ path: `body.stages.${i}.code`, message: `this campaign has no stage ${s.code} (${[...codes].join(', ') || 'it has none'})` })));
  if (m.responsiblePersonId) await personOfCampaign(db, campaign, m.responsiblePersonId, 'body.responsiblePersonId');
  await checkFiles(db, actor, m.planFileIds, 'body.planFileIds');
  for (const [i, s] of m.stages.entries()) await checkFiles(db, actor, s.evidenceFileIds, `body.stages.${i}.evidenceFileIds`);
  const before = await repo.getMinePlan(db, row.id, site.id);
  await changeWithAudit(db, actor, async (trx) => {
    const saved = await repo.upsertMinePlan(trx, { campaignId: row.id, siteId: site.id, regionCode: site.region_code, policy: m.policy, planFileIds: m.planFileIds, responsiblePersonId: m.responsiblePersonId, stages: m.stages, userId: actor.userId });
    return {
      result: saved,
      audit: [{
        action: 'mine_plan.update',
        entityType: 'mine_plan',
        entityId: saved.id,
        regionCode: site.region_code,
        before: before ? { policy: before.policy, planFileIds: before.plan_file_ids, responsiblePersonId: before.responsible_person_id, stages: before.stages, version: before.version } : null,
        after: { campaignId: row.id, siteId: site.id, policy: m.policy, planFileIds: m.planFileIds, responsiblePersonId: m.responsiblePersonId, stages: m.stages, version: saved.version },
      }],
    };
  });
  return getMine(db, actor, row.id, site.id);
}
