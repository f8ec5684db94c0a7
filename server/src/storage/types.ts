/**
 * Storage behind one interface. SQLite (embedded, the default) and PostgreSQL implement it and
 * pass the same contract suite (`contract.ts`). All binary values are Yjs updates (v1 encoding).
 *
 * Durability rule: the relay calls `appendUpdate` and waits for it before broadcasting, so an
 * update anyone has seen is on disk.
 */
import type { BoardTemplate, Role } from '@truenorth/shared';

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
  /** The whole document as one update. */
  update: Uint8Array;
}

export type SnapshotMeta = Omit<SnapshotRecord, 'update'> & { size: number };

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';

  createBoard(board: BoardRecord): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  setTokenHash(id: string, role: Role, hash: string): Promise<void>;

  /** Append one update to the board's log; resolves with its sequence number once durable. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>;
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

  /** Flush and release resources. */
  close(): Promise<void>;
}
