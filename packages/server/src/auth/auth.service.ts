import { createHash, randomBytes } from 'node:crypto';
import type { Me, Role } from '@minewatch/core';
import type { Db } from '../db/database.js';
import { appendAudit } from '../audit/audit.repository.js';
import { AppError } from '../errors.js';
import { getRegion, regionsByLevel } from '../modules/regions/regions.repository.js';
import type { Actor } from './actor.js';
import { dummyHash, verifyPassword } from './password.js';
import * as repo from './auth.repository.js';
import { scopeOf } from './scope.js';

export interface AuthConfig {
  /** Idle timeout: a session unused this long expires. */
  idleMinutes: number;
  /** Absolute lifetime of a session from login. */
  absoluteHours: number;
  /** Failed logins per username (or per IP ×5) within windowMinutes before logins are refused. */
  maxFailures: number;
  windowMinutes: number;
}

export const DEFAULT_AUTH: AuthConfig = { idleMinutes: 8 * 60, absoluteHours: 24, maxFailures: 5, windowMinutes: 15 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function actorFrom(u: { id: string; username: string; display_name: string; role: string; region_code: string | null }, via: Actor['via']): Actor {
  return { userId: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, regionCode: u.region_code, scope: scopeOf(u.region_code), via };
}

/** Checks the password with throttling; on success opens a session and returns its cookie token. */
export async function login(db: Db, cfg: AuthConfig, username: string, password: string, ip: string): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const fails = await repo.recentFailures(db, username, ip, cfg.windowMinutes);
  if (fails.by_user >= cfg.maxFailures || fails.by_ip >= cfg.maxFailures * 5) {
    throw new AppError('THROTTLED', `Too many failed logins; try again in ${cfg.windowMinutes} minutes`, undefined, {
      'retry-after': String(cfg.windowMinutes * 60),
    });
  }
  const user = await repo.findUserByUsername(db, username);
  const ok = user?.password_hash ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await dummyHash(), password), false);
  if (!user || !ok || user.disabled || user.role === 'machine') {
    await db.transaction().execute(async (trx) => {
      await repo.recordAttempt(trx, username, ip, false);
      await appendAudit(trx, { actorUserId: null, actorLabel: username, action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? username, regionCode: user?.region_code ?? null, after: { ip } });
    });
    throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + Math.min(cfg.idleMinutes * 60_000, cfg.absoluteHours * 3_600_000));
  await db.transaction().execute(async (trx) => {
    await repo.recordAttempt(trx, username, ip, true);
    await repo.insertSession(trx, sha256(token), user.id, expiresAt);
    await appendAudit(trx, { actorUserId: user.id, actorLabel: user.username, action: 'auth.login', entityType: 'user', entityId: user.id, regionCode: user.region_code, after: { ip } });
  });
  return { token, actor: actorFrom(user, 'session'), expiresAt };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const s = await repo.deleteSession(trx, sha256(token));
    if (s) await appendAudit(trx, { actorUserId: s.user_id, actorLabel: null, action: 'auth.logout', entityType: 'user', entityId: s.user_id, regionCode: null });
  });
}

/** Resolves the actor of a request from its session cookie, sliding the idle timeout forward. */
export async function actorFromSession(db: Db, cfg: AuthConfig, token: string): Promise<Actor | null> {
  const id = sha256(token);
  const s = await repo.findLiveSession(db, id);
  if (!s || s.disabled) return null;
  const now = Date.now();
  // Refresh at most once a minute so read-heavy pages do not write on every request.
  if (now - s.last_seen_at.getTime() > 60_000) {
    const expires = Math.min(now + cfg.idleMinutes * 60_000, s.created_at.getTime() + cfg.absoluteHours * 3_600_000);
    await repo.touchSession(db, id, new Date(expires));
  }
  return actorFrom(s, 'session');
}

export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  const u = await repo.findToken(db, sha256(token));
  if (!u || u.disabled) return null;
  return actorFrom(u, 'token');
}

export const hashToken = sha256;
export const newToken = () => 'mwt_' + randomBytes(32).toString('base64url');

export async function me(db: Db, actor: Actor): Promise<Me> {
  const roots = actor.regionCode === null ? await regionsByLevel(db, 'province') : [await getRegion(db, actor.regionCode)].filter((r) => r !== undefined);
  return { userId: actor.userId, username: actor.username, displayName: actor.displayName, role: actor.role, regionCode: actor.regionCode, scopeRoots: roots };
}
