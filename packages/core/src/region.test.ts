import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isWithinRegion, levelOfCode, regionCodeSchema, scopePrefix } from './region.js';

describe('region codes', () => {
  it('derives the level from the shape of the code', () => {
    expect(levelOfCode('530000')).toBe('province');
    expect(levelOfCode('533100')).toBe('prefecture');
    expect(levelOfCode('533102')).toBe('county');
    expect(levelOfCode('140929100')).toBe('township');
    expect(levelOfCode('140929100200')).toBe('village');
    expect(() => levelOfCode('5331')).toThrow();
  });

  it('scopes by prefix: a region contains exactly its descendants', () => {
    expect(isWithinRegion('533103', '533100')).toBe(true);
    expect(isWithinRegion('533103101001', '533100')).toBe(true);
    expect(isWithinRegion('533100', '533100')).toBe(true);
    expect(isWithinRegion('533200', '533100')).toBe(false);
    expect(isWithinRegion('140929', '140900')).toBe(true);
    expect(isWithinRegion('150621', '140929')).toBe(false);
    expect(isWithinRegion('640502', '640500')).toBe(true);
    expect(isWithinRegion('640500', '640502')).toBe(false);
    expect(isWithinRegion('1409291', '140929')).toBe(true);
  });

  it('never lets a county see a sibling or its parent (property)', () => {
    const county = fc.tuple(fc.integer({ min: 11, max: 65 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 99 }))
      .map(([p, c, x]) => `${p}${String(c).padStart(2, '0')}${String(x).padStart(2, '0')}`);
    fc.assert(
      fc.property(county, county, (a, b) => {
        expect(isWithinRegion(a, b)).toBe(a === b);
        expect(isWithinRegion(a.slice(0, 4) + '00', a)).toBe(false);
        expect(isWithinRegion(a, a.slice(0, 4) + '00')).toBe(true);
        expect(isWithinRegion(a, a.slice(0, 2) + '0000')).toBe(true);
        expect(scopePrefix(a)).toBe(a);
      }),
    );
  });

  it('accepts 6, 9 and 12 digit codes only', () => {
    for (const ok of ['533100', '140929100', '140929100200']) expect(regionCodeSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['5331', '5331000', 'abc123', "533100' or 1=1", '']) expect(regionCodeSchema.safeParse(bad).success).toBe(false);
  });
});
