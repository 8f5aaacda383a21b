import type { SeedOrg } from '@minewatch/core';
import type { Tx } from '../db/database.js';
import { appendAudit } from '../audit/audit.repository.js';
import * as org from '../modules/org/org.repository.js';

/** Dates printed on the seed documents; bodies count their meeting cadence from these. */
const ISSUED_ON: Record<string, string> = {
  '001_ab5f8c1021b1c095.txt': '2022-04-26',
  '002_52f0b6fc540b7f68.txt': '2022-04-23',
  '003_adf29930d070a426.txt': '2022-09-15',
};

/**
 * Loads one seed document's organisation (units, people, bodies with rosters, duties) in the
 * caller's transaction, with one audit event for the whole load. People are one record per
 * printed name within a seed, so a person holding several roles appears once.
 */
export async function loadSeedOrg(trx: Tx, seed: SeedOrg): Promise<{ units: number; people: number; bodies: number; members: number; duties: number }> {
  const unitIds = new Map<string, string>();
  const unitRegion = new Map<string, string>();
  for (const u of seed.units) {
    const existing = await org.findUnitByName(trx, u.regionCode, u.name);
    const id = existing?.id ?? (await org.insertUnit(trx, { regionCode: u.regionCode, name: u.name, kind: u.kind, sector: u.sector, parentUnitId: null })).id;
    unitIds.set(u.key, id);
    unitRegion.set(u.key, u.regionCode);
  }
  const unitId = (key: string | null) => {
    if (key === null) return null;
    const id = unitIds.get(key);
    if (!id) throw new Error(`${seed.seed}: unknown unit key ${key}`);
    return id;
  };

  const people = new Map<string, string>();
  const bodyIds = new Map<string, string>();
  let members = 0;
  const issuedOn = ISSUED_ON[seed.seed];
  for (const b of seed.bodies) {
    const parent = b.parentKey ? bodyIds.get(b.parentKey) : null;
    if (b.parentKey && !parent) throw new Error(`${seed.seed}: body ${b.key} names parent ${b.parentKey} before it is defined`);
    const { id } = await org.insertBody(trx, {
      regionCode: b.regionCode,
      name: b.name,
      kind: b.kind,
      parentBodyId: parent ?? null,
      hostUnitId: unitId(b.hostUnitKey),
      duties: b.duties,
      districtCodes: b.districtCodes,
      cadenceMonths: b.cadenceMonths,
      ...(issuedOn ? { establishedOn: issuedOn } : {}),
      source: seed.seed,
    });
    bodyIds.set(b.key, id);
    for (const m of b.members) {
      let personId: string | null = null;
      if (m.name) {
        personId = people.get(m.name) ?? null;
        if (!personId) {
          const region = (m.unitKey && unitRegion.get(m.unitKey)) || seed.regionCode;
          personId = (await org.insertPerson(trx, { regionCode: region, name: m.name, unitId: unitId(m.unitKey), position: m.position, rank: m.rank, phone: null })).id;
          people.set(m.name, personId);
        }
      }
      await org.insertMember(trx, id, { personId, role: m.role, position: m.position, note: m.note ?? '', duty: m.duty ?? '' });
      members++;
    }
  }
  for (const [i, t] of seed.duties.entries()) {
    await org.insertDutyTask(trx, {
      regionCode: seed.regionCode,
      bodyId: null,
      section: t.section,
      title: t.title,
      content: t.content,
      sortOrder: i,
      source: seed.seed,
      lead: t.leadUnitKeys.map((k) => unitId(k)!),
      cooperating: t.cooperatingUnitKeys.map((k) => unitId(k)!),
    });
  }
  const counts = { units: seed.units.length, people: people.size, bodies: seed.bodies.length, members, duties: seed.duties.length };
  await appendAudit(trx, { actorUserId: null, actorLabel: 'system', action: 'demo.seed', entityType: 'seed', entityId: seed.seed, regionCode: seed.regionCode, after: { title: seed.title, ...counts } });
  return counts;
}
