// How `npm start` runs the server: `truenorth.nodeFlags` and `truenorth.env` of server/package.json.
// One reader for everything that starts it — `scripts/run.mjs`, the e2e server, the relay bench and
// the built-server test — so they cannot drift apart.
import { readFileSync } from 'node:fs';

/** @returns {{ nodeFlags: string[], env: Record<string, string> }} */
export function serverRuntime() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const own = pkg?.truenorth ?? {};
  const nodeFlags = Array.isArray(own.nodeFlags) ? own.nodeFlags.filter((f) => typeof f === 'string') : [];
  const env = Object.fromEntries(
    Object.entries(typeof own.env === 'object' && own.env !== null ? own.env : {}).filter(
      ([, v]) => typeof v === 'string',
    ),
  );
  return { nodeFlags, env };
}

/**
 * The server's environment: `truenorth.env` under `base` (a variable already set in `base` wins).
 * @param {NodeJS.ProcessEnv} base
 * @returns {NodeJS.ProcessEnv}
 */
export function serverEnv(base) {
  return {
    ...serverRuntime().env,
    ...Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)),
  };
}
