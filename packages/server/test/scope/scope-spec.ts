/**
 * Types of the region scope matrix (test/scope-matrix.test.ts). A bounded context adds its routes
 * in its own `test/scope/<context>.scope.ts` exporting `scope: ScopeModule`; the matrix picks every
 * such file up, so a new module never edits the matrix itself.
 */
import type { LightMyRequestResponse } from 'fastify';

/** Records of one region used to aim requests; `x` holds the records a scope module created. */
export interface Fx {
  region: string;
  county: string;
  township: string;
  village: string;
  bodyId: string;
  unitId: string;
  personId: string;
  memberId: string;
  siteId: string;
  previewId: string;
  x: Record<string, string>;
}
export interface Variant {
  url: string;
  payload?: Record<string, unknown>;
  /** A multipart upload instead of JSON. */
  form?: { fields: Record<string, string>; file: { name: string; bytes: Buffer } };
}
export interface Spec {
  kind: 'public' | 'self' | 'read' | 'list' | 'write';
  /** Requests aimed at the records of `f`; `me` is the caller's own region (for own-record + foreign-ID writes). */
  variants?: (f: Fx, me: Fx) => Variant[];
  /** Unfiltered requests (lists, self); `f` only supplies probe values such as a foreign name. */
  plain?: (f: Fx) => string[];
  /** Region codes carried by the items of a 200 answer. */
  regionsOf?: (body: any) => (string | null)[];
  /** Status of a successful call (positive control). */
  ok?: number;
  /** The answer is not JSON (files, xlsx): leak checks still read the body as text. */
  binary?: boolean;
  /**
   * A write to the caller's own records only (saved views): any logged-in role that reads the page
   * makes it, the read-only leader included, so the leader check skips it; the login, foreign-region
   * and guessed-ID checks still apply.
   */
  personal?: boolean;
}
export type Auth = { cookie: string } | { bearer: string } | null;

export interface ScopeCtx {
  send(auth: Auth, method: string, v: Variant): Promise<LightMyRequestResponse>;
  as(username: string): Auth;
  /** GET as admin; throws unless 200. */
  get(url: string): Promise<any>;
  uniq(): string;
}

export interface ScopeModule {
  routes: Record<string, Spec>;
  /** Tables whose row counts must not change when a refused write is tried. */
  tables?: string[];
  /**
   * Creates this module's records in the region of `f` as `user` (德宏: 'dehong.office'; 克岚: 'kelan.office')
   * and returns their IDs (merged into `f.x`) plus strings only that region's data contains.
   */
  fixture?(ctx: ScopeCtx, f: Fx, user: 'dehong.office' | 'kelan.office'): Promise<{ ids: Record<string, string>; leaks?: string[] }>;
}
