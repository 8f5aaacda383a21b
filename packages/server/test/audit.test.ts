import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { verifyAuditChain } from '../src/audit/audit.repository.js';
import { testApp, type TestApp } from './harness.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await testApp();
  cookie = await t.login('dehong.office');
});
afterAll(() => t.close());

/** Tampering needs the immutability trigger out of the way, as a superuser attacker would do. */
async function tamper(statement: ReturnType<typeof sql>) {
  await sql`alter table audit_event disable trigger user`.execute(t.db);
  try {
    await statement.execute(t.db);
  } finally {
    await sql`alter table audit_event enable trigger user`.execute(t.db);
  }
}

describe('audit trail', () => {
  it('writes an audit row with actor, before/after for every write, in the same transaction', async () => {
    const before = await t.db.selectFrom('audit_event').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'POST', url: '/api/org/units', headers: { cookie }, payload: { regionCode: '533103', name: '芒市自然资源局', kind: 'bureau', sector: 'natural_resources' } });
    expect(res.statusCode).toBe(201);
    const rows = await t.db.selectFrom('audit_event').selectAll().where('entity_id', '=', res.json().id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'unit.create', actor_label: 'dehong.office', region_code: '533103' });
    expect(rows[0]!.after).toMatchObject({ name: '芒市自然资源局' });
    const after = await t.db.selectFrom('audit_event').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n + 1);
  });

  it('refuses updates and deletes of audit rows at the database', async () => {
    await expect(sql`update audit_event set action = 'x' where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('lets the history of a body be read through the API', async () => {
    const bodies = (await t.app.inject({ url: '/api/org/bodies?region=533100', headers: { cookie } })).json();
    const id = bodies[0].id;
    const add = await t.app.inject({ method: 'POST', url: `/api/org/bodies/${id}/meetings`, headers: { cookie }, payload: { kind: 'joint_meeting', heldOn: '2022-05-10', title: '第一次联席会议', decisions: ['部署全面排查'] } });
    expect(add.statusCode).toBe(201);
    const hist = await t.app.inject({ url: `/api/audit?entityType=body&entityId=${id}`, headers: { cookie } });
    expect(hist.statusCode).toBe(200);
    expect(hist.json()[0]).toMatchObject({ action: 'meeting.create', actor: 'dehong.office', entityId: id });
  });

  it('verifies an intact chain, then detects an edited row, a deleted row and a cut tail', async () => {
    const ok = await verifyAuditChain(t.db);
    expect(ok.problems).toEqual([]);
    expect(ok.checked).toBeGreaterThan(5);

    const cli = await run(TSX, [CLI, 'audit:verify'], { env: { ...process.env, DATABASE_URL: t.url } });
    expect(cli.stdout).toMatch(/audit chain intact/);

    await tamper(sql`update audit_event set after = '{"name":"forged"}' where seq = 3`);
    let r = await verifyAuditChain(t.db);
    expect(r.ok).toBe(false);
    expect(r.problems.join()).toMatch(/row 3: content does not match/);
    const failed = await run(TSX, [CLI, 'audit:verify'], { env: { ...process.env, DATABASE_URL: t.url } }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/AUDIT CHAIN BROKEN/);

    await tamper(sql`delete from audit_event where seq = 5`);
    r = await verifyAuditChain(t.db);
    expect(r.problems.join()).toMatch(/rows 5\.\.5 are missing/);

    const last = await t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    await tamper(sql`delete from audit_event where seq = ${last.seq}`);
    r = await verifyAuditChain(t.db);
    expect(r.problems.join()).toMatch(/newest rows .* are missing/);
  });
});
