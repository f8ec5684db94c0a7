/**
 * The sync status shown to the user, and the "stored up to here" acknowledgement it rests on.
 * `saved` means the server has durably stored every change this browser holds of its own: what
 * this page wrote, and what its copy of the board (IndexedDB) brought back from before a reload.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

export type SyncStatus = 'saved' | 'syncing' | 'offline';

/** Most pairs a stored message may carry: a bound so a hostile frame cannot make us loop. */
const MAX_PAIRS = 100_000;

/**
 * Read the payload of a `stored` message (after its type): varUint count, then count pairs of
 * varUint clientID, varUint clock. Returns null when the payload is malformed.
 */
export function readStored(decoder: decoding.Decoder): Map<number, number> | null {
  try {
    const count = decoding.readVarUint(decoder);
    if (count > MAX_PAIRS) return null;
    const out = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      out.set(client, Math.max(clock, out.get(client) ?? 0));
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * The server's state vector from its sync step 1 (what it had stored when this connection opened),
 * peeked at without moving `decoder`; null for any other sync message or a malformed one.
 */
export function readServerState(decoder: decoding.Decoder): Map<number, number> | null {
  try {
    const peek = decoding.clone(decoder);
    if (decoding.readVarUint(peek) !== 0) return null;
    const state = Y.decodeStateVector(decoding.readVarUint8Array(peek));
    return state.size > MAX_PAIRS ? null : state;
  } catch {
    return null;
  }
}

/**
 * Which of this browser's changes the server has said it stores. Its own changes come from this
 * page's client id, and — after a reload — from the client ids of the pages before it, read back
 * from the browser's copy: a page reloaded offline has a new client id and none of its own
 * changes, so acknowledgements of that id alone would say "saved" before the train notes arrived.
 * Others' changes came from the server, which stores before it sends: they are not waited for.
 */
export class ServerCopy {
  /** The highest clock per client the server said it has stored (acknowledgements, sync). */
  private readonly stored = new Map<number, number>();
  /** Client ids of earlier pages, whose changes this page loaded from the browser's copy. */
  private readonly earlier = new Set<number>();

  constructor(private readonly doc: Y.Doc) {}

  /** The server said it stores these clients' changes below these clocks. */
  heard(clocks: ReadonlyMap<number, number>): void {
    for (const [client, clock] of clocks) {
      if (clock > (this.stored.get(client) ?? 0)) this.stored.set(client, clock);
    }
  }

  /** A transaction that applied the browser's copy: the clients it advanced may be ours. */
  loaded(tx: Y.Transaction): void {
    for (const [client, clock] of tx.afterState) {
      if ((tx.beforeState.get(client) ?? 0) !== clock) this.earlier.add(client);
    }
  }

  /** Everything this browser wrote, now or before a reload, is stored on the server. */
  covers(): boolean {
    const store = this.doc.store;
    // The doc's current id: Yjs picks a new one if another client turns out to share it.
    for (const client of [this.doc.clientID, ...this.earlier]) {
      if (Y.getState(store, client) > (this.stored.get(client) ?? 0)) return false;
    }
    return true;
  }
}

export interface StatusInput {
  connected: boolean;
  /**
   * The browser says it has a network (`navigator.onLine`). Without one, a socket that looks open
   * is not — y-websocket would notice only when 30 s pass without a message.
   */
  online?: boolean;
  /** The initial sync (step 2 from the server) has arrived on this connection. */
  synced: boolean;
  /** The browser's copy has been read: until then it may hold changes the server lacks. */
  loaded: boolean;
  /** The server has said it stores every change of ours (`ServerCopy.covers`). */
  stored: boolean;
}

export function computeStatus(s: StatusInput): SyncStatus {
  if (!s.connected || s.online === false) return 'offline';
  if (!s.synced || !s.loaded) return 'syncing';
  return s.stored ? 'saved' : 'syncing';
}
