/** Region-scope classification of the map layer GET /api/sites/map, picked up by test/scope-matrix.test.ts. */
import type { ScopeModule } from './scope-spec.js';

const CHINA = 'bbox=73,3,136,54';

export const scope: ScopeModule = {
  routes: {
    'GET /api/sites/map': {
      kind: 'list',
      variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/sites/map?${CHINA}&zoom=5&region=${c}` })),
      plain: () => [`/api/sites/map?${CHINA}&zoom=5`, `/api/sites/map?${CHINA}&zoom=12`, `/api/sites/map?${CHINA}&zoom=9&kinds=illegal_point`],
      regionsOf: (b) => (b.sites as { regionCode: string }[]).map((s) => s.regionCode),
      ok: 200,
    },
  },
};
