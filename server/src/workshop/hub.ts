/**
 * Runs the workshop of every board in this process: parses each `control` message, applies it
 * with the pure reducer in the room's queue (so it is ordered with document updates and can read
 * the board), performs the effects (step-end snapshot, tallies written to the cards as a server
 * transaction), and sends every connection the view its role may see.
 *
 * The state lives in this process, keyed by board, so it outlives a room that unloads when
 * everyone left for a moment; a restart forgets it (the run-sheet is rebuilt from the frames).
 */
import {
  ControlCommand,
  type ControlServerMessage,
  encodeControl,
  MAX_CONTROL_CHARS,
  newId,
  parseJson,
} from '@truenorth/shared';
import type * as Y from 'yjs';
import type { Metrics } from '../metrics.js';
import type { Connection } from '../relay/connection.js';
import type { RelayLogger } from '../relay/logger.js';
import { cardsInScope, defaultAgenda, writeTallies } from './board.js';
import { type Actor, initialState, reduce, type WorkshopState } from './state.js';
import { viewFor } from './view.js';

/** What the hub needs of a room (the relay's `Room` fits). */
export interface WorkshopRoom {
  readonly boardId: string;
  readonly connections: ReadonlySet<Connection>;
  run<T>(fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
  saveSnapshot(name: string, kind: 'agenda', createdBy: string | null): Promise<unknown>;
}

export interface WorkshopHubDeps {
  metrics: Metrics;
  logger: RelayLogger;
  /** Origin of the server's own transactions (the tallies). */
  serverOrigin: unknown;
  now?: () => number;
}

export class WorkshopHub {
  private readonly states = new Map<string, WorkshopState>();
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
  join(room: WorkshopRoom, _conn: Connection): void {
    room
      .run((doc) => this.stateOf(room.boardId, doc))
      .catch((err: unknown) => this.deps.logger.warn({ err, boardId: room.boardId }, 'workshop join failed'));
  }

  /** The state of a board, for tests and tools (undefined until someone joined). */
  peek(boardId: string): WorkshopState | undefined {
    return this.states.get(boardId);
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
      .run(async (doc) => {
        const state = this.stateOf(room.boardId, doc);
        const result = reduce(state, command, actor, {
          now: this.now(),
          newId,
          cardsInScope: (scope) => cardsInScope(doc, scope),
        });
        if (!result.ok) return result;
        this.states.set(room.boardId, result.state);
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
      })
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
        this.deps.logger.warn({ err, boardId: room.boardId }, 'workshop command failed');
      });
  }

  private stateOf(boardId: string, doc: Y.Doc): WorkshopState {
    let state = this.states.get(boardId);
    if (!state) {
      state = initialState(defaultAgenda(doc));
      this.states.set(boardId, state);
    }
    return state;
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
