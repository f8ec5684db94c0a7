/**
 * A bare y-websocket protocol client for Node, written against the wire format itself (varUint
 * framing, sync step 1/2, update) rather than a provider, so a test can send exactly the bytes
 * it means to — including ones a well-behaved client would never send.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';

const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

function varUint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** `[type, sub, varUint8Array(payload)]`: a sync message. */
export function syncMessage(sub: number, payload: Uint8Array): Uint8Array {
  return new Uint8Array([SYNC, sub, ...varUint(payload.length), ...payload]);
}

/** Reads a sync message; null for anything else. */
export function readSyncMessage(bytes: Uint8Array): { sub: number; payload: Uint8Array } | null {
  let pos = 0;
  const next = () => {
    let n = 0;
    let shift = 1;
    for (;;) {
      const b = bytes[pos++];
      if (b === undefined) throw new Error('truncated varUint');
      n += (b & 0x7f) * shift;
      if (b < 0x80) return n;
      shift *= 128;
    }
  };
  if (next() !== SYNC) return null;
  const sub = next();
  const len = next();
  return { sub, payload: bytes.slice(pos, pos + len) };
}

/** Decodes a sync step 2 (a whole-document update) into a fresh Y.Doc. */
export function docFromStep2(bytes: Uint8Array): Y.Doc {
  const msg = readSyncMessage(bytes);
  if (!msg || msg.sub !== STEP2) throw new Error('not a sync step 2 message');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, msg.payload);
  return doc;
}

/** Sync step 1 with an empty state vector: "send me everything you have". */
export const ASK_FOR_EVERYTHING = syncMessage(STEP1, Y.encodeStateVector(new Y.Doc()));

export class RawYClient {
  private readonly waiters: ((msg: Uint8Array) => boolean)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data);
      const i = this.waiters.findIndex((w) => w(bytes));
      if (i >= 0) this.waiters.splice(i, 1);
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  /** Opens `/ws/<boardId>?token=…` on the server at `baseURL`. */
  static connect(baseURL: string, boardId: string, token: string): Promise<RawYClient> {
    const url = `${baseURL.replace(/^http/, 'ws')}/ws/${encodeURIComponent(boardId)}?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawYClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  /** Sends a document update, as a sync `update` message and as a sync step 2. */
  sendUpdate(update: Uint8Array): void {
    this.ws.send(syncMessage(UPDATE, update));
    this.ws.send(syncMessage(STEP2, update));
  }

  /**
   * The server's whole document, asked for after everything sent so far: the relay reads one
   * connection's messages in order, so the answer reflects how it handled them.
   */
  fetchDoc(timeoutMs = 5000): Promise<Y.Doc> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync step 2 from the server')), timeoutMs);
      this.waiters.push((bytes) => {
        const msg = readSyncMessage(bytes);
        if (msg?.sub !== STEP2) return false;
        clearTimeout(timer);
        resolve(docFromStep2(bytes));
        return true;
      });
      this.ws.send(ASK_FOR_EVERYTHING);
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.ws.close();
  }
}
