import {
  cadenceStatus,
  isWithinRegion,
  type BodyDetail,
  type BodyInput,
  type BodyKind,
  type BodySummary,
  type Cadence,
  type DutyTask,
  type Meeting,
  type MeetingInput,
  type MeetingKind,
  type Member,
  type MemberInput,
  type MemberRole,
  type Person,
  type PersonInput,
  type Rank,
  type Sector,
  type Unit,
  type UnitInput,
  type UnitKind,
} from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { Actor } from '../../auth/actor.js';
import { assertRegionInScope, inScope, type Scope } from '../../auth/scope.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { todayInChina } from '../../clock.js';
import { regionExists } from '../regions/regions.repository.js';
import * as repo from './org.repository.js';

/** Use cases of the organisation context (O1–O4, O7). Every function takes the actor first. */

async function checkRegion(db: Db | Tx, actor: Actor, field: string, code: string): Promise<void> {
  if (!(await regionExists(db, code))) throw invalid(field, `unknown region code ${code}`);
  if (!inScope(actor.scope, code)) throw invalid(field, `region ${code} is outside your region`);
}

/**
 * A record linked to a body (host unit, member, attendee, parent) must come from the body's own
 * region, a region above it, or one below it — never a sibling: whoever may see the body would
 * otherwise see another county's people through it.
 */
function linkable(bodyRegion: string, otherRegion: string): boolean {
  return isWithinRegion(bodyRegion, otherRegion) || isWithinRegion(otherRegion, bodyRegion);
}

async function checkRegionFilter(db: Db, actor: Actor, region: string | undefined): Promise<void> {
  if (region === undefined) return;
  assertRegionInScope(actor.scope, region);
  if (!(await regionExists(db, region))) throw notFound(`region ${region}`);
}

const toUnit = (r: NonNullable<Awaited<ReturnType<typeof repo.getUnit>>>): Unit => ({
  id: r.id,
  regionCode: r.region_code,
  regionName: r.region_name,
  name: r.name,
  kind: r.kind as UnitKind,
  sector: r.sector as Sector | null,
  parentUnitId: r.parent_unit_id,
});

const toPerson = (r: NonNullable<Awaited<ReturnType<typeof repo.getPerson>>>): Person => ({
  id: r.id,
  regionCode: r.region_code,
  name: r.name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  position: r.position,
  rank: r.rank as Rank | null,
  phone: r.phone,
});

export async function listUnits(db: Db, actor: Actor, region?: string): Promise<Unit[]> {
  await checkRegionFilter(db, actor, region);
  return (await repo.listUnits(db, actor.scope, region)).map(toUnit);
}

export async function createUnit(db: Db, actor: Actor, input: UnitInput): Promise<Unit> {
  await checkRegion(db, actor, 'body.regionCode', input.regionCode);
  if (input.parentUnitId && !(await repo.getUnit(db, actor.scope, input.parentUnitId))) {
    throw invalid('body.parentUnitId', 'no such unit in your region');
  }
  if (await repo.findUnitByName(db, input.regionCode, input.name)) {
    throw new AppError('CONFLICT', `A unit named ${input.name} already exists in region ${input.regionCode}`);
  }
  return changeWithAudit(db, actor, async (trx) => {
    const { id } = await repo.insertUnit(trx, input);
    const unit = toUnit((await repo.getUnit(trx, actor.scope, id))!);
    return { result: unit, audit: [{ action: 'unit.create', entityType: 'unit', entityId: id, regionCode: input.regionCode, after: unit }] };
  });
}

export async function listPeople(db: Db, actor: Actor, region?: string, text?: string): Promise<Person[]> {
  await checkRegionFilter(db, actor, region);
  return (await repo.listPeople(db, actor.scope, region, text)).map(toPerson);
}

export async function createPerson(db: Db, actor: Actor, input: PersonInput): Promise<Person> {
  await checkRegion(db, actor, 'body.regionCode', input.regionCode);
  if (input.unitId && !(await repo.getUnit(db, actor.scope, input.unitId))) throw invalid('body.unitId', 'no such unit in your region');
  return changeWithAudit(db, actor, async (trx) => {
    const { id } = await repo.insertPerson(trx, input);
    const person = toPerson((await repo.getPerson(trx, actor.scope, id))!);
    return { result: person, audit: [{ action: 'person.create', entityType: 'person', entityId: id, regionCode: input.regionCode, after: person }] };
  });
}

type BodyRow = NonNullable<Awaited<ReturnType<typeof repo.getBody>>>;
type MemberRow = Awaited<ReturnType<typeof repo.membersOf>>[number];

const toMember = (m: MemberRow): Member => ({
  id: m.id,
  personId: m.person_id,
  name: m.name,
  position: m.position,
  role: m.role as MemberRole,
  unitName: m.unit_name,
  note: m.note,
  duty: m.duty,
});

function cadenceOf(b: BodyRow, today: string): Cadence | null {
  if (b.cadence_months == null) return null;
  return { cadenceMonths: b.cadence_months, lastHeldOn: b.last_held_on, ...cadenceStatus(b.cadence_months, b.last_held_on, b.established_on, today) };
}

function toSummary(b: BodyRow, members: MemberRow[], today: string): BodySummary {
  return {
    id: b.id,
    regionCode: b.region_code,
    regionName: b.region_name,
    name: b.name,
    kind: b.kind as BodyKind,
    parentBodyId: b.parent_body_id,
    hostUnitName: b.host_unit_name,
    districtCodes: b.district_codes,
    members: members.filter((m) => m.body_id === b.id).map(toMember),
    cadence: cadenceOf(b, today),
  };
}

export async function listBodies(db: Db, actor: Actor, region?: string): Promise<BodySummary[]> {
  await checkRegionFilter(db, actor, region);
  const bodies = await repo.listBodies(db, actor.scope, region);
  const members = await repo.membersOf(db, bodies.map((b) => b.id));
  const today = todayInChina();
  return bodies.map((b) => toSummary(b, members, today));
}

async function loadBody(db: Db | Tx, scope: Scope, id: string): Promise<BodyDetail> {
  const b = await repo.getBody(db, scope, id);
  if (!b) throw notFound('body');
  const [members, children, meetings] = await Promise.all([repo.membersOf(db, [id]), repo.childBodies(db, id), repo.meetingsOf(db, id)]);
  return {
    ...toSummary(b, members, todayInChina()),
    duties: b.duties,
    children: children.map((c) => ({ id: c.id, name: c.name, kind: c.kind as BodyKind })),
    meetings: meetings.map(toMeeting),
  };
}

export const getBody = (db: Db, actor: Actor, id: string) => loadBody(db, actor.scope, id);

export async function createBody(db: Db, actor: Actor, input: BodyInput): Promise<BodyDetail> {
  await checkRegion(db, actor, 'body.regionCode', input.regionCode);
  if (input.parentBodyId) {
    const parent = await repo.getBody(db, actor.scope, input.parentBodyId);
    if (!parent) throw invalid('body.parentBodyId', 'no such body in your region');
    if (!isWithinRegion(input.regionCode, parent.region_code)) throw invalid('body.parentBodyId', `a sub-body must lie within its parent's region ${parent.region_code}`);
  }
  if (input.hostUnitId) {
    const unit = await repo.getUnit(db, actor.scope, input.hostUnitId);
    if (!unit) throw invalid('body.hostUnitId', 'no such unit in your region');
    if (!linkable(input.regionCode, unit.region_code)) throw invalid('body.hostUnitId', `unit of region ${unit.region_code} cannot host a body of region ${input.regionCode}`);
  }
  for (const [i, d] of input.districtCodes.entries()) {
    if (!(await regionExists(db, d))) throw invalid(`body.districtCodes.${i}`, `unknown region code ${d}`);
    if (!isWithinRegion(d, input.regionCode)) throw invalid(`body.districtCodes.${i}`, `district ${d} is not within the body's region ${input.regionCode}`);
  }
  return changeWithAudit(db, actor, async (trx) => {
    const { id } = await repo.insertBody(trx, input);
    const body = await loadBody(trx, actor.scope, id);
    return { result: body, audit: [{ action: 'body.create', entityType: 'body', entityId: id, regionCode: input.regionCode, after: input }] };
  });
}

export async function addMember(db: Db, actor: Actor, bodyId: string, input: MemberInput): Promise<Member> {
  const body = await repo.getBody(db, actor.scope, bodyId);
  if (!body) throw notFound('body');
  if (input.personId === null && input.note === '') throw invalid('body.personId', 'give a person, or a note for an unnamed member');
  if (input.personId) {
    const person = await repo.getPerson(db, actor.scope, input.personId);
    if (!person) throw invalid('body.personId', 'no such person in your region');
    if (!linkable(body.region_code, person.region_code)) throw invalid('body.personId', `a person of region ${person.region_code} cannot sit on a body of region ${body.region_code}`);
  }
  return changeWithAudit(db, actor, async (trx) => {
    const { id } = await repo.insertMember(trx, bodyId, input);
    const member = (await repo.membersOf(trx, [bodyId])).find((m) => m.id === id)!;
    return {
      result: toMember(member),
      audit: [{ action: 'member.add', entityType: 'body', entityId: bodyId, regionCode: body.region_code, after: { memberId: id, ...input } }],
    };
  });
}

export async function removeMember(db: Db, actor: Actor, bodyId: string, memberId: string): Promise<void> {
  const body = await repo.getBody(db, actor.scope, bodyId);
  if (!body) throw notFound('body');
  await changeWithAudit(db, actor, async (trx) => {
    const removed = await repo.deleteMember(trx, bodyId, memberId);
    if (!removed) throw notFound('member');
    return { result: undefined, audit: [{ action: 'member.remove', entityType: 'body', entityId: bodyId, regionCode: body.region_code, before: removed }] };
  });
}

const toMeeting = (m: Awaited<ReturnType<typeof repo.meetingsOf>>[number]): Meeting => ({
  id: m.id,
  bodyId: m.body_id,
  kind: m.kind as MeetingKind,
  heldOn: m.held_on,
  title: m.title,
  attendees: m.attendees,
  decisions: m.decisions,
  createdAt: m.created_at.toISOString(),
});

export async function recordMeeting(db: Db, actor: Actor, bodyId: string, input: MeetingInput): Promise<Meeting> {
  const body = await repo.getBody(db, actor.scope, bodyId);
  if (!body) throw notFound('body');
  if (input.heldOn > todayInChina()) throw invalid('body.heldOn', 'a meeting cannot be recorded before it is held');
  const found = await repo.findPersonsByIds(db, actor.scope, input.attendeePersonIds);
  const missing = input.attendeePersonIds.findIndex((id) => !found.some((p) => p.id === id));
  if (missing >= 0) throw invalid(`body.attendeePersonIds.${missing}`, 'no such person in your region');
  const foreign = input.attendeePersonIds.findIndex((id) => !linkable(body.region_code, found.find((p) => p.id === id)!.region_code));
  if (foreign >= 0) throw invalid(`body.attendeePersonIds.${foreign}`, `attendee is from a region unrelated to the body's region ${body.region_code}`);
  return changeWithAudit(db, actor, async (trx) => {
    const row = await repo.insertMeeting(trx, bodyId, body.region_code, input, actor.via === 'session' ? actor.userId : null);
    const meeting = (await repo.meetingsOf(trx, bodyId)).find((m) => m.id === row.id)!;
    return {
      result: toMeeting(meeting),
      audit: [{ action: 'meeting.create', entityType: 'body', entityId: bodyId, regionCode: body.region_code, after: { meetingId: row.id, ...input } }],
    };
  });
}

export async function listDuties(db: Db, actor: Actor, region?: string): Promise<DutyTask[]> {
  await checkRegionFilter(db, actor, region);
  return (await repo.listDuties(db, actor.scope, region)).map((t) => ({
    id: t.id,
    regionCode: t.region_code,
    section: t.section,
    title: t.title,
    content: t.content,
    leadUnits: t.lead,
    cooperatingUnits: t.cooperating,
  }));
}

export async function cadenceCompliance(db: Db, actor: Actor, region?: string) {
  await checkRegionFilter(db, actor, region);
  const today = todayInChina();
  const rows = (await repo.listCadenceBodies(db, actor.scope, region)).map((b) => ({
    body: { id: b.id, name: b.name, kind: b.kind as BodyKind, regionCode: b.region_code, regionName: b.region_name },
    cadence: cadenceOf(b, today)!,
  }));
  return rows.sort((a, b) => Number(b.cadence.overdue) - Number(a.cadence.overdue) || b.cadence.daysOverdue - a.cadence.daysOverdue);
}
