/**
 * Region-scope classification of the O6 routes (grids, a site's responsible people and signs), S2
 * sealing records and S4 三不留 checks, picked up by test/scope-matrix.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Fx, ScopeCtx, ScopeModule, Variant } from './scope-spec.js';

const PNG = readFileSync(new URL('../fixtures/photo-no-exif.png', import.meta.url));
const uniq = () => randomBytes(3).toString('hex');
const noSigns = { warning: { status: 'none' }, responsibility: { status: 'none' } };
const sealing = (photo: string) => ({ status: 'sealed', on: '2024-05-12', note: '矩阵封堵', photoFileIds: [photo] });
const check = (evidence: string) => ({ noPersonnel: true, noEquipment: true, noBuildings: true, checkedOn: '2024-08-01', evidenceFileIds: [evidence] });

export const scope: ScopeModule = {
  tables: ['grid', 'grid_person', 'site_responsibility', 'site_sealing', 'site_sealing_file', 'site_three_no_remain', 'site_three_no_remain_file'],
  routes: {
    'GET /api/grids': {
      kind: 'list',
      variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/grids?region=${c}` })),
      plain: () => ['/api/grids'],
      regionsOf: (b) => (b as any[]).map((g) => g.regionCode),
      ok: 200,
    },
    'GET /api/grids/{id}': { kind: 'read', variants: (f) => [{ url: `/api/grids/${f.x.o6GridId}` }], ok: 200 },
    'POST /api/grids': {
      kind: 'write',
      variants: (f, me): Variant[] => [
        { url: '/api/grids', payload: { regionCode: f.region, name: `矩阵网格${uniq()}` } },
        { url: '/api/grids', payload: { regionCode: f.township, name: `矩阵网格${uniq()}` } },
        { url: '/api/grids', payload: { regionCode: me.region, name: `矩阵网格${uniq()}`, people: [{ personId: f.personId, role: 'member' }] } },
      ],
      ok: 201,
    },
    'PATCH /api/grids/{id}': {
      kind: 'write',
      variants: (f, me) => [
        { url: `/api/grids/${f.x.o6GridId}`, payload: { version: 1, name: `矩阵网格改名${uniq()}` } },
        { url: `/api/grids/${me.x.o6GridId2}`, payload: { version: 1, people: [{ personId: f.personId, role: 'leader' }] } },
      ],
      ok: 200,
    },
    'GET /api/sites/{id}/responsibility': { kind: 'read', variants: (f) => [{ url: `/api/sites/${f.siteId}/responsibility` }, { url: `/api/sites/${f.x.o6Recorded}/responsibility` }], ok: 200 },
    'PUT /api/sites/{id}/responsibility': {
      kind: 'write',
      // one own site per variant: each starts at version 0
      variants: (f, me) => [
        { url: `/api/sites/${f.x.o6Site1}/responsibility`, payload: { version: 0, gridId: f.x.o6GridId, people: { county: { personId: f.personId, phone: '13800000000' } }, signs: { warning: { status: 'installed', photoFileId: f.x.o6PhotoId, checkedOn: '2024-05-20' }, responsibility: { status: 'none' } } } },
        { url: `/api/sites/${me.x.o6Site2}/responsibility`, payload: { version: 0, gridId: f.x.o6GridId, people: {}, signs: noSigns } },
        { url: `/api/sites/${me.x.o6Site3}/responsibility`, payload: { version: 0, people: { county: { personId: f.personId, phone: '13800000000' } }, signs: noSigns } },
        { url: `/api/sites/${me.x.o6Site4}/responsibility`, payload: { version: 0, people: {}, signs: { warning: { status: 'installed', photoFileId: f.x.o6PhotoId, checkedOn: '2024-05-20' }, responsibility: { status: 'none' } } } },
      ],
      ok: 200,
    },
    'GET /api/sites/{id}/sealing': { kind: 'read', variants: (f) => [{ url: `/api/sites/${f.x.o6SealSite}/sealing` }], ok: 200 },
    'POST /api/sites/{id}/sealing': {
      kind: 'write',
      variants: (f, me) => [
        // a point of the fixture, not the matrix site: sealing bumps a site's version, which PATCH /api/sites/{id} expects at 1
        { url: `/api/sites/${f.x.o6SealSite}/sealing`, payload: sealing(f.x.o6PhotoId!) },
        { url: `/api/sites/${me.x.o6SealSite}/sealing`, payload: sealing(f.x.o6PhotoId!) },
      ],
      ok: 201,
    },
    'GET /api/sites/{id}/three-no-remain': { kind: 'read', variants: (f) => [{ url: `/api/sites/${f.x.o6ExpiredId}/three-no-remain` }], ok: 200 },
    'POST /api/sites/{id}/three-no-remain': {
      kind: 'write',
      variants: (f, me) => [
        { url: `/api/sites/${f.x.o6ExpiredId}/three-no-remain`, payload: check(f.x.o6PhotoId!) },
        { url: `/api/sites/${me.x.o6ExpiredId}/three-no-remain`, payload: check(f.x.o6PhotoId!) },
      ],
      ok: 201,
    },
  },

  /**
   * Two grids, four sites for the responsibility writes (one with a recorded O6 record for the
   * reads), an expired licensed mine with a 三不留 check, a shaft with a sealing record, and
   * a photo for evidence, all in the county of the matrix site.
   */
  async fixture(ctx: ScopeCtx, f: Fx, user) {
    const as = ctx.as(user);
    const tag = user === 'dehong.office' ? '德宏' : '克岚';
    const send = async (method: string, url: string, payload: Record<string, unknown>, ok = 201) => {
      const res = await ctx.send(as, method, { url, payload });
      if (res.statusCode !== ok) throw new Error(`O6 fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const up = await ctx.send(as, 'POST', { url: '/api/files', form: { fields: { purpose: 'photo', regionCode: f.county }, file: { name: `${tag}矩阵封堵照片${ctx.uniq()}.png`, bytes: Buffer.concat([PNG, randomBytes(16)]) } } });
    if (up.statusCode !== 201) throw new Error(`O6 fixture upload: ${up.statusCode} ${up.body}`);
    const o6PhotoId = up.json().id as string;
    const gridName = `${tag}矩阵网格${ctx.uniq()}`;
    const grid = await send('POST', '/api/grids', { regionCode: f.county, name: gridName, people: [{ personId: f.personId, role: 'leader' }] });
    const grid2 = await send('POST', '/api/grids', { regionCode: f.county, name: `${tag}矩阵网格二${ctx.uniq()}` });
    const sites: string[] = [];
    const siteNames: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const name = `${tag}矩阵O6对象${i}${ctx.uniq()}`;
      siteNames.push(name);
      sites.push((await send('POST', '/api/sites', { regionCode: f.county, name, attributes: { kind: 'illegal_point' } })).id);
    }
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await send('PUT', `/api/sites/${sites[0]}/responsibility`, { version: 0, gridId: grid.id, people: { county: { personId: f.personId, phone } }, signs: noSigns }, 200);
    const mine = `${tag}矩阵过期矿山${ctx.uniq()}`;
    const expired = await send('POST', '/api/sites', { regionCode: f.county, name: mine, attributes: { kind: 'licensed_mine', licenceNo: `C${ctx.uniq()}`, holder: `${tag}矩阵矿业`, mineral: '金', method: 'underground', status: 'expired' } });
    const checkNote = `${tag}矩阵三不留核查${ctx.uniq()}`;
    await send('POST', `/api/sites/${expired.id}/three-no-remain`, { ...check(o6PhotoId), note: checkNote });
    const sealNote = `${tag}矩阵封堵记录${ctx.uniq()}`;
    const sealSite = (await send('POST', '/api/sites', { regionCode: f.county, name: `${tag}矩阵封堵对象${ctx.uniq()}`, attributes: { kind: 'abandoned_mine', category: 'normal_closure' } })).id;
    await send('POST', `/api/sites/${sealSite}/sealing`, { ...sealing(o6PhotoId), note: sealNote });
    // leave the fresh sites at version 0 for the PUT variants: rebuild site 1 as a fifth, untouched one
    const site1 = (await send('POST', '/api/sites', { regionCode: f.county, name: `${tag}矩阵O6对象五${ctx.uniq()}`, attributes: { kind: 'illegal_point' } })).id;
    return {
      ids: { o6PhotoId, o6GridId: grid.id, o6GridId2: grid2.id, o6Site1: site1, o6Site2: sites[1]!, o6Site3: sites[2]!, o6Site4: sites[3]!, o6Recorded: sites[0]!, o6ExpiredId: expired.id, o6SealSite: sealSite },
      leaks: [gridName, ...siteNames, mine, checkNote, sealNote, phone],
    };
  },
};
