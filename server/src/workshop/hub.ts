/**
 * Runs the workshop of every board in this process: parses each `control` message, applies it
 * with the pure reducer in the room's queue (so it is ordered with document updates and can read
 * the board), performs the effects (step-end snapshot, tallies written to the cards as a server
 * transaction), and sends every connection the view its role may see.
 *
 * The state is stored (`Storage.saveWorkshop`, with a version for optimistic concurrency) before
 * anyone sees a change, like document updates, so a restart resumes the timer, the open vote with
 * its ballots and private mode; times are absolute, so a running timer keeps its end. A room
 * loads the state on first use (a board nobody saved starts from its frames). With several nodes,
 * a save that lost to another node's reloads and applies the command once more; after a save the
 * fan-out tells the other nodes, which reload and send their clients the new views.
 */
import {
  ControlCommand,
  type ControlServerMessage,
  encodeControl,
  MAX_CONTROL_CHARS,
  newId,
  parseJson,
  type VoteScope,
} from '@truenorth/shared';
import type * as Y from 'yjs';
import type { Metrics } from '../metrics.js';
import type { Connection } from '../relay/connection.js';
import type { RelayLogger } from '../relay/logger.js';
import type { Storage } from '../storage/types.js';
import { cardsInScope, defaultAgenda, writeTallies } from './board.js';
import { parseWorkshopState } from './schema.js';
import { type Actor, initialState, type ReduceResult, reduce, type WorkshopState } from './state.js';
import { viewFor } from './view.js';

/** What the hub needs of a room (the relay's `Room` fits). */
export interface WorkshopRoom {
  readonly boardId: string;
  readonly connections: ReadonlySet<Connection>;
  run<T>(fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
  saveSnapshot(name: string, kind: 'agenda', createdBy: string | null): Promise<unknown>;
  /** Tell the other nodes that the board's workshop state was saved at `version` (fan-out). */
  publishControl?(version: number): void;
}

export interface WorkshopHubDeps {
  storage: Pick<Storage, 'loadWorkshop' | 'saveWorkshop'>;
  metrics: Metrics;
  logger: RelayLogger;
  /** Origin of the server's own transactions (the tallies). */
  serverOrigin: unknown;
  now?: () => number;
}

/** A board's state as loaded by one room; a new room of the board (this node rejoining) reloads. */
interface Entry {
  room: WeakRef<WorkshopRoom>;
  state: WorkshopState;
  /** The stored version `state` came from or was saved as; 0 when nothing is stored yet. */
  version: number;
}

export class WorkshopHub {
  private readonly states = new Map<string, Entry>();
  private readonly keys = new WeakMap<Connection, string>();
  private readonly now: () => number;

  constructor(private readonly deps: WorkshopHubDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * A new connection gets nothing until it says `hello`: the stock y-websocket provider logs an
   * error for every message type it does not know, so control messages are opt-in (like the
   * `stored` acks). The board's state is prepared now so the first `hello` is answered at once.
   */
  /**
   * The room is gone (unloaded or failed): drop its board's entry, which only that room used —
   * otherwise every board ever opened would stay in memory. A newer room's entry is kept.
   */
  /** Boards whose workshop state is in memory (for tests and operations). */
  get loadedBoards(): number {
    return this.states.size;
  }

  forget(room: WorkshopRoom): void {
    if (this.states.get(room.boardId)?.room.deref() === room) this.states.delete(room.boardId);
  }

  join(room: WorkshopRoom, _conn: Connection): void {
    room
      .run((doc) => this.entryOf(room, doc))
      .catch((err: unknown) => this.deps.logger.warn({ err, boardId: room.boardId }, 'workshop join failed'));
  }

  /** The state of a board, for tests and tools (undefined until someone joined). */
  peek(boardId: string): WorkshopState | undefined {
    return this.states.get(boardId)?.state;
  }

  /**
   * Another node saved the board's state (`version`, or null when unknown: notices may have been
   * missed). A room that has the state loaded reloads it and sends its clients the new views; a
   * room that has not loads it on first use anyway.
   */
  changedElsewhere(room: WorkshopRoom, version: number | null): void {
    const known = this.loadedBy(room);
    if (!known || (version !== null && version <= known.version)) return;
    room
      .run(async (doc) => {
        // Checked again in the queue: a local command may have saved that version meanwhile.
        const entry = this.loadedBy(room);
        if (!entry || (version !== null && version <= entry.version)) return null;
        return (await this.load(room, doc)).state;
      })
      .then((state) => {
        if (state) this.broadcast(room, state);
      })
      .catch((err: unknown) => {
        this.deps.logger.info({ err, boardId: room.boardId }, 'workshop reload failed');
      });
  }

  handle(room: WorkshopRoom, conn: Connection, text: string): void {
    if (text.length > MAX_CONTROL_CHARS) {
      conn.close('messageTooBig', 'control message too long');
      return;
    }
    const value = parseJson(text);
    if (value === undefined) {
      conn.close('badMessage', 'control message is not JSON');
      return;
    }
    const parsed = ControlCommand.safeParse(value);
    if (!parsed.success) {
      const type = (value as { type?: unknown } | null)?.type;
      this.reply(conn, {
        type: 'error',
        code: 'BAD_COMMAND',
        message: parsed.error.issues[0]?.message ?? 'not a control command',
        ...(typeof type === 'string' ? { command: type.slice(0, 40) } : {}),
      });
      return;
    }
    const command = parsed.data;
    if (command.type === 'hello') this.keys.set(conn, command.key);
    const actor = this.actorOf(conn);
    room
      .run((doc) => this.apply(room, doc, command, actor))
      .then((result) => {
        if (!result.ok) {
          if (result.code === 'FORBIDDEN')
            this.deps.metrics.droppedWrites.inc({ reason: 'control-forbidden' });
          this.reply(conn, {
            type: 'error',
            code: result.code,
            message: result.message,
            command: command.type,
          });
          return;
        }
        if (command.type === 'hello') this.sendView(conn, result.state);
        else this.broadcast(room, result.state);
      })
      .catch((err: unknown) => {
        // Storage failed (or the room is going away): nothing changed, the sender may retry.
        this.deps.logger.warn({ err, boardId: room.boardId }, 'workshop command failed');
        this.reply(conn, {
          type: 'error',
          code: 'UNAVAILABLE',
          message: 'the workshop could not be stored; try again',
          command: command.type,
        });
      });
  }

  /**
   * Reduce, store, then perform the effects (in the room's queue). A save that lost to another
   * node reloads what it stored and applies the command to that, once.
   */
  private async apply(
    room: WorkshopRoom,
    doc: Y.Doc,
    command: ControlCommand,
    actor: Actor,
  ): Promise<ReduceResult> {
    const ctx = { now: this.now(), newId, cardsInScope: (scope: VoteScope) => cardsInScope(doc, scope) };
    let entry = await this.entryOf(room, doc);
    let result = reduce(entry.state, command, actor, ctx);
    // Nothing changed (a `hello`): nothing to store.
    if (!result.ok || result.state === entry.state) return result;
    let version = await this.deps.storage.saveWorkshop(room.boardId, result.state, entry.version);
    if (version === null) {
      entry = await this.load(room, doc);
      result = reduce(entry.state, command, actor, ctx);
      if (!result.ok || result.state === entry.state) return result;
      version = await this.deps.storage.saveWorkshop(room.boardId, result.state, entry.version);
      if (version === null) {
        return { ok: false, code: 'CONFLICT', message: 'the workshop changed meanwhile; try again' };
      }
    }
    entry.state = result.state;
    entry.version = version;
    room.publishControl?.(version);
    for (const effect of result.effects) {
      if (effect.kind === 'writeTallies') {
        doc.transact(() => writeTallies(doc, effect.tallies), this.deps.serverOrigin);
      } else {
        await room.saveSnapshot(effect.name, 'agenda', null).catch((err: unknown) => {
          this.deps.logger.error({ err, boardId: room.boardId }, 'agenda snapshot failed');
        });
      }
    }
    return result;
  }

  /** The entry this room loaded, if any (call inside the room's queue to use it). */
  private loadedBy(room: WorkshopRoom): Entry | undefined {
    const entry = this.states.get(room.boardId);
    return entry && entry.room.deref() === room ? entry : undefined;
  }

  private async entryOf(room: WorkshopRoom, doc: Y.Doc): Promise<Entry> {
    return this.loadedBy(room) ?? (await this.load(room, doc));
  }

  /** Read the stored state; a board never saved, or a stored state that fails to parse, starts afresh. */
  private async load(room: WorkshopRoom, doc: Y.Doc): Promise<Entry> {
    const stored = await this.deps.storage.loadWorkshop(room.boardId);
    let state: WorkshopState | null = null;
    if (stored) {
      const parsed = parseWorkshopState(stored.state);
      if (parsed.ok) state = parsed.state;
      else
        this.deps.logger.warn(
          { boardId: room.boardId, version: stored.version, reason: parsed.error },
          'stored workshop state is unreadable; starting from the board',
        );
    }
    // The stored version is kept even when unreadable, so the next save replaces that row.
    const entry: Entry = {
      room: new WeakRef(room),
      state: state ?? initialState(defaultAgenda(doc)),
      version: stored?.version ?? 0,
    };
    this.states.set(room.boardId, entry);
    return entry;
  }

  private actorOf(conn: Connection): Actor {
    // The role prefix keeps a facilitator's and a participant's ballots apart even if a
    // browser sends the same key with both links.
    return { role: conn.role, key: `${conn.role}:${this.keys.get(conn) ?? `conn-${conn.id}`}` };
  }

  private sendView(conn: Connection, state: WorkshopState): void {
    this.reply(conn, { type: 'state', state: viewFor(state, this.actorOf(conn), this.now()) });
  }

  private broadcast(room: WorkshopRoom, state: WorkshopState): void {
    for (const conn of room.connections) if (this.keys.has(conn)) this.sendView(conn, state);
  }

  private reply(conn: Connection, message: ControlServerMessage): void {
    conn.send(encodeControl(message));
  }
}
