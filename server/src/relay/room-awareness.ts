/**
 * A room's awareness (cursors, names, selections): y-protocols' Awareness plus the relay's rules —
 * a state is capped in size, a connection controls only the client ids it introduced (at most a
 * few), changes are coalesced and broadcast at most every `awarenessThrottleMs`, and a
 * connection's states are removed when it leaves — or when it has gone quiet (relay.ts).
 */
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Metrics } from '../metrics.js';
import type { Connection } from './connection.js';
import type { Limits } from './limits.js';
import { type AwarenessEntry, encodeAwareness, encodeAwarenessEntries } from './messages.js';

interface Changes {
  added: number[];
  updated: number[];
  removed: number[];
}

export class RoomAwareness {
  readonly awareness: Awareness;
  private readonly owners = new Map<number, Connection>();
  private readonly pending = new Set<number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    doc: Y.Doc,
    private readonly limits: Limits,
    private readonly metrics: Metrics,
    private readonly broadcast: (message: Uint8Array) => void,
  ) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  apply(conn: Connection, entries: readonly AwarenessEntry[]): void {
    const accepted: AwarenessEntry[] = [];
    const removedHere: number[] = [];
    const known = this.awareness.meta;
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientID);
      if (owner !== conn && entry.clock <= (known.get(entry.clientID)?.clock ?? -1)) {
        // Nothing newer than the room has: a stock y-websocket provider sends back every change it
        // is given (others' cursors, removals), not an attempt to change anyone's presence…
        if (owner === undefined && entry.json !== 'null' && !this.awareness.states.has(entry.clientID)) {
          // …or someone back after their connection dropped, announcing their state at the clock
          // the room removed it at (a tie the removal wins: y-websocket#122, they stayed invisible
          // until they changed it).
          removedHere.push(entry.clientID);
        }
        continue;
      }
      if (owner !== undefined && owner !== conn) {
        this.metrics.droppedWrites.inc({ reason: 'awareness-not-owned' });
      } else if (Buffer.byteLength(entry.json) > this.limits.maxAwarenessStateBytes) {
        this.metrics.droppedWrites.inc({ reason: 'awareness-too-large' });
      } else if (owner === undefined && conn.awarenessIds.size >= this.limits.maxAwarenessClients) {
        this.metrics.droppedWrites.inc({ reason: 'awareness-too-many-clients' });
      } else {
        accepted.push(entry);
      }
    }
    if (accepted.length > 0) applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
    // Tell them of the removal, in one answer: y-protocols answers it with the state, newer.
    if (removedHere.length > 0)
      conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, removedHere)));
  }

  /** Every known state as one message, for a newcomer; null when there is none. */
  fullState(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length === 0 ? null : encodeAwareness(encodeAwarenessUpdate(this.awareness, ids));
  }

  /**
   * Remove the states `conn` controls, for everyone: it left, or it has gone quiet. A quiet
   * connection that comes back gets its own removal too, and y-protocols answers that by sending
   * its state again with a newer clock (a stock client does the same): it reappears by itself.
   */
  remove(conn: Connection, reason: 'left' | 'quiet' = 'left'): void {
    if (conn.awarenessIds.size > 0) removeAwarenessStates(this.awareness, [...conn.awarenessIds], reason);
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
    this.owners.clear();
  }

  private readonly onUpdate = ({ added, updated, removed }: Changes, origin: unknown): void => {
    // A reconnecting client keeps its id, and its state then counts as `updated`: own both.
    if (typeof origin === 'object' && origin !== null && 'awarenessIds' in origin) {
      const conn = origin as Connection;
      for (const id of [...added, ...updated]) {
        if (this.owners.has(id) || !this.awareness.states.has(id)) continue;
        this.owners.set(id, conn);
        conn.awarenessIds.add(id);
      }
    }
    for (const id of removed) {
      this.owners.get(id)?.awarenessIds.delete(id);
      this.owners.delete(id);
    }
    for (const id of [...added, ...updated, ...removed]) this.pending.add(id);
    if (this.timer === undefined && this.pending.size > 0) {
      this.timer = setTimeout(this.flush, this.limits.awarenessThrottleMs);
      this.timer.unref();
    }
  };

  private readonly flush = (): void => {
    this.timer = undefined;
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length === 0) return;
    this.broadcast(encodeAwareness(encodeAwarenessUpdate(this.awareness, ids)));
  };
}
