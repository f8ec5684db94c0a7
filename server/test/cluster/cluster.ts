/**
 * Test harness for several nodes on the real PostgreSQL (127.0.0.1:5432, database `test`) and
 * Redis: a fresh schema `tn_test_<random>` and a fresh key prefix per cluster, nodes in process
 * (`buildApp`) or as child processes (`node-process.ts`), a round-robin TCP balancer standing in
 * for nginx, and a private redis-server to restart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startServer, type TestServer } from '../http/harness.js';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SERVICE_TOKEN = 'cluster-test-service-token';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../..');

/** Why the cluster tests cannot run here (null when PostgreSQL and Redis both answer). */
export async function unreachableReason(): Promise<string | null> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    return `PostgreSQL at ${new URL(DATABASE_URL).host} is unreachable (${String(error)})`;
  } finally {
    await client.end().catch(() => {});
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis at ${new URL(REDIS_URL).host} is unreachable (${String(error)})`;
  } finally {
    redis.disconnect();
  }
  return null;
}

/** One deployment's shared resources: its own schema and key prefix. */
export class Deployment {
  readonly schema = `tn_test_${randomBytes(6).toString('hex')}`;
  readonly keyPrefix = `tn-test-${randomBytes(6).toString('hex')}:`;
  private readonly cleanups: (() => Promise<void> | void)[] = [];

  constructor(readonly redisUrl: string = REDIS_URL) {}

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      STORAGE: 'postgres',
      DATABASE_URL: `${DATABASE_URL}?schema=${this.schema}`,
      REDIS_URL: this.redisUrl,
      REDIS_KEY_PREFIX: this.keyPrefix,
      SERVICE_TOKEN,
      // Compact often so concurrent compaction across nodes is exercised.
      COMPACT_EVERY: '25',
      ...extra,
    };
  }

  defer(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  /** A node in this process (real app on a real port). */
  async node(extra: Record<string, string> = {}): Promise<{ server: TestServer; url: string }> {
    const server = await startServer(this.env(extra));
    const url = `ws://${await server.listen()}/ws`;
    this.defer(() => server.close());
    return { server, url };
  }

  /** A node in a child process, for kill -9. */
  async childNode(extra: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'node-process.ts')], {
      cwd: serverDir,
      env: {
        ...process.env,
        ...this.env({ DATA_DIR: path.join(os.tmpdir(), 'truenorth-cluster-unused'), ...extra }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.defer(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`node process exited early (${code})`)));
    });
    return { child, port };
  }

  client(url: string, boardId: string, token = SERVICE_TOKEN): WebsocketProvider {
    const provider = new WebsocketProvider(url, boardId, new Y.Doc(), {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token },
      disableBc: true,
      maxBackoffTime: 300,
    });
    this.defer(() => provider.destroy());
    return provider;
  }

  /** Undo everything, newest first; then drop the schema and the keys. */
  async close(): Promise<void> {
    for (const fn of this.cleanups.splice(0).reverse()) await fn();
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    await admin.end();
    // No reconnecting: a private Redis may be stopped already.
    const redis = new Redis(this.redisUrl, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {});
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.keyPrefix}*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } catch {
      // A private Redis already stopped: nothing left to delete.
    } finally {
      redis.disconnect();
    }
  }
}

export function synced(p: WebsocketProvider): Promise<void> {
  if (p.synced) return Promise.resolve();
  return new Promise((resolve) => p.once('sync', (s: boolean) => s && resolve()));
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A round-robin TCP balancer over `ports` that skips a backend refusing connections, as nginx
 * does with `proxy_next_upstream error`. Upgrades pass through untouched (it is TCP).
 */
export async function startBalancer(ports: number[]): Promise<{ port: number; close(): Promise<void> }> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const connect = (client: net.Socket, tries: number) => {
    const port = ports[next++ % ports.length]!;
    const upstream = net.connect(port, '127.0.0.1');
    let connected = false;
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
      client.resume();
    });
    upstream.once('error', () => {
      if (connected) return;
      if (tries < ports.length) connect(client, tries + 1);
      // Every backend refused: close the client, as nginx would answer 502 (no error to throw).
      else client.destroy();
    });
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    connect(client, 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A private, non-persistent redis-server on `port`, owned by this test (killed, not shut down). */
export async function startRedisServer(port: number): Promise<{ stop(): Promise<void> }> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`)));
  });
  child.stdout!.resume();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** Element keys a client holds. */
export const keys = (p: WebsocketProvider) => [...p.doc.getMap('elements').keys()];

/** A client that writes a new key every `everyMs` until stopped; `stop` returns what it wrote. */
export function writeSteadily(p: WebsocketProvider, name: string, everyMs = 15): { stop(): string[] } {
  const written: string[] = [];
  const timer = setInterval(() => {
    const key = `${name}-${written.length}`;
    p.doc.getMap('elements').set(key, written.length);
    written.push(key);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return written;
    },
  };
}
