/** Region-scope classification of the change-patch (图斑) routes, picked up by test/scope-matrix.test.ts. */
import type { Fx, ScopeCtx, ScopeModule, Variant } from './scope-spec.js';

const centre = (f: Fx): [number, number] => (f.region.startsWith('14') ? [111.5, 38.7] : [98.6, 24.4]);
/** A GeoJSON file of one small square patch near the fixture's region. */
function patchFile(f: Fx, code: string, fileName = 'patches.geojson'): { name: string; bytes: Buffer } {
  const [lon, lat] = centre(f);
  const d = 0.001;
  const ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
  const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 图斑编号: code, 后时相: '2024-06-01' }, geometry: { type: 'Polygon', coordinates: [ring] } }] };
  return { name: fileName, bytes: Buffer.from(JSON.stringify(fc)) };
}
const upload = (f: Fx, regionCode: string, code: string): Variant => ({ url: '/api/patches/import', form: { fields: { regionCode }, file: patchFile(f, code) } });

export const scope: ScopeModule = {
  tables: ['patch', 'patch_import_preview', 'patch_classification_run'],
  routes: {
    'POST /api/patches/import': {
      kind: 'write',
      variants: (f) => [upload(f, f.region, `矩阵图斑${Math.random().toString(16).slice(2, 10)}`), upload(f, f.township, `矩阵图斑${Math.random().toString(16).slice(2, 10)}`)],
      ok: 200,
    },
    'POST /api/patches/import/{previewId}/commit': {
      kind: 'write',
      // Previews belong to their uploader; the positive control commits one made by 德宏's office.
      variants: (f) => [{ url: `/api/patches/import/${f.x.patchPreviewId}/commit` }],
      ok: 201,
    },
    'GET /api/patches': {
      kind: 'list',
      variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/patches?region=${c}` })),
      plain: () => ['/api/patches', '/api/patches?bbox=73,3,136,54&limit=1000', '/api/patches?classification=unclassified', `/api/patches?q=${encodeURIComponent('矩阵')}`],
      regionsOf: (b) => (b.items as { regionCode: string }[]).map((x) => x.regionCode),
      ok: 200,
    },
    'GET /api/patches/{id}': { kind: 'read', variants: (f) => [{ url: `/api/patches/${f.x.patchId}` }], ok: 200 },
    'POST /api/patches/classify': {
      kind: 'write',
      variants: (f) => [{ url: `/api/patches/classify?region=${f.region}` }, { url: `/api/patches/classify?region=${f.county}` }],
      ok: 200,
    },
  },
  async fixture(ctx: ScopeCtx, f: Fx, user) {
    const code = `矩阵图斑${ctx.uniq()}`;
    const auth = ctx.as(user);
    const made = await ctx.send(auth, 'POST', { url: '/api/patches/import', form: { fields: { regionCode: f.county }, file: patchFile(f, code, `矩阵图斑文件${ctx.uniq()}.geojson`) } });
    if (made.statusCode !== 200) throw new Error(`patch fixture: ${made.statusCode} ${made.body}`);
    const done = await ctx.send(auth, 'POST', { url: `/api/patches/import/${made.json().previewId}/commit` });
    if (done.statusCode !== 201) throw new Error(`patch fixture commit: ${done.statusCode} ${done.body}`);
    const list = await ctx.get(`/api/patches?q=${encodeURIComponent(code)}`);
    const pending = await ctx.send(auth, 'POST', { url: '/api/patches/import', form: { fields: { regionCode: f.region }, file: patchFile(f, `矩阵待提交${ctx.uniq()}`) } });
    if (pending.statusCode !== 200) throw new Error(`patch preview fixture: ${pending.statusCode} ${pending.body}`);
    return { ids: { patchId: list.items[0].id, patchPreviewId: pending.json().previewId }, leaks: [code, made.json().fileName] };
  },
};
