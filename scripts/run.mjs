#!/usr/bin/env node
// `npm start` and `npm test` on a fresh clone with only Node 20 and npm: install with the pinned
// pnpm, then start the app or run every test. Prints a final `N passed, N failed` line for CI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = ['-y', 'pnpm@12.4.2'];
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, FORCE_COLOR: process.env.CI ? '0' : (process.env.FORCE_COLOR ?? '1') };

function run(cmd, args, opts = {}) {
  console.info(`\n▶ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...opts });
  return r.status ?? 1;
}

function must(cmd, args, opts) {
  const code = run(cmd, args, opts);
  if (code !== 0) {
    console.error(`✖ ${cmd} ${args.join(' ')} failed (exit ${code})`);
    process.exit(code);
  }
}

function install() {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  must('npx', [...PNPM, 'install', ...frozen]);
}

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function buildClient({ force = false } = {}) {
  const index = join(root, 'client', 'dist', 'index.html');
  const stale =
    force ||
    !existsSync(index) ||
    statSync(index).mtimeMs < Math.max(newest(join(root, 'client')), newest(join(root, 'shared', 'src')));
  if (stale) must(bin('vite'), ['build']);
}

function chromiumPath() {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

function ensureChromium() {
  if (chromiumPath()) return chromiumPath();
  const root_ = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root_ && existsSync('/usr/bin/apt-get')) {
    console.info('Chromium is missing: installing Debian’s chromium for the e2e tests…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium', 'poppler-utils'], {
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  return chromiumPath();
}

/**
 * The e2e suite's port: free, as are the next two (specs start servers of their own there:
 * e2e/lib/server.ts), and below the kernel's ephemeral range. A port from that range (what
 * `listen(0)` hands out) leaves its neighbours to outgoing connections — the browsers' to the
 * suite's server, the tests' own requests — and one of those once sat on the suite's port + 1
 * when a spec's own server came to listen there (EADDRINUSE, the spec failed before it began).
 */
async function e2ePort() {
  let ephemeral = 32768;
  try {
    const first = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    if (Number.isInteger(first) && first > 10_100) ephemeral = Math.min(first, 49_152);
  } catch {
    // Not Linux: its usual range.
  }
  const low = 10_000;
  const high = ephemeral - 3;
  for (let tries = 0; tries < 100; tries++) {
    const base = low + Math.floor(Math.random() * (high - low));
    if ((await canListen(base)) && (await canListen(base + 1)) && (await canListen(base + 2))) return base;
  }
  throw new Error(`no three free ports in a row between ${low} and ${high}`);
}

function canListen(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * `npm start` runs the server with the Node flags and environment defaults in server/package.json
 * (`truenorth.nodeFlags`: a young generation of at most 2 MiB per semi-space keeps a relay's
 * resident memory lower; `truenorth.env`: `MALLOC_ARENA_MAX=2`, since V8's background threads
 * leave freed memory in glibc arenas of their own; docs/benchmarks-history.md). A variable already set wins.
 */
/** The server as plain JavaScript in server/dist (esbuild, ~0.2 s): no TypeScript compiled at run time. */
function buildServer() {
  must(process.execPath, [join('server', 'scripts', 'build.mjs')]);
}

async function start() {
  install();
  buildClient();
  buildServer();
  const { serverRuntime, serverEnv } = await import('../server/scripts/runtime.mjs');
  const args = [...serverRuntime().nodeFlags, join('server', 'dist', 'main.mjs')];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: serverEnv(process.env) });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

async function test() {
  install();
  const tmp = join(root, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const results = [];
  const step = (name, cmd, args, opts) => {
    const code = run(cmd, args, opts);
    results.push({ name, code });
    return code;
  };
  step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  step('lint', 'npm', ['run', '--silent', 'lint']);
  const vitestOut = join(tmp, 'vitest.json');
  step('unit, property and server tests', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestOut}`,
  ]);
  buildClient({ force: true });
  const chromium = ensureChromium();
  const e2eOut = join(tmp, 'e2e.json');
  let e2e = null;
  if (chromium) {
    step('e2e', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
      env: {
        ...env,
        CHROMIUM_PATH: chromium,
        PLAYWRIGHT_JSON_OUTPUT_NAME: e2eOut,
        E2E_PORT: String(await e2ePort()),
      },
    });
    e2e = readJson(e2eOut);
  } else {
    console.info(
      '⚠ e2e skipped: no Chromium at /usr/bin/chromium and it could not be installed (needs root + apt).',
    );
    results.push({ name: 'e2e (skipped: no chromium)', code: 0 });
  }

  const v = readJson(vitestOut);
  let passed = v?.numPassedTests ?? 0;
  let failed = v?.numFailedTests ?? 0;
  let skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0);
  if (e2e?.stats) {
    passed += e2e.stats.expected ?? 0;
    failed += (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0) * 0;
    skipped += e2e.stats.skipped ?? 0;
  }
  const failedSteps = results.filter((r) => r.code !== 0);
  console.info('\n── summary ──');
  for (const r of results) console.info(`${r.code === 0 ? '✔' : '✖'} ${r.name}`);
  if (failedSteps.length && failed === 0) failed = failedSteps.length;
  console.info(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failedSteps.length ? 1 : 0);
}

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'test') test();
else {
  console.error('usage: node scripts/run.mjs start|test');
  process.exit(2);
}
