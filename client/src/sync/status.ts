/**
 * The sync status shown to the user, and the "stored up to here" acknowledgement it rests on.
 * `saved` means the server has durably stored every change this client made.
 */
import * as decoding from 'lib0/decoding';

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

export interface StatusInput {
  connected: boolean;
  /**
   * The browser says it has a network (`navigator.onLine`). Without one, a socket that looks open
   * is not — y-websocket would notice only when 30 s pass without a message.
   */
  online?: boolean;
  /** The initial sync (step 2 from the server) has arrived on this connection. */
  synced: boolean;
  /** Our clientID's next clock: everything below it was written by us. */
  localClock: number;
  /** The highest clock the server said it stored for our clientID. */
  ackedClock: number;
}

export function computeStatus(s: StatusInput): SyncStatus {
  if (!s.connected || s.online === false) return 'offline';
  if (!s.synced) return 'syncing';
  return s.ackedClock >= s.localClock ? 'saved' : 'syncing';
}
