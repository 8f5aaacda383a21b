/** Classification of GET /api/config/map (no region data: the same answer for every logged-in reader). */
import type { ScopeModule } from './scope-spec.js';

export const scope: ScopeModule = {
  routes: {
    'GET /api/config/map': { kind: 'self', plain: () => ['/api/config/map'], regionsOf: () => [], ok: 200 },
  },
};
