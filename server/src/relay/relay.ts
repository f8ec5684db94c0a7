/**
 * The relay: rooms by board id, connections into them, and the operations routes need
 * (snapshots, restore, cutting off a role). It knows no HTTP framework: a transport adapter
 * authenticates the upgrade and hands over the socket with `handleConnection`.
 */
import {
  BoardId,
  type CloseCodeName,
  closeCodeName,
  metaMap,
  migrateDoc,
  type Role,
} from '@truenorth/shared';
import * as Y from 'yjs';
import type { Fanout } from '../fanout/types.js';
import { createMetrics, type Metrics } from '../metrics.js';
import type { SnapshotKind, SnapshotMeta, Storage } from '../storage/types.js';
import { WorkshopHub } from '../workshop/hub.js';
import { Connection, type ConnectionContext, type RelaySocket } from './connection.js';
import { RelayError } from './errors.js';
import { type Limits, resolveLimits } from './limits.js';
import { type RelayLogger, silentLogger } from './logger.js';
import { applySnapshot, restorePointName, undoRestore } from './restore.js';
import { Room, SERVER_ORIGIN } from './room.js';

export interface RelayOptions {
  storage: Storage;
  /** Missing keys take their default (`DEFAULT_LIMITS`). */
  limits?: Partial<Limits>;
  metrics?: Metrics;
  /** Fastify's `app.log` (or a child of it) fits. */
  logger?: RelayLogger;
  /** Other nodes serving the same boards (Redis Streams); without it the relay is alone. */
  fanout?: Fanout;
}

export interface RelayStats {
  rooms: number;
  connections: number;
  /** Rooms still storing their state before being freed. */
  unloading: number;
}

export interface RestoreResult {
  /** The snapshot of the board as it was just before the restore. */
  restorePoint: SnapshotMeta;
  /**
   * `replace`: the board now equals the snapshot. `undo`: the snapshot was a restore point whose
   * restore was taken back, keeping what people changed since it.
   */
  mode: 'replace' | 'undo';
}

/** A stored snapshot as a migrated document; throws SNAPSHOT_UNREADABLE. */
function readSnapshot(snapshot: { id: string; update: Uint8Array }): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, snapshot.update);
    migrateDoc(doc);
    return doc;
  } catch (err) {
    doc.destroy();
    throw new RelayError('SNAPSHOT_UNREADABLE', `snapshot ${snapshot.id} cannot be read`, { cause: err });
  }
}

export class Relay {
  readonly limits: Limits;
  readonly metrics: Metrics;
  /** The facilitator's workshop state of every board (run-sheet, timer, votes). */
  readonly workshops: WorkshopHub;
  private readonly storage: Storage;
  private readonly logger: RelayLogger;
  private readonly fanout: Fanout | undefined;
  private readonly rooms = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly quietTimer: NodeJS.Timeout | undefined;
  private shuttingDown = false;

  constructor(options: RelayOptions) {
    this.storage = options.storage;
    this.limits = resolveLimits(options.limits);
    this.metrics = options.metrics ?? createMetrics();
    this.logger = options.logger ?? silentLogger;
    this.fanout = options.fanout;
    this.workshops = new WorkshopHub({
      storage: this.storage,
      metrics: this.metrics,
      logger: this.logger,
      serverOrigin: SERVER_ORIGIN,
    });
    this.pingTimer = setInterval(() => this.pingAll(), this.limits.pingIntervalMs);
    this.pingTimer.unref();
    if (this.limits.quietPresenceMs > 0) {
      this.quietTimer = setInterval(
        () => this.sweepQuiet(),
        Math.max(1, Math.round(this.limits.quietPresenceMs / 3)),
      );
      this.quietTimer.unref();
    }
  }

  /**
   * Take over an authenticated socket for `ctx.boardId` with `ctx.role`. Never throws; every
   * problem closes the socket with a named code.
   */
  handleConnection(socket: RelaySocket, ctx: ConnectionContext): void {
    let room: Room | undefined;
    const conn = new Connection(socket, ctx, this.limits, this.metrics, {
      message: (c, message) => room?.handleMessage(c, message),
      closed: (c) => {
        this.metrics.connections.dec();
        room?.removeConnection(c);
      },
    });
    this.metrics.connections.inc();
    const refusal = this.refusal(socket, ctx);
    if (refusal) {
      conn.close(refusal.code, refusal.reason);
      return;
    }
    room = this.room(ctx.boardId);
    room.addConnection(conn);
  }

  private refusal(
    socket: RelaySocket,
    ctx: ConnectionContext,
  ): { code: CloseCodeName; reason?: string } | null {
    // Already closing or closed: no 'close' event will come to detach it later.
    if (socket.readyState !== 1) return { code: 'normal' };
    if (this.shuttingDown) return { code: 'goingAway' };
    if (!BoardId.safeParse(ctx.boardId).success) return { code: 'policyViolation', reason: 'bad board id' };
    const existing = this.rooms.get(ctx.boardId);
    if (existing && existing.connections.size >= this.limits.maxClientsPerRoom) return { code: 'roomFull' };
    return null;
  }

  /**
   * Run `fn` on the board's loaded document (read-only use), in order with its updates. `state()`
   * is the whole board as one update, encoded at most once per change (shared bytes: copy them).
   */
  withDoc<T>(boardId: string, fn: (doc: Y.Doc, state: () => Uint8Array) => T | Promise<T>): Promise<T> {
    const room = this.room(boardId);
    return room.run((doc) => fn(doc, () => room.wholeState()));
  }

  /** Make a change as the server: stored, then received by every client. */
  transact(boardId: string, fn: (doc: Y.Doc) => void): Promise<void> {
    return this.room(boardId).run((doc) => doc.transact(() => fn(doc), SERVER_ORIGIN));
  }

  /** The board's state now, as one Yjs update (a copy: the caller may keep or transfer it). */
  encodeState(boardId: string): Promise<Uint8Array> {
    return this.withDoc(boardId, (_doc, state) => state().slice());
  }

  snapshot(
    boardId: string,
    name: string,
    kind: SnapshotKind,
    createdBy: string | null,
  ): Promise<SnapshotMeta> {
    const room = this.room(boardId);
    return room.run(() => room.saveSnapshot(name, kind, createdBy));
  }

  /**
   * Restore a snapshot as a new change everyone receives: first snapshot the present
   * (`restore-point`, which names the snapshot restored), then edit the live document until it
   * equals the snapshot. Restoring a restore point undoes its restore instead, when the snapshot
   * that restore brought is still there: what people did after it is kept.
   */
  async restore(boardId: string, snapshotId: string, by: string | null): Promise<RestoreResult> {
    const snapshot = await this.storage.getSnapshot(boardId, snapshotId);
    if (!snapshot)
      throw new RelayError('SNAPSHOT_NOT_FOUND', `no snapshot ${snapshotId} on board ${boardId}`);
    const undone =
      snapshot.kind === 'restore-point' && snapshot.restoreOf
        ? await this.storage.getSnapshot(boardId, snapshot.restoreOf)
        : null;
    const target = readSnapshot(snapshot);
    let after: Y.Doc | null = null;
    try {
      // The restore to undo brought a snapshot since thinned out or unreadable: restore as it was.
      if (undone) after = readSnapshot(undone);
    } catch (err) {
      this.logger.warn(
        { err, boardId, snapshotId: undone?.id },
        'restore to undo unreadable; restoring whole',
      );
    }
    const room = this.room(boardId);
    try {
      return await room.run(async (doc) => {
        const restorePoint = await room.saveSnapshot(
          restorePointName(snapshot),
          'restore-point',
          by,
          snapshot.id,
        );
        doc.transact(() => {
          if (after) undoRestore(doc, target, after);
          else applySnapshot(doc, target);
          const restored = { name: snapshot.name, by, at: Date.now() };
          metaMap(doc).set('restored', after && undone ? { ...restored, undid: undone.name } : restored);
        }, SERVER_ORIGIN);
        return { restorePoint, mode: after ? 'undo' : 'replace' };
      });
    } finally {
      target.destroy();
      after?.destroy();
    }
  }

  /** Close every connection of `role` on the board (e.g. after its token was rotated). */
  disconnect(
    boardId: string,
    role: Role,
    code: CloseCodeName | number = 'unauthorized',
    reason?: string,
  ): number {
    const room = this.rooms.get(boardId);
    if (!room) return 0;
    const name = typeof code === 'number' ? closeCodeName(code) : code;
    const victims = [...room.connections].filter((c) => c.role === role);
    const known = name === 'unknown' ? 'unauthorized' : name;
    for (const conn of victims) conn.close(known, reason ?? known);
    return victims.length;
  }

  /** Clients connected to the board now. */
  roomSize(boardId: string): number {
    return this.rooms.get(boardId)?.connections.size ?? 0;
  }

  stats(): RelayStats {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.connections.size;
    return { rooms: this.rooms.size, connections, unloading: this.unloading.size };
  }

  /** Store every board, close every socket with `goingAway`, free everything. Storage stays open. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    clearInterval(this.pingTimer);
    clearInterval(this.quietTimer);
    await Promise.all([...this.rooms.values()].map((room) => room.unload('goingAway')));
    await Promise.all([...this.unloading.values()]);
  }

  private room(boardId: string): Room {
    if (this.shuttingDown) throw new RelayError('SHUTTING_DOWN', 'the server is shutting down');
    if (!BoardId.safeParse(boardId).success) throw new RelayError('BAD_BOARD_ID', 'bad board id');
    let room = this.rooms.get(boardId);
    if (!room) {
      room = new Room(
        boardId,
        {
          storage: this.storage,
          limits: this.limits,
          metrics: this.metrics,
          logger: this.logger,
          workshop: this.workshops,
          fanout: this.fanout,
        },
        (gone, done) => this.forget(gone, done),
        this.unloading.get(boardId),
      );
      this.rooms.set(boardId, room);
    }
    return room;
  }

  private forget(room: Room, done: Promise<void>): void {
    if (this.rooms.get(room.boardId) === room) this.rooms.delete(room.boardId);
    const tracked = done.finally(() => {
      if (this.unloading.get(room.boardId) === tracked) this.unloading.delete(room.boardId);
    });
    this.unloading.set(room.boardId, tracked);
  }

  /**
   * Presence that tells the truth when a connection goes quiet without closing (a train tunnel, a
   * laptop lid): the TCP socket stays open and nothing says goodbye, so without this everyone
   * else saw that person's cursor frozen, and counted them here, until the ping timeout (30–60 s)
   * or y-protocols' awareness timeout (30 s) dropped them.
   *
   * One sweep for the whole relay, every third of `quietPresenceMs` — no timer per connection or
   * per message (a message only sets `heard`). A connection not heard from since the last sweep
   * is pinged (browsers and `ws` answer pings by themselves, so a stock y-websocket client needs
   * nothing new); one still silent two sweeps later loses its awareness states, which every
   * client — stock ones too — reads as that person leaving. The socket and its document sync
   * stay until the ping timeout: what they wrote offline still arrives, and their presence comes
   * back as soon as they are heard (see `RoomAwareness.remove`).
   *
   * Why not a cursor that fades on each client after a while without awareness: y-websocket only
   * renews a state every 15 s, and a background tab's timers may run once a minute, so a person
   * reading the board in another tab would look gone. A pong is answered by the browser's network
   * stack however the tab is throttled: silence there means the connection, not the person.
   */
  private sweepQuiet(): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) {
        if (conn.heard) {
          conn.heard = false;
          conn.quietSweeps = 0;
          continue;
        }
        conn.quietSweeps++;
        // Pinged at the first quiet sweep: its pong has two sweeps (a slow mobile link must not
        // make someone blink out), so the presence goes at the third.
        if (conn.quietSweeps === 3) room.awareness.remove(conn, 'quiet');
        conn.probe();
      }
    }
  }

  private pingAll(): void {
    for (const room of this.rooms.values()) {
      for (const conn of [...room.connections]) {
        if (conn.awaitingPong) conn.terminate();
        else conn.ping();
      }
    }
  }
}
