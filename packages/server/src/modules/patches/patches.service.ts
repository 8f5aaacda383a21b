import type { Feature, Geometry } from 'geojson';
import {
  M2_PER_AREA_UNIT,
  M2_PER_MU_VALUE,
  PATCH_CLASSES,
  type AreaUnit,
  type ClassificationRun,
  type PatchClass,
  type PatchDetail,
  type PatchGeometry,
  type PatchInput,
  type PatchOverlay,
  type PatchSummary,
} from '@minewatch/core';
import { classifyPatches, geodesicArea, type OverlayResult } from '@minewatch/geo';
import type { Db } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import { SYSTEM_ACTOR, type Actor } from '../../auth/actor.js';
import { assertRegionInScope, inScope } from '../../auth/scope.js';
import { AppError, invalid, notFound, type FieldIssue } from '../../errors.js';
import { regionExists } from '../regions/regions.repository.js';
import * as repo from './patches.repository.js';
import { bboxOf, parsePatchFile, type PatchImportOptions, type ParsedPatchFile } from './patches.import.js';

type Box = repo.Box;
const mu = (m2: number) => ({ m2, mu: m2 / M2_PER_MU_VALUE });

/** PostgreSQL prints a box as "(x2,y2),(x1,y1)"; back to [minLon, minLat, maxLon, maxLat]. */
function parseBox(text: string): Box {
  const n = text.match(/-?\d+(\.\d+)?(e-?\d+)?/gi)!.map(Number) as Box;
  return [Math.min(n[0], n[2]), Math.min(n[1], n[3]), Math.max(n[0], n[2]), Math.max(n[1], n[3])];
}

type SummaryRow = Awaited<ReturnType<typeof repo.listPatches>>['rows'][number];
const toSummary = (r: SummaryRow): PatchSummary => ({
  id: r.id,
  code: r.code,
  regionCode: r.region_code,
  regionName: r.region_name,
  beforeDate: r.before_date,
  afterDate: r.after_date,
  declaredArea: r.declared_area,
  declaredAreaUnit: r.declared_area_unit as AreaUnit | null,
  areaM2: r.area_m2,
  areaMu: r.area_m2 === null ? null : r.area_m2 / M2_PER_MU_VALUE,
  center: [r.center_lon, r.center_lat],
  bbox: parseBox(r.bbox),
  geometryType: r.geometry_type as PatchSummary['geometryType'],
  classes: (r.classes as PatchClass[] | null) ?? null,
  classifiedAt: r.classified_at ? r.classified_at.toISOString() : null,
  sourceFile: r.source_file,
  createdAt: r.created_at.toISOString(),
});

export async function listPatches(db: Db, actor: Actor, f: repo.PatchFilter): Promise<{ items: PatchSummary[]; total: number }> {
  if (f.region) {
    assertRegionInScope(actor.scope, f.region);
    if (!(await regionExists(db, f.region))) throw notFound(`region ${f.region}`);
  }
  const { rows, total } = await repo.listPatches(db, actor.scope, f);
  return { items: rows.map(toSummary), total };
}

export async function getPatch(db: Db, actor: Actor, id: string): Promise<PatchDetail> {
  const r = await repo.getPatch(db, actor.scope, id);
  if (!r) throw notFound('patch');
  const overlay = r.overlay as Omit<PatchOverlay, 'classifiedAt' | 'runId'> | null;
  return {
    ...toSummary(r),
    geometry: r.geometry as PatchGeometry,
    attributes: r.attributes as Record<string, unknown>,
    overlay: overlay && r.classified_at ? { ...overlay, classifiedAt: r.classified_at.toISOString(), runId: r.classification_run_id! } : null,
  };
}

export interface PatchImportPreview {
  previewId: string;
  fileName: string;
  format: ParsedPatchFile['format'];
  count: number;
  columns: ParsedPatchFile['columns'];
  otherColumns: string[];
  areaUnit: ParsedPatchFile['areaUnit'];
  byGeometryType: Record<string, number>;
  regions: { code: string; count: number }[];
  /** Ellipsoidal area of the outlines (point patches count 0). */
  totalArea: { m2: number; mu: number };
  /** Sum of 面积 as given, converted to m² and 亩. */
  declaredTotal: { m2: number; mu: number };
  warnings: string[];
  warningCount: number;
  expiresAt: string;
  /** The first 1000 patches. */
  items: { at: string; code: string; regionCode: string; beforeDate: string | null; afterDate: string | null; declaredArea: number | null; declaredAreaUnit: AreaUnit | null; areaMu: number | null; geometryType: string }[];
}

const measure = (p: PatchInput) => ({ bbox: bboxOf(p.geometry), areaM2: p.geometry.type === 'Point' ? null : geodesicArea(p.geometry).m2 });

/** Regions that do not exist and 图斑编号 already registered: row errors, all listed. */
async function checkAgainstDb(db: Db, fileName: string, parsed: ParsedPatchFile): Promise<void> {
  const issues: FieldIssue[] = [];
  const codes = [...new Set(parsed.patches.map((p) => p.input.regionCode))];
  const known = new Set((await db.selectFrom('region').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
  for (const p of parsed.patches) {
    if (!known.has(p.input.regionCode)) issues.push({ path: `body.file.${p.at}${p.headers.regionCode ? `.${p.headers.regionCode}` : ''}`, message: `行政区代码 (${p.headers.regionCode ?? 'regionCode'}): ${p.input.regionCode} is not a known region code` });
  }
  const existing = await repo.existingCodes(db, parsed.patches.map((p) => ({ regionCode: p.input.regionCode, code: p.input.code })));
  if (existing.length) {
    const byKey = new Map(existing.map((e) => [`${e.region_code}\u0000${e.code}`, e]));
    for (const p of parsed.patches) {
      const e = byKey.get(`${p.input.regionCode}\u0000${p.input.code}`);
      if (e) issues.push({ path: `body.file.${p.at}.${p.headers.code}`, message: `图斑编号 (${p.headers.code}): "${p.input.code}" is already registered in ${e.region_code} (imported ${e.created_at.toISOString().slice(0, 10)})` });
    }
  }
  if (issues.length) {
    const shown = issues.slice(0, 20).map((d) => `${d.path.replace(/^body\.file\./, '')}: ${d.message}`).join('; ');
    throw new AppError('VALIDATION', `${fileName}: ${issues.length} problem${issues.length > 1 ? 's' : ''}, nothing was imported — ${shown}${issues.length > 20 ? `; … ${issues.length - 20} more` : ''}`, issues.slice(0, 500));
  }
}

/** Step 1: read and check the whole file; keep it as a preview; no patch is written. */
export async function previewImport(db: Db, actor: Actor, bytes: Uint8Array, o: PatchImportOptions): Promise<PatchImportPreview> {
  if (!(await regionExists(db, o.regionCode))) throw invalid('body.regionCode', `unknown region code ${o.regionCode}`);
  if (!inScope(actor.scope, o.regionCode)) throw invalid('body.regionCode', `region ${o.regionCode} is outside your region`);
  const parsed = await parsePatchFile(bytes, o);
  await checkAgainstDb(db, o.fileName, parsed);
  const measured = parsed.patches.map((p) => ({ p, m: measure(p.input) }));
  const byGeometryType: Record<string, number> = {};
  const regions = new Map<string, number>();
  let total = 0, declared = 0;
  for (const { p, m } of measured) {
    byGeometryType[p.input.geometry.type] = (byGeometryType[p.input.geometry.type] ?? 0) + 1;
    regions.set(p.input.regionCode, (regions.get(p.input.regionCode) ?? 0) + 1);
    total += m.areaM2 ?? 0;
    if (p.input.declaredArea !== null && p.input.declaredAreaUnit) declared += p.input.declaredArea * M2_PER_AREA_UNIT[p.input.declaredAreaUnit];
  }
  return changeWithAudit(db, actor, async (trx) => {
    const saved = await repo.insertPreview(trx, { userId: actor.userId, regionCode: o.regionCode, fileName: o.fileName, items: parsed.patches.map((p) => p.input) });
    return {
      result: {
        previewId: saved.id,
        fileName: o.fileName,
        format: parsed.format,
        count: parsed.patches.length,
        columns: parsed.columns,
        otherColumns: parsed.otherColumns,
        areaUnit: parsed.areaUnit,
        byGeometryType,
        regions: [...regions].map(([code, count]) => ({ code, count })).sort((a, b) => a.code.localeCompare(b.code)),
        totalArea: mu(total),
        declaredTotal: mu(declared),
        warnings: parsed.warnings.slice(0, 200),
        warningCount: parsed.warnings.length,
        expiresAt: saved.expires_at.toISOString(),
        items: measured.slice(0, 1000).map(({ p, m }) => ({
          at: p.at,
          code: p.input.code,
          regionCode: p.input.regionCode,
          beforeDate: p.input.beforeDate,
          afterDate: p.input.afterDate,
          declaredArea: p.input.declaredArea,
          declaredAreaUnit: p.input.declaredAreaUnit,
          areaMu: m.areaM2 === null ? null : m.areaM2 / M2_PER_MU_VALUE,
          geometryType: p.input.geometry.type,
        })),
      },
      audit: [{ action: 'patch.import', entityType: 'patch_import', entityId: saved.id, regionCode: o.regionCode, after: { step: 'preview', fileName: o.fileName, format: parsed.format, count: parsed.patches.length } }],
    };
  });
}

/** Step 2: every previewed patch is stored in one transaction with the audit event listing them, or none is. */
export async function commitImport(db: Db, actor: Actor, previewId: string): Promise<{ created: number; importId: string }> {
  return changeWithAudit(db, actor, async (trx) => {
    const p = await repo.takePreview(trx, actor.userId, previewId);
    if (!p) throw notFound('patch import preview (it may have expired or been committed already)');
    if (!inScope(actor.scope, p.region_code)) throw notFound('patch import preview');
    const inputs = p.items as PatchInput[];
    // Another import may have registered some of these codes since the preview.
    const taken = await repo.existingCodes(trx, inputs.map((i) => ({ regionCode: i.regionCode, code: i.code })));
    if (taken.length) {
      throw new AppError('CONFLICT', `${taken.length} 图斑编号 were registered since the preview (${taken.slice(0, 10).map((x) => `${x.region_code}/${x.code}`).join(', ')}${taken.length > 10 ? ', …' : ''}); nothing was imported: upload the file again`);
    }
    const rows = inputs.map((input) => ({ input, ...measure(input) }));
    const created = await repo.insertPatches(trx, previewId, p.file_name, rows);
    return {
      result: { created: created.length, importId: previewId },
      audit: [{
        action: 'patch.import',
        entityType: 'patch_import',
        entityId: previewId,
        regionCode: p.region_code,
        after: { step: 'commit', fileName: p.file_name, created: created.length, patches: created.map((c) => ({ id: c.id, code: c.code, regionCode: c.region_code })) },
      }],
    };
  });
}

/** Registry kinds the overlay compares patches with. */
export const OVERLAY_SITE_KINDS = ['licensed_mine', 'temporary_land', 'protected_area'] as const;
/** Licences no longer in force whatever their dates say (取缔关闭, 注销). */
const DEAD_LICENCE = new Set(['closed', 'cancelled']);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The extent each class measures, m² (see classifyPatches): what the run's per-class areas add up. */
export function classAreaM2(o: OverlayResult['patches'][number], cls: PatchClass): number {
  switch (cls) {
    case 'inside_licence':
      return o.inside.m2;
    case 'over_boundary':
    case 'no_licence':
      return o.unapproved.m2;
    case 'approved_temporary_land':
      return Math.max(0, o.outside.m2 - o.unapproved.m2);
    case 'protected_area':
      return o.protectedTotal.m2;
    case 'temporary_unapproved':
      return o.temporaryLand.beforeApproval.m2;
    case 'temporary_exceeds':
      return o.temporaryLand.beyondApproval.m2;
    case 'temporary_elsewhere':
      return o.temporaryLand.elsewhere.m2;
    case 'error':
      return o.area.m2;
  }
}

/**
 * Classifies every patch of `region` (in the actor's scope) against the licensed mines, temporary
 * land approvals and protected areas of the registry that the actor can see and whose boxes meet
 * the patches' extent; stores each patch's classes and areas, a run row and one audit event, in
 * one transaction. Licences whose status is closed/cancelled are left out (not in force); a patch
 * with only a centre point is class 'error' (the overlay needs an outline).
 */
export async function classify(db: Db, actor: Actor, region: string): Promise<ClassificationRun> {
  const t0 = performance.now();
  assertRegionInScope(actor.scope, region);
  if (!(await regionExists(db, region))) throw notFound(`region ${region}`);
  const patches = await repo.patchesForOverlay(db, actor.scope, region);
  if (patches.length === 0) throw invalid('query.region', `region ${region} has no patches to classify; import them first`);
  let extent: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of patches) {
    const b = parseBox(p.bbox);
    extent = [Math.min(extent[0], b[0]), Math.min(extent[1], b[1]), Math.max(extent[2], b[2]), Math.max(extent[3], b[3])];
  }
  // Protected areas and licence holders' approvals can lie beyond the patches' box; 0.05° ≈ 5 km covers 批东占西's search.
  const pad = 0.05;
  const sites = await repo.sitesForOverlay(db, actor.scope, OVERLAY_SITE_KINDS, [extent[0] - pad, extent[1] - pad, extent[2] + pad, extent[3] + pad]);
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const skippedSites: { siteId: string; reason: string }[] = [];
  const feature = (s: (typeof sites)[number], properties: Record<string, unknown>): Feature<Geometry> => ({ type: 'Feature', id: s.id, properties, geometry: s.geometry as Geometry });
  const licences: Feature<Geometry>[] = [], temporaryLand: Feature<Geometry>[] = [], protectedAreas: Feature<Geometry>[] = [];
  const siteCounts = { licensed_mine: 0, temporary_land: 0, protected_area: 0 };
  for (const s of sites) {
    const a = s.attributes as Record<string, unknown>;
    if (s.kind === 'licensed_mine') {
      if (DEAD_LICENCE.has(String(a['status']))) {
        skippedSites.push({ siteId: s.id, reason: `licence status ${String(a['status'])}: not in force` });
        continue;
      }
      licences.push(feature(s, { holder: str(a['holder']), validFrom: str(a['validFrom']), validTo: str(a['validTo']) }));
    } else if (s.kind === 'temporary_land') {
      temporaryLand.push(feature(s, { holder: str(a['holder']) ?? str(a['applicant']), approvedOn: str(a['approvedFrom']), expiresOn: str(a['approvedTo']) }));
    } else protectedAreas.push(feature(s, { name: s.name, kind: str(a['category']) }));
    siteCounts[s.kind as keyof typeof siteCounts]++;
  }
  const polygons = patches.filter((p) => p.geometry_type !== 'Point');
  const o0 = performance.now();
  const result = classifyPatches(
    {
      patches: polygons.map((p) => ({ type: 'Feature', id: p.id, properties: { id: p.id, ...(p.after_date ? { detectedOn: p.after_date } : {}) }, geometry: p.geometry as Geometry })),
      licences,
      temporaryLand,
      protectedAreas,
    },
    { geometry: false },
  );
  const overlayMs = performance.now() - o0;
  for (const s of result.skipped) {
    skippedSites.push({ siteId: s.id, reason: s.reason });
    siteCounts[siteById.get(s.id)!.kind as keyof typeof siteCounts]--;
  }

  const name = (id: string) => siteById.get(id)?.name ?? null;
  const counts: Record<string, number> = Object.fromEntries(PATCH_CLASSES.map((c) => [c, 0]));
  const areas: Record<string, number> = Object.fromEntries(PATCH_CLASSES.map((c) => [c, 0]));
  const writes: repo.ClassificationWrite[] = [];
  const changes: { id: string; code: string; from: string[] | null; to: string[] }[] = [];
  const record = (p: (typeof patches)[number], classes: PatchClass[], overlay: Omit<PatchOverlay, 'classifiedAt' | 'runId'>) => {
    for (const c of classes) counts[c]!++;
    writes.push({ id: p.id, classes, overlay });
    const before = p.classes ? [...p.classes].sort().join(',') : null;
    if (before !== [...classes].sort().join(',')) changes.push({ id: p.id, code: p.code, from: p.classes, to: classes });
  };
  const zero = mu(0);
  for (const o of result.patches) {
    const p = polygons[o.index]!;
    const classes = o.classes as PatchClass[];
    for (const c of classes) areas[c]! += classAreaM2(o, c);
    record(p, classes, {
      classes,
      error: o.error ?? null,
      toleranceM2: o.toleranceM2,
      area: mu(o.area.m2),
      inside: { ...mu(o.inside.m2), licences: o.inside.licences.map((l) => ({ siteId: l.id, name: name(l.id), holder: l.holder ?? null, ...mu(l.m2) })) },
      outside: mu(o.outside.m2),
      unapproved: mu(o.unapproved.m2),
      protectedAreas: o.protectedAreas.map((a) => ({ siteId: a.id, name: a.name ?? name(a.id), category: a.kind ?? null, ...mu(a.m2) })),
      protectedTotal: mu(o.protectedTotal.m2),
      holders: o.holders,
      temporaryLand: {
        overlapping: o.temporaryLand.overlapping.map((x) => ({ siteId: x.id, name: name(x.id), status: x.status, ...mu(x.m2) })),
        beforeApproval: mu(o.temporaryLand.beforeApproval.m2),
        beyondApproval: mu(o.temporaryLand.beyondApproval.m2),
        elsewhere: { ...mu(o.temporaryLand.elsewhere.m2), approvals: o.temporaryLand.elsewhere.approvals.map((x) => ({ siteId: x.id, name: name(x.id), distanceM: x.distanceM })) },
      },
    });
  }
  for (const p of patches.filter((x) => x.geometry_type === 'Point')) {
    record(p, ['error'], {
      classes: ['error'], error: 'only a centre point (中心坐标), no outline: the overlay needs the patch polygon', toleranceM2: 0, area: zero,
      inside: { ...zero, licences: [] }, outside: zero, unapproved: zero, protectedAreas: [], protectedTotal: zero, holders: [],
      temporaryLand: { overlapping: [], beforeApproval: zero, beyondApproval: zero, elsewhere: { ...zero, approvals: [] } },
    });
  }
  const sitesUsed = siteCounts.licensed_mine + siteCounts.temporary_land + siteCounts.protected_area;
  return changeWithAudit(db, actor, async (trx) => {
    const run = await repo.insertRun(trx, { regionCode: region, userId: actor === SYSTEM_ACTOR ? null : actor.userId, patches: patches.length, sites: sitesUsed, counts, areas, changed: changes.length, durationMs: Math.round(performance.now() - t0) });
    await repo.storeClassifications(trx, run.id, run.created_at, writes);
    const result: ClassificationRun = {
      runId: run.id,
      regionCode: region,
      patches: patches.length,
      sites: siteCounts,
      skippedSites,
      counts,
      areas: Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, mu(v)])),
      changed: changes.length,
      durationMs: { overlay: Math.round(overlayMs), total: Math.round(performance.now() - t0) },
    };
    return {
      result,
      audit: [{
        action: 'patch.classify',
        entityType: 'patch_classification_run',
        entityId: run.id,
        regionCode: region,
        after: { patches: patches.length, sites: siteCounts, counts, areasM2: areas, changed: changes },
      }],
    };
  });
}
