import { z } from 'zod';

/** Administrative levels of GB/T 2260 (plus township/village codes of the statistical division code). */
export const REGION_LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const regionLevelLabel: Record<RegionLevel, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'Province' },
  prefecture: { zh: '地级（州/市/盟）', en: 'Prefecture' },
  county: { zh: '县级（县/市/区/旗）', en: 'County' },
  township: { zh: '乡级（乡/镇/苏木/街道）', en: 'Township' },
  village: { zh: '村级（村/嘎查/社区）', en: 'Village' },
};

/** 6 digits (province/prefecture/county), 9 (township) or 12 (village). */
export const regionCodeSchema = z
  .string()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, 'region code must be a GB/T 2260 code of 6, 9 or 12 digits');

/** Level implied by the shape of a code: 530000 province, 533100 prefecture, 533102 county, … */
export function levelOfCode(code: string): RegionLevel {
  if (code.length === 12) return 'village';
  if (code.length === 9) return 'township';
  if (code.length !== 6) throw new Error(`not a region code: ${code}`);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

/**
 * Prefix shared by the code of a region and all of its descendants. Region scope is a prefix match
 * on region_code, which is why every scoped table stores the code, not a foreign path.
 */
export function scopePrefix(code: string): string {
  switch (levelOfCode(code)) {
    case 'province':
      return code.slice(0, 2);
    case 'prefecture':
      return code.slice(0, 4);
    default:
      return code;
  }
}

/** True when `code` is `ancestor` itself or lies below it. */
export function isWithinRegion(code: string, ancestor: string): boolean {
  return code.startsWith(scopePrefix(ancestor));
}
