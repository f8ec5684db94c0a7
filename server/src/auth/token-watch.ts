/**
 * Which participant and observer links this node lets sockets hold, per board: the token hashes
 * as last read from storage. Storage is the truth; a rotation on any node changes it there, and
 * this node only has to re-read it in time (a notice from the rotating node, a reconnect of the
 * fan-out, a socket presenting a hash this node has not seen). Every open socket of a board and
 * role was admitted under the hash held here, and whenever a read finds another hash, that role's
 * sockets are cut off at once: so no socket outlives its link by more than a re-read.
 *
 * Only hashes are kept (the stored digests), never a presented token. A board is watched while a
 * WebSocket holds it (from its token check until the TCP socket closes), so the map shrinks with
 * the connections.
 *
 * Reads of one board run one after another and a request for a read joins one not yet started:
 * a read started later never sees an older state of storage than one started before it, so what
 * is held here never goes back to a replaced link.
 */
import type { RotatableRole } from '@truenorth/shared';

/** Participant and observer token hashes of a board (null: the board is gone). */
export type LinkHashes = Readonly<Record<RotatableRole, string>> | null;

export const ROTATABLE_ROLES: readonly RotatableRole[] = ['participant', 'observer'];

export interface TokenWatchOptions {
  /** The board's stored hashes (a fresh read). */
  read(boardId: string): Promise<LinkHashes>;
  /** Close every socket of `role` on the board: its link was replaced. */
  cut(boardId: string, role: RotatableRole): void;
}

interface Watched {
  /** WebSockets holding the board: checked, or open. */
  holders: number;
  /** What the last read found; undefined before the first read. */
  hashes: LinkHashes | undefined;
  /** The read running or last run (never rejects). */
  tail: Promise<void>;
  /** A read asked for but not yet started. */
  queued: Promise<void> | null;
}

export class TokenWatch {
  private readonly boards = new Map<string, Watched>();

  constructor(private readonly options: TokenWatchOptions) {}

  /** Watch the board until the returned function is called (more than once is fine). */
  hold(boardId: string): () => void {
    let watched = this.boards.get(boardId);
    if (!watched) {
      watched = { holders: 0, hashes: undefined, tail: Promise.resolve(), queued: null };
      this.boards.set(boardId, watched);
    }
    const held = watched;
    held.holders++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--held.holders === 0 && this.boards.get(boardId) === held) this.boards.delete(boardId);
    };
  }

  /**
   * Whether `hash`, just read from storage for `role`, is the link in force: at once when it is
   * the hash held, else after a fresh read (which cuts off sockets of a link it finds replaced).
   * False when the board is no longer held (the socket asking closed meanwhile).
   */
  async admit(boardId: string, role: RotatableRole, hash: string): Promise<boolean> {
    const watched = this.boards.get(boardId);
    if (!watched) return false;
    if (watched.hashes?.[role] === hash) return true;
    await this.read(boardId, watched);
    return this.inForce(boardId, role, hash);
  }

  /** Synchronous: whether `hash` is still the link in force for `role` (false when not watched). */
  inForce(boardId: string, role: RotatableRole, hash: string): boolean {
    return this.boards.get(boardId)?.hashes?.[role] === hash;
  }

  /** Re-read a watched board (a link of it was replaced elsewhere); nothing if not watched. */
  recheck(boardId: string): Promise<void> {
    const watched = this.boards.get(boardId);
    return watched ? this.read(boardId, watched) : Promise.resolve();
  }

  /** Re-read every watched board (notices may have been missed). Resolves when all are done. */
  async recheckAll(): Promise<PromiseSettledResult<void>[]> {
    return Promise.allSettled([...this.boards].map(([id, watched]) => this.read(id, watched)));
  }

  /** Boards watched now (for tests and metrics). */
  get size(): number {
    return this.boards.size;
  }

  private read(boardId: string, watched: Watched): Promise<void> {
    if (watched.queued) return watched.queued;
    const queued: Promise<void> = watched.tail.then(async () => {
      if (watched.queued === queued) watched.queued = null;
      this.learn(boardId, watched, await this.options.read(boardId));
    });
    watched.queued = queued;
    watched.tail = queued.catch(() => {});
    return queued;
  }

  private learn(boardId: string, watched: Watched, hashes: LinkHashes): void {
    const before = watched.hashes;
    watched.hashes = hashes;
    // Before the first read nothing was admitted, so nothing can hold a replaced link.
    if (before === undefined) return;
    for (const role of ROTATABLE_ROLES) {
      if (before?.[role] !== hashes?.[role]) this.options.cut(boardId, role);
    }
  }
}
