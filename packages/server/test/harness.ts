import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../src/app.js';
import { createDb, type Db } from '../src/db/database.js';
import { TEST_PASSWORD } from './constants.js';

export { TEST_PASSWORD };

/** A fresh database cloned from a template made by global-setup: 'demo' has the seed organisations and users. */
export async function freshDb(template: 'demo' | 'empty' = 'demo'): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = 't_' + randomBytes(6).toString('hex');
  const admin = createDb(adminUrl, 1);
  await sql`create database ${sql.id(name)} template ${sql.id(template === 'demo' ? 'mw_template_demo' : 'mw_template')}`.execute(admin);
  const url = adminUrl.replace(/\/postgres$/, '/' + name);
  const db = createDb(url, 5);
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
  /** Logs in and returns the session cookie header value. */
  login(username: string, password?: string): Promise<string>;
}

export async function testApp(opts: Partial<AppOptions> = {}, template: 'demo' | 'empty' = 'demo'): Promise<TestApp> {
  const fresh = await freshDb(template);
  const app = await buildApp({ db: fresh.db, webDist: null, ...opts });
  await app.ready();
  return {
    app,
    db: fresh.db,
    url: fresh.url,
    async close() {
      await app.close();
      await fresh.drop();
    },
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'mw_session');
      return `mw_session=${cookie!.value}`;
    },
  };
}

export const json = <T = any>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

/** A multipart/form-data body with text fields and one file, as a browser sends it. */
export function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = '----minewatch' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

