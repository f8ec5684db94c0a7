/**
 * Load-generating clients, each with its own Y.Doc and its own WebSocket, using the provider a
 * real app would use against each server: y-websocket's `WebsocketProvider` for Truenorth and the
 * reference server (same protocol), `HocuspocusProvider` for Hocuspocus (its own framing).
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { MessageType, type NewElement, newId } from '@truenorth/shared';
import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { isTruenorth, type ServerKind } from './ipc.js';
import { SERVICE_TOKEN, type ServerHandle } from './server-handle.js';

export interface BenchClient {
  readonly doc: Y.Doc;
  /** The elements map (`doc.getMap('elements')`), as Truenorth's layout has it. */
  readonly elements: Y.Map<unknown>;
  isSynced(): boolean;
  /** Connection closes and errors seen (a refused or dropped socket; providers reconnect). */
  readonly drops: number;
  /**
   * When (`performance.now()`) the largest message this client received so far arrived, before
   * the provider handled it: for a join, when the board's bytes were all here (the server's part
   * of the join; the rest is the client decoding them). Null before any message.
   */
  largestMessageAt(): number | null;
  /** Call `fn` after every sync-state change and every applied update; returns an unsubscribe. */
  onChange(fn: () => void): () => void;
  destroy(): void;
}

class ProviderClient implements BenchClient {
  readonly elements: Y.Map<unknown>;
  drops = 0;
  private synced = false;
  private destroyed = false;
  private largest = { bytes: -1, at: null as number | null };
  private readonly listeners = new Set<() => void>();
  private readonly teardown: () => void;

  constructor(
    kind: ServerKind,
    port: number,
    room: string,
    readonly doc: Y.Doc,
    onMessage?: (bytes: Uint8Array) => void,
    presence?: Record<string, unknown>,
  ) {
    this.elements = doc.getMap('elements');
    // The provider's awareness, with the app's state set before it connects (as an app does): a
    // stock awareness starts at `{}` with clock 0, which every other party ignores as not newer
    // (y-protocols' applyAwarenessUpdate), so without a state of its own a client shows no one.
    const awareness = new Awareness(doc);
    if (presence) awareness.setLocalState(presence);
    const onSynced = (state: boolean) => {
      if (state) this.synced = true;
      this.notify();
    };
    doc.on('update', () => this.notify());
    const onDrop = () => {
      this.drops++;
    };
    // The providers' own socket class, with a listener added before theirs: it sees each message
    // as it arrives, before the provider decodes it.
    const largest = this.largest;
    class TimedWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
          const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
          if (bytes > largest.bytes) {
            largest.bytes = bytes;
            largest.at = performance.now();
          }
          if (onMessage) onMessage(asBytes(data));
        });
      }
    }
    if (kind === 'hocuspocus') {
      const provider = new HocuspocusProvider({
        url: `ws://127.0.0.1:${port}`,
        name: room,
        document: doc,
        awareness,
        WebSocketPolyfill: TimedWebSocket,
      } as ConstructorParameters<typeof HocuspocusProvider>[0]);
      provider.on('synced', ({ state }: { state: boolean }) => onSynced(state));
      provider.on('close', onDrop);
      this.teardown = () => provider.destroy();
    } else {
      const url = isTruenorth(kind) ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}`;
      const provider = new WebsocketProvider(url, room, doc, {
        WebSocketPolyfill: TimedWebSocket as unknown as typeof globalThis.WebSocket,
        params: isTruenorth(kind) ? { token: SERVICE_TOKEN } : {},
        disableBc: true,
        awareness,
      });
      if (isTruenorth(kind)) {
        // As Truenorth's own client does (client/src/sync): read its extra message types, which
        // the stock provider would log as errors.
        provider.messageHandlers[MessageType.stored] = () => {};
        provider.messageHandlers[MessageType.control] = () => {};
      }
      provider.on('sync', onSynced);
      provider.on('connection-close', onDrop);
      this.teardown = () => provider.destroy();
    }
  }

  isSynced(): boolean {
    return this.synced;
  }

  largestMessageAt(): number | null {
    return this.largest.at;
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private notify(): void {
    for (const fn of [...this.listeners]) fn();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.teardown();
    this.doc.destroy();
  }
}

export interface ConnectOptions {
  /** Each message as it arrives, before the provider decodes it. */
  onMessage?: (bytes: Uint8Array) => void;
  /** The client's presence (awareness state), set before it connects; none by default. */
  presence?: Record<string, unknown>;
}

export function connect(
  server: ServerHandle,
  room: string,
  doc: Y.Doc = new Y.Doc(),
  { onMessage, presence }: ConnectOptions = {},
): BenchClient {
  return new ProviderClient(server.kind, server.port, room, doc, onMessage, presence);
}

function asBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolve with the time (ms since `since`) when the client is synced and holds at least
 * `minElements` elements; null when that did not happen within `timeoutMs`.
 */
export async function whenReady(
  client: BenchClient,
  minElements: number,
  timeoutMs: number,
  since = performance.now(),
): Promise<number | null> {
  const ready = () => client.isSynced() && client.elements.size >= minElements;
  if (ready()) return performance.now() - since;
  return new Promise<number | null>((resolve) => {
    const finish = (value: number | null) => {
      clearTimeout(timer);
      off();
      resolve(value);
    };
    const off = client.onChange(() => {
      if (ready()) finish(performance.now() - since);
    });
    const timer = setTimeout(() => finish(null), Math.max(0, since + timeoutMs - performance.now()));
  });
}

/** Run `fn` over `items` with at most `limit` at a time. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** `count` sticky notes shaped like Truenorth's (type, x, y, z, w, h, color, text as Y.Text…). */
export function stickies(count: number, offset = 0): NewElement[] {
  return Array.from({ length: count }, (_, k) => {
    const i = offset + k;
    return {
      kind: 'sticky',
      id: newId(),
      input: {
        x: (i % 100) * 200,
        y: Math.floor(i / 100) * 200,
        text: `Idea ${i}: what would make this workshop worth two days?`,
        color: 'yellow',
        author: 'Bench',
      },
    } satisfies NewElement;
  });
}

export { sleep };
