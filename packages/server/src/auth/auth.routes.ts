import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { freeText, meSchema } from '@minewatch/core';
import type { Db } from '../db/database.js';
import { authenticated } from './authorize.js';
import { AppError } from '../errors.js';
import { actorFromSession, actorFromToken, login, logout, me, type AuthConfig } from './auth.service.js';

export const SESSION_COOKIE = 'mw_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    public?: boolean;
  }
}

/** Resolves req.actor from the session cookie or an `Authorization: Bearer` API token. */
export function installAuth(app: FastifyInstance, db: Db, cfg: AuthConfig): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') && !req.url.startsWith('/ogc')) return;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) req.actor = await actorFromToken(db, bearer);
    else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) req.actor = await actorFromSession(db, cfg, token);
    }
    // Refuse anonymous callers before their input is parsed, so they learn nothing about the API's schemas.
    if (!req.actor && !req.routeOptions.config?.public && !req.url.startsWith('/api/docs')) {
      throw new AppError('UNAUTHENTICATED', 'Log in first');
    }
  });
}

export function authRoutes(app: FastifyInstance, db: Db, cfg: AuthConfig, secureCookie: boolean): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/auth/login', {
    config: { public: true },
    schema: {
      tags: ['auth'],
      summary: 'Log in with username and password; sets the session cookie',
      body: z.strictObject({ username: freeText(64).pipe(z.string().min(1)), password: z.string().min(1).max(256).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters') }),
      response: { 200: meSchema },
    },
  }, async (req, reply) => {
    const { token, actor, expiresAt } = await login(db, cfg, req.body.username, req.body.password, req.ip);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie, expires: new Date(expiresAt.getTime() + cfg.absoluteHours * 3_600_000) });
    return me(db, actor);
  });
  r.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['auth'], summary: 'End the session' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The logged-in user and the regions they may see', response: { 200: meSchema } } }, async (req) =>
    me(db, authenticated(req)),
  );
}
