import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mapConfigSchema, type MapConfig } from '@minewatch/core';
import { authorize } from '../../auth/authorize.js';

/**
 * Map configuration from the environment. TIANDITU_KEY (天地图 browser key, 32 hex characters) turns
 * on the Tianditu vector/imagery base layers in the web map; unset, the map requests nothing outside
 * this server. A malformed key stops the start with a message rather than failing in every browser.
 */
export function loadMapConfig(env: NodeJS.ProcessEnv = process.env): MapConfig {
  const key = env.TIANDITU_KEY?.trim();
  if (!key) return { tiandituKey: null };
  if (!/^[0-9a-f]{32}$/i.test(key)) throw new Error(`TIANDITU_KEY must be the 32 hexadecimal characters of a 天地图 key, got ${key.length} characters`);
  return { tiandituKey: key };
}

/** GET /api/config/map for logged-in readers (the key is a browser key, but it is not handed to strangers). */
export function mapConfigRoutes(app: FastifyInstance, config: MapConfig = loadMapConfig()): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/config/map',
    { schema: { tags: ['system'], summary: 'Map configuration: the Tianditu key when the deployment set TIANDITU_KEY, else null', response: { 200: mapConfigSchema } } },
    async (req) => {
      authorize(req, 'site.read');
      return config;
    },
  );
}
