import type { BodyKind, MemberRole, Rank, Sector, UnitKind } from '../org.js';

/**
 * Organisation data printed in one seed document, as data. Keys are local to a seed and link
 * members and duties to units; people are matched by name within one seed (one person, many roles).
 */
export interface SeedUnit {
  key: string;
  regionCode: string;
  name: string;
  kind: UnitKind;
  sector: Sector | null;
}

export interface SeedMember {
  /** Name as one string without alignment spaces ("赵 维" → "赵维"); null for unnamed members. */
  name: string | null;
  /** Position exactly as printed next to the name. */
  position: string;
  role: MemberRole;
  /** The unit the position belongs to, when the position names one. */
  unitKey: string | null;
  /** Rank band inferred from the position (see docs/architecture.md, "ranks"); null when unknowable. */
  rank: Rank | null;
  /** For unnamed members: the printed text, e.g. "市应急管理局和生态环境局各1名干部". */
  note?: string;
  duty?: string;
}

export interface SeedBody {
  key: string;
  regionCode: string;
  name: string;
  kind: BodyKind;
  parentKey: string | null;
  hostUnitKey: string | null;
  duties: string;
  districtCodes: string[];
  cadenceMonths: number | null;
  members: SeedMember[];
}

export interface SeedDutyTask {
  /** Section number as printed, e.g. "二.(一).1". */
  section: string;
  title: string;
  content: string;
  leadUnitKeys: string[];
  cooperatingUnitKeys: string[];
}

export interface SeedOrg {
  /** Seed file name, e.g. "001_ab5f8c1021b1c095.txt". */
  seed: string;
  /** Region of the issuing government. */
  regionCode: string;
  title: string;
  units: SeedUnit[];
  bodies: SeedBody[];
  duties: SeedDutyTask[];
}
