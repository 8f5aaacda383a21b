import { isWithinRegion, type Grid, type GridDetail, type GridInput, type GridRole, type GridUpdate, type SiteGeometry, type SiteKind } from '@minewatch/core';
import { checkGeometry, type GeoIssue } from '@minewatch/geo';
import type { Geometry } from 'geojson';
import type { Db, Tx } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { Actor } from '../../auth/actor.js';
import { assertRegionInScope, inScope } from '../../auth/scope.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { regionExists } from '../regions/regions.repository.js';
import { getPerson } from '../org/org.repository.js';
import * as repo from './grids.repository.js';

/**
 * Records linked across regions must come from the same line of the tree (the region itself, above
 * it or below it), never a sibling: whoever sees one would otherwise see another county's records.
 */
export const linkable = (a: string, b: string) => isWithinRegion(a, b) || isWithinRegion(b, a);

type PeopleRows = Awaited<ReturnType<typeof repo.peopleOf>>;

function toGrid(g: repo.GridRow, people: PeopleRows, siteCount: number): Grid {
  return {
    id: g.id,
    regionCode: g.region_code,
    regionName: g.region_name,
    name: g.name,
    geometry: g.geometry ?? null,
    people: people
      .filter((p) => p.grid_id === g.id)
      .map((p) => ({ personId: p.person_id, role: p.role as GridRole, name: p.name, position: p.position, unitName: p.unit_name, phone: p.phone, regionCode: p.region_code })),
    siteCount,
    version: g.version,
    updatedAt: g.updated_at.toISOString(),
  };
}

function checkArea(g: SiteGeometry | null): void {
  if (!g) return;
  const issues: GeoIssue[] = [];
  checkGeometry(g as Geometry, 0, undefined, issues);
  if (issues.length) {
    throw new AppError(
      'VALIDATION',
      `body.geometry: ${issues.map((i) => i.message).join('; ')}`,
      issues.map((i) => ({ path: `body.geometry${i.ring !== undefined ? `.coordinates.${i.ring}` : ''}${i.vertex !== undefined ? `.${i.vertex}` : ''}`, message: i.message })),
    );
  }
}

/** Every assigned person must be readable by the actor and from the grid's line of regions. */
async function checkPeople(db: Db | Tx, actor: Actor, gridRegion: string, people: GridInput['people']): Promise<void> {
  for (const [i, p] of people.entries()) {
    const person = await getPerson(db, actor.scope, p.personId);
    if (!person) throw invalid(`body.people.${i}.personId`, 'no such person in your region');
    if (!linkable(gridRegion, person.region_code)) {
      throw invalid(`body.people.${i}.personId`, `${person.name} belongs to region ${person.region_code}, which is neither above nor below the grid's region ${gridRegion}`);
    }
  }
}

export async function listGrids(db: Db, actor: Actor, region?: string): Promise<Grid[]> {
  if (region) {
    assertRegionInScope(actor.scope, region);
    if (!(await regionExists(db, region))) throw notFound(`region ${region}`);
  }
  const grids = await repo.listGrids(db, actor.scope, region);
  const ids = grids.map((g) => g.id);
  const [people, counts] = await Promise.all([repo.peopleOf(db, ids), repo.siteCounts(db, actor.scope, ids)]);
  return grids.map((g) => toGrid(g, people, counts.get(g.id) ?? 0));
}

async function detail(db: Db, actor: Actor, g: repo.GridRow): Promise<GridDetail> {
  const [people, sites] = await Promise.all([repo.peopleOf(db, [g.id]), repo.sitesOf(db, actor.scope, g.id)]);
  return {
    ...toGrid(g, people, sites.length),
    sites: sites.map((s) => ({ id: s.id, name: s.name, kind: s.kind as SiteKind, status: s.status, regionCode: s.region_code })),
  };
}

export async function getGrid(db: Db, actor: Actor, id: string): Promise<GridDetail> {
  const g = await repo.getGrid(db, actor.scope, id);
  if (!g) throw notFound('grid');
  return detail(db, actor, g);
}

const audited = (g: { name: string; geometry: unknown }, people: GridInput['people']) => ({ name: g.name, geometry: g.geometry ?? null, people });

export async function createGrid(db: Db, actor: Actor, input: GridInput): Promise<GridDetail> {
  if (!(await regionExists(db, input.regionCode))) throw invalid('body.regionCode', `unknown region code ${input.regionCode}`);
  if (!inScope(actor.scope, input.regionCode)) throw invalid('body.regionCode', `region ${input.regionCode} is outside your region`);
  checkArea(input.geometry);
  await checkPeople(db, actor, input.regionCode, input.people);
  if (await repo.findGridByName(db, input.regionCode, input.name)) throw new AppError('CONFLICT', `A grid named ${input.name} already exists in region ${input.regionCode}`);
  const id = await changeWithAudit(db, actor, async (trx) => {
    const { id } = await repo.insertGrid(trx, input);
    await repo.replacePeople(trx, id, input.people);
    return { result: id, audit: [{ action: 'grid.create', entityType: 'grid', entityId: id, regionCode: input.regionCode, after: audited(input, input.people) }] };
  });
  return getGrid(db, actor, id);
}

export async function updateGrid(db: Db, actor: Actor, id: string, u: GridUpdate): Promise<GridDetail> {
  const current = await repo.getGrid(db, actor.scope, id);
  if (!current) throw notFound('grid');
  if (u.geometry !== undefined) checkArea(u.geometry);
  if (u.people) await checkPeople(db, actor, current.region_code, u.people);
  if (u.name !== undefined && u.name !== current.name && (await repo.findGridByName(db, current.region_code, u.name))) {
    throw new AppError('CONFLICT', `A grid named ${u.name} already exists in region ${current.region_code}`);
  }
  const before = await repo.peopleOf(db, [id]);
  const beforePeople = before.map((p) => ({ personId: p.person_id, role: p.role as GridRole }));
  await changeWithAudit(db, actor, async (trx) => {
    const next = { name: u.name ?? current.name, geometry: u.geometry === undefined ? current.geometry : u.geometry };
    const done = await repo.updateGrid(trx, id, u.version, next);
    if (!done) throw new AppError('CONFLICT', `The grid was changed by someone else (you edited version ${u.version}, it is now ${current.version}); reload and apply your change again`);
    if (u.people) await repo.replacePeople(trx, id, u.people);
    return {
      result: null,
      audit: [{
        action: 'grid.update',
        entityType: 'grid',
        entityId: id,
        regionCode: current.region_code,
        before: { version: current.version, ...audited(current, beforePeople) },
        after: { version: done.version, ...audited(next, u.people ?? beforePeople) },
      }],
    };
  });
  return getGrid(db, actor, id);
}
