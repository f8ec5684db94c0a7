/**
 * A real app on a temporary DATA_DIR (real SQLite file), configured through the same
 * `loadConfig` as production. `listen()` gives a real port for WebSocket tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiError, type BoardCreated } from '@truenorth/shared';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type BuildAppOptions, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';

export interface TestServer {
  app: FastifyInstance;
  config: Config;
  dir: string;
  /** Listen on 127.0.0.1:0; resolves with `host:port`. */
  listen(): Promise<string>;
  createBoard(body?: object): Promise<BoardCreated>;
  close(): Promise<void>;
}

export async function startServer(
  env: Record<string, string> = {},
  opts: BuildAppOptions = {},
): Promise<TestServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'truenorth-http-'));
  const config = loadConfig({ DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', ...env });
  const app = await buildApp(config, { logger: false, clientDist: path.join(dir, 'no-dist'), ...opts });
  return {
    app,
    config,
    dir,
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      return `127.0.0.1:${address.port}`;
    },
    async createBoard(body = {}) {
      const res = await app.inject({ method: 'POST', url: '/api/boards', payload: body });
      if (res.statusCode !== 201) throw new Error(`create board: ${res.statusCode} ${res.body}`);
      return res.json<BoardCreated>();
    },
    async close() {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Asserts an HTTP answer is the API's JSON error with `status` and `code`; returns the body. */
export function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = ApiError.parse(res.json());
  expect(body).toMatchObject({ statusCode: status, code });
  return body;
}

export interface TestSocket {
  socket: WebSocket;
  /** Every message received so far (listening from before the upgrade finished). */
  messages: Buffer[];
  /** Resolves with the close code. */
  closed: Promise<number>;
  /** Resolves once at least `count` messages arrived. */
  received(count: number): Promise<void>;
}

/** Open a WebSocket; resolves once open, rejects with `status` when the upgrade is refused. */
export function openSocket(url: string): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messages: Buffer[] = [];
    const waiters: (() => void)[] = [];
    socket.on('message', (data) => {
      messages.push(data as Buffer);
      for (const wake of waiters.splice(0)) wake();
    });
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    const received = async (count: number) => {
      while (messages.length < count) await new Promise<void>((wake) => waiters.push(wake));
    };
    socket.once('open', () => resolve({ socket, messages, closed, received }));
    socket.once('unexpected-response', (_request, response) => {
      reject(
        Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode }),
      );
      socket.terminate();
    });
    socket.on('error', reject);
  });
}

/** The HTTP status an upgrade to `url` is refused with. */
export async function refusedStatus(url: string): Promise<number> {
  let client: TestSocket;
  try {
    client = await openSocket(url);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === undefined) throw error;
    return status;
  }
  client.socket.terminate();
  throw new Error('upgrade was accepted');
}

/** Resolves once `check()` holds (polled every 10 ms). */
export function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
}

/**
 * A stock y-websocket provider on the board, as the browser client opens it; resolves with its
 * document once synced. Its teardown goes into `cleanups`.
 */
export async function joinBoard(
  host: string,
  boardId: string,
  token: string,
  cleanups: (() => void)[],
): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://${host}/ws`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  cleanups.push(() => {
    provider.destroy();
    doc.destroy();
  });
  await until(() => provider.synced);
  return doc;
}
