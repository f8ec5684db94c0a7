/**
 * One board in memory: its Y.Doc, awareness and connections.
 *
 * Durability: every change goes through one queue per room. A batch of writes is applied, the
 * changes it really made (the doc's `update` events, or a client's own update bytes) are appended
 * to storage, and only then are they broadcast, acknowledged, or visible in any sync reply — so
 * whatever a client has seen is on disk. With a storage that appends synchronously, a write
 * reaching a room with nothing queued goes all that way in the turn it arrived. If storage fails,
 * the room is dropped without storing anything more and every client is told to reconnect: their
 * documents still hold their edits and sync them again.
 */
import {
  canEdit,
  migrateDoc,
  newId,
  type Person,
  PresenceName,
  personKey,
  recordPeople,
  SyncStep,
} from '@truenorth/shared';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { FANOUT_ORIGIN, type Fanout, type FanoutLink, noFanout, STORAGE_ORIGIN } from '../fanout/types.js';
import type { Metrics } from '../metrics.js';
import type { SnapshotKind, SnapshotMeta, Storage, StoredDoc } from '../storage/types.js';
import type { WorkshopHub } from '../workshop/hub.js';
import { Connection } from './connection.js';
import { RelayError } from './errors.js';
import { prepare, prepareSync } from './frames.js';
import { type Limits, SHARED_COMPACT_EVERY } from './limits.js';
import { LockGuard } from './locks.js';
import type { RelayLogger } from './logger.js';
import {
  type ClientMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './messages.js';
import { RoomAwareness } from './room-awareness.js';
import { snapshotsToPrune, tookOneLately } from './snapshot-retention.js';
import { TitleGuard } from './title-guard.js';

/** An awareness message with no one's state in it: the answer to a query in an empty room. */
const NO_AWARENESS = encodeAwareness(encodeAwarenessEntries([]));

export interface RoomDeps {
  storage: Storage;
  limits: Limits;
  metrics: Metrics;
  logger: RelayLogger;
  /** Other nodes serving the same boards (Redis); none by default. */
  fanout?: Fanout;
  /** Handles `control` messages (the facilitator's workshop); without it they are ignored. */
  workshop?: WorkshopHub;
}

type Task =
  | { kind: 'greet'; conn: Connection }
  | { kind: 'step1'; conn: Connection; stateVector: Uint8Array }
  /** `own`: an incremental update (not a sync reply), whose bytes can be passed on as they came. */
  | { kind: 'write'; conn: Connection; update: Uint8Array; own: boolean }
  | { kind: 'run'; fn: (doc: Y.Doc) => unknown; resolve(value: unknown): void; reject(err: unknown): void };

/**
 * `toWriter`: sent to the connection it came from as well (it holds changes the writer has not).
 * `before`: a client's own bytes (`applyOwnBytes`), with the doc's state before they were applied.
 */
type Captured = { update: Uint8Array; origin: unknown; toWriter?: boolean; before?: Map<number, number> };

export type RoomState = 'loading' | 'ready' | 'unloading' | 'closed';

/** After clients join a room (several nodes), merge storage this soon: see `storageResyncMs`. */
const JOIN_RESYNC_MS = 1_500;

/** Origin of transactions the server makes itself (migrations, restores). */
export const SERVER_ORIGIN = 'truenorth-server';
/** The server listing who took part (`notePerson`): privileged, and no reason for a snapshot. */
const PEOPLE_ORIGIN = 'truenorth-people';
/** Names one connection may add to a board's people (someone correcting a typo, not a flood). */
const MAX_NAMES_PER_CONNECTION = 3;
/**
 * People newly seen are listed together, in one write once names have stopped arriving for
 * `PEOPLE_QUIET_MS` (and at the latest `PEOPLE_MAX_WAIT_MS` after the first of them): a room
 * filling up (a workshop starting) writes one update for all its newcomers. Listing each person
 * on their own made 200 writes for 200 people joining within a second, each sent to everyone in
 * the room (~20,000 updates for the clients to apply); a batch every 250 ms still made four, each
 * arriving in the middle of the others' joins (`bench:relay`'s storm: the joins around each of
 * them were slowed). The list is for the record: nobody waits on it.
 */
const PEOPLE_QUIET_MS = 250;
const PEOPLE_MAX_WAIT_MS = 2_000;

export class Room {
  readonly doc = new Y.Doc();
  readonly connections = new Set<Connection>();
  readonly awareness: RoomAwareness;
  state: RoomState = 'loading';
  private readonly queue: Task[] = [];
  private draining = false;
  private captured: Captured[] = [];
  /** The Yjs clients whose clocks each connection's writes advanced, in the batch being applied. */
  private writers = new Map<Connection, Set<number>>();
  /**
   * The whole board as a sync step 2 message, for clients that have nothing yet, and the update
   * inside it (a view of the same bytes) for exports; dropped on every change. A storm of fresh
   * joins (a restart, a workshop starting) or an export of a board nobody is editing then costs
   * no encoding.
   */
  private fullSync: { message: Uint8Array; update: Uint8Array } | null = null;
  /** Updates this room appended since the last compaction (or the load), and their bytes. */
  private sinceCompact = 0;
  private logBytes = 0;
  /** The size of the state the last compaction wrote (or the load read). */
  private stateBytes = 0;
  /** A client changed the board since its last automatic snapshot (not only the server). */
  private editedSinceSnapshot = false;
  /** The highest storage sequence this doc holds (single node: every one up to it). */
  private lastSeq = 0;
  private docBytes = 0;
  private unloadTimer: NodeJS.Timeout | undefined;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private readonly loaded: Promise<void>;
  private unloaded: Promise<void> = Promise.resolve();
  private readonly fanout: FanoutLink;
  private locks: LockGuard | undefined;
  private titleGuard: TitleGuard | undefined;
  /** The name each connection's presence showed when last looked at (`notePerson`). */
  private readonly named = new WeakMap<Connection, string>();
  /** How many names each connection has had listed. */
  private readonly listedBy = new WeakMap<Connection, number>();
  /** People this room has listed (or found listed), by `personKey`, with their role. */
  private readonly people = new Map<string, Person['role']>();
  /** People noted and not yet written, by `personKey`, and the timer that writes them. */
  private readonly peopleDue = new Map<string, Person>();
  private peopleTimer: NodeJS.Timeout | undefined;
  /** When the first and the latest name of the batch waiting in `peopleDue` were noted. */
  private peopleFirstAt = 0;
  private peopleLastAt = 0;
  private resyncTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly boardId: string,
    private readonly deps: RoomDeps,
    /** Called once when the room starts unloading or fails: the relay forgets it then. */
    private readonly onGone: (room: Room, done: Promise<void>) => void,
    /** The previous room of this board still unloading: load after it stored. */
    after: Promise<void> = Promise.resolve(),
  ) {
    this.awareness = new RoomAwareness(this.doc, deps.limits, deps.metrics, (m) => this.broadcast(m));
    this.fanout = (deps.fanout ?? noFanout).join({
      boardId,
      doc: this.doc,
      awareness: this.awareness.awareness,
      applyRemote: (update) => this.applyRemote(update),
      resync: () => this.resync(),
      controlChanged: (version) => this.deps.workshop?.changedElsewhere(this, version),
    });
    deps.metrics.roomsLoaded.inc();
    this.loaded = this.load(after);
    // Rejections are handled by the drain; this only keeps Node from reporting them as unhandled.
    this.loaded.catch(() => {});
    this.drain();
  }

  addConnection(conn: Connection): void {
    clearTimeout(this.unloadTimer);
    this.unloadTimer = undefined;
    this.connections.add(conn);
    this.scheduleStorageResync(JOIN_RESYNC_MS);
    this.enqueue({ kind: 'greet', conn });
    this.deps.workshop?.join(this, conn);
  }

  removeConnection(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.awareness.remove(conn);
    this.scheduleUnloadIfIdle();
  }

  handleMessage(conn: Connection, message: ClientMessage): void {
    switch (message.kind) {
      case 'syncStep1':
        this.enqueue({ kind: 'step1', conn, stateVector: message.stateVector });
        return;
      case 'syncStep2':
      case 'update':
        if (message.empty) return;
        if (!canEdit(conn.role)) {
          this.deps.metrics.droppedWrites.inc({ reason: 'observer' });
          return;
        }
        this.enqueue({ kind: 'write', conn, update: message.update, own: message.kind === 'update' });
        return;
      case 'awareness':
        this.awareness.apply(conn, message.entries);
        if (conn.role !== 'observer') this.notePerson(conn, conn.role);
        return;
      case 'queryAwareness':
        // Always answered, with no one's state when there is none: Truenorth's page asks when the
        // server has been silent a while, to tell a live connection from one that died unclosed.
        conn.send(this.awareness.fullState() ?? NO_AWARENESS);
        return;
      case 'wantsAcks':
        conn.wantsAcks = true;
        return;
      case 'control':
        this.deps.workshop?.handle(this, conn, message.text);
        return;
      default:
        message satisfies never;
    }
  }

  /**
   * List a facilitator or participant in the board's `people` (for the workshop record) the
   * first time their presence shows a name, with the role of their link. The awareness states
   * are already parsed by y-protocols; each connection's name is looked at once per change.
   */
  private notePerson(conn: Connection, role: Person['role']): void {
    const states = this.awareness.awareness.getStates();
    for (const id of conn.awarenessIds) {
      const state = states.get(id) as { user?: { name?: unknown } } | undefined;
      const raw = state?.user?.name;
      if (typeof raw !== 'string' || this.named.get(conn) === raw) continue;
      this.named.set(conn, raw);
      const parsed = PresenceName.safeParse(state);
      if (!parsed.success) continue;
      const name = parsed.data.user.name;
      const key = personKey(name);
      const known = this.people.get(key);
      if (known === 'facilitator' || known === role) continue;
      // A name changed over and over must not fill the board's people: a few per connection.
      const listed = this.listedBy.get(conn) ?? 0;
      if (listed >= MAX_NAMES_PER_CONNECTION) continue;
      this.listedBy.set(conn, listed + 1);
      this.people.set(key, role);
      // Raised to facilitator before their batch was written: still listed as they first came.
      const due = this.peopleDue.get(key);
      this.peopleDue.set(key, { name: due?.name ?? name, role, at: due?.at ?? Date.now() });
      this.peopleLastAt = performance.now();
      if (this.peopleTimer === undefined) {
        this.peopleFirstAt = this.peopleLastAt;
        this.waitForPeople(PEOPLE_QUIET_MS);
      }
    }
  }

  /**
   * The batch's timer: set once per batch and moved on when it fires early (a name came since),
   * rather than reset for every name of a room filling up.
   */
  private waitForPeople(ms: number): void {
    this.peopleTimer = setTimeout(() => {
      const due = Math.min(this.peopleLastAt + PEOPLE_QUIET_MS, this.peopleFirstAt + PEOPLE_MAX_WAIT_MS);
      const left = due - performance.now();
      if (left > 1) this.waitForPeople(left);
      else this.writePeople();
    }, ms);
    this.peopleTimer.unref();
  }

  /** Write the people noted since the last batch, in one transaction (see PEOPLE_QUIET_MS). */
  private writePeople(): void {
    clearTimeout(this.peopleTimer);
    this.peopleTimer = undefined;
    if (this.peopleDue.size === 0) return;
    const batch = [...this.peopleDue];
    this.peopleDue.clear();
    this.run((doc) =>
      recordPeople(
        doc,
        batch.map(([, person]) => person),
        PEOPLE_ORIGIN,
      ),
    ).catch((err) => {
      for (const [key] of batch) this.people.delete(key);
      this.deps.logger.warn(
        { err, boardId: this.boardId, count: batch.length },
        'could not list participants',
      );
    });
  }

  /** Run `fn` on the loaded document in queue order; changes it makes are stored, then broadcast. */
  run<T>(fn: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue({ kind: 'run', fn, resolve: resolve as (v: unknown) => void, reject });
      this.scheduleUnloadIfIdle();
    });
  }

  /** Save the current state as a snapshot. Call from inside `run` so it reflects stored state. */
  async saveSnapshot(
    name: string,
    kind: SnapshotKind,
    createdBy: string | null,
    restoreOf: string | null = null,
  ): Promise<SnapshotMeta> {
    const update = Y.encodeStateAsUpdate(this.doc);
    const record = {
      id: newId(),
      boardId: this.boardId,
      name,
      kind,
      createdAt: new Date().toISOString(),
      createdBy,
      restoreOf,
      update,
    };
    await this.timed('snapshot', () => this.deps.storage.saveSnapshot(record));
    const { update: _, ...meta } = record;
    return { ...meta, size: update.byteLength };
  }

  /** Tell the other nodes the board's workshop state was saved at `version`. */
  publishControl(version: number): void {
    this.fanout.publishControl?.(version);
  }

  /** Store the state (compacting the log), close every socket with `code`, and free the room. */
  unload(code: 'goingAway' | 'normal' = 'goingAway'): Promise<void> {
    if (this.state === 'unloading' || this.state === 'closed') return this.unloaded;
    // Queued ahead of the compaction below, so they are in what it stores.
    this.writePeople();
    this.state = 'unloading';
    // People's changes since the last automatic snapshot: when everyone has left, their snapshot
    // is taken now rather than after the board's next change, so the state people left the board
    // in is in its history. (Not for the server's own changes — a new board's template — and not
    // on shutdown, when clients reconnect at once: then it waits for the next change.)
    const snapshotDue = this.snapshotTimer !== undefined && this.editedSinceSnapshot && code === 'normal';
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    for (const conn of [...this.connections]) conn.close(code);
    this.unloaded = new Promise<void>((resolve) => {
      this.queue.push({
        kind: 'run',
        fn: async () => {
          if (this.sinceCompact > 0) await this.compact();
          if (snapshotDue) await this.takePeriodicSnapshot();
        },
        resolve: () => resolve(),
        reject: () => resolve(),
      });
      this.drain();
    }).finally(() => this.destroy());
    this.onGone(this, this.unloaded);
    return this.unloaded;
  }

  private enqueue(task: Task): void {
    if (this.state === 'unloading' || this.state === 'closed') {
      if (task.kind === 'run')
        task.reject(new RelayError('BOARD_UNAVAILABLE', 'the board is being unloaded'));
      return;
    }
    this.queue.push(task);
    if (!this.draining) this.drain();
  }

  private scheduleUnloadIfIdle(): void {
    if (this.connections.size > 0 || this.unloadTimer !== undefined) return;
    if (this.state === 'unloading' || this.state === 'closed') return;
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = undefined;
      if (this.connections.size === 0 && this.queue.length === 0) void this.unload('normal');
      else this.scheduleUnloadIfIdle();
    }, this.deps.limits.unloadAfterMs);
    this.unloadTimer.unref();
  }

  private async load(after: Promise<void>): Promise<void> {
    await after;
    // Other nodes' updates stored from here on reach the room through the fan-out.
    await this.fanout.ready;
    const stored = await this.timed('load', () => this.deps.storage.loadDoc(this.boardId));
    this.deps.metrics.roomLoads.inc();
    this.mergeStored(stored, null);
    // Only a participant's own writes are checked against locks; the facilitator's, the server's
    // and other nodes' (checked there) set them.
    this.locks = new LockGuard(this.doc, {
      privileged: (origin) => !(origin instanceof Connection) || origin.role === 'facilitator',
      repairOrigin: SERVER_ORIGIN,
    });
    // The title is the server's to write (with the board record), whoever's connection tries.
    this.titleGuard = new TitleGuard(this.doc, {
      mayWrite: (origin) => !(origin instanceof Connection),
      repairOrigin: SERVER_ORIGIN,
    });
    this.sinceCompact = stored.updates.length;
    this.lastSeq = stored.lastSeq;
    this.stateBytes = stored.state?.byteLength ?? 0;
    this.logBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
    this.docBytes = this.stateBytes + this.logBytes;
    this.doc.on('update', this.capture);
    this.doc.on('afterTransaction', this.noteWriter);
    // The server is the one party that migrates, so a migration's inserts happen exactly once.
    const migration = migrateDoc(this.doc, SERVER_ORIGIN);
    if (migration.status === 'newer') {
      this.deps.logger.warn(
        { boardId: this.boardId, version: migration.version },
        'board has a newer schema',
      );
    }
    await this.flush();
    this.state = 'ready';
  }

  private readonly capture = (update: Uint8Array, origin: unknown): void => {
    this.fullSync = null;
    if (origin === FANOUT_ORIGIN || origin === STORAGE_ORIGIN) {
      // Stored already (by another node, or read from storage): only the clients need it.
      this.docBytes += update.byteLength;
      this.broadcast(encodeUpdate(update));
      // Read from storage: a node that stored it may have died before publishing it, and the
      // other nodes' clients would never see it (nor anything its writer builds on it).
      if (origin === STORAGE_ORIGIN) this.fanout.published(update);
      return;
    }
    this.captured.push({ update, origin });
  };

  /** Which clients a connection's write advanced: what its `stored` acknowledgement names. */
  private readonly noteWriter = (tr: Y.Transaction): void => {
    // Only for clients that read acknowledgements (the stock provider does not ask for them).
    if (!(tr.origin instanceof Connection) || !tr.origin.wantsAcks) return;
    let clients = this.writers.get(tr.origin);
    for (const [client, clock] of tr.afterState) {
      if ((tr.beforeState.get(client) ?? 0) === clock) continue;
      if (!clients) {
        clients = new Set();
        this.writers.set(tr.origin, clients);
      }
      clients.add(client);
    }
  };

  private mergeStored(stored: StoredDoc, origin: typeof STORAGE_ORIGIN | null): void {
    this.doc.transact(() => {
      if (stored.state) Y.applyUpdate(this.doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, origin);
  }

  /** An update another node stored. */
  private applyRemote(update: Uint8Array): void {
    if (this.state === 'loading') {
      this.loaded.then(
        () => this.applyRemote(update),
        () => {},
      );
      return;
    }
    if (this.state !== 'ready') return;
    try {
      Y.applyUpdate(this.doc, update, FANOUT_ORIGIN);
    } catch (err) {
      this.deps.logger.warn(
        { err, boardId: this.boardId },
        'undecodable update from another node; re-syncing',
      );
      void this.resync();
    }
  }

  /**
   * The fan-out's safety net (several nodes only): a join burst — e.g. clients moving here from
   * a node that died — and then every `storageResyncMs` while clients are here, merge storage.
   * Stream gaps are caught at the next entry; this also catches the last updates a dying node
   * stored but never published, when no entry follows them.
   */
  private scheduleStorageResync(delay: number): void {
    const every = this.deps.limits.storageResyncMs;
    if (this.alone || every === 0) return;
    if (this.resyncTimer !== undefined) {
      if (delay >= every) return;
      clearTimeout(this.resyncTimer);
    }
    this.resyncTimer = setTimeout(
      () => {
        this.resyncTimer = undefined;
        if (this.state === 'closed' || this.state === 'unloading' || this.connections.size === 0) return;
        void this.resync().finally(() => this.scheduleStorageResync(every));
      },
      Math.min(delay, every),
    );
    this.resyncTimer.unref();
  }

  /** Merge what storage holds: heals any gap in the fan-out (Yjs merging is idempotent). */
  private async resync(): Promise<void> {
    try {
      await this.loaded;
      if (this.state !== 'ready') return;
      const stored = await this.timed('load', () => this.deps.storage.loadDoc(this.boardId));
      if (this.state === 'ready') this.mergeStored(stored, STORAGE_ORIGIN);
    } catch (err) {
      // A failed load ends the room itself; a failed re-sync waits for the next gap or reconnect.
      if (this.state === 'ready')
        this.deps.logger.warn({ err, boardId: this.boardId }, 're-sync from storage failed');
    }
  }

  /**
   * Work through the queue in order. While each step completes at once — the room loaded, a
   * storage that appends synchronously (SQLite's journal), no `run` task, no compaction due — a
   * write is applied, stored and broadcast in the turn it arrived, with no promise on its way;
   * from the first step that has to wait, the rest goes on in `drainLater`.
   */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    if (this.state === 'ready') {
      try {
        while (this.queue.length > 0 && this.queue[0]!.kind !== 'run' && !this.compactionDue()) {
          const stored = this.processBatch(this.nextBatch());
          if (stored) {
            void this.drainLater(stored);
            return;
          }
        }
      } catch (err) {
        this.draining = false;
        this.fail(err);
        return;
      }
      if (this.queue.length === 0 && !this.compactionDue()) {
        this.draining = false;
        return;
      }
    }
    void this.drainLater();
  }

  /** The rest of `drain`, after `inFlight` (a batch being stored); `draining` is set. */
  private async drainLater(inFlight?: Promise<void>): Promise<void> {
    try {
      await inFlight;
      await this.loaded;
      for (;;) {
        if (this.compactionDue()) await this.compact();
        const first = this.queue[0];
        if (first === undefined) break;
        if (first.kind === 'run') {
          this.queue.shift();
          await this.runTask(first);
        } else {
          await this.processBatch(this.nextBatch());
        }
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.draining = false;
    }
    if (this.queue.length > 0 && this.state !== 'closed') this.drain();
  }

  /** The queued tasks up to the next `run` task (applied together, stored as one update). */
  private nextBatch(): Task[] {
    const end = this.queue.findIndex((t) => t.kind === 'run');
    return this.queue.splice(0, end === -1 ? this.queue.length : end);
  }

  /** The log holds `compactEvery` updates, or more bytes than the last state and `compactLogBytes`. */
  private compactionDue(): boolean {
    const { compactEvery, compactLogBytes } = this.deps.limits;
    const every = this.alone ? compactEvery : Math.min(compactEvery, SHARED_COMPACT_EVERY);
    return this.sinceCompact >= every || this.logBytes >= Math.max(compactLogBytes, this.stateBytes);
  }

  private async runTask(task: Extract<Task, { kind: 'run' }>): Promise<void> {
    let value: unknown;
    try {
      value = await task.fn(this.doc);
    } catch (err) {
      task.reject(err);
      // What `fn` changed before it threw is in the doc: store it before anyone can see it.
      await this.flush();
      return;
    }
    try {
      await this.flush();
    } catch (err) {
      task.reject(err);
      throw err;
    }
    task.resolve(value);
  }

  /** Apply a batch, store what it changed, then broadcast and answer; a promise only while storing. */
  private processBatch(batch: Task[]): Promise<void> | undefined {
    const writers = this.applyBatch(batch);
    const stored = this.flush();
    if (stored) return stored.then(() => this.answer(batch, writers));
    this.answer(batch, writers);
    return undefined;
  }

  /** Apply the batch's writes; returns the connections (that want acks) whose writes it applied. */
  private applyBatch(batch: Task[]): Map<Connection, Set<number>> {
    const writers = this.writers;
    for (const task of batch) {
      if (task.kind !== 'write') continue;
      if (!this.fits(task.update)) {
        task.conn.close('docTooLarge');
        continue;
      }
      try {
        if (task.own) this.applyOwnBytes(task.update, task.conn);
        else Y.applyUpdate(this.doc, task.update, task.conn);
      } catch {
        task.conn.close('badMessage', 'not a Yjs update');
        continue;
      } finally {
        // Items held back change the board's encoding without an `update` event (whole()).
        if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) this.fullSync = null;
        // In the same batch, so the repair is stored and broadcast together with the write.
        const repaired = this.locks?.repair() ?? 0;
        if (repaired > 0) this.deps.metrics.droppedWrites.inc({ reason: 'locked' }, repaired);
        if (this.titleGuard?.repair()) this.deps.metrics.droppedWrites.inc({ reason: 'title' });
      }
      // A write that changed nothing (already known) is still acknowledged.
      if (task.conn.wantsAcks && !writers.has(task.conn)) writers.set(task.conn, new Set());
    }
    this.writers = new Map();
    return writers;
  }

  /** After the batch is stored: acknowledge its writers, greet and answer its sync requests. */
  private answer(batch: Task[], writers: Map<Connection, Set<number>>): void {
    if (writers.size > 0) this.acknowledge(writers);
    for (const task of batch) {
      if (task.kind === 'greet') {
        task.conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
        const awareness = this.awareness.fullState();
        if (awareness) task.conn.send(awareness);
      } else if (task.kind === 'step1') {
        const reply = this.syncReply(task.stateVector);
        if (reply) task.conn.send(reply);
        else task.conn.close('badMessage', 'bad state vector');
      }
    }
  }

  /**
   * Apply a client's incremental update and store and send on the bytes it came in. Otherwise
   * Yjs encodes every transaction's update anew for the doc's `update` event (an encoder, each
   * struct written again: ~5 % of the relay's main thread in the fan-out), when the client's
   * bytes already say what the transaction did — provided nothing was pending in the doc, so the
   * transaction integrated nothing else. Items of the update that wait for missing ones stay in its
   * bytes, stored and sent on now. If Yjs throws part-way (a broken delete set after the structs),
   * or an observer made changes of its own in further transactions, what the doc took in is
   * encoded from it instead: the bytes that failed are never stored or sent, and no change is
   * left out.
   */
  private applyOwnBytes(update: Uint8Array, conn: Connection): void {
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      Y.applyUpdate(this.doc, update, conn);
      return;
    }
    this.doc.off('update', this.capture);
    this.doc.on('afterTransaction', this.seeTransaction);
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      this.captureSeen(conn);
      throw err;
    } finally {
      this.doc.off('afterTransaction', this.seeTransaction);
      this.doc.on('update', this.capture);
    }
    if (this.seenMore) {
      this.captureSeen(conn);
      return;
    }
    const tr = this.seen;
    this.seen = null;
    if ((tr !== null && changedDoc(tr)) || store.pendingStructs !== null || store.pendingDs !== null) {
      this.fullSync = null;
      this.captured.push({ update, origin: conn, before: tr?.beforeState ?? new Map() });
    }
  }

  /** The first transaction `applyOwnBytes` ran, and whether others ran after it (observers'). */
  private seen: Y.Transaction | null = null;
  private seenMore = false;
  private readonly seeTransaction = (tr: Y.Transaction): void => {
    if (this.seen === null) this.seen = tr;
    else this.seenMore = true;
  };

  /** What the doc took in since the first transaction seen, encoded from the doc (`applyOwnBytes`). */
  private captureSeen(origin: Connection): void {
    const first = this.seen;
    const more = this.seenMore;
    this.seen = null;
    this.seenMore = false;
    if (first === null || !(more || changedDoc(first))) return;
    this.fullSync = null;
    const since = Y.encodeStateVector(first.beforeState);
    // With an observer's changes in it, the writer needs it too.
    this.captured.push({ update: Y.encodeStateAsUpdate(this.doc, since), origin, toWriter: more });
  }

  /** Sync step 2 for a client's state vector; null when the state vector is unusable. */
  private syncReply(stateVector: Uint8Array): Uint8Array | null {
    // An empty state vector is the single byte 0 (no clients).
    const fresh = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (fresh) return this.whole().message;
    try {
      return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    } catch {
      return null;
    }
  }

  /**
   * Whether the board stays within `maxDocBytes` with this update. What counts is what the board
   * would encode: its content and what Yjs holds back as pending (items whose dependencies never
   * arrived — nothing a well-behaved client sends on one node, so otherwise a way around the
   * limit). The running count (stored state plus the log since) overstates the content, so near
   * the maximum it is replaced by the board's encoded size (encoded once per change, and kept for
   * fresh joins). An update that only deletes items the board has always fits: a full board can
   * still be cleared.
   */
  private fits(update: Uint8Array): boolean {
    const max = this.deps.limits.maxDocBytes;
    const pending = pendingBytes(this.doc);
    if (this.docBytes + pending + update.byteLength <= max || onlyDeletesKnown(update, this.doc)) return true;
    const whole = this.whole().update.byteLength;
    this.docBytes = Math.max(0, whole - pending);
    return whole + update.byteLength <= max;
  }

  /**
   * The whole board as one update — encoded once per change, shared with fresh joins. Call it in
   * the room's order (`run`), where the document holds only stored changes. The bytes are shared:
   * copy them, never transfer or change them.
   */
  wholeState(): Uint8Array {
    return this.whole().update;
  }

  private whole(): { message: Uint8Array; update: Uint8Array } {
    if (!this.fullSync) {
      const update = Y.encodeStateAsUpdate(this.doc);
      const message = encodeSyncStep2(update);
      this.fullSync = { message, update: message.subarray(message.byteLength - update.byteLength) };
    }
    return this.fullSync;
  }

  /**
   * Store what the doc's transactions produced, then broadcast it (never the other way round).
   * Done when it returns with a storage that appends synchronously; otherwise the promise.
   */
  private flush(): Promise<void> | undefined {
    if (this.captured.length === 0) return undefined;
    const captured = this.captured;
    this.captured = [];
    const merged = captured.length === 1 ? captured[0]!.update : this.merge(captured);
    const seq = this.append(merged);
    if (typeof seq === 'number') {
      this.publish(captured, merged, seq);
      return undefined;
    }
    return seq.then((s) => this.publish(captured, merged, s));
  }

  /**
   * Several captured updates as one. A client's own bytes are never merged as they came: Yjs
   * applying an update keeps only the last of two sections for one client, merging keeps both, so
   * the stored log would hold what the board never took in (and would show it after a reload,
   * past the lock guard). From the first of them on, the update is encoded from the doc instead.
   */
  private merge(captured: readonly Captured[]): Uint8Array {
    const firstOwn = captured.findIndex((c) => c.before !== undefined);
    if (firstOwn === -1) return Y.mergeUpdates(captured.map((c) => c.update));
    const since = Y.encodeStateVector(captured[firstOwn]!.before!);
    const earlier = captured.slice(0, firstOwn).map((c) => c.update);
    return Y.mergeUpdates([...earlier, Y.encodeStateAsUpdate(this.doc, since)]);
  }

  /**
   * Append to storage, timed. A failure drops the room — the doc now holds changes that are not
   * stored: it must never be served again — and is thrown (or rejected) on.
   */
  private append(update: Uint8Array): number | Promise<number> {
    const start = performance.now();
    let seq: number | Promise<number>;
    try {
      seq = this.deps.storage.appendUpdate(this.boardId, update);
    } catch (err) {
      return this.appendFailed(start, err);
    }
    if (typeof seq === 'number') {
      this.appendTook(start);
      return seq;
    }
    return seq.then(
      (s) => {
        this.appendTook(start);
        return s;
      },
      (err: unknown) => this.appendFailed(start, err),
    );
  }

  private appendTook(start: number): void {
    this.deps.metrics.storeLatency.observe('append', (performance.now() - start) / 1000);
  }

  private appendFailed(start: number, err: unknown): never {
    this.appendTook(start);
    this.fail(err);
    throw err;
  }

  /** A stored update out to the other nodes and to every client but its writer. */
  private publish(captured: Captured[], merged: Uint8Array, seq: number): void {
    this.lastSeq = seq;
    this.sinceCompact++;
    this.logBytes += merged.byteLength;
    this.docBytes += merged.byteLength;
    this.fanout.published(merged);
    // Someone joining (the board's people) is not a change worth an automatic snapshot.
    if (captured.some((c) => c.origin !== PEOPLE_ORIGIN)) this.armSnapshot();
    for (const { update, origin, toWriter } of captured) {
      if (origin instanceof Connection) this.editedSinceSnapshot = true;
      const message = prepareSync(SyncStep.update, update);
      for (const conn of this.connections) if (conn !== origin || toWriter) conn.sendPrepared(message);
    }
  }

  /** Tell each writer (that asked) which of its clients' updates are now durable. */
  private acknowledge(writers: Map<Connection, Set<number>>): void {
    for (const [conn, clients] of writers) {
      if (!conn.wantsAcks) continue;
      const clocks = new Map<number, number>();
      for (const c of [...clients, ...conn.awarenessIds]) {
        const clock = Y.getState(this.doc.store, c);
        if (clock > 0) clocks.set(c, clock);
      }
      conn.acknowledge(clocks);
    }
  }

  /**
   * Replace the stored log by the doc's state. On a single node this process is the board's only
   * writer, so the doc holds every stored update up to `lastSeq`: compact straight from memory.
   * With other nodes (shared storage), updates of theirs below our own last sequence may not have
   * reached this doc yet: compacting up to `lastSeq` would delete them. So there, on one node at a
   * time, merge what storage holds first and compact up to the sequence that read returned.
   */
  private async compact(): Promise<void> {
    try {
      if (this.alone) {
        const state = Y.encodeStateAsUpdate(this.doc);
        await this.timed('compact', () => this.deps.storage.compact(this.boardId, state, this.lastSeq));
        this.compacted(state.byteLength);
      } else {
        await this.fanout.exclusive(async () => {
          const stored = await this.timed('load', () => this.deps.storage.loadDoc(this.boardId));
          this.mergeStored(stored, STORAGE_ORIGIN);
          const state = Y.encodeStateAsUpdate(this.doc);
          await this.timed('compact', () => this.deps.storage.compact(this.boardId, state, stored.lastSeq));
          this.compacted(state.byteLength);
        });
      }
    } catch (err) {
      // The log is intact and still loads; try again at the next threshold.
      this.sinceCompact = 0;
      this.logBytes = 0;
      this.deps.logger.error({ err, boardId: this.boardId }, 'compaction failed');
    }
  }

  /** The log starts over after a state of `stateBytes`. */
  private compacted(stateBytes: number): void {
    this.sinceCompact = 0;
    this.logBytes = 0;
    this.stateBytes = stateBytes;
    this.docBytes = stateBytes;
  }

  /** No other node writes this board's storage (no fan-out). */
  private get alone(): boolean {
    return this.deps.fanout === undefined || this.deps.fanout.kind === 'none';
  }

  private armSnapshot(): void {
    const interval = this.deps.limits.snapshotIntervalMs;
    if (interval === 0 || this.snapshotTimer !== undefined) return;
    this.snapshotTimer = setTimeout(() => {
      this.run(async () => {
        this.snapshotTimer = undefined;
        return this.takePeriodicSnapshot();
      })
        // Outside the room's queue: thinning old snapshots never holds up anyone's edits.
        .then((snapshots) => snapshots && this.pruneSnapshots(snapshots))
        .catch((err: unknown) => {
          this.deps.logger.warn(
            { err, boardId: this.boardId },
            'automatic snapshot not taken or not thinned; kept what there was',
          );
        });
    }, interval);
    this.snapshotTimer.unref();
  }

  /**
   * Take an automatic snapshot unless another node has just taken one (`tookOneLately`). Resolves
   * with the board's snapshots including the new one, for thinning; null when none was taken.
   */
  private async takePeriodicSnapshot(): Promise<SnapshotMeta[] | null> {
    try {
      this.editedSinceSnapshot = false;
      const snapshots = await this.deps.storage.listSnapshots(this.boardId);
      if (tookOneLately(snapshots, Date.now(), this.deps.limits.snapshotIntervalMs)) return null;
      return [await this.saveSnapshot('Automatic snapshot', 'periodic', null), ...snapshots];
    } catch (err) {
      this.deps.logger.error({ err, boardId: this.boardId }, 'automatic snapshot failed');
      return null;
    }
  }

  /** Let go of the automatic snapshots the retention schedule no longer keeps (snapshot-retention.ts). */
  private async pruneSnapshots(snapshots: readonly SnapshotMeta[]): Promise<void> {
    if (this.state !== 'ready') return; // unloading or gone: storage may be closing
    const { storage, limits, metrics } = this.deps;
    const prune = snapshotsToPrune(snapshots, Date.now(), {
      keepAllMs: limits.snapshotKeepAllMs,
      keepHourlyMs: limits.snapshotKeepHourlyMs,
    });
    if (prune.length === 0) return;
    const deleted = await this.timed('pruneSnapshots', () => storage.deleteSnapshots(this.boardId, prune));
    metrics.snapshotsPruned.inc({}, deleted);
  }

  /** Run a storage call and record how long it took (the call runs inside, so sync backends count). */
  private async timed<T>(op: string, call: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await call();
    } finally {
      this.deps.metrics.storeLatency.observe(op, (performance.now() - start) / 1000);
    }
  }

  private broadcast(message: Uint8Array): void {
    const prepared = prepare(message);
    for (const conn of this.connections) conn.sendPrepared(prepared);
  }

  /** Storage failed: forget this room without storing more; clients reconnect and resync. */
  private fail(err: unknown): void {
    if (this.state === 'closed') return;
    this.deps.logger.error({ err, boardId: this.boardId }, 'room failed; clients will reconnect');
    const wasUnloading = this.state === 'unloading';
    this.state = 'unloading';
    for (const conn of [...this.connections]) conn.close('tryAgainLater', 'board unavailable, reconnect');
    const error = new RelayError('BOARD_UNAVAILABLE', 'the board could not be stored or loaded', {
      cause: err,
    });
    for (const task of this.queue.splice(0)) {
      if (task.kind === 'run') task.reject(error);
    }
    if (!wasUnloading) this.onGone(this, Promise.resolve());
    this.destroy();
  }

  private destroy(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.unloadTimer);
    clearTimeout(this.snapshotTimer);
    clearTimeout(this.resyncTimer);
    clearTimeout(this.peopleTimer);
    this.unloadTimer = undefined;
    this.peopleTimer = undefined;
    this.snapshotTimer = undefined;
    this.resyncTimer = undefined;
    this.fanout.leave();
    this.deps.workshop?.forget(this);
    this.fullSync = null;
    this.awareness.destroy();
    this.locks?.destroy();
    this.titleGuard?.destroy();
    this.doc.off('update', this.capture);
    this.doc.off('afterTransaction', this.noteWriter);
    this.doc.destroy();
    this.deps.metrics.roomsLoaded.dec();
  }
}

/** Whether a transaction changed the doc: what Yjs checks before emitting its `update` event. */
function changedDoc(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

/** What Yjs holds back in `doc` for lack of the items it depends on (encoded, as it keeps it). */
function pendingBytes(doc: Y.Doc): number {
  const { pendingStructs, pendingDs } = doc.store;
  return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
}

/**
 * A (v1) Yjs update that adds nothing and deletes only items `doc` has: no new items (its first
 * number, the count of clients whose items it carries, is 0), then a delete set whose every range
 * lies within what `doc` holds of its client. Anything else, or bytes that do not read as that,
 * is not.
 */
function onlyDeletesKnown(update: Uint8Array, doc: Y.Doc): boolean {
  try {
    const d = decoding.createDecoder(update);
    if (decoding.readVarUint(d) !== 0) return false;
    for (let clients = decoding.readVarUint(d); clients > 0; clients--) {
      const client = decoding.readVarUint(d);
      const held = Y.getState(doc.store, client);
      for (let ranges = decoding.readVarUint(d); ranges > 0; ranges--) {
        const clock = decoding.readVarUint(d);
        const length = decoding.readVarUint(d);
        if (clock + length > held) return false;
      }
    }
    return !decoding.hasContent(d);
  } catch {
    return false;
  }
}
