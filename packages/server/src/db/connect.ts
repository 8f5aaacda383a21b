import type { Config } from '../config.js';
import { createDb, type Db } from './database.js';
import { startEmbeddedPostgres, type EmbeddedPg } from './embedded.js';
import { migrate } from './migrate.js';

/** Opens the configured database (external, or the embedded one under dataDir) and migrates it. */
export async function connect(cfg: Config, log: (line: string) => void): Promise<{ db: Db; embedded: EmbeddedPg | null; close(): Promise<void> }> {
  let embedded: EmbeddedPg | null = null;
  let url = cfg.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: cfg.dataDir, ...(cfg.pgPort ? { port: cfg.pgPort } : {}), log });
    url = embedded.url;
  }
  const db = createDb(url, 10, (err) => log(`database connection error: ${err.message}`));
  try {
    await migrate(db);
  } catch (e) {
    await db.destroy();
    await embedded?.stop();
    throw e;
  }
  return {
    db,
    embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
