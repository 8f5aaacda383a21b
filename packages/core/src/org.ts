import { z } from 'zod';
import { regionCodeSchema } from './region.js';

type Label = { zh: string; en: string };

/** O2: what kind of organisation a unit is. `collective` stands for a printed group such as "各乡（镇）人民政府". */
export const UNIT_KINDS = [
  'party_committee',
  'government',
  'bureau',
  'township_government',
  'power_company',
  'enterprise',
  'survey_unit',
  'public_institution',
  'judicial',
  'collective',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const unitKindLabel: Record<UnitKind, Label> = {
  party_committee: { zh: '党委及其部门', en: 'Party committee' },
  government: { zh: '人民政府', en: 'Government' },
  bureau: { zh: '政府部门', en: 'Government department' },
  township_government: { zh: '乡镇人民政府', en: 'Township government' },
  power_company: { zh: '供电企业', en: 'Power supply company' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  survey_unit: { zh: '地质调查勘察单位', en: 'Geological survey unit' },
  public_institution: { zh: '事业单位', en: 'Public institution' },
  judicial: { zh: '司法机关', en: 'Judicial body' },
  collective: { zh: '单位集合', en: 'Group of units' },
};

/** O2: the line of work of a government department, so rules can address "the police" of any region. */
export const SECTORS = [
  'natural_resources',
  'public_security',
  'ecology_environment',
  'emergency_management',
  'market_supervision',
  'energy',
  'forestry_grassland',
  'water',
  'agriculture',
  'development_reform',
  'finance',
  'publicity',
  'discipline_inspection',
  'procuratorate',
  'court',
  'industry_it',
  'general_office',
  'power_supply',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];
export const sectorLabel: Record<Sector, Label> = {
  natural_resources: { zh: '自然资源', en: 'Natural resources' },
  public_security: { zh: '公安', en: 'Public security' },
  ecology_environment: { zh: '生态环境', en: 'Ecology & environment' },
  emergency_management: { zh: '应急管理', en: 'Emergency management' },
  market_supervision: { zh: '市场监管', en: 'Market supervision' },
  energy: { zh: '能源', en: 'Energy' },
  forestry_grassland: { zh: '林业和草原', en: 'Forestry & grassland' },
  water: { zh: '水利', en: 'Water' },
  agriculture: { zh: '农业农村', en: 'Agriculture' },
  development_reform: { zh: '发展改革', en: 'Development & reform' },
  finance: { zh: '财政', en: 'Finance' },
  publicity: { zh: '宣传', en: 'Publicity' },
  discipline_inspection: { zh: '纪检监察', en: 'Discipline inspection' },
  procuratorate: { zh: '检察', en: 'Procuratorate' },
  court: { zh: '法院', en: 'Court' },
  industry_it: { zh: '工信科技', en: 'Industry & IT' },
  general_office: { zh: '政府办公室', en: 'General office' },
  power_supply: { zh: '电力', en: 'Power supply' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Civil-service rank bands (职务/职级 collapsed to the band rules care about), lowest first, so
 * "副科级以上" is `rankAtLeast(r, 'deputy_section')`.
 */
export const RANKS = [
  'clerk',
  'deputy_section',
  'section',
  'deputy_division',
  'division',
  'deputy_bureau',
  'bureau',
] as const;
export type Rank = (typeof RANKS)[number];
export const rankLabel: Record<Rank, Label> = {
  clerk: { zh: '科员及以下', en: 'Clerk' },
  deputy_section: { zh: '副科级', en: 'Deputy section level' },
  section: { zh: '正科级', en: 'Section level' },
  deputy_division: { zh: '副处级', en: 'Deputy division level' },
  division: { zh: '正处级', en: 'Division level' },
  deputy_bureau: { zh: '副厅级', en: 'Deputy bureau level' },
  bureau: { zh: '正厅级', en: 'Bureau level' },
};
export function rankAtLeast(rank: Rank | null | undefined, min: Rank): boolean {
  return rank != null && RANKS.indexOf(rank) >= RANKS.indexOf(min);
}

/** O3: kinds of coordination body (议事协调机构) the seeds set up. */
export const BODY_KINDS = [
  'joint_meeting',
  'leading_group',
  'office',
  'task_force',
  'work_group',
  'supervision_group',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const bodyKindLabel: Record<BodyKind, Label> = {
  joint_meeting: { zh: '联席会议', en: 'Joint meeting' },
  leading_group: { zh: '领导小组', en: 'Leading group' },
  office: { zh: '办公室', en: 'Office' },
  task_force: { zh: '工作专班', en: 'Task force' },
  work_group: { zh: '专项工作组', en: 'Work group' },
  supervision_group: { zh: '督查组', en: 'Supervision group' },
};

/** O3: member roles exactly as the seeds print them. */
export const MEMBER_ROLES = [
  'convener',
  'deputy_convener',
  'leader',
  'first_deputy_leader',
  'executive_deputy_leader',
  'deputy_leader',
  'member',
  'office_director',
  'liaison',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const memberRoleLabel: Record<MemberRole, Label> = {
  convener: { zh: '召集人', en: 'Convener' },
  deputy_convener: { zh: '副召集人', en: 'Deputy convener' },
  leader: { zh: '组长', en: 'Leader' },
  first_deputy_leader: { zh: '第一副组长', en: 'First deputy leader' },
  executive_deputy_leader: { zh: '常务副组长', en: 'Executive deputy leader' },
  deputy_leader: { zh: '副组长', en: 'Deputy leader' },
  member: { zh: '成员', en: 'Member' },
  office_director: { zh: '办公室主任', en: 'Office director' },
  liaison: { zh: '联络员', en: 'Liaison' },
};

export const MEETING_KINDS = ['joint_meeting', 'group_meeting', 'joint_enforcement', 'dispatch'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const meetingKindLabel: Record<MeetingKind, Label> = {
  joint_meeting: { zh: '联席会议', en: 'Joint meeting' },
  group_meeting: { zh: '工作会议', en: 'Working meeting' },
  joint_enforcement: { zh: '综合执法', en: 'Joint enforcement' },
  dispatch: { zh: '调度会', en: 'Dispatch meeting' },
};

/** Free text PostgreSQL can store: no NUL characters (they would fail at the database, not here). */
export const freeText = (max: number) =>
  z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
const text = (max: number) => freeText(max).pipe(z.string().min(1));
const uuid = z.uuid();

export const unitInputSchema = z.strictObject({
  regionCode: regionCodeSchema,
  name: text(200),
  kind: z.enum(UNIT_KINDS),
  sector: z.enum(SECTORS).nullable().default(null),
  parentUnitId: uuid.nullable().default(null),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

export const personInputSchema = z.strictObject({
  regionCode: regionCodeSchema,
  name: text(50),
  unitId: uuid.nullable().default(null),
  position: freeText(200).default(''),
  rank: z.enum(RANKS).nullable().default(null),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/, 'phone must be digits, spaces, +, - or parentheses (5–30 characters)')
    .nullable()
    .default(null),
});
export type PersonInput = z.infer<typeof personInputSchema>;

export const bodyInputSchema = z.strictObject({
  regionCode: regionCodeSchema,
  name: text(300),
  kind: z.enum(BODY_KINDS),
  parentBodyId: uuid.nullable().default(null),
  hostUnitId: uuid.nullable().default(null),
  duties: freeText(5000).default(''),
  /** Supervision groups: the districts they are stationed in (分片驻守包抓). */
  districtCodes: z.array(regionCodeSchema).max(100).default([]),
  /** Meeting cadence rule, e.g. 3 = "每季度至少召开一次"; null = no rule. */
  cadenceMonths: z.number().int().min(1).max(24).nullable().default(null),
});
export type BodyInput = z.infer<typeof bodyInputSchema>;

export const memberInputSchema = z.strictObject({
  personId: uuid.nullable().default(null),
  role: z.enum(MEMBER_ROLES),
  /** Position as printed in the roster (may differ from the person's current position). */
  position: freeText(200).default(''),
  /** For unnamed members such as "市应急管理局和生态环境局各1名干部". */
  note: freeText(500).default(''),
  duty: freeText(2000).default(''),
});
export type MemberInput = z.infer<typeof memberInputSchema>;

export const meetingInputSchema = z.strictObject({
  kind: z.enum(MEETING_KINDS),
  heldOn: z.iso.date().refine((d) => d >= '1949-10-01', 'date must be on or after 1949-10-01'),
  title: text(300),
  attendeePersonIds: z.array(uuid).max(500).default([]),
  decisions: z.array(text(2000)).max(100).default([]),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

/**
 * O7 cadence: a body with a rule of N months is overdue when no meeting was held within the last N
 * months (counted from its last meeting, or from its creation when it never met).
 * Dates are ISO yyyy-mm-dd; the result's dueBy is the day by which the next meeting must be held.
 */
export function cadenceStatus(
  cadenceMonths: number,
  lastHeldOn: string | null,
  createdOn: string,
  today: string,
): { dueBy: string; overdue: boolean; daysOverdue: number } {
  const from = lastHeldOn ?? createdOn;
  const dueBy = addMonths(from, cadenceMonths);
  const days = Math.round((Date.parse(today) - Date.parse(dueBy)) / 86_400_000);
  return { dueBy, overdue: days > 0, daysOverdue: Math.max(0, days) };
}

/** Calendar month arithmetic clamped to month end (2022-11-30 + 3 months = 2023-02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
