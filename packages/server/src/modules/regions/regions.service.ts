import type { Region } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { assertRegionInScope } from '../../auth/scope.js';
import { notFound } from '../../errors.js';
import * as repo from './regions.repository.js';

export async function getRegion(db: Db, actor: Actor, code: string): Promise<Region> {
  assertRegionInScope(actor.scope, code);
  const r = await repo.getRegion(db, code);
  if (!r) throw notFound(`region ${code}`);
  return r;
}

export async function childRegions(db: Db, actor: Actor, code: string): Promise<Region[]> {
  await getRegion(db, actor, code);
  return repo.childRegions(db, code);
}

export async function scopeRoots(db: Db, actor: Actor): Promise<Region[]> {
  if (actor.scope.root === null) return repo.regionsByLevel(db, 'province');
  return [await getRegion(db, actor, actor.scope.root)];
}
