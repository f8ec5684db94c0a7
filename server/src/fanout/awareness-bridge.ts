/**
 * Awareness (cursors, names) across nodes over Redis pub/sub, not streams: it is ephemeral, a
 * lost message heals itself (clients renew their state every 15 s, and a state not renewed for
 * 30 s expires on every node), and keeping it out of the update streams keeps cursor traffic
 * from trimming document updates out of them.
 *
 * Only states that changed locally are published, coalesced per board at most every
 * `throttleMs`; states from other nodes are applied with `FANOUT_ORIGIN` and never re-published.
 * A node that starts serving a board asks the others for their states (`query`) instead of
 * waiting up to 15 s for renewals.
 */

import type { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { FANOUT_ORIGIN, type FanoutRoom } from './types.js';

const Kind = { states: 0, query: 1 } as const;

interface Changes {
  added: number[];
  updated: number[];
  removed: number[];
}

interface Subscription {
  room: FanoutRoom;
  channel: string;
  pending: Set<number>;
  timer: NodeJS.Timeout | undefined;
  onUpdate: (changes: Changes, origin: unknown) => void;
}

export class AwarenessBridge {
  private readonly byChannel = new Map<string, Subscription>();
  private readonly byBoard = new Map<string, Subscription>();

  constructor(
    private readonly subscriber: Redis,
    private readonly command: Redis,
    private readonly nodeId: string,
    private readonly throttleMs: number,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message));
  }

  add(room: FanoutRoom, channel: string): void {
    const sub: Subscription = {
      room,
      channel,
      pending: new Set(),
      timer: undefined,
      onUpdate: ({ added, updated, removed }, origin) => {
        // Another node's state, or one this node expired: each node expires states on its own.
        if (origin === FANOUT_ORIGIN || origin === 'timeout') return;
        for (const id of [...added, ...updated, ...removed]) sub.pending.add(id);
        if (sub.timer === undefined) {
          sub.timer = setTimeout(() => this.flush(sub), this.throttleMs);
          sub.timer.unref();
        }
      },
    };
    this.byChannel.set(channel, sub);
    this.byBoard.set(room.boardId, sub);
    room.awareness.on('update', sub.onUpdate);
    this.subscriber.subscribe(channel).then(
      () => this.publish(channel, Kind.query, new Uint8Array()),
      () => {},
    );
  }

  remove(boardId: string): void {
    const sub = this.byBoard.get(boardId);
    if (!sub) return;
    clearTimeout(sub.timer);
    sub.room.awareness.off('update', sub.onUpdate);
    this.byBoard.delete(boardId);
    this.byChannel.delete(sub.channel);
    this.subscriber.unsubscribe(sub.channel).catch(() => {});
  }

  private flush(sub: Subscription): void {
    sub.timer = undefined;
    if (this.byChannel.get(sub.channel) !== sub) return;
    const ids = [...sub.pending];
    sub.pending.clear();
    if (ids.length > 0)
      this.publish(sub.channel, Kind.states, encodeAwarenessUpdate(sub.room.awareness, ids));
  }

  private publish(channel: string, kind: number, payload: Uint8Array): void {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.nodeId);
    encoding.writeVarUint(e, kind);
    encoding.writeVarUint8Array(e, payload);
    // Lost while Redis is away: renewals and the next node's query restore it.
    this.command.publish(channel, Buffer.from(encoding.toUint8Array(e))).catch(() => {});
  }

  /** A message from another node; anything undecodable is dropped. */
  private receive(channel: Buffer, message: Buffer): void {
    const sub = this.byChannel.get(channel.toString());
    if (!sub) return;
    try {
      const d = decoding.createDecoder(message);
      if (decoding.readVarString(d) === this.nodeId) return;
      const kind = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (kind === Kind.states) {
        applyAwarenessUpdate(sub.room.awareness, payload, FANOUT_ORIGIN);
      } else if (kind === Kind.query) {
        const ids = [...sub.room.awareness.getStates().keys()];
        if (ids.length > 0)
          this.publish(sub.channel, Kind.states, encodeAwarenessUpdate(sub.room.awareness, ids));
      }
    } catch {
      // Another node's bug must not cost this one; the state heals with the next renewal.
    }
  }
}
