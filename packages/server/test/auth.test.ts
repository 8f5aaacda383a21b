import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { hashToken, newToken } from '../src/auth/auth.service.js';
import { insertToken } from '../src/auth/auth.repository.js';
import { testApp, TEST_PASSWORD, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ auth: { maxFailures: 3, windowMinutes: 15 } });
});
afterAll(() => t.close());

const login = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('login and sessions', () => {
  it('logs in with username + password and sets an httpOnly SameSite session cookie', async () => {
    const res = await login('kelan.office', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'kelan.office', role: 'office', regionCode: '140929' });
    expect(res.json().scopeRoots.map((r: { code: string }) => r.code)).toEqual(['140929']);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/mw_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = `mw_session=${res.cookies.find((c) => c.name === 'mw_session')!.value}`;
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('kelan.office');
  });

  it('stores passwords as argon2id and never the session token itself', async () => {
    const u = await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(u.password_hash).toMatch(/^\$argon2id\$/);
    const cookie = await t.login('admin');
    const token = cookie.split('=')[1]!;
    const stored = await t.db.selectFrom('session').select('id').execute();
    expect(stored.some((s) => s.id === token)).toBe(false);
    expect(stored.some((s) => s.id === hashToken(token))).toBe(true);
  });

  it('rejects a wrong password or unknown user with the same 401', async () => {
    const a = await login('dalad.office', 'wrong', '10.0.0.2');
    const b = await login('no.such.user', 'wrong', '10.0.0.2');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe(b.json().error.message);
  });

  it('logout ends the session', async () => {
    const cookie = await t.login('dehong.office');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('an expired session is refused', async () => {
    const cookie = await t.login('dehong.leader');
    await t.db.updateTable('session').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('id', '=', hashToken(cookie.split('=')[1]!)).execute();
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('throttles repeated failures per username, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i++) expect((await login('zhongwei.leader', 'bad', '10.0.0.3')).statusCode).toBe(401);
    const blocked = await login('zhongwei.leader', TEST_PASSWORD, '10.0.0.4');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe(String(15 * 60));
    expect(blocked.json().error.code).toBe('THROTTLED');
    // another user is not affected
    expect((await login('zhongwei.office', TEST_PASSWORD, '10.0.0.4')).statusCode).toBe(200);
  });

  it('audits logins and failed logins', async () => {
    const rows = await t.db.selectFrom('audit_event').select(['action', 'actor_label']).where('action', 'in', ['auth.login', 'auth.login_failed']).execute();
    expect(rows.some((r) => r.action === 'auth.login' && r.actor_label === 'kelan.office')).toBe(true);
    expect(rows.some((r) => r.action === 'auth.login_failed' && r.actor_label === 'zhongwei.leader')).toBe(true);
  });

  it('machine users authenticate only by API token and may not read the organisation', async () => {
    expect((await login('kelan.power', '')).statusCode).toBe(400);
    expect((await login('kelan.power', 'anything', '10.0.0.9')).statusCode).toBe(401);
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'kelan.power').executeTakeFirstOrThrow();
    const token = newToken();
    await t.db.transaction().execute((trx) => insertToken(trx, user.id, 'test', hashToken(token)));
    const me = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().role).toBe('machine');
    expect((await t.app.inject({ url: '/api/org/bodies', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { authorization: 'Bearer mwt_guessed' } })).statusCode).toBe(401);
  });
});
