import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths, cadenceStatus, rankAtLeast } from './org.js';
import { can, ROLES, ACTIONS } from './roles.js';

describe('calendar months', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths('2022-11-30', 3)).toBe('2023-02-28');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2022-09-15', 3)).toBe('2022-12-15');
    expect(addMonths('2022-12-31', 1)).toBe('2023-01-31');
  });
  it('always moves forward and stays a valid date (property)', () => {
    const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 24 }), (d, n) => {
        const r = addMonths(d, n);
        expect(r > d).toBe(true);
        expect(new Date(r + 'T00:00:00Z').toISOString().slice(0, 10)).toBe(r);
      }),
    );
  });
});

describe('meeting cadence (O7: 每季度至少召开一次)', () => {
  it('counts from the last meeting, or from establishment when none was held', () => {
    expect(cadenceStatus(3, null, '2022-09-15', '2022-12-15')).toEqual({ dueBy: '2022-12-15', overdue: false, daysOverdue: 0 });
    expect(cadenceStatus(3, null, '2022-09-15', '2022-12-16')).toEqual({ dueBy: '2022-12-15', overdue: true, daysOverdue: 1 });
    expect(cadenceStatus(3, '2023-01-10', '2022-09-15', '2023-03-01')).toMatchObject({ dueBy: '2023-04-10', overdue: false });
  });
});

describe('ranks and permissions', () => {
  it('orders rank bands for "副科级以上"', () => {
    expect(rankAtLeast('deputy_section', 'deputy_section')).toBe(true);
    expect(rankAtLeast('division', 'deputy_section')).toBe(true);
    expect(rankAtLeast('clerk', 'deputy_section')).toBe(false);
    expect(rankAtLeast(null, 'deputy_section')).toBe(false);
  });
  it('keeps read-only leaders and machines away from writes', () => {
    for (const a of ACTIONS.filter((x) => x.endsWith('.write') || x === 'user.manage')) {
      expect(can('leader', a)).toBe(false);
      expect(can('machine', a)).toBe(false);
    }
    expect(ROLES.every((r) => can(r, 'org.read') === (r !== 'machine'))).toBe(true);
  });
});
