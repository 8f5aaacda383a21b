import { randomUUID } from 'node:crypto';
import {
  M2_PER_MU_VALUE,
  sealingResponsibility,
  siteStatus,
  tailingsPondGrade,
  type SiteAttributes,
  type SiteDetail,
  type SiteGeometry,
  type SiteInput,
  type SiteKind,
  type SiteSummary,
  type SiteUpdate,
} from '@minewatch/core';
import { checkGeometry, geodesicArea, type GeoIssue } from '@minewatch/geo';
import type { Db } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import { appendAuditBatch } from '../../audit/audit.repository.js';
import { auditActor, type Actor } from '../../auth/actor.js';
import { assertRegionInScope, inScope } from '../../auth/scope.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { regionExists } from '../regions/regions.repository.js';
import * as repo from './sites.repository.js';
import { parseImport, type ImportOptions } from './sites.import.js';
import { decodePreviewBatches, encodePreviewItems, isEncodedPreview, type PreviewSite } from './import-preview-items.js';

type Row = NonNullable<Awaited<ReturnType<typeof repo.getSite>>> | Awaited<ReturnType<typeof repo.listSites>>['rows'][number];

/** PostgreSQL prints a box as "(x2,y2),(x1,y1)"; back to [minLon, minLat, maxLon, maxLat]. */
function parseBox(text: string | null): [number, number, number, number] | null {
  if (!text) return null;
  const n = text.match(/-?\d+(\.\d+)?(e-?\d+)?/gi)!.map(Number) as [number, number, number, number];
  return [Math.min(n[0], n[2]), Math.min(n[1], n[3]), Math.max(n[0], n[2]), Math.max(n[1], n[3])];
}

const toSummary = (r: Row): SiteSummary => ({
  id: r.id,
  regionCode: r.region_code,
  regionName: r.region_name,
  kind: r.kind as SiteKind,
  name: r.name,
  status: r.status,
  areaM2: r.area_m2,
  areaMu: r.area_m2 === null ? null : r.area_m2 / M2_PER_MU_VALUE,
  bbox: parseBox(r.bbox),
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

/** Checks geometry (rings, extent) and derives bbox and ellipsoidal area (polygons only). */
function measure(g: SiteGeometry | null): { bbox: [number, number, number, number] | null; areaM2: number | null } {
  if (!g) return { bbox: null, areaM2: null };
  const issues: GeoIssue[] = [];
  checkGeometry(g, 0, undefined, issues);
  if (issues.length) {
    throw new AppError(
      'VALIDATION',
      `body.geometry: ${issues.map((i) => i.message).join('; ')}`,
      issues.map((i) => ({ path: `body.geometry${i.ring !== undefined ? `.coordinates.${i.ring}` : ''}${i.vertex !== undefined ? `.${i.vertex}` : ''}`, message: i.message })),
    );
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const extend = (pts: number[][]) => {
    for (const p of pts) {
      minX = Math.min(minX, p[0]!); maxX = Math.max(maxX, p[0]!);
      minY = Math.min(minY, p[1]!); maxY = Math.max(maxY, p[1]!);
    }
  };
  if (g.type === 'Point') extend([g.coordinates]);
  else if (g.type === 'MultiPoint') extend(g.coordinates);
  else if (g.type === 'Polygon') g.coordinates.forEach(extend);
  else for (const poly of g.coordinates) poly.forEach(extend);
  const areaM2 = g.type === 'Polygon' || g.type === 'MultiPolygon' ? geodesicArea(g).m2 : null;
  return { bbox: [minX, minY, maxX, maxY], areaM2 };
}

function detail(r: NonNullable<Awaited<ReturnType<typeof repo.getSite>>>): SiteDetail {
  const a = r.attributes as SiteAttributes;
  return {
    ...toSummary(r),
    attributes: a as unknown as Record<string, unknown>,
    geometry: r.geometry ?? null,
    sealing: a.kind === 'abandoned_mine' || a.kind === 'illegal_point' ? sealingResponsibility(a) : null,
    tailingsGrade: a.kind === 'tailings_pond' ? tailingsPondGrade(a.capacity10kM3, a.damHeightM) : null,
  };
}

export async function listSites(db: Db, actor: Actor, f: repo.SiteFilter): Promise<{ items: SiteSummary[]; total: number }> {
  if (f.region) {
    assertRegionInScope(actor.scope, f.region);
    if (!(await regionExists(db, f.region))) throw notFound(`region ${f.region}`);
  }
  const { rows, total } = await repo.listSites(db, actor.scope, f);
  return { items: rows.map(toSummary), total };
}

export async function getSite(db: Db, actor: Actor, id: string): Promise<SiteDetail> {
  const r = await repo.getSite(db, actor.scope, id);
  if (!r) throw notFound('site');
  return detail(r);
}

/**
 * 已封堵 is a fact that needs photo evidence (S2): it is only ever set by recording a sealing
 * (POST /api/sites/{id}/sealing). A new site may be registered 未封堵 or 封堵不彻底, never 已封堵.
 */
export function assertNoSealingClaim(attributes: { sealingStatus?: unknown }, path: string): void {
  if (attributes.sealingStatus === 'sealed') {
    throw invalid(path, '“已封堵”须通过“记录封堵”并附照片登记，登记时不能直接填写 / 已封堵 needs photo evidence: register the site, then record the sealing through POST /api/sites/{id}/sealing');
  }
}

export async function createSite(db: Db, actor: Actor, input: SiteInput): Promise<SiteDetail> {
  assertNoSealingClaim(input.attributes as { sealingStatus?: unknown }, 'body.attributes.sealingStatus');
  if (!(await regionExists(db, input.regionCode))) throw invalid('body.regionCode', `unknown region code ${input.regionCode}`);
  if (!inScope(actor.scope, input.regionCode)) throw invalid('body.regionCode', `region ${input.regionCode} is outside your region`);
  const m = measure(input.geometry);
  return changeWithAudit(db, actor, async (trx) => {
    const { id } = await repo.insertSite(trx, {
      regionCode: input.regionCode,
      kind: input.attributes.kind,
      name: input.name,
      attributes: input.attributes,
      geometry: input.geometry,
      ...m,
      status: siteStatus(input.attributes),
    });
    const site = detail((await repo.getSite(trx, actor.scope, id))!);
    return { result: site, audit: [{ action: 'site.create', entityType: 'site', entityId: id, regionCode: input.regionCode, after: { name: input.name, attributes: input.attributes, geometry: input.geometry } }] };
  });
}

export async function updateSite(db: Db, actor: Actor, id: string, u: SiteUpdate): Promise<SiteDetail> {
  const current = await repo.getSite(db, actor.scope, id);
  if (!current) throw notFound('site');
  if (u.attributes && u.attributes.kind !== current.kind) throw invalid('body.attributes.kind', `a ${current.kind} cannot become a ${u.attributes.kind}; register a new site instead`);
  const geometry = u.geometry === undefined ? (current.geometry as SiteGeometry | null) : u.geometry;
  // sealingStatus is kept as recorded: an attribute edit cannot seal a shaft without the sealing record and photo.
  const attributes = (u.attributes
    ? 'sealingStatus' in u.attributes
      ? { ...u.attributes, sealingStatus: (current.attributes as { sealingStatus?: string }).sealingStatus ?? 'unsealed' }
      : u.attributes
    : current.attributes) as SiteAttributes;
  const m = u.geometry === undefined ? { bbox: parseBox(current.bbox), areaM2: current.area_m2 } : measure(geometry);
  return changeWithAudit(db, actor, async (trx) => {
    const done = await repo.updateSite(trx, id, u.version, { name: u.name ?? current.name, attributes, geometry, ...m, status: siteStatus(attributes) });
    if (!done) throw new AppError('CONFLICT', `The site was changed by someone else (you edited version ${u.version}, it is now ${current.version}); reload and apply your change again`);
    const after = (await repo.getSite(trx, actor.scope, id))!;
    const changed = (k: 'name' | 'attributes' | 'geometry') => u[k] !== undefined;
    return {
      result: detail(after),
      audit: [{
        action: 'site.update',
        entityType: 'site',
        entityId: id,
        regionCode: current.region_code,
        before: { version: current.version, ...(changed('name') ? { name: current.name } : {}), ...(changed('attributes') ? { attributes: current.attributes } : {}), ...(changed('geometry') ? { geometry: current.geometry } : {}) },
        after: { version: after.version, ...(changed('name') ? { name: u.name } : {}), ...(changed('attributes') ? { attributes: u.attributes } : {}), ...(changed('geometry') ? { geometry: u.geometry } : {}) },
      }],
    };
  });
}

export interface ImportPreview {
  previewId: string;
  fileName: string;
  count: number;
  totalAreaMu: number;
  expiresAt: string;
  items: { index: number; name: string; geometryType: string; areaMu: number | null; attributes: SiteInput['attributes'] }[];
  /** Property names seen in the file (for mapping columns to attributes, fieldMap). */
  columns: string[];
}

/** Sites written per round of INSERTs (sites, then their audit events) at commit. */
const COMMIT_BATCH = 1000;

/**
 * The sites a stored preview holds, measured, COMMIT_BATCH at a time. Previews keep the box and
 * area measured at preview (encodePreviewItems), so the commit does not check and measure every
 * geometry again; previews written before that format held a plain SiteInput[] and are measured now.
 */
function* storedSites(items: unknown): Generator<PreviewSite[]> {
  if (isEncodedPreview(items)) {
    yield* decodePreviewBatches(items, COMMIT_BATCH);
    return;
  }
  const inputs = items as SiteInput[];
  for (let i = 0; i < inputs.length; i += COMMIT_BATCH) {
    yield inputs.slice(i, i + COMMIT_BATCH).map((x) => ({ regionCode: x.regionCode, name: x.name, attributes: x.attributes, geometry: x.geometry, ...measure(x.geometry) }));
  }
}

/** Step 1 of an import: read and check the whole file; keep it as a preview; nothing enters the registry. */
export async function previewImport(db: Db, actor: Actor, bytes: Uint8Array, o: ImportOptions): Promise<ImportPreview> {
  if (!(await regionExists(db, o.regionCode))) throw invalid('body.regionCode', `unknown region code ${o.regionCode}`);
  if (!inScope(actor.scope, o.regionCode)) throw invalid('body.regionCode', `region ${o.regionCode} is outside your region`);
  const inputs = await parseImport(bytes, o);
  const sites: PreviewSite[] = inputs.map((input, index) => {
    try {
      return { regionCode: input.regionCode, name: input.name, attributes: input.attributes, geometry: input.geometry, ...measure(input.geometry) };
    } catch (e) {
      const err = e as AppError;
      throw new AppError('VALIDATION', `${o.fileName}: feature ${index} (${input.name}): ${err.message}`, [{ path: `body.file.features.${index}`, message: err.message }]);
    }
  });
  const areaMu = (x: PreviewSite) => (x.areaM2 === null ? null : x.areaM2 / M2_PER_MU_VALUE);
  return changeWithAudit(db, actor, async (trx) => {
    const p = await repo.insertPreview(trx, { userId: actor.userId, regionCode: o.regionCode, kind: o.kind, fileName: o.fileName, items: encodePreviewItems(sites) });
    return {
      result: {
        previewId: p.id,
        fileName: o.fileName,
        count: sites.length,
        totalAreaMu: sites.reduce((sum, x) => sum + (areaMu(x) ?? 0), 0),
        expiresAt: p.expires_at.toISOString(),
        items: sites.slice(0, 1000).map((x, index) => ({ index, name: x.name, geometryType: x.geometry?.type ?? 'none', areaMu: areaMu(x), attributes: x.attributes })),
        columns: inputs.columns,
      },
      audit: [{ action: 'site.import', entityType: 'import_preview', entityId: p.id, regionCode: o.regionCode, after: { step: 'preview', fileName: o.fileName, kind: o.kind, count: sites.length } }],
    };
  });
}

/**
 * Step 2: every previewed site is registered in one transaction with its audit row, or none is.
 * Sites go in 1,000 per INSERT, each thousand followed by its site.create events as one chained
 * batch, all ahead of the site.import event changeWithAudit appends: the same rows, in the same
 * order, as one by one.
 */
export async function commitImport(db: Db, actor: Actor, previewId: string): Promise<{ created: number; ids: string[] }> {
  return changeWithAudit(db, actor, async (trx) => {
    const p = await repo.takePreview(trx, actor.userId, previewId);
    if (!p) throw notFound('import preview (it may have expired or been committed already)');
    if (!inScope(actor.scope, p.region_code)) throw notFound('import preview');
    const ids: string[] = [];
    for (const batch of storedSites(p.items)) {
      const sites = batch.map((x) => ({ ...x, id: randomUUID() }));
      await repo.insertSites(trx, sites.map((x) => ({ id: x.id, regionCode: x.regionCode, kind: x.attributes.kind, name: x.name, attributes: x.attributes, geometry: x.geometry, bbox: x.bbox, areaM2: x.areaM2, status: siteStatus(x.attributes) })));
      await appendAuditBatch(
        trx,
        sites.map((x) => ({ ...auditActor(actor), action: 'site.create', entityType: 'site', entityId: x.id, regionCode: x.regionCode, after: { name: x.name, attributes: x.attributes, geometry: x.geometry, importedFrom: p.file_name } })),
      );
      for (const x of sites) ids.push(x.id);
    }
    return { result: { created: ids.length, ids }, audit: [{ action: 'site.import', entityType: 'import_preview', entityId: previewId, regionCode: p.region_code, after: { step: 'commit', fileName: p.file_name, created: ids.length } }] };
  });
}
