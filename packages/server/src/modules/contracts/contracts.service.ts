import {
  contractActiveOn,
  contractVisitStatus,
  daysBetween,
  isPhotoMime,
  isWithinRegion,
  mayRecordVisit,
  overdueTargets,
  visitDateIssue,
  type Contract,
  type ContractEnd,
  type ContractInput,
  type ContractTarget,
  type OverdueList,
  type SiteKind,
  type Visit,
  type VisitInput,
  type VisitMethod,
  type VisitWindow,
} from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { Actor } from '../../auth/actor.js';
import { assertRegionInScope, inScope, type Scope } from '../../auth/scope.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { todayInChina } from '../../clock.js';
import { regionExists } from '../regions/regions.repository.js';
import { getPerson } from '../org/org.repository.js';
import { getFiles } from '../files/files.repository.js';
import * as repo from './contracts.repository.js';

/**
 * O5 包联 use cases. Who sees an assignment: everyone whose scope holds its region, the smallest
 * region holding all of its targets. Who may be assigned what: a person only areas and sites of his
 * own region subtree (004: 县领导包抓乡镇, 乡镇领导包抓辖区, 乡镇班子成员包抓矿山), all of them within the
 * actor's scope.
 */

type TargetRow = Awaited<ReturnType<typeof repo.targetsOf>>[number];

const personOf = (r: { person_id: string; person_name: string; person_position: string; unit_name: string | null; person_region_code: string }) => ({
  id: r.person_id,
  name: r.person_name,
  position: r.person_position,
  unitName: r.unit_name,
  regionCode: r.person_region_code,
});

const targetBase = (t: { kind: 'region' | 'site'; region_code: string; region_name: string; site_id: string | null; site_name: string | null; site_kind: string | null }) => ({
  kind: t.kind,
  regionCode: t.region_code,
  regionName: t.region_name,
  siteId: t.site_id,
  siteName: t.site_name,
  siteKind: t.site_kind as SiteKind | null,
});

async function actorPerson(db: Db, actor: Actor): Promise<string | null> {
  // Only the roles that record visits for themselves need the link.
  return actor.role === 'member_unit' || actor.role === 'inspector' ? repo.personOfUser(db, actor.userId) : null;
}

function toContract(c: repo.ContractRow, targets: TargetRow[], today: string, actorPersonId: string | null, role: string): Contract {
  const rule = { id: c.id, personId: c.person_id, validFrom: c.valid_from, validTo: c.valid_to, targets: targets.map((t) => ({ id: t.id })) };
  const visits = targets.filter((t) => t.last_visit_on !== null).map((t) => ({ contractId: c.id, targetId: t.id, visitedOn: t.last_visit_on! }));
  const status = new Map(contractVisitStatus([rule], visits, today).map((s) => [s.targetId, s]));
  const outTargets: ContractTarget[] = targets.map((t) => {
    const s = status.get(t.id);
    const last = s?.lastVisitOn ?? (t.last_visit_on !== null && t.last_visit_on >= c.valid_from ? t.last_visit_on : null);
    return {
      id: t.id,
      ...targetBase(t),
      lastVisitOn: last,
      daysSinceLastVisit: last === null ? null : daysBetween(last, today),
      dueBy: s?.dueBy ?? null,
      overdue: s?.overdue ?? false,
      daysOverdue: s?.daysOverdue ?? 0,
    };
  });
  return {
    id: c.id,
    regionCode: c.region_code,
    regionName: c.region_name,
    person: personOf(c),
    validFrom: c.valid_from,
    validTo: c.valid_to,
    note: c.note,
    ended: c.ended_at ? { on: c.valid_to!, reason: c.end_reason ?? '', at: c.ended_at.toISOString() } : null,
    active: contractActiveOn({ validFrom: c.valid_from, validTo: c.valid_to }, today),
    overdue: outTargets.some((t) => t.overdue),
    targets: outTargets,
    mayRecordVisit: mayRecordVisit(role, actorPersonId, c.person_id),
    createdAt: c.created_at.toISOString(),
  };
}

async function load(db: Db | Tx, scope: Scope, id: string, actor: Actor, actorPersonId: string | null): Promise<Contract> {
  const c = await repo.getContract(db, scope, id);
  if (!c) throw notFound('contract');
  const today = todayInChina();
  return toContract(c, await repo.targetsOf(db, [c.id], today), today, actorPersonId, actor.role);
}

async function checkRegionFilter(db: Db, actor: Actor, region: string | undefined): Promise<void> {
  if (region === undefined) return;
  assertRegionInScope(actor.scope, region);
  if (!(await regionExists(db, region))) throw notFound(`region ${region}`);
}

export interface ListFilter {
  region?: string | undefined;
  personId?: string | undefined;
  includeEnded: boolean;
  limit: number;
  offset: number;
}

export async function listContracts(db: Db, actor: Actor, f: ListFilter): Promise<{ items: Contract[]; total: number }> {
  await checkRegionFilter(db, actor, f.region);
  const today = todayInChina();
  const { rows, total } = await repo.listContracts(db, actor.scope, { ...f, today });
  const targets = await repo.targetsOf(db, rows.map((r) => r.id), today);
  const me = await actorPerson(db, actor);
  return { items: rows.map((r) => toContract(r, targets.filter((t) => t.contract_id === r.id), today, me, actor.role)), total };
}

export async function getContract(db: Db, actor: Actor, id: string): Promise<Contract> {
  return load(db, actor.scope, id, actor, await actorPerson(db, actor));
}

/** The smallest region that holds every code (codes exist; they share at least their province). */
async function commonRegion(db: Db, codes: string[]): Promise<string> {
  const chains = await Promise.all([...new Set(codes)].map((c) => repo.ancestorChain(db, c)));
  let common = chains[0]!;
  for (const ch of chains.slice(1)) {
    let i = 0;
    while (i < common.length && i < ch.length && common[i] === ch[i]) i++;
    common = common.slice(0, i);
  }
  if (common.length === 0) throw new AppError('VALIDATION', 'the targets share no region', [{ path: 'body.targets', message: 'targets must lie within one province' }]);
  return common[common.length - 1]!;
}

export async function createContract(db: Db, actor: Actor, input: ContractInput): Promise<Contract> {
  const person = await getPerson(db, actor.scope, input.personId);
  if (!person) throw invalid('body.personId', 'no such person in your region');
  const targets: repo.TargetWrite[] = [];
  for (const [i, t] of input.targets.entries()) {
    let code: string;
    if (t.kind === 'region') {
      const at = `body.targets.${i}.regionCode`;
      const level = await repo.regionLevel(db, t.regionCode);
      if (!level) throw invalid(at, `unknown region code ${t.regionCode}`);
      if (!inScope(actor.scope, t.regionCode)) throw invalid(at, `region ${t.regionCode} is outside your region`);
      if (level !== 'township' && level !== 'village') throw invalid(at, `region ${t.regionCode} is a ${level}; a contracted area is a township or a village`);
      code = t.regionCode;
      targets.push({ kind: 'region', regionCode: code, siteId: null });
    } else {
      const site = await repo.getSite(db, actor.scope, t.siteId);
      if (!site) throw invalid(`body.targets.${i}.siteId`, 'no such site in your region');
      code = site.region_code;
      targets.push({ kind: 'site', regionCode: code, siteId: site.id });
    }
    if (!isWithinRegion(code, person.region_code)) {
      throw invalid(`body.targets.${i}`, `lies in region ${code}, outside region ${person.region_code} of ${person.name}: a person is assigned areas of his own region only`);
    }
  }
  const regionCode = await commonRegion(db, targets.map((t) => t.regionCode));
  return changeWithAudit(db, actor, async (trx) => {
    await repo.lockPerson(trx, person.id);
    const clash = await repo.overlappingTargets(trx, person.id, targets.filter((t) => t.kind === 'region').map((t) => t.regionCode), targets.flatMap((t) => (t.siteId ? [t.siteId] : [])), input.validFrom, input.validTo);
    if (clash.length) {
      const i = targets.findIndex((t) => clash.some((c) => c.kind === t.kind && (t.kind === 'site' ? c.site_id === t.siteId : c.region_code === t.regionCode)));
      throw new AppError('CONFLICT', `${person.name} already holds an assignment for targets.${i} in an overlapping period; end that one first`, [{ path: `body.targets.${i}`, message: 'already assigned to this person in an overlapping period' }]);
    }
    const id = await repo.insertContract(trx, { regionCode, input, targets, createdBy: actor.via === 'session' ? actor.userId : null });
    const result = await load(trx, actor.scope, id, actor, await actorPerson(db, actor));
    return {
      result,
      audit: [{ action: 'contract.create', entityType: 'contract', entityId: id, regionCode, after: { ...input, personName: person.name, targets: result.targets.map((t) => ({ id: t.id, kind: t.kind, regionCode: t.regionCode, siteId: t.siteId })) } }],
    };
  });
}

export async function endContract(db: Db, actor: Actor, id: string, input: ContractEnd): Promise<Contract> {
  const c = await repo.getContract(db, actor.scope, id);
  if (!c) throw notFound('contract');
  if (c.ended_at) throw new AppError('ILLEGAL_TRANSITION', `the assignment was already ended on ${c.valid_to}`);
  const today = todayInChina();
  if (input.endOn > today) throw invalid('body.endOn', `an assignment is ended on or before today (${today} in China); a planned end is its validTo`);
  if (input.endOn < c.valid_from) throw invalid('body.endOn', `the assignment starts on ${c.valid_from}; it cannot end before that`);
  if (c.valid_to !== null && input.endOn > c.valid_to) throw invalid('body.endOn', `the assignment runs only to ${c.valid_to}; end it on or before that day`);
  return changeWithAudit(db, actor, async (trx) => {
    // Locked, so no visit can be recorded after the end day while this runs.
    await repo.lockContract(trx, id);
    const latest = await repo.latestVisitOn(trx, id);
    if (latest !== null && latest > input.endOn) throw invalid('body.endOn', `a visit on ${latest} was recorded under this assignment; end it on or after that day`);
    const done = await repo.endContract(trx, id, input.endOn, input.reason, actor.via === 'session' ? actor.userId : null);
    if (!done) throw new AppError('ILLEGAL_TRANSITION', 'the assignment was ended by someone else a moment ago');
    const result = await load(trx, actor.scope, id, actor, await actorPerson(db, actor));
    return { result, audit: [{ action: 'contract.end', entityType: 'contract', entityId: id, regionCode: c.region_code, before: { validTo: c.valid_to }, after: { validTo: input.endOn, reason: input.reason } }] };
  });
}

const toVisit = (v: repo.VisitRow): Visit => ({
  id: v.id,
  contractId: v.contract_id,
  targetId: v.target_id,
  visitedOn: v.visited_on,
  method: v.method as VisitMethod,
  location: v.lon === null || v.lat === null ? null : { lon: v.lon, lat: v.lat, accuracyM: v.accuracy_m },
  notes: v.notes,
  photoFileIds: v.photo_file_ids,
  recordedBy: v.recorded_by,
  recordedAt: v.recorded_at.toISOString(),
});

/**
 * Photos of a visit must be uploaded photos (POST /api/files, purpose photo) the actor can see, and
 * belong to the assignment's region or below, so everyone who sees the visit can open them.
 */
async function checkPhotos(db: Db, actor: Actor, contractRegion: string, ids: string[]): Promise<void> {
  const found = new Map((await getFiles(db, actor.scope, ids)).map((f) => [f.id.toLowerCase(), f]));
  ids.forEach((id, i) => {
    const f = found.get(id.toLowerCase());
    const at = `body.photoFileIds.${i}`;
    if (!f) throw invalid(at, 'no such uploaded file in your region');
    if (!isPhotoMime(f.mime)) throw invalid(at, `file ${f.original_name} is ${f.mime}, not a photo`);
    if (!isWithinRegion(f.region_code, contractRegion)) throw invalid(at, `photo was uploaded for region ${f.region_code}, outside this assignment's region ${contractRegion}; upload it for the visited area`);
  });
}

export async function recordVisit(db: Db, actor: Actor, contractId: string, input: VisitInput): Promise<Visit> {
  const c = await repo.getContract(db, actor.scope, contractId);
  if (!c) throw notFound('contract');
  if (!mayRecordVisit(actor.role, await actorPerson(db, actor), c.person_id)) {
    throw new AppError('FORBIDDEN', `Role ${actor.role} records visits only to areas contracted to the person of your own login`);
  }
  const target = (await repo.targetsOf(db, [c.id], todayInChina())).find((t) => t.id === input.targetId.toLowerCase());
  if (!target) throw invalid('body.targetId', 'is not a target of this assignment in your region');
  const dateIssue = visitDateIssue(input.visitedOn, todayInChina(), { validFrom: c.valid_from, validTo: c.valid_to });
  if (dateIssue) throw invalid('body.visitedOn', dateIssue);
  await checkPhotos(db, actor, c.region_code, input.photoFileIds);
  const normalised = { ...input, targetId: target.id, photoFileIds: input.photoFileIds.map((p) => p.toLowerCase()) };
  return changeWithAudit(db, actor, async (trx) => {
    // The period again, under lock: the assignment may have been ended a moment ago.
    const period = await repo.lockContract(trx, c.id);
    const late = visitDateIssue(input.visitedOn, todayInChina(), { validFrom: period.valid_from, validTo: period.valid_to });
    if (late) throw invalid('body.visitedOn', late);
    const id = await repo.insertVisit(trx, { contractId: c.id, regionCode: target.region_code, input: normalised, recordedBy: actor.via === 'session' ? actor.userId : null });
    const visit = toVisit((await repo.getVisit(trx, actor.scope, id))!);
    return { result: visit, audit: [{ action: 'contract.visit', entityType: 'contract', entityId: c.id, regionCode: c.region_code, after: { visitId: id, ...normalised } }] };
  });
}

export async function listVisits(db: Db, actor: Actor, contractId: string, targetId?: string): Promise<Visit[]> {
  const c = await repo.getContract(db, actor.scope, contractId);
  if (!c) throw notFound('contract');
  return (await repo.listVisits(db, actor.scope, contractId, targetId)).map(toVisit);
}

export interface OverdueFilter {
  region?: string | undefined;
  asOf?: string | undefined;
  windowMonths?: number | undefined;
  windowDays?: number | undefined;
}

/** Leader × target pairs with no visit within the window, as of a day (today by default), longest overdue first. */
export async function overdueList(db: Db, actor: Actor, f: OverdueFilter): Promise<OverdueList> {
  await checkRegionFilter(db, actor, f.region);
  const today = todayInChina();
  const asOf = f.asOf ?? today;
  if (asOf > today) throw invalid('querystring.asOf', `must not be after today (${today} in China)`);
  if (f.windowMonths !== undefined && f.windowDays !== undefined) throw invalid('querystring.windowDays', 'give windowMonths or windowDays, not both');
  const window: VisitWindow = f.windowDays !== undefined ? { days: f.windowDays } : { months: f.windowMonths ?? 1 };
  const rows = await repo.targetsInForce(db, actor.scope, asOf, f.region);
  const byTarget = new Map(rows.map((r) => [r.target_id, r]));
  const contracts = new Map<string, { id: string; personId: string; validFrom: string; validTo: string | null; targets: { id: string }[] }>();
  for (const r of rows) {
    const c = contracts.get(r.contract_id) ?? { id: r.contract_id, personId: r.person_id, validFrom: r.valid_from, validTo: r.valid_to, targets: [] };
    c.targets.push({ id: r.target_id });
    contracts.set(r.contract_id, c);
  }
  const visits = rows.filter((r) => r.last_visit_on !== null).map((r) => ({ contractId: r.contract_id, targetId: r.target_id, visitedOn: r.last_visit_on! }));
  const items = overdueTargets([...contracts.values()], visits, asOf, window).map((s) => {
    const r = byTarget.get(s.targetId)!;
    return {
      contractId: s.contractId,
      person: personOf(r),
      target: { id: r.target_id, ...targetBase(r) },
      regionCode: r.region_code,
      lastVisitOn: s.lastVisitOn,
      daysSinceLastVisit: s.daysSinceLastVisit,
      dueBy: s.dueBy,
      daysOverdue: s.daysOverdue,
    };
  });
  return { asOf, window, items };
}

