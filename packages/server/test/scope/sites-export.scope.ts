/** Region-scope classification of the registry exports (GeoJSON, Shapefile zip, Excel), picked up by test/scope-matrix.test.ts. */
import type { Fx, ScopeModule, Spec } from './scope-spec.js';

const exportRoute = (ext: string, json: boolean): Spec => ({
  kind: 'list',
  variants: (f: Fx) => [f.region, f.county, f.township].map((c) => ({ url: `/api/sites/export.${ext}?region=${c}` })),
  plain: () => [`/api/sites/export.${ext}`, `/api/sites/export.${ext}?kind=illegal_point&bbox=73,3,136,54`],
  // The zip and the workbook are compressed: site-export.test.ts reads them back to check their regions.
  ...(json ? { regionsOf: (b: any) => (b.features as { properties: { regionCode: string } }[]).map((x) => x.properties.regionCode) } : { binary: true }),
  ok: 200,
});

export const scope: ScopeModule = {
  routes: {
    'GET /api/sites/export.geojson': exportRoute('geojson', true),
    'GET /api/sites/export.zip': exportRoute('zip', false),
    'GET /api/sites/export.xlsx': exportRoute('xlsx', false),
  },
};
