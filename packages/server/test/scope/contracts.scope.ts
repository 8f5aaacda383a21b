/** Region-scope classification of the 包联 routes (O5), picked up by test/scope-matrix.test.ts. */
import type { Fx, ScopeCtx, ScopeModule, Variant } from './scope-spec.js';

const contractBody = (personId: string, target: Record<string, unknown>, note = '') => ({ personId, targets: [target], validFrom: '2024-01-01', note });
const visit = (targetId: string) => ({ targetId, visitedOn: '2024-03-01', method: 'surprise', location: { lon: 98.6, lat: 24.4 }, notes: '矩阵督导' });
const codesOf = (b: any) => (b.items as any[]).flatMap((c) => [c.regionCode, ...c.targets.map((t: any) => t.regionCode)]);

export const scope: ScopeModule = {
  tables: ['contract', 'contract_target', 'contract_visit'],
  routes: {
    'GET /api/contracts': {
      kind: 'list',
      variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/contracts?region=${c}` })),
      plain: (f) => ['/api/contracts', '/api/contracts?includeEnded=true', `/api/contracts?personId=${f.x.personId}`],
      regionsOf: codesOf,
      ok: 200,
    },
    'GET /api/contracts/overdue': {
      kind: 'list',
      variants: (f) => [f.region, f.county, f.township, f.village].map((c) => ({ url: `/api/contracts/overdue?region=${c}` })),
      plain: () => ['/api/contracts/overdue', '/api/contracts/overdue?windowDays=1', '/api/contracts/overdue?asOf=2024-06-01'],
      regionsOf: (b) => (b.items as any[]).flatMap((r) => [r.regionCode, r.target.regionCode]),
      ok: 200,
    },
    'GET /api/contracts/{id}': {
      kind: 'read',
      variants: (f) => [{ url: `/api/contracts/${f.x.contractId}` }, { url: `/api/contracts/${f.x.endContractId}` }],
      ok: 200,
    },
    'POST /api/contracts': {
      kind: 'write',
      variants: (f, me): Variant[] => [
        { url: '/api/contracts', payload: contractBody(f.x.personId!, { kind: 'region', regionCode: f.township }) },
        { url: '/api/contracts', payload: contractBody(me.x.personId!, { kind: 'region', regionCode: f.township }) },
        { url: '/api/contracts', payload: contractBody(me.x.personId!, { kind: 'site', siteId: f.siteId }) },
      ],
      ok: 201,
    },
    'PATCH /api/contracts/{id}': {
      kind: 'write',
      variants: (f) => [{ url: `/api/contracts/${f.x.endContractId}`, payload: { endOn: '2024-06-30', reason: '矩阵测试：工作调整' } }],
      ok: 200,
    },
    'POST /api/contracts/{id}/visits': {
      kind: 'write',
      variants: (f, me) => [
        { url: `/api/contracts/${f.x.contractId}/visits`, payload: visit(f.x.targetId!) },
        { url: `/api/contracts/${me.x.contractId}/visits`, payload: visit(f.x.targetId!) },
      ],
      ok: 201,
    },
    'GET /api/contracts/{id}/visits': {
      kind: 'read',
      variants: (f) => [{ url: `/api/contracts/${f.x.contractId}/visits` }, { url: `/api/contracts/${f.x.contractId}/visits?targetId=${f.x.targetId}` }],
      ok: 200,
    },
  },

  /**
   * Two people of the region; one assignment of a village (township for 克岚, whose fixture has no
   * village) with a visit, and one of the site, to be ended by the PATCH route.
   */
  async fixture(ctx: ScopeCtx, f: Fx, user) {
    const as = ctx.as(user);
    const post = async (url: string, payload: Record<string, unknown>) => {
      const res = await ctx.send(as, 'POST', { url, payload });
      if (res.statusCode !== 201) throw new Error(`contracts fixture ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const tag = user === 'dehong.office' ? '德宏' : '克岚';
    const personName = `${tag}包联领导${ctx.uniq()}`;
    const note = `${tag}包联安排${ctx.uniq()}`;
    const notes = `${tag}督导记录${ctx.uniq()}`;
    const person = await post('/api/org/people', { regionCode: f.region, name: personName, position: '副县长' });
    const other = await post('/api/org/people', { regionCode: f.region, name: `${tag}包联干部${ctx.uniq()}`, position: '乡长' });
    const contract = await post('/api/contracts', contractBody(person.id, { kind: 'region', regionCode: f.village }, note));
    const targetId = contract.targets[0].id as string;
    await post(`/api/contracts/${contract.id}/visits`, { targetId, visitedOn: '2024-02-01', notes });
    const endable = await post('/api/contracts', contractBody(other.id, { kind: 'site', siteId: f.siteId }));
    return { ids: { personId: person.id, contractId: contract.id, targetId, endContractId: endable.id }, leaks: [personName, note, notes] };
  },
};
