/** Region-scope classification of the region-boundary routes (map base layer), picked up by test/scope-matrix.test.ts. */
import type { Fx, ScopeCtx, ScopeModule, Variant } from './scope-spec.js';

/** A synthetic test square (not a real boundary) around a point of the fixture's region. */
const square = (lon: number, lat: number, d = 0.05) => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }],
});
const centre = (f: Fx): [number, number] => (f.region.startsWith('14') ? [111.5, 38.7] : [98.6, 24.4]);
const upload = (f: Fx, code: string, source: string): Variant => ({
  url: `/api/org/regions/${code}/boundary`,
  form: { fields: { source }, file: { name: 'boundary.geojson', bytes: Buffer.from(JSON.stringify(square(...centre(f)))) } },
});

export const scope: ScopeModule = {
  tables: ['region_boundary'],
  routes: {
    'GET /api/org/boundaries': {
      kind: 'list',
      variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/org/boundaries?region=${c}` })),
      plain: () => ['/api/org/boundaries', '/api/org/boundaries?bbox=73,3,136,54&zoom=5'],
      regionsOf: (b) => (b.features as { properties: { code: string } }[]).map((x) => x.properties.code),
      ok: 200,
    },
    'GET /api/org/regions/{code}/boundary': {
      kind: 'read',
      variants: (f) => [{ url: `/api/org/regions/${f.region}/boundary` }],
      ok: 200,
    },
    'PUT /api/org/regions/{code}/boundary': {
      kind: 'write',
      variants: (f) => [upload(f, f.region, '矩阵测试边界（合成方框）'), upload(f, f.county, '矩阵测试边界（合成方框）')],
      ok: 200,
    },
  },
  async fixture(ctx: ScopeCtx, f: Fx, user) {
    const source = `矩阵边界来源${ctx.uniq()}`;
    const res = await ctx.send(ctx.as(user), 'PUT', upload(f, f.region, source));
    if (res.statusCode !== 200) throw new Error(`boundary fixture: ${res.statusCode} ${res.body}`);
    return { ids: {}, leaks: [source] };
  },
};
