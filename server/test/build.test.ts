/**
 * The server as `npm start` runs it: bundled by `server/scripts/build.mjs` and started with
 * `node` alone (no tsx). The other server tests run the TypeScript sources; this one checks what
 * only the bundle can get wrong — code loaded on first use (process metrics, the export thread and
 * its entry next to the chunks, the client's files), and a clean SIGTERM.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverRuntime } from '../scripts/runtime.mjs';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const SERVICE_TOKEN = 'build-test-service-token-0123456789';

let child: ChildProcess | undefined;
let base = '';
let dataDir = '';
let output = '';

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(serverDir, 'scripts/build.mjs'), '--out=dist-test'], {
    stdio: 'pipe',
  });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-build-'));
  const { nodeFlags, env } = serverRuntime();
  child = spawn(process.execPath, [...nodeFlags, path.join(serverDir, 'dist-test/main.mjs')], {
    env: {
      PATH: process.env.PATH,
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SERVICE_TOKEN,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the built server did not start:\n${output}`)), 20_000);
    child?.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const url = /Truenorth is listening on (http:\/\/[^"\s]+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url.replace('localhost', '127.0.0.1'));
      }
    });
    child?.once('exit', (code) => reject(new Error(`the built server exited (${code}):\n${output}`)));
  });
}, 60_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the built server (npm start)', () => {
  it('answers health checks and Prometheus metrics with the process metrics', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: 'ok', storage: 'sqlite' });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^truenorth_connections 0$/m);
    expect(text).toMatch(/^truenorth_process_cpu_user_seconds_total \d/m);
  });

  it('exports a workshop record on its export thread', async () => {
    const created = await fetch(`${base}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Built · 構築', template: 'workshop' }),
    });
    expect(created.status).toBe(201);
    const board = (await created.json()) as { id: string; tokens: { observer: string } };
    const pdf = await fetch(`${base}/api/boards/${board.id}/export.pdf`, {
      headers: { authorization: `Bearer ${board.tokens.observer}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  }, 30_000);

  it('stores everything and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'truenorth.sqlite'))).toBe(true);
  }, 20_000);
});
