/** The server package's public API (tests, benchmarks and tools import from here). */
export { type BuildAppOptions, buildApp, DEFAULT_CLIENT_DIST } from './app.js';
export { type Config, ConfigError, LIMIT_ENV, loadConfig } from './config.js';
export { createMetrics, type Metrics } from './metrics.js';
export type { BoardAccess } from './plugins/auth.js';
export { DEFAULT_LIMITS, type Limits } from './relay/limits.js';
export { openPostgresStorage } from './storage/postgres.js';
export { openSqliteStorage } from './storage/sqlite.js';
export type { BoardRecord, SnapshotMeta, SnapshotRecord, Storage, StoredDoc } from './storage/types.js';
