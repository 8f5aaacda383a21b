import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sealingResponsibility, siteAttributesSchema, tailingsPondGrade, threeNoRemainPassed, threeNoRemainSchema } from './sites.js';

const abandoned = (o: object) => siteAttributesSchema.parse({ kind: 'abandoned_mine', ...o }) as Extract<ReturnType<typeof siteAttributesSchema.parse>, { kind: 'abandoned_mine' }>;

describe('sealing responsibility (S2, 001 §六 第二阶段)', () => {
  it('normal closure: the mining-right holder', () => {
    expect(sealingResponsibility(abandoned({ category: 'normal_closure', rightHolder: '某金矿有限公司' }))).toMatchObject({ party: 'right_holder', name: '某金矿有限公司', awaitingDesignation: false, sealingDue: true });
  });
  it('policy closure / protected-area exit: the party fixed at closure, else the county must name one', () => {
    expect(sealingResponsibility(abandoned({ category: 'policy_closure', partyFixedAtClosure: '盈江县人民政府' }))).toMatchObject({ party: 'fixed_at_closure', name: '盈江县人民政府', awaitingDesignation: false });
    expect(sealingResponsibility(abandoned({ category: 'protected_area_exit' }))).toMatchObject({ party: 'county_government', name: null, awaitingDesignation: true });
  });
  it('illegal point: the county government, whichever way it is recorded', () => {
    expect(sealingResponsibility(abandoned({ category: 'illegal_point' }))).toMatchObject({ party: 'county_government', awaitingDesignation: false });
    const p = siteAttributesSchema.parse({ kind: 'illegal_point' });
    expect(sealingResponsibility(p as Extract<typeof p, { kind: 'illegal_point' }>).party).toBe('county_government');
  });
  it('封堵不彻底 reopens sealing; sealed closes it', () => {
    expect(sealingResponsibility(abandoned({ category: 'normal_closure', sealingStatus: 'incomplete' })).sealingDue).toBe(true);
    expect(sealingResponsibility(abandoned({ category: 'normal_closure', sealingStatus: 'sealed' })).sealingDue).toBe(false);
  });
});

describe('site attributes (S1)', () => {
  it('validates a licensed mine and names bad fields', () => {
    expect(siteAttributesSchema.parse({ kind: 'licensed_mine', licenceNo: 'C1409002010127120089999', holder: '岢岚县某铁矿', mineral: '铁矿', method: 'open_pit', elevationTop: 1350, elevationBottom: 1200 })).toMatchObject({ status: 'producing', scale: null });
    const bad = siteAttributesSchema.safeParse({ kind: 'licensed_mine', licenceNo: 'x', holder: 'y', mineral: '铁矿', method: 'strip', elevationTop: 1200, elevationBottom: 1350 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toContain('method');
    const inverted = siteAttributesSchema.safeParse({ kind: 'licensed_mine', licenceNo: 'x', holder: 'y', mineral: '铁矿', method: 'underground', elevationTop: 1200, elevationBottom: 1350 });
    expect(inverted.error!.issues[0]!.path).toEqual(['elevationBottom']);
  });
  it('an owned tailing pit needs its owner; unknown kinds and fields are refused', () => {
    expect(siteAttributesSchema.safeParse({ kind: 'tailing_pit', owned: true }).error!.issues[0]!.path).toEqual(['owner']);
    expect(siteAttributesSchema.safeParse({ kind: 'tailing_pit', owned: false }).success).toBe(true);
    expect(siteAttributesSchema.safeParse({ kind: 'quarry' }).success).toBe(false);
    expect(siteAttributesSchema.safeParse({ kind: 'camera', deviceId: 'c1', colour: 'red' }).success).toBe(false);
  });
  it('三不留 passes only with all three cleared and evidence', () => {
    const ok = threeNoRemainSchema.parse({ noPersonnel: true, noEquipment: true, noBuildings: true, checkedOn: '2022-05-20', evidenceFileIds: ['a'.repeat(64)] });
    expect(threeNoRemainPassed(ok)).toBe(true);
    expect(threeNoRemainPassed({ ...ok, noBuildings: false })).toBe(false);
    expect(threeNoRemainSchema.safeParse({ ...ok, evidenceFileIds: [] }).success).toBe(false);
  });
});

describe('尾矿库等别', () => {
  it('takes the higher grade when capacity and height differ by one, lowered by one when by more', () => {
    expect(tailingsPondGrade(60000, 250)).toBe(1);
    expect(tailingsPondGrade(20000, 120)).toBe(2);
    expect(tailingsPondGrade(20000, 70)).toBe(2); // 二等 by capacity, 三等 by height
    expect(tailingsPondGrade(20000, 20)).toBe(3); // 二等 vs 五等: 二等 lowered by one
    expect(tailingsPondGrade(50, 10)).toBe(5);
  });
  it('never grades a bigger or higher pond lower (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), (v, h, dv) => {
      expect(tailingsPondGrade(v + dv, h)).toBeLessThanOrEqual(tailingsPondGrade(v, h));
    }));
  });
});
