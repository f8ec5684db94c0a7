/**
 * Shares the storage backend as `app.storage`. The app closes what it opened; a storage passed in
 * by the caller (tests, tools) stays the caller's to close. Each backend is loaded only when
 * configured: a SQLite node never loads `pg` (about 1.5 MiB of heap), nor a PostgreSQL node the
 * SQLite addon.
 */
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Storage } from '../storage/types.js';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
  }
}

export async function openStorage(config: Config, onError?: (error: Error) => void): Promise<Storage> {
  switch (config.storage) {
    case 'sqlite': {
      const { openSqliteStorage } = await import('../storage/sqlite.js');
      return openSqliteStorage(config.dataDir, { journalMmap: config.journalMmap });
    }
    case 'postgres': {
      // loadConfig requires DATABASE_URL with postgres; checked again for callers building a Config.
      if (!config.databaseUrl) throw new Error('STORAGE=postgres needs DATABASE_URL');
      const { openPostgresStorage } = await import('../storage/postgres.js');
      return openPostgresStorage(config.databaseUrl, { onError });
    }
    default: {
      const never: never = config.storage;
      throw new Error(`unknown storage ${String(never)}`);
    }
  }
}

export default fp<{ storage?: Storage }>(
  async (app, opts) => {
    const owned = !opts.storage;
    const storage =
      opts.storage ??
      (await openStorage(app.config, (error) => app.log.warn({ err: error }, 'storage connection error')));
    app.decorate('storage', storage);
    // onClose hooks run in reverse registration order: the relay (registered later) stores
    // everything before this closes the storage.
    if (owned) app.addHook('onClose', async () => storage.close());
  },
  { name: 'truenorth-storage', dependencies: ['truenorth-config'] },
);
