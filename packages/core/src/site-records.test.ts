import { describe, expect, it } from 'vitest';
import { gridInputSchema } from './grids.js';
import { responsibilityGaps, responsibleLevelAccepts, sealingInputSchema, threeNoRemainInputSchema } from './site-records.js';

const id = '6f1c2a4e-8d0b-4c7e-9a1f-2b3c4d5e6f70';

describe('O6 levels', () => {
  it('takes a responsible person from the level or above, never below', () => {
    expect(responsibleLevelAccepts('county', '533103')).toBe(true); // county
    expect(responsibleLevelAccepts('county', '533100')).toBe(true); // prefecture
    expect(responsibleLevelAccepts('county', '533103101')).toBe(false); // township
    expect(responsibleLevelAccepts('township', '533103101')).toBe(true);
    expect(responsibleLevelAccepts('township', '533103101201')).toBe(false); // village
    expect(responsibleLevelAccepts('village', '533103101201')).toBe(true);
  });
  it('lists what is missing: grid, a person per level, both signs installed', () => {
    const none = { status: 'none' as const, photoFileId: null, checkedOn: null };
    const p = { personId: id, name: 'x', position: '', unitName: null, regionCode: '533103', phone: '1' };
    expect(responsibilityGaps({ grid: null, people: { county: null, township: null, village: null }, signs: { warning: none, responsibility: none } })).toEqual([
      'grid', 'people.county', 'people.township', 'people.village', 'signs.warning', 'signs.responsibility',
    ]);
    const installed = { status: 'installed' as const, photoFileId: id, checkedOn: '2024-01-01' };
    expect(responsibilityGaps({ grid: { id, name: 'g' }, people: { county: p, township: p, village: p }, signs: { warning: installed, responsibility: { ...installed, status: 'damaged' } } })).toEqual(['signs.responsibility']);
  });
});

describe('S2 and S4 inputs', () => {
  it('needs photos for 已封堵 and a note for 封堵不彻底', () => {
    expect(sealingInputSchema.safeParse({ status: 'sealed', on: '2024-05-01' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['photoFileIds']);
    expect(sealingInputSchema.safeParse({ status: 'incomplete', on: '2024-05-01' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['note']);
    expect(sealingInputSchema.safeParse({ status: 'sealed', on: '2024-05-01', photoFileIds: [id, id] }).error?.issues[0]?.message).toMatch(/twice/);
    expect(sealingInputSchema.parse({ status: 'unsealed', on: '2024-05-01' })).toEqual({ status: 'unsealed', on: '2024-05-01', note: '', photoFileIds: [] });
  });
  it('reuses the core 三不留 check with evidence as file IDs, still strict', () => {
    const ok = { noPersonnel: true, noEquipment: true, noBuildings: false, checkedOn: '2024-05-01', evidenceFileIds: [id] };
    expect(threeNoRemainInputSchema.parse(ok)).toEqual({ ...ok, note: '' });
    expect(threeNoRemainInputSchema.safeParse({ ...ok, evidenceFileIds: [] }).success).toBe(false);
    expect(threeNoRemainInputSchema.safeParse({ ...ok, extra: 1 }).success).toBe(false);
  });
  it('refuses a person listed twice on a grid', () => {
    const r = gridInputSchema.safeParse({ regionCode: '533103', name: 'g', people: [{ personId: id, role: 'leader' }, { personId: id, role: 'member' }] });
    expect(r.error?.issues[0]?.path).toEqual(['people', 1, 'personId']);
  });
});
