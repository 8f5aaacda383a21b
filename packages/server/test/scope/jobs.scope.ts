/** Region-scope classification of the job routes (the overdue job run by hand, job runs), picked up by test/scope-matrix.test.ts. */
import type { ScopeModule } from './scope-spec.js';

export const scope: ScopeModule = {
  tables: ['job_run', 'problem'],
  routes: {
    'POST /api/jobs/overdue/run': {
      kind: 'write',
      variants: (f) => [
        { url: '/api/jobs/overdue/run', payload: { regionCode: f.region } },
        { url: '/api/jobs/overdue/run', payload: { regionCode: f.county } },
      ],
      ok: 200,
    },
    'GET /api/jobs/runs': {
      kind: 'list',
      plain: () => ['/api/jobs/runs', '/api/jobs/runs?job=overdue&limit=500'],
      regionsOf: (b) => (b.items as { regionCode: string | null }[]).map((r) => r.regionCode),
      ok: 200,
    },
  },
};
