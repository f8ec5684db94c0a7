/**
 * A server of its own for a spec that needs other settings than the suite's, or to stop and start
 * it: started as `npm start` runs it, from the build the suite's server command made.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverRuntime } from '../../server/scripts/runtime.mjs';
import { eventually } from './eventually.js';

export class OwnServer {
  readonly url: string;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'truenorth-e2e-'));
  private readonly port: number;
  private child: ChildProcess | undefined;

  /**
   * `offset` (1 or 2) from the suite's port, which the test runner chose with the next two free
   * (scripts/run.mjs `e2ePort`); `env`: settings, e.g. `{ MAX_CLIENTS_PER_ROOM: '2' }`.
   */
  constructor(
    offset: number,
    private readonly env: Record<string, string> = {},
  ) {
    this.port = Number(process.env.E2E_PORT ?? 3199) + offset;
    this.url = `http://127.0.0.1:${this.port}`;
  }

  /** Starts it (on the same port and data every time) and waits until it answers. */
  async start(): Promise<void> {
    const { nodeFlags, env } = serverRuntime();
    // Built by the suite's own server command (playwright.config.ts).
    const main = fileURLToPath(new URL('../../server/dist-e2e/main.mjs', import.meta.url));
    this.child = spawn(process.execPath, [...nodeFlags, main], {
      env: {
        ...process.env,
        ...env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await eventually(async () => (await fetch(`${this.url}/healthz`).catch(() => null))?.status, {
      timeout: 30_000,
    }).toBe(200);
  }

  /** Stops it with `signal` and resolves with its exit code once it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }

  /** Stops it and removes its data. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
