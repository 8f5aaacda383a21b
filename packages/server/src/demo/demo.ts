import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Role } from '@minewatch/core';
import { SEED_ORGS } from '@minewatch/core/seeds';
import type { Db } from '../db/database.js';
import { appendAudit } from '../audit/audit.repository.js';
import { hashPassword } from '../auth/password.js';
import { insertToken, insertUser } from '../auth/auth.repository.js';
import { hashToken, newToken } from '../auth/auth.service.js';
import { findPersonByName, findUnitByName } from '../modules/org/org.repository.js';
import { countRegions, upsertRegions } from '../modules/regions/regions.repository.js';
import { readChinaDivision, seedRegionFilter } from '../modules/regions/regions.import.js';
import { loadSeedOrg } from './seed-org.js';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string | null;
  /** Unit the user works in, by its printed name in that region. */
  unit?: string;
  /** The person record of the user, by the name printed in the seed roster. */
  person?: string;
}

/**
 * The demo logins listed in the README: each seed region with each working role. Inspectors and
 * cadres sit in a district/township below the region, as they do in the seeds.
 */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '平台管理员', role: 'admin', regionCode: null },
  { username: 'dehong.office', displayName: '德宏州联席会议办公室', role: 'office', regionCode: '533100', unit: '州自然资源和规划局', person: '向三帕' },
  { username: 'dehong.police', displayName: '德宏州公安局', role: 'member_unit', regionCode: '533100', unit: '州公安局', person: '李虎' },
  { username: 'dehong.cadre', displayName: '芒市镇干部', role: 'cadre', regionCode: '533103101' },
  { username: 'dehong.inspector', displayName: '德宏州督导检查组（芒市）', role: 'inspector', regionCode: '533103' },
  { username: 'dehong.leader', displayName: '德宏州领导', role: 'leader', regionCode: '533100' },
  { username: 'dalad.office', displayName: '达拉特旗领导小组办公室', role: 'office', regionCode: '150621', unit: '旗自然资源局', person: '杨华' },
  { username: 'dalad.forestry', displayName: '达拉特旗林草局', role: 'member_unit', regionCode: '150621', unit: '旗林业和草原局', person: '刘锦旺' },
  { username: 'dalad.cadre', displayName: '白泥井镇干部', role: 'cadre', regionCode: '150621102' },
  { username: 'dalad.inspector', displayName: '达拉特旗明察暗访组', role: 'inspector', regionCode: '150621' },
  { username: 'dalad.leader', displayName: '达拉特旗领导', role: 'leader', regionCode: '150621' },
  { username: 'kelan.office', displayName: '岢岚县打非办', role: 'office', regionCode: '140929', unit: '县自然资源局', person: '秦帅' },
  { username: 'kelan.police', displayName: '岢岚县公安局', role: 'member_unit', regionCode: '140929', unit: '县公安局', person: '张利文' },
  { username: 'kelan.cadre', displayName: '岚漪镇干部', role: 'cadre', regionCode: '140929100' },
  { username: 'kelan.inspector', displayName: '岢岚县督查组', role: 'inspector', regionCode: '140929' },
  { username: 'kelan.leader', displayName: '岢岚县领导', role: 'leader', regionCode: '140929' },
  { username: 'zhongwei.office', displayName: '中卫市自然资源局', role: 'office', regionCode: '640500', unit: '市自然资源局' },
  { username: 'zhongwei.emergency', displayName: '中卫市应急管理局', role: 'member_unit', regionCode: '640500', unit: '市应急管理局' },
  { username: 'zhongwei.cadre', displayName: '滨河镇干部', role: 'cadre', regionCode: '640502100' },
  { username: 'zhongwei.inspector', displayName: '第一督查组（沙坡头区）', role: 'inspector', regionCode: '640502' },
  { username: 'zhongwei.leader', displayName: '中卫市领导', role: 'leader', regionCode: '640500' },
];

/** Machine integration demo account: API token only, no password. */
export const DEMO_MACHINE = { username: 'kelan.power', displayName: '国网岢岚县供电公司（系统对接）', regionCode: '140929' };

export async function isDemoSeeded(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('app_state').select('key').where('key', '=', 'demo_seeded').executeTakeFirst());
}

/** Imports the seed regions when the region table is empty (one audited write). */
export async function ensureSeedRegions(db: Db): Promise<number> {
  if ((await countRegions(db)) > 0) return 0;
  const rows = await readChinaDivision(seedRegionFilter());
  await db.transaction().execute(async (trx) => {
    await upsertRegions(trx, rows);
    await appendAudit(trx, { actorUserId: null, actorLabel: 'system', action: 'region.import', entityType: 'region', entityId: 'seed', regionCode: null, after: { rows: rows.length } });
  });
  return rows.length;
}

/**
 * Seeds the demo (regions, the four seed organisations, demo users, a machine token) in one
 * transaction, once. Returns the password and token to print; null when already seeded.
 */
export async function seedDemo(db: Db, passwordFromEnv?: string): Promise<{ password: string; generated: boolean; token: string } | null> {
  await ensureSeedRegions(db);
  if (await isDemoSeeded(db)) return null;
  const generated = !passwordFromEnv;
  const password = passwordFromEnv || randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7355610)`.execute(trx);
    for (const seed of SEED_ORGS) await loadSeedOrg(trx, seed);
    await (await import('./seed-campaigns.js')).seedCampaigns(trx);
    for (const u of DEMO_USERS) {
      const unit = u.unit && u.regionCode ? await findUnitByName(trx, u.regionCode, u.unit) : undefined;
      if (u.unit && !unit) throw new Error(`demo user ${u.username}: no unit ${u.unit} in ${u.regionCode}`);
      const person = u.person && u.regionCode ? await findPersonByName(trx, u.regionCode, u.person) : undefined;
      if (u.person && !person) throw new Error(`demo user ${u.username}: no person ${u.person} in ${u.regionCode}`);
      const row = await insertUser(trx, { username: u.username, displayName: u.displayName, role: u.role, regionCode: u.regionCode, passwordHash, unitId: unit?.id ?? null, personId: person?.id ?? null });
      await appendAudit(trx, { actorUserId: null, actorLabel: 'system', action: 'user.create', entityType: 'user', entityId: row.id, regionCode: u.regionCode, after: { username: u.username, role: u.role, regionCode: u.regionCode } });
    }
    const machine = await insertUser(trx, { ...DEMO_MACHINE, role: 'machine', passwordHash: null });
    const t = await insertToken(trx, machine.id, 'demo power-company integration', hashToken(token));
    await appendAudit(trx, { actorUserId: null, actorLabel: 'system', action: 'token.create', entityType: 'api_token', entityId: t.id, regionCode: DEMO_MACHINE.regionCode, after: { user: DEMO_MACHINE.username } });
    await trx.insertInto('app_state').values({ key: 'demo_seeded', value: JSON.stringify({ at: new Date().toISOString() }) }).execute();
  });
  return { password, generated, token };
}
