import { sql } from 'kysely';
import type { BodyInput, MeetingInput, MemberInput, PersonInput, UnitInput } from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** All SQL of the organisation context. Every read goes through whereInScope. */

export async function listUnits(db: Db, scope: Scope, region?: string) {
  const q = db
    .selectFrom('unit')
    .innerJoin('region', 'region.code', 'unit.region_code')
    .select(['unit.id', 'unit.region_code', 'region.name as region_name', 'unit.name', 'unit.kind', 'unit.sector', 'unit.parent_unit_id']);
  return whereInScope(q, 'unit.region_code', scope, region).orderBy('unit.region_code').orderBy('unit.name').execute();
}

export async function getUnit(db: Db | Tx, scope: Scope, id: string) {
  const q = db
    .selectFrom('unit')
    .innerJoin('region', 'region.code', 'unit.region_code')
    .select(['unit.id', 'unit.region_code', 'region.name as region_name', 'unit.name', 'unit.kind', 'unit.sector', 'unit.parent_unit_id'])
    .where('unit.id', '=', id);
  return whereInScope(q, 'unit.region_code', scope).executeTakeFirst();
}

export async function insertUnit(trx: Tx, u: UnitInput) {
  return trx
    .insertInto('unit')
    .values({ region_code: u.regionCode, name: u.name, kind: u.kind, sector: u.sector, parent_unit_id: u.parentUnitId })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findUnitByName(db: Db | Tx, regionCode: string, name: string) {
  return db.selectFrom('unit').select('id').where('region_code', '=', regionCode).where('name', '=', name).executeTakeFirst();
}

export async function findPersonByName(db: Db | Tx, regionCode: string, name: string) {
  return db.selectFrom('person').select('id').where('region_code', '=', regionCode).where('name', '=', name).executeTakeFirst();
}

const personSelect = (db: Db | Tx) =>
  db
    .selectFrom('person')
    .leftJoin('unit', 'unit.id', 'person.unit_id')
    .select(['person.id', 'person.region_code', 'person.name', 'person.unit_id', 'unit.name as unit_name', 'person.position', 'person.rank', 'person.phone']);

export async function listPeople(db: Db, scope: Scope, region?: string, text?: string) {
  let q = whereInScope(personSelect(db), 'person.region_code', scope, region);
  if (text) {
    const like = '%' + text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    q = q.where((eb) => eb.or([eb('person.name', 'like', like), eb('person.position', 'like', like)]));
  }
  return q.orderBy('person.region_code').orderBy('person.name').limit(1000).execute();
}

export async function getPerson(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(personSelect(db).where('person.id', '=', id), 'person.region_code', scope).executeTakeFirst();
}

export async function findPersonsByIds(db: Db | Tx, scope: Scope, ids: string[]) {
  if (ids.length === 0) return [];
  return whereInScope(db.selectFrom('person').select(['id', 'name', 'region_code']).where('id', 'in', ids), 'person.region_code', scope).execute();
}

export async function insertPerson(trx: Tx, p: PersonInput) {
  return trx
    .insertInto('person')
    .values({ region_code: p.regionCode, name: p.name, unit_id: p.unitId, position: p.position, rank: p.rank, phone: p.phone })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const bodySelect = (db: Db | Tx) =>
  db
    .selectFrom('body')
    .innerJoin('region', 'region.code', 'body.region_code')
    .leftJoin('unit', 'unit.id', 'body.host_unit_id')
    .select([
      'body.id',
      'body.region_code',
      'region.name as region_name',
      'body.name',
      'body.kind',
      'body.parent_body_id',
      'unit.name as host_unit_name',
      'body.district_codes',
      'body.cadence_months',
      'body.established_on',
      'body.duties',
      sql<string | null>`(select max(m.held_on)::text from meeting m where m.body_id = body.id)`.as('last_held_on'),
    ]);
export type BodyRow = Awaited<ReturnType<typeof getBody>> & {};

export async function listBodies(db: Db, scope: Scope, region?: string) {
  return whereInScope(bodySelect(db), 'body.region_code', scope, region)
    .orderBy('body.region_code')
    .orderBy('body.ordinal')
    .execute();
}

export async function getBody(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(bodySelect(db).where('body.id', '=', id), 'body.region_code', scope).executeTakeFirst();
}

export async function listCadenceBodies(db: Db, scope: Scope, region?: string) {
  return whereInScope(bodySelect(db).where('body.cadence_months', 'is not', null), 'body.region_code', scope, region).execute();
}

export async function childBodies(db: Db | Tx, id: string) {
  return db.selectFrom('body').select(['id', 'name', 'kind']).where('parent_body_id', '=', id).orderBy('ordinal').execute();
}

export async function insertBody(trx: Tx, b: BodyInput & { establishedOn?: string; source?: string | null }) {
  return trx
    .insertInto('body')
    .values({
      region_code: b.regionCode,
      name: b.name,
      kind: b.kind,
      parent_body_id: b.parentBodyId,
      host_unit_id: b.hostUnitId,
      duties: b.duties,
      district_codes: b.districtCodes,
      cadence_months: b.cadenceMonths,
      ...(b.establishedOn ? { established_on: b.establishedOn } : {}),
      source: b.source ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Members of the given bodies; callers pass ids they already read through the scope. */
export async function membersOf(db: Db | Tx, bodyIds: string[]) {
  if (bodyIds.length === 0) return [];
  return db
    .selectFrom('body_member as m')
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .select(['m.id', 'm.body_id', 'm.person_id', 'p.name', 'm.position', 'm.role', 'u.name as unit_name', 'm.note', 'm.duty'])
    .where('m.body_id', 'in', bodyIds)
    .orderBy('m.body_id')
    .orderBy('m.sort_order')
    .execute();
}

export async function insertMember(trx: Tx, bodyId: string, m: MemberInput) {
  const next = await trx
    .selectFrom('body_member')
    .select(sql<number>`coalesce(max(sort_order), 0) + 1`.as('n'))
    .where('body_id', '=', bodyId)
    .executeTakeFirstOrThrow();
  return trx
    .insertInto('body_member')
    .values({ body_id: bodyId, person_id: m.personId, role: m.role, position: m.position, note: m.note, duty: m.duty, sort_order: next.n })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function deleteMember(trx: Tx, bodyId: string, memberId: string) {
  return trx.deleteFrom('body_member').where('body_id', '=', bodyId).where('id', '=', memberId).returningAll().executeTakeFirst();
}

export async function listDuties(db: Db, scope: Scope, region?: string) {
  const tasks = await whereInScope(
    db.selectFrom('duty_task').select(['id', 'region_code', 'section', 'title', 'content']),
    'duty_task.region_code',
    scope,
    region,
  )
    .orderBy('region_code')
    .orderBy('sort_order')
    .execute();
  if (tasks.length === 0) return [];
  const units = await db
    .selectFrom('duty_task_unit as tu')
    .innerJoin('unit as u', 'u.id', 'tu.unit_id')
    .select(['tu.task_id', 'tu.role', 'u.id', 'u.name'])
    .where('tu.task_id', 'in', tasks.map((t) => t.id))
    .orderBy('tu.sort_order')
    .execute();
  return tasks.map((t) => ({
    ...t,
    lead: units.filter((u) => u.task_id === t.id && u.role === 'lead').map(({ id, name }) => ({ id, name })),
    cooperating: units.filter((u) => u.task_id === t.id && u.role === 'cooperating').map(({ id, name }) => ({ id, name })),
  }));
}

export async function insertDutyTask(
  trx: Tx,
  t: { regionCode: string; bodyId: string | null; section: string; title: string; content: string; sortOrder: number; source: string | null; lead: string[]; cooperating: string[] },
) {
  const { id } = await trx
    .insertInto('duty_task')
    .values({ region_code: t.regionCode, body_id: t.bodyId, section: t.section, title: t.title, content: t.content, sort_order: t.sortOrder, source: t.source })
    .returning('id')
    .executeTakeFirstOrThrow();
  const links = [
    ...t.lead.map((unit_id, i) => ({ task_id: id, unit_id, role: 'lead' as const, sort_order: i })),
    ...t.cooperating.map((unit_id, i) => ({ task_id: id, unit_id, role: 'cooperating' as const, sort_order: i })),
  ];
  if (links.length) await trx.insertInto('duty_task_unit').values(links).onConflict((oc) => oc.doNothing()).execute();
  return id;
}

export async function meetingsOf(db: Db | Tx, bodyId: string) {
  const meetings = await db
    .selectFrom('meeting')
    .select(['id', 'body_id', 'kind', 'held_on', 'title', 'decisions', 'created_at'])
    .where('body_id', '=', bodyId)
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  if (meetings.length === 0) return [];
  const att = await db
    .selectFrom('meeting_attendee as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.meeting_id', 'p.id', 'p.name'])
    .where('a.meeting_id', 'in', meetings.map((m) => m.id))
    .execute();
  return meetings.map((m) => ({ ...m, attendees: att.filter((a) => a.meeting_id === m.id).map((a) => ({ personId: a.id, name: a.name })) }));
}

export async function insertMeeting(trx: Tx, bodyId: string, regionCode: string, m: MeetingInput, createdBy: string | null) {
  const row = await trx
    .insertInto('meeting')
    .values({ body_id: bodyId, region_code: regionCode, kind: m.kind, held_on: m.heldOn, title: m.title, decisions: JSON.stringify(m.decisions), created_by: createdBy })
    .returning(['id', 'body_id', 'kind', 'held_on', 'title', 'decisions', 'created_at'])
    .executeTakeFirstOrThrow();
  if (m.attendeePersonIds.length) {
    await trx.insertInto('meeting_attendee').values([...new Set(m.attendeePersonIds)].map((person_id) => ({ meeting_id: row.id, person_id }))).execute();
  }
  return row;
}

