/**
 * Cross-node fan-out, as the relay sees it. A room joins the fan-out when it starts loading and
 * leaves when it is freed; in between it hands over every update it stored and takes in updates
 * other nodes stored. Without `REDIS_URL` the no-op fan-out below is used and nothing leaves
 * the process.
 */
import type { RotatableRole } from '@truenorth/shared';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/**
 * Origin of changes that came from another node (or from storage during a re-sync): they are
 * already stored, so the room broadcasts them to its clients but never stores or publishes them.
 */
export const FANOUT_ORIGIN = 'truenorth-fanout';

/**
 * Origin of what a room merges from storage while it runs (a re-sync, the merge before a shared
 * compaction): stored already, so never stored again, but published, because other nodes may lack
 * it (a node killed between storing and publishing). Publishing what they have already is harmless.
 */
export const STORAGE_ORIGIN = 'truenorth-storage';

/** What the fan-out needs of a room. */
export interface FanoutRoom {
  readonly boardId: string;
  /** The room's document (read only: the reader checks it for updates Yjs holds back). */
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Apply an update another node stored (with `FANOUT_ORIGIN`). Never throws. */
  applyRemote(update: Uint8Array): void;
  /**
   * Merge the board's stored state into the document (with `FANOUT_ORIGIN`): the cure for any
   * gap, since Yjs merging is idempotent. Resolves once applied (or the room is gone).
   */
  resync(): Promise<void>;
  /**
   * Another node saved the board's workshop state at `version` (null: notices may have been
   * missed, e.g. Redis reconnected). Optional: a room without a workshop ignores it.
   */
  controlChanged?(version: number | null): void;
}

/** A room's handle on the fan-out. */
export interface FanoutLink {
  /**
   * Resolves once updates published from now on will reach the room. The room loads its
   * document from storage after this, so nothing stored in between can fall through.
   */
  readonly ready: Promise<void>;
  /** Hand over an update this node has just stored. Fire and forget. */
  published(update: Uint8Array): void;
  /**
   * Run `compact` unless another node is compacting the board (then resolve false without
   * running it). Compacting is safe without the lock too; the lock only avoids doing it twice.
   */
  exclusive(compact: () => Promise<void>): Promise<boolean>;
  /**
   * Tell the other nodes that this node saved the board's workshop state at `version` (a small
   * notice: they reload from storage). Fire and forget; absent when there are no other nodes.
   */
  publishControl?(version: number): void;
  leave(): void;
}

/** For /healthz: `off` without REDIS_URL, `down` while any Redis connection is not ready. */
export type FanoutStatus = 'up' | 'down' | 'off';

/**
 * Why a board was merged from storage (a label of `fanout_resyncs_total`). `incomplete`: an update
 * from the stream depends on something the document never received (Yjs holds it pending), e.g.
 * an update a dying node stored but never published, which another node then merged from storage
 * (compaction, re-sync) and built on.
 */
export type ResyncReason = 'gap' | 'resync-entry' | 'bad-entry' | 'reconnect' | 'incomplete';

/** The counters the fan-out feeds (a subset of `Metrics`, so tests can pass their own). */
export interface FanoutCounters {
  fanoutPublished: { inc(): void };
  fanoutReceived: { inc(): void };
  fanoutResyncs: { inc(labels: { reason: ResyncReason }): void };
}

/** A board's link for `role` was replaced (the new token hash is in storage). */
export interface Rotation {
  boardId: string;
  role: RotatableRole;
}

/**
 * Hears of rotations made on other nodes; `null`: notices may have been missed (the fan-out
 * reconnected, or a notice was unreadable), so every board must be re-checked against storage.
 */
export type RotationListener = (rotation: Rotation | null) => void;

export interface Fanout {
  readonly kind: 'none' | 'redis';
  status(): FanoutStatus;
  join(room: FanoutRoom): FanoutLink;
  /** Tell the other nodes that a link was replaced (after storing it). Fire and forget. */
  publishRotation(rotation: Rotation): void;
  onRotation(listener: RotationListener): void;
  close(): Promise<void>;
}

const noopLink: FanoutLink = {
  ready: Promise.resolve(),
  published() {},
  async exclusive(compact) {
    await compact();
    return true;
  },
  leave() {},
};

/** One node, no Redis: nothing to fan out to. */
export const noFanout: Fanout = {
  kind: 'none',
  status: () => 'off',
  join: () => noopLink,
  publishRotation() {},
  onRotation() {},
  close: async () => {},
};
