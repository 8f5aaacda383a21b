import { sql, type SelectQueryBuilder } from 'kysely';
import { isWithinRegion, scopePrefix } from '@minewatch/core';
import { notFound } from '../errors.js';

/**
 * What part of the region tree an actor may see: the root region and everything below it, or
 * everything (root null, platform admin). Repositories apply it through whereInScope, nowhere else.
 */
export interface Scope {
  root: string | null;
}

export const scopeOf = (regionCode: string | null): Scope => ({ root: regionCode });

export function inScope(scope: Scope, code: string | null): boolean {
  if (scope.root === null) return true;
  return code !== null && isWithinRegion(code, scope.root);
}

/** A region the actor asked for that lies outside their scope is "not found", never "forbidden": no leak. */
export function assertRegionInScope(scope: Scope, code: string): void {
  if (!inScope(scope, code)) throw notFound(`region ${code}`);
}

/** Restricts a query to rows whose `column` (a region_code) lies in scope, and optionally under `region`. */
export function whereInScope<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  column: string,
  scope: Scope,
  region?: string,
): SelectQueryBuilder<DB, TB, O> {
  let out = q;
  if (scope.root !== null) out = out.where(sql<boolean>`${sql.ref(column)} like ${scopePrefix(scope.root) + '%'}`);
  if (region) out = out.where(sql<boolean>`${sql.ref(column)} like ${scopePrefix(region) + '%'}`);
  return out;
}
