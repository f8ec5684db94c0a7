/**
 * A reader that keeps no Y.Doc: it speaks just enough of each server's protocol to join a room —
 * y-websocket's sync step 1 (for Hocuspocus after its authentication message), an awareness state
 * renewed as a provider renews it, a pong to Hocuspocus's ping — and hands every document update
 * it receives, as bytes, to `onUpdate` without decoding it. The fan-out's default readers (see
 * scenarios/fanout.ts): with a provider and a Y.Doc per client, the load generator spent three to
 * four times the server's CPU applying each delivery, and its own queue, not the server, set the
 * latency. The same reader for every server.
 */

import { MessageType, SyncStep } from '@truenorth/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { isTruenorth, type ServerKind } from './ipc.js';
import { SERVICE_TOKEN } from './server-handle.js';

/** Hocuspocus's message types beyond y-websocket's (`@hocuspocus/provider` types.ts). */
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_PING = 9;
const HOCUSPOCUS_PONG = 10;
/** Hocuspocus's authentication message carries the provider's version; any string passes. */
const HOCUSPOCUS_VERSION = '4.8.0';
/**
 * The stock providers' awareness renews its local state (`{}` unless the app sets one) every 15 s
 * (y-protocols' `outdatedTimeout` / 2) and sends it; a reader does the same. Hocuspocus closes a
 * connection that sent nothing for 30 s.
 */
const AWARENESS_RENEW_MS = 15_000;

export interface LightReaderOptions {
  /** The server's sync step 2 (the board as it sends it), as it arrives, before `onChange`. */
  onStep2?: (update: Uint8Array) => void;
  /** The reader's presence (awareness state), as an app sets one; `{}` by default. */
  presence?: Record<string, unknown>;
  /**
   * Renew the awareness state every 15 s, as a provider does (the default). Off where the work a
   * server does must not depend on how long the run takes: the instruction count calls `renew()`
   * itself, every so many writes.
   */
  renewAwareness?: boolean;
}

export class LightReader {
  drops = 0;
  private synced = false;
  private destroyed = false;
  private readonly ws: WebSocket;
  private readonly listeners = new Set<() => void>();
  /** This reader's awareness: a client id of its own and the state's clock, as a provider's. */
  private readonly awarenessId = new Y.Doc().clientID;
  private awarenessClock = 0;
  private awarenessState = '{}';
  private renewTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kind: ServerKind,
    port: number,
    private readonly room: string,
    /** Each update's bytes (the part after the sync header), as they arrive. */
    private readonly onUpdate: (update: Uint8Array) => void,
    private readonly options: LightReaderOptions = {},
  ) {
    // A state of its own starts at clock 1, as an app's `setLocalState` on a new awareness; `{}`
    // stays at clock 0, as a stock provider's, which the others ignore as not newer.
    if (options.presence) {
      this.awarenessState = JSON.stringify(options.presence);
      this.awarenessClock = 1;
    }
    const url =
      kind === 'hocuspocus'
        ? `ws://127.0.0.1:${port}`
        : isTruenorth(kind)
          ? `ws://127.0.0.1:${port}/ws/${room}?token=${encodeURIComponent(SERVICE_TOKEN)}`
          : `ws://127.0.0.1:${port}/${room}`;
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => this.greet());
    this.ws.on('message', (data: Buffer) => this.receive(data));
    this.ws.on('close', () => {
      if (!this.destroyed) this.drops++;
    });
    this.ws.on('error', () => {});
  }

  isSynced(): boolean {
    return this.synced;
  }

  /** Call `fn` when the reader becomes synced; returns an unsubscribe. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private greet(): void {
    if (this.kind === 'hocuspocus') {
      this.send((auth) => {
        encoding.writeVarUint(auth, HOCUSPOCUS_AUTH);
        encoding.writeVarUint(auth, 0); // a token follows
        encoding.writeVarString(auth, '');
        encoding.writeVarString(auth, HOCUSPOCUS_VERSION);
      });
    }
    this.send((step1) => {
      encoding.writeVarUint(step1, MessageType.sync);
      encoding.writeVarUint(step1, SyncStep.step1);
      encoding.writeVarUint8Array(step1, Y.encodeStateVector(new Y.Doc()));
    });
    this.renew();
    clearInterval(this.renewTimer);
    if (this.options.renewAwareness === false) return;
    this.renewTimer = setInterval(() => this.renew(), AWARENESS_RENEW_MS);
    this.renewTimer.unref();
  }

  /** A message for this server: Hocuspocus's start with the document's name, then `write`'s part. */
  private send(write: (message: encoding.Encoder) => void): void {
    const message = encoding.createEncoder();
    if (this.kind === 'hocuspocus') encoding.writeVarString(message, this.room);
    write(message);
    this.ws.send(encoding.toUint8Array(message));
  }

  /** Send a document update (a Yjs update's bytes), framed as a provider frames it for this server. */
  sendUpdate(update: Uint8Array): void {
    this.send((message) => {
      encoding.writeVarUint(message, MessageType.sync);
      encoding.writeVarUint(message, SyncStep.update);
      encoding.writeVarUint8Array(message, update);
    });
  }

  /** Send this reader's awareness state (`{}` unless given one) with the next clock (y-protocols' update format). */
  renew(): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.awarenessId);
    encoding.writeVarUint(update, this.awarenessClock++);
    encoding.writeVarString(update, this.awarenessState);
    this.send((message) => {
      encoding.writeVarUint(message, MessageType.awareness);
      encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
    });
  }

  private receive(data: Buffer): void {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (this.kind === 'hocuspocus' && bytes.length === 1 && bytes[0] === HOCUSPOCUS_PING) {
      this.ws.send(Uint8Array.of(HOCUSPOCUS_PONG));
      return;
    }
    const sync = syncMessage(this.kind, bytes);
    if (sync?.step === SyncStep.update) {
      this.onUpdate(sync.payload);
    } else if (sync?.step === SyncStep.step2 && !this.synced) {
      this.synced = true;
      this.options.onStep2?.(sync.payload);
      for (const fn of [...this.listeners]) fn();
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.renewTimer);
    this.ws.close();
  }
}

/**
 * A sync message's step (1, 2 or update) and payload; null for any other message (awareness, a
 * server's own types). Hocuspocus puts the document's name first.
 */
export function syncMessage(
  kind: ServerKind,
  bytes: Uint8Array,
): { step: number; payload: Uint8Array } | null {
  if (kind === 'hocuspocus' && bytes.length === 1) return null; // a ping
  const decoder = decoding.createDecoder(bytes);
  if (kind === 'hocuspocus') decoding.readVarString(decoder);
  if (decoding.readVarUint(decoder) !== MessageType.sync) return null;
  const step = decoding.readVarUint(decoder);
  return { step, payload: step === SyncStep.step1 ? new Uint8Array() : decoding.readVarUint8Array(decoder) };
}

/** The update an update message carries, or null for any other message. */
export function syncUpdate(kind: ServerKind, bytes: Uint8Array): Uint8Array | null {
  const sync = syncMessage(kind, bytes);
  return sync?.step === SyncStep.update ? sync.payload : null;
}

/**
 * The writes an update holds, found without decoding it: writes are registered by their writer's
 * client id and the clock of their first item (`Y.getState` before the transaction), and an
 * update's bytes begin with, per client, the number of its structs, the client id and the first
 * clock (Yjs's update format, v1). A write is in the update when its first clock falls in one of
 * those ranges — every item a write makes is one clock long. With more than one client in an
 * update (a server that merges), the ranges are read with `Y.parseUpdateMeta` instead.
 */
export class StampBook {
  private readonly byClient = new Map<number, Map<number, number>>();

  /** Register a write: its writer's client id, the clock of its first item, its stamp. */
  add(client: number, clock: number, stamp: number): void {
    let writes = this.byClient.get(client);
    if (!writes) {
      writes = new Map();
      this.byClient.set(client, writes);
    }
    writes.set(clock, stamp);
  }

  clear(): void {
    this.byClient.clear();
  }

  /**
   * Call `fn` with the stamp of every registered write `update` holds, but `own`'s (a writer's
   * own writes: the reference server sends each update back to its writer too).
   */
  read(update: Uint8Array, fn: (stamp: number) => void, own?: number): void {
    const decoder = decoding.createDecoder(update);
    const clients = decoding.readVarUint(decoder);
    if (clients === 1) {
      const structs = decoding.readVarUint(decoder);
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (client !== own) this.range(client, clock, clock + structs, fn);
      return;
    }
    if (clients === 0) return;
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, start] of from) {
      if (client !== own) this.range(client, start, to.get(client) ?? start, fn);
    }
  }

  private range(client: number, from: number, to: number, fn: (stamp: number) => void): void {
    const writes = this.byClient.get(client);
    if (!writes) return;
    for (let clock = from; clock < to; clock++) {
      const stamp = writes.get(clock);
      if (stamp !== undefined) fn(stamp);
    }
  }
}
