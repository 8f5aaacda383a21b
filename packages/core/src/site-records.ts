import { z } from 'zod';
import { freeText } from './org.js';
import { levelOfCode, REGION_LEVELS } from './region.js';
import { SEALING_STATUSES, siteDetailSchema, threeNoRemainSchema } from './sites.js';

type Label = { zh: string; en: string };

const day = z.iso.date();
const uuid = z.uuid();
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, 'phone must be digits, spaces, +, - or parentheses (5–30 characters)');

/* ---------- attachments (documents and photos of a site) ---------- */

export const ATTACHMENT_ROLES = ['document', 'photo'] as const;
export type AttachmentRole = (typeof ATTACHMENT_ROLES)[number];
/** Why a file was attached: on its own, or as evidence of a sealing, a sign or a 三不留 check. */
export const ATTACHMENT_PURPOSES = ['general', 'sealing', 'sign', 'three_no_remain'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];
export const attachmentPurposeLabel: Record<AttachmentPurpose, Label> = {
  general: { zh: '档案', en: 'File' },
  sealing: { zh: '封堵', en: 'Sealing' },
  sign: { zh: '标识牌', en: 'Sign' },
  three_no_remain: { zh: '三不留', en: 'Three-no-remain' },
};

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/**
 * A file attached to a site. A photo's position comes from its EXIF; `lon`/`lat` (degrees) may be
 * given only for a photo without one (a given position never overrides what the camera recorded).
 */
export const attachmentInputSchema = z
  .strictObject({
    fileId: uuid,
    role: z.enum(ATTACHMENT_ROLES),
    caption: freeText(200).default(''),
    lon: lon.optional(),
    lat: lat.optional(),
    /** When the photo was taken, if its EXIF does not say (ISO 8601 with offset). */
    takenAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.lon === undefined) !== (a.lat === undefined)) ctx.addIssue({ code: 'custom', path: [a.lon === undefined ? 'lon' : 'lat'], message: 'give both lon and lat, or neither' });
  });
export type AttachmentInput = z.infer<typeof attachmentInputSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  fileId: z.string(),
  role: z.enum(ATTACHMENT_ROLES),
  purpose: z.enum(ATTACHMENT_PURPOSES),
  caption: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  takenAt: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  locationSource: z.enum(['exif', 'given']).nullable(),
  /** Metres from the photo's position to the site's geometry (0 inside a polygon); null when either is unknown. */
  distanceM: z.number().nullable(),
  /** The photo was taken farther from the site than the configured limit: flagged, not refused. */
  far: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/* ---------- O6 responsibility: people per level and signs ---------- */

export const RESPONSIBLE_LEVELS = ['county', 'township', 'village'] as const;
export type ResponsibleLevel = (typeof RESPONSIBLE_LEVELS)[number];
export const responsibleLevelLabel: Record<ResponsibleLevel, Label> = {
  county: { zh: '县级责任人', en: 'County-level responsible person' },
  township: { zh: '乡（镇）级责任人', en: 'Township-level responsible person' },
  village: { zh: '村级责任人', en: 'Village-level responsible person' },
};
/**
 * A person responsible at a level comes from a region of that level or above it (a county-level
 * person from the county, prefecture or province; never from a township).
 */
export function responsibleLevelAccepts(level: ResponsibleLevel, personRegionCode: string): boolean {
  return REGION_LEVELS.indexOf(levelOfCode(personRegionCode)) <= REGION_LEVELS.indexOf(level);
}

/** 003 §二.3: "设立警示标识牌和监管责任牌". */
export const SIGN_KINDS = ['warning', 'responsibility'] as const;
export type SignKind = (typeof SIGN_KINDS)[number];
export const signKindLabel: Record<SignKind, Label> = {
  warning: { zh: '警示标识牌', en: 'Warning sign' },
  responsibility: { zh: '监管责任牌', en: 'Supervision-responsibility sign' },
};
export const SIGN_STATUSES = ['none', 'installed', 'damaged'] as const;
export type SignStatus = (typeof SIGN_STATUSES)[number];
export const signStatusLabel: Record<SignStatus, Label> = {
  none: { zh: '未设立', en: 'Not installed' },
  installed: { zh: '已设立', en: 'Installed' },
  damaged: { zh: '已损坏', en: 'Damaged' },
};

const assignmentInput = z.strictObject({
  personId: uuid,
  /** Contact number for this duty; defaults to the phone on the person's record. */
  phone: phone.nullable().default(null),
});
const signInput = z
  .strictObject({
    status: z.enum(SIGN_STATUSES),
    /** A photo of the sign as it stands; required unless the status is 未设立. */
    photoFileId: uuid.nullable().default(null),
    checkedOn: day.nullable().default(null),
  })
  .superRefine((s, ctx) => {
    if (s.status === 'none') {
      if (s.photoFileId) ctx.addIssue({ code: 'custom', path: ['photoFileId'], message: 'a sign that is not installed has no photo' });
      return;
    }
    if (!s.photoFileId) ctx.addIssue({ code: 'custom', path: ['photoFileId'], message: 'a photo of the sign is required when it is installed or damaged' });
    if (!s.checkedOn) ctx.addIssue({ code: 'custom', path: ['checkedOn'], message: 'the date the sign was checked is required when it is installed or damaged' });
  });

/** PUT replaces the whole O6 record of a site; `version` is the one the editor saw (0 when none was recorded yet). */
export const responsibilityInputSchema = z.strictObject({
  version: z.number().int().min(0),
  gridId: uuid.nullable().default(null),
  people: z.strictObject({
    county: assignmentInput.nullable().default(null),
    township: assignmentInput.nullable().default(null),
    village: assignmentInput.nullable().default(null),
  }),
  signs: z.strictObject({ warning: signInput, responsibility: signInput }),
});
export type ResponsibilityInput = z.infer<typeof responsibilityInputSchema>;

const responsiblePerson = z.object({
  personId: z.string(),
  name: z.string(),
  position: z.string(),
  unitName: z.string().nullable(),
  regionCode: z.string(),
  phone: z.string(),
});
const sign = z.object({ status: z.enum(SIGN_STATUSES), photoFileId: z.string().nullable(), checkedOn: z.string().nullable() });

export const responsibilitySchema = z.object({
  siteId: z.string(),
  /** 0 while nothing has been recorded. */
  version: z.number(),
  grid: z.object({ id: z.string(), name: z.string() }).nullable(),
  people: z.object({ county: responsiblePerson.nullable(), township: responsiblePerson.nullable(), village: responsiblePerson.nullable() }),
  signs: z.object({ warning: sign, responsibility: sign }),
  /** What O6 still lacks: missing levels and signs not installed ("定区域、定职责、定人员"). */
  missing: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
export type Responsibility = z.infer<typeof responsibilitySchema>;

/** What is still missing for O6 (grid, a person per level, both signs installed), as stable keys. */
export function responsibilityGaps(r: Pick<Responsibility, 'grid' | 'people' | 'signs'>): string[] {
  const out: string[] = [];
  if (!r.grid) out.push('grid');
  for (const l of RESPONSIBLE_LEVELS) if (!r.people[l]) out.push(`people.${l}`);
  for (const s of SIGN_KINDS) if (r.signs[s].status !== 'installed') out.push(`signs.${s}`);
  return out;
}

/* ---------- S2 sealing records ---------- */

/**
 * One observation of a shaft's or point's sealing. 已封堵 needs photo evidence; 封堵不彻底 needs a
 * note saying what is not sealed, and makes sealing due again.
 */
export const sealingInputSchema = z
  .strictObject({
    status: z.enum(SEALING_STATUSES),
    /** The day the sealing was done or found in this state. */
    on: day,
    note: freeText(1000).default(''),
    photoFileIds: z.array(uuid).max(20).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.status === 'sealed' && s.photoFileIds.length === 0) ctx.addIssue({ code: 'custom', path: ['photoFileIds'], message: '已封堵 (sealed) needs at least one photo as evidence' });
    if (s.status === 'incomplete' && !s.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '封堵不彻底 needs a note saying what is not sealed' });
    if (new Set(s.photoFileIds).size !== s.photoFileIds.length) ctx.addIssue({ code: 'custom', path: ['photoFileIds'], message: 'the same file is listed twice' });
  });
export type SealingInput = z.infer<typeof sealingInputSchema>;

/** A file used as evidence, with where the photo was taken relative to the site. */
export const evidenceSchema = z.object({
  fileId: z.string(),
  name: z.string(),
  mime: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  distanceM: z.number().nullable(),
  far: z.boolean(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const sealingRecordSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  status: z.enum(SEALING_STATUSES),
  /** The status before this record (封堵不彻底 after 已封堵 reopens sealing). */
  previousStatus: z.enum(SEALING_STATUSES),
  on: z.string(),
  note: z.string(),
  evidence: z.array(evidenceSchema),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SealingRecord = z.infer<typeof sealingRecordSchema>;

export const sealingResultSchema = z.object({ record: sealingRecordSchema, site: siteDetailSchema });
export type SealingResult = z.infer<typeof sealingResultSchema>;

/* ---------- S4 三不留 checks ---------- */

/** The core 三不留 check; evidence refers to uploaded files by their ID (GET /api/files/{id}). */
export const threeNoRemainInputSchema = threeNoRemainSchema.extend({
  evidenceFileIds: z.array(uuid).min(1, 'at least one photo or document as evidence').max(20),
  note: freeText(1000).default(''),
});
export type ThreeNoRemainInput = z.infer<typeof threeNoRemainInputSchema>;

export const threeNoRemainRecordSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  noPersonnel: z.boolean(),
  noEquipment: z.boolean(),
  noBuildings: z.boolean(),
  /** All three hold. */
  passed: z.boolean(),
  checkedOn: z.string(),
  note: z.string(),
  evidence: z.array(evidenceSchema),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ThreeNoRemainRecord = z.infer<typeof threeNoRemainRecordSchema>;
