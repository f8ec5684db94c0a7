#!/usr/bin/env node
// Build the journal's native part (journal_map.c → build/journal_map.node), run by `pnpm install`
// (server/package.json, `install`). One C file against Node's own N-API headers, compiled with the
// system's C compiler directly (no node-gyp, nothing downloaded). Optional: on another platform,
// or without a compiler or headers, it says so and exits 0 — the journal then appends with
// write(2) (src/storage/journal-map.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'build', 'journal_map.node');

function skip(why) {
  console.warn(`journal_map not built (${why}): the journal appends with write(2) instead`);
  process.exit(0);
}

if (process.platform !== 'linux') skip(`${process.platform} is not linux`);
// Node's headers: next to the binary's prefix (nodejs.org builds, Debian's nodejs-dev) or nodedir.
const prefixes = [
  process.env.npm_config_nodedir,
  process.config.variables.node_prefix,
  join(dirname(process.execPath), '..'),
];
const include = prefixes
  .filter(Boolean)
  .map((p) => join(p, 'include', 'node'))
  .find((dir) => existsSync(join(dir, 'node_api.h')));
if (!include) skip('no node_api.h found');
mkdirSync(dirname(out), { recursive: true });
const cc = process.env.CC || 'cc';
const args = ['-O2', '-Wall', '-shared', '-fPIC', `-I${include}`, '-o', out, join(here, 'journal_map.c')];
const result = spawnSync(cc, args, { stdio: 'inherit' });
if (result.error || result.status !== 0) skip(`${cc} failed`);
console.info(`journal_map built: ${out}`);
