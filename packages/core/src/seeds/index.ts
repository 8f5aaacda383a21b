import { seed001 } from './seed001.js';
import { seed002 } from './seed002.js';
import { seed003 } from './seed003.js';
import { seed004 } from './seed004.js';
import type { SeedOrg } from './types.js';

export type { SeedBody, SeedDutyTask, SeedMember, SeedOrg, SeedUnit } from './types.js';
export { seed001, seed002, seed003, seed004 };

/** The organisation data of the four seed documents, in seed order. */
export const SEED_ORGS: SeedOrg[] = [seed001, seed002, seed003, seed004];
