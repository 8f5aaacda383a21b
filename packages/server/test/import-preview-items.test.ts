import { describe, expect, it } from 'vitest';
import type { SiteAttributes, SiteGeometry } from '@minewatch/core';
import { decodePreviewItems, encodePreviewItems, isEncodedPreview, type PreviewSite } from '../src/modules/sites/import-preview-items.js';

const attrs = { kind: 'illegal_point' } as unknown as SiteAttributes;
const site = (name: string, geometry: SiteGeometry | null, extra: Partial<PreviewSite> = {}): PreviewSite => ({ regionCode: '140929', name, attributes: attrs, geometry, bbox: geometry ? [1, 2, 3, 4] : null, areaM2: geometry ? 12.5 : null, ...extra });
/** What PostgreSQL's jsonb gives back for what was stored: JSON text, parsed. */
const throughJsonb = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('import preview items (what a preview stores)', () => {
  it('gives every site back exactly: all geometry types, z values, awkward doubles, no geometry', () => {
    const sites: PreviewSite[] = [
      site('多边形', { type: 'Polygon', coordinates: [[[111.123456789012345, 38.1], [111.2, 38.1], [111.2, 38.3], [111.123456789012345, 38.1]], [[111.15, 38.15], [111.16, 38.16], [111.16, 38.15], [111.15, 38.15]]] }),
      site('多面', { type: 'MultiPolygon', coordinates: [[[[100, 30], [100.1, 30], [100.1, 30.1], [100, 30]]], [[[101, 31], [101.1, 31], [101.1, 31.1], [101, 31]]]] }),
      site('点', { type: 'Point', coordinates: [98.58, 24.43] }),
      site('多点', { type: 'MultiPoint', coordinates: [[98.5, 24.4], [0.1 + 0.2, 5e-324]] }),
      site('有高程', { type: 'Polygon', coordinates: [[[111, 38, 1200.25], [111.1, 38, 1201], [111.1, 38.1, 1199], [111, 38, 1200.25]]] }),
      site('无几何', null),
    ];
    const stored = throughJsonb(encodePreviewItems(sites));
    expect(isEncodedPreview(stored)).toBe(true);
    expect(decodePreviewItems(stored)).toEqual(sites);
    // the numbers are packed, not written out as JSON
    expect(JSON.stringify(stored)).not.toContain('111.123456789012345');
  });

  it('keeps geometries it cannot pack (mixed dimensions, extra members) as they are, and per-site regions and attributes', () => {
    const mixed = { type: 'Polygon', coordinates: [[[111, 38], [111.1, 38, 5], [111.1, 38.1], [111, 38]]] } as SiteGeometry;
    const withBbox = { type: 'Point', coordinates: [111, 38], bbox: [111, 38, 111, 38] } as unknown as SiteGeometry;
    const other = { kind: 'illegal_point', note: 'x' } as unknown as SiteAttributes;
    const sites = [site('混合维度', mixed), site('带bbox', withBbox, { regionCode: '140929100', attributes: other }), site('普通', { type: 'Point', coordinates: [111, 38] })];
    const stored = throughJsonb(encodePreviewItems(sites)) as { regionCode: unknown; attributes: unknown };
    expect(stored.regionCode).toBeNull();
    expect(stored.attributes).toBeNull();
    expect(decodePreviewItems(stored)).toEqual(sites);
  });

  it('refuses a damaged preview rather than misplacing coordinates', () => {
    const stored = throughJsonb(encodePreviewItems([site('a', { type: 'Point', coordinates: [111, 38] })])) as { coordinates: string };
    stored.coordinates = Buffer.concat([Buffer.from(stored.coordinates, 'base64'), Buffer.alloc(8)]).toString('base64');
    expect(() => decodePreviewItems(stored)).toThrow(/left over/);
    expect(isEncodedPreview([{ name: 'old format' }])).toBe(false);
  });
});
