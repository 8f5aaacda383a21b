import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded one runs on <dataDir>/pg. */
  databaseUrl: string | undefined;
  dataDir: string;
  pgPort: number | undefined;
  demo: boolean;
  demoPassword: string | undefined;
  logLevel: string;
  secureCookie: boolean;
}

function int(name: string, v: string | undefined, fallback: number | undefined): number | undefined {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${v}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int('PORT', env.PORT, 8080)!,
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    pgPort: int('PG_PORT', env.PG_PORT, undefined),
    demo: env.DEMO !== '0',
    demoPassword: env.DEMO_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    secureCookie: env.SECURE_COOKIE === '1',
  };
}
