/**
 * A relay behind a plain `ws` server on a real port — no Fastify, which is the point: the core
 * needs nothing but a socket. The role comes from the `role` query parameter (no auth here).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageType, Role } from '@truenorth/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import type { Limits } from '../../src/relay/limits.js';
import type { RelayLogger } from '../../src/relay/logger.js';
import { Relay } from '../../src/relay/relay.js';
import { openSqliteStorage } from '../../src/storage/sqlite.js';
import type { Storage } from '../../src/storage/types.js';

export interface Harness {
  url: string;
  port: number;
  relay: Relay;
  storage: Storage;
  metrics: Metrics;
  dir: string;
  close(): Promise<void>;
}

export async function startRelay(
  options: {
    limits?: Partial<Limits>;
    storage?: Storage;
    dir?: string;
    port?: number;
    maxPayload?: number;
    logger?: RelayLogger;
  } = {},
): Promise<Harness> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-relay-'));
  const storage = options.storage ?? openSqliteStorage(dir);
  const metrics = createMetrics();
  const relay = new Relay({ storage, metrics, limits: options.limits, logger: options.logger });
  const wss = new WebSocketServer({
    port: options.port ?? 0,
    host: '127.0.0.1',
    ...(options.maxPayload ? { maxPayload: options.maxPayload } : {}),
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (socket, request) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const boardId = url.pathname.replace(/^\/ws\//, '');
    const role = Role.catch('participant').parse(url.searchParams.get('role'));
    relay.handleConnection(socket, { boardId, role, ip: request.socket.remoteAddress ?? '' });
  });
  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    port,
    relay,
    storage,
    metrics,
    dir,
    async close() {
      await relay.shutdown();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await storage.close();
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function provider(
  h: { url: string },
  boardId: string,
  role: Role = 'participant',
  doc: Y.Doc = new Y.Doc(),
): WebsocketProvider {
  return new WebsocketProvider(h.url, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { role },
    disableBc: true,
    maxBackoffTime: 200,
  });
}

export function synced(p: WebsocketProvider): Promise<void> {
  if (p.synced) return Promise.resolve();
  return new Promise((resolve) => p.once('sync', (s: boolean) => s && resolve()));
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 10_000,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw protocol client that records what it receives and how it was closed. */
export class RawClient {
  readonly received: Uint8Array[] = [];
  closeCode: number | null = null;
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(h: { url: string }, boardId: string, role: Role = 'participant') {
    this.ws = new WebSocket(`${h.url}/${boardId}?role=${role}`);
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (data: Buffer) => this.received.push(new Uint8Array(data)));
    this.ws.on('error', () => {});
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  send(data: Uint8Array | string): void {
    this.ws.send(data);
  }

  /** Messages received of a type (first varUint). */
  ofType(type: number): Uint8Array[] {
    return this.received.filter((m) => decoding.readVarUint(decoding.createDecoder(m)) === type);
  }

  close(): Promise<number> {
    this.ws.close();
    return this.closed;
  }
}

/** The payload of a sync message (type 0) of sub-type `step`, or null. */
export function syncPayload(message: Uint8Array, step: number): Uint8Array | null {
  const d = decoding.createDecoder(message);
  if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== step) return null;
  return decoding.readVarUint8Array(d);
}

/** A sync message (type 0) with sub-type `step` around `payload`. */
export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** An awareness message (y-protocols) setting one client's state, as a raw client sends it. */
export function awarenessMessage(clientID: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientID);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** A real update that sets `key` in `elements` on a fresh doc with `clientID`. */
export function realUpdate(key: string, value: unknown, clientID = 4242): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getMap('elements').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** Read a counter's value from a prom-client metric, by labels. */
export async function counter(
  metric: { get(): Promise<{ values: { value: number; labels: object }[] }> },
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((v) =>
      Object.entries(labels).every(([k, val]) => (v.labels as Record<string, unknown>)[k] === val),
    )
    .reduce((n, v) => n + v.value, 0);
}
