/**
 * Debian's nginx in front of test nodes, configured from the sample users read
 * (`docs/deploy/nginx.conf`, kept as the one source of truth): only its `listen` and upstream
 * ports are rewritten, and it is wrapped in a main context whose paths all point into a temp
 * directory. The system's nginx service is never touched.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE_PATH = fileURLToPath(new URL('../../../docs/deploy/nginx.conf', import.meta.url));

/** The nginx binary: `NGINX_BIN` if set, else Debian's `/usr/sbin/nginx` (often off a user's PATH) or `nginx`. */
export function nginxBinary(): string | null {
  const candidates = process.env.NGINX_BIN ? [process.env.NGINX_BIN] : ['/usr/sbin/nginx', 'nginx'];
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    const probe = spawnSync(candidate, ['-v'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

export interface SiteOptions {
  /** Port nginx listens on, on 127.0.0.1. */
  listenPort: number;
  /** The nodes' ports, in the order of the sample's `server` lines. */
  upstreamPorts: readonly number[];
}

/**
 * The sample with test ports. Throws when the sample no longer has the shape this relies on (one
 * `listen 80;`, one upstream `server` line per node), so a changed sample cannot go untested.
 */
export function renderSite(sample: string, opts: SiteOptions): string {
  const listens = sample.match(/^\s*listen 80;/gm) ?? [];
  if (listens.length !== 1)
    throw new Error(`expected one "listen 80;" in the sample, found ${listens.length}`);
  const servers = sample.match(/^\s*server 127\.0\.0\.1:\d+/gm) ?? [];
  if (servers.length !== opts.upstreamPorts.length) {
    throw new Error(
      `expected ${opts.upstreamPorts.length} upstream servers in the sample, found ${servers.length}`,
    );
  }
  let next = 0;
  return sample
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${opts.listenPort};`)
    .replace(
      /^(\s*server 127\.0\.0\.1:)\d+/gm,
      (_match, head: string) => `${head}${opts.upstreamPorts[next++]}`,
    );
}

/** A whole nginx.conf: a main context with every path under `dir`, the site inside `http`. */
export function renderMain(site: string, dir: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${path.join(dir, kind)};`)
    .join('\n');
  return `worker_processes 1;
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
    access_log off;
${temp}

${site}
}
`;
}

export interface RunningNginx {
  dir: string;
  /** The error log so far (for a failure message). */
  errors(): string;
  stop(): Promise<void>;
}

/** Start nginx in the foreground on `opts`; resolves once it answers on its port. */
export async function startNginx(binary: string, opts: SiteOptions): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'truenorth-nginx-'));
  // Workers run as an unprivileged user when nginx starts as root: they need to reach the temp paths.
  chmodSync(dir, 0o755);
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, renderMain(renderSite(readFileSync(SAMPLE_PATH, 'utf8'), opts), dir));
  const args = [
    '-p',
    dir,
    '-e',
    'stderr',
    '-c',
    conf,
    '-g',
    `daemon off; pid ${path.join(dir, 'nginx.pid')};`,
  ];
  const test = spawnSync(binary, ['-t', ...args], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t failed: ${test.stderr}`);

  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errors = () => {
    const log = path.join(dir, 'error.log');
    return stderr + (existsSync(log) ? readFileSync(log, 'utf8').slice(-4000) : '');
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM is nginx's fast shutdown: the master stops its workers, then exits.
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${errors()}`);
    const up = await fetch(`http://127.0.0.1:${opts.listenPort}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer on ${opts.listenPort}: ${errors()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { dir, errors, stop };
}
