/**
 * Storage behind one interface. SQLite (embedded, the default) and PostgreSQL implement it and
 * pass the same contract suite (`contract.ts`). All binary values are Yjs updates (v1 encoding).
 *
 * Durability rule: the relay calls `appendUpdate` (the workshop hub `saveWorkshop`) and waits for it
 * before broadcasting, so an update anyone has seen is on disk.
 */
import type { BoardTemplate, Role } from '@truenorth/shared';
import type { JournalStats } from './journal.js';

export interface BoardRecord {
  id: string;
  title: string;
  template: BoardTemplate;
  /** ISO 8601. */
  createdAt: string;
  /** SHA-256 (hex) of each role's current token; rotating replaces the hash. */
  tokenHashes: Record<Role, string>;
}

export interface StoredDoc {
  /** Merged state (null for a board never compacted). */
  state: Uint8Array | null;
  /** Updates appended after `state`, in order. */
  updates: Uint8Array[];
  /** Sequence number of the last update included (in state or updates); 0 when empty. */
  lastSeq: number;
}

export type SnapshotKind = 'manual' | 'periodic' | 'agenda' | 'restore-point';

export interface SnapshotRecord {
  id: string;
  boardId: string;
  name: string;
  kind: SnapshotKind;
  /** ISO 8601. */
  createdAt: string;
  createdBy: string | null;
  /**
   * On a restore point: the id of the snapshot restored right after it was taken (null or absent
   * otherwise). Restoring the point then undoes that restore, keeping what people did since.
   */
  restoreOf?: string | null;
  /** The whole document as one update. */
  update: Uint8Array;
}

export type SnapshotMeta = Omit<SnapshotRecord, 'update'> & { size: number };

/** The facilitator's workshop state of a board, as stored: parsed by the workshop before use. */
export interface StoredWorkshop {
  /** The JSON value saved (undefined when the stored text is not JSON). */
  state: unknown;
  /** Rises by one with every save; 0 means never saved. */
  version: number;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';

  createBoard(board: BoardRecord): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  setTokenHash(id: string, role: Role, hash: string): Promise<void>;
  /** Rename the board; rejects when there is no such board. */
  setTitle(id: string, title: string): Promise<void>;

  /**
   * Append one update to the board's log; resolves with its sequence number once durable. A
   * storage that appends synchronously (SQLite's journal) returns the number itself, and throws
   * instead of rejecting: the relay then stores and broadcasts a write in the turn it arrived.
   */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number> | number;
  /** Everything needed to rebuild the board's document. */
  loadDoc(boardId: string): Promise<StoredDoc>;
  /**
   * Replace the log up to and including `upToSeq` by the merged `state`. Updates appended after
   * `upToSeq` stay. Safe to call concurrently with appends.
   */
  compact(boardId: string, state: Uint8Array, upToSeq: number): Promise<void>;

  saveSnapshot(snapshot: SnapshotRecord): Promise<void>;
  listSnapshots(boardId: string): Promise<SnapshotMeta[]>;
  getSnapshot(boardId: string, id: string): Promise<SnapshotRecord | null>;
  /** Delete these snapshots of the board (ids it does not have are ignored); resolves with how many went. */
  deleteSnapshots(boardId: string, ids: readonly string[]): Promise<number>;

  /** The board's workshop state, or null when none was ever saved. */
  loadWorkshop(boardId: string): Promise<StoredWorkshop | null>;
  /**
   * Save the workshop state (any JSON value) if the stored version is still `expectedVersion`
   * (0: nothing stored yet). Resolves with the new version, or null when another writer saved
   * first (optimistic concurrency: reload and try again).
   */
  saveWorkshop(boardId: string, state: unknown, expectedVersion: number): Promise<number | null>;

  /** The embedded storage's update journal (storage/journal.ts), for the metrics; absent elsewhere. */
  journalStats?(): JournalStats;

  /** Flush and release resources. */
  close(): Promise<void>;
}
