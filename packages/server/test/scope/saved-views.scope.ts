/**
 * Region-scope classification of saved views (保存的视图), picked up by test/scope-matrix.test.ts.
 * Views are the caller's own and carry no region: the list shows only the caller's views (the leak
 * check finds 德宏's view name in no other user's answer), another user's view is "not found", and
 * a save always writes the caller's own view, so it has no foreign record to aim at.
 */
import type { ScopeModule } from './scope-spec.js';

export const scope: ScopeModule = {
  tables: ['saved_view'],
  routes: {
    // No region on a view: what matters is that the body holds only the caller's own views (leak check).
    'GET /api/saved-views': { kind: 'self', plain: () => ['/api/saved-views?page=ledger'], regionsOf: () => [], ok: 200 },
    'PUT /api/saved-views': {
      kind: 'write',
      personal: true,
      // Only the caller's own view can be written: the positive control and the login check use it.
      variants: (f, me) => (f === me ? [{ url: '/api/saved-views', payload: { page: 'ledger', name: '矩阵视图（保存）', query: 'state=found' } }] : []),
      ok: 200,
    },
    'DELETE /api/saved-views/{id}': { kind: 'write', personal: true, variants: (f) => [{ url: `/api/saved-views/${f.x.savedViewId}` }], ok: 204 },
  },

  /** A view of the region's office, named so only that region's data holds the name. */
  async fixture(ctx, _f, user) {
    const name = `${user === 'dehong.office' ? '德宏' : '克岚'}矩阵视图${ctx.uniq()}`;
    const res = await ctx.send(ctx.as(user), 'PUT', { url: '/api/saved-views', payload: { page: 'ledger', name, query: `q=${encodeURIComponent(name)}&state=found` } });
    if (res.statusCode !== 200) throw new Error(`saved view fixture: ${res.statusCode} ${res.body}`);
    return { ids: { savedViewId: res.json().id as string }, leaks: [name] };
  },
};
