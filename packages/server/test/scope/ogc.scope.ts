/** Region-scope classification of the OGC API – Features routes (/ogc), picked up by test/scope-matrix.test.ts. */
import type { ScopeModule } from './scope-spec.js';

const none = () => [];
const codesOf = (b: any) => (b.features as { properties: { regionCode: string } }[]).map((f) => f.properties.regionCode);

export const scope: ScopeModule = {
  routes: {
    // Discovery documents: the same for every reader, except the extents, computed from the caller's sites.
    'GET /ogc': { kind: 'self', plain: () => ['/ogc'], regionsOf: none, ok: 200 },
    'GET /ogc/conformance': { kind: 'self', plain: () => ['/ogc/conformance'], regionsOf: none, ok: 200 },
    'GET /ogc/collections': { kind: 'self', plain: () => ['/ogc/collections'], regionsOf: none, ok: 200 },
    'GET /ogc/collections/{collectionId}': { kind: 'self', plain: () => ['/ogc/collections/illegal_point', '/ogc/collections/licensed_mine'], regionsOf: none, ok: 200 },
    // Items have no region parameter: the scope is the caller's; a box over 德宏 must come back empty for others.
    'GET /ogc/collections/{collectionId}/items': {
      kind: 'list',
      plain: () => [
        '/ogc/collections/illegal_point/items',
        '/ogc/collections/illegal_point/items?limit=10000&bbox=73,3,136,54',
        '/ogc/collections/illegal_point/items?bbox=98,24,99,25',
        '/ogc/collections/licensed_mine/items?datetime=2020-01-01T00:00:00Z/..',
      ],
      regionsOf: codesOf,
      ok: 200,
    },
    'GET /ogc/collections/{collectionId}/items/{featureId}': {
      kind: 'read',
      // The matrix's site fixture is an illegal point.
      variants: (f) => [{ url: `/ogc/collections/illegal_point/items/${f.siteId}` }],
      ok: 200,
    },
  },
};
