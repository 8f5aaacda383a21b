import { z } from 'zod';
import { freeText } from './org.js';
import { regionCodeSchema } from './region.js';
import { siteGeometrySchema, SITE_KINDS } from './sites.js';

type Label = { zh: string; en: string };

/** O6 网格化管理 (003 §二.3 "定区域、定职责、定人员"): a grid is an area with its assigned people. */
export const GRID_ROLES = ['leader', 'member'] as const;
export type GridRole = (typeof GRID_ROLES)[number];
export const gridRoleLabel: Record<GridRole, Label> = {
  leader: { zh: '网格长', en: 'Grid leader' },
  member: { zh: '网格员', en: 'Grid member' },
};

/** A grid's area, lon/lat degrees: a Polygon or MultiPolygon. */
const gridGeometry = siteGeometrySchema.refine((g) => g.type === 'Polygon' || g.type === 'MultiPolygon', 'a grid area must be a Polygon or MultiPolygon');

const gridPeople = z
  .array(z.strictObject({ personId: z.uuid(), role: z.enum(GRID_ROLES) }))
  .max(100)
  .superRefine((ps, ctx) => {
    const seen = new Set<string>();
    ps.forEach((p, i) => {
      if (seen.has(p.personId)) ctx.addIssue({ code: 'custom', path: [i, 'personId'], message: 'the same person is listed twice' });
      seen.add(p.personId);
    });
  });

export const gridInputSchema = z.strictObject({
  regionCode: regionCodeSchema,
  name: freeText(100).pipe(z.string().min(1)),
  geometry: gridGeometry.nullable().default(null),
  people: gridPeople.default([]),
});
export type GridInput = z.infer<typeof gridInputSchema>;

/** A change to a grid (optimistic: the version the editor saw); `people` replaces the whole list. */
export const gridUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  name: freeText(100).pipe(z.string().min(1)).optional(),
  geometry: gridGeometry.nullable().optional(),
  people: gridPeople.optional(),
});
export type GridUpdate = z.infer<typeof gridUpdateSchema>;

export const gridPersonSchema = z.object({
  personId: z.string(),
  role: z.enum(GRID_ROLES),
  name: z.string(),
  position: z.string(),
  unitName: z.string().nullable(),
  phone: z.string().nullable(),
  regionCode: z.string(),
});

export const gridSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  geometry: z.unknown().nullable(),
  people: z.array(gridPersonSchema),
  /** Sites of the grid that the reader may see. */
  siteCount: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type Grid = z.infer<typeof gridSchema>;

export const gridDetailSchema = gridSchema.extend({
  sites: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(SITE_KINDS), status: z.string().nullable(), regionCode: z.string() })),
});
export type GridDetail = z.infer<typeof gridDetailSchema>;
