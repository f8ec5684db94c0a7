/**
 * The embedded storage: one SQLite file (`<dir>/truenorth.sqlite`) through better-sqlite3.
 *
 * WAL with `synchronous=NORMAL`: a commit is in the WAL before the call returns, so it survives
 * the process being killed (not a power cut, which would need FULL). better-sqlite3 is synchronous,
 * so the async methods simply run the statement; throwing inside them becomes a rejection.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseJson, Role } from '@truenorth/shared';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { type CheckpointOptions, type CheckpointResult, Checkpoints, walBound } from './checkpoints.js';
import { Journal, type JournalEntry } from './journal.js';
import { BoardRow, SnapshotMetaRow } from './rows.js';
import type { BoardRecord, SnapshotRecord, Storage, StoredDoc } from './types.js';

export const SQLITE_FILE = 'truenorth.sqlite';

/** Schema migrations, applied in order; `PRAGMA user_version` records how many ran. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    template TEXT NOT NULL,
    created_at TEXT NOT NULL,
    facilitator_hash TEXT NOT NULL,
    participant_hash TEXT NOT NULL,
    observer_hash TEXT NOT NULL
  );
  CREATE TABLE updates (
    board_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE states (
    board_id TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    up_to_seq INTEGER NOT NULL
  );
  CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX snapshots_by_board ON snapshots (board_id, created_at);
  `,
  // The facilitator's workshop state per board, as JSON text, with a version for optimistic saves.
  `
  CREATE TABLE workshops (
    board_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    version INTEGER NOT NULL
  );
  `,
  // A restore point names the snapshot restored right after it, so restoring it undoes that restore.
  `ALTER TABLE snapshots ADD COLUMN restore_of TEXT;`,
];

const WorkshopRow = z.object({ state: z.string(), version: z.number().int().positive() });

const Blob = z.instanceof(Uint8Array);
const Seq = z.number().int().nonnegative();
/** One row of `PRAGMA wal_checkpoint` (log and checkpointed are -1 outside WAL mode). */
const CheckpointRow = z.object({
  busy: z.number().int(),
  log: z.number().int(),
  checkpointed: z.number().int(),
});

/** A Buffer from SQLite viewed as a plain Uint8Array (no copy). */
function bytes(value: unknown): Uint8Array {
  const b = Blob.parse(value);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function migrate(db: Database.Database): void {
  const version = Seq.parse(db.pragma('user_version', { simple: true }));
  if (version > MIGRATIONS.length) {
    throw new Error(
      `${SQLITE_FILE} has schema version ${version}, newer than this server knows (${MIGRATIONS.length})`,
    );
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export interface SqliteOptions {
  /** When the WAL is checkpointed (see checkpoints.ts). */
  checkpoints?: CheckpointOptions;
  /**
   * How often updates still pending in the journal move into the database (see journal.ts;
   * default 30 s — most are compacted away before that).
   */
  journalIngestMs?: number;
  /** How much the journal holds before its pending updates move into the database. */
  journalIngestAt?: { entries?: number; bytes?: number };
  /** How many pending updates move into the database per turn of the event loop (default 1,000). */
  journalIngestStep?: number;
  /** The journal copies records into a shared mapping of its file when it can (default true). */
  journalMmap?: boolean;
}

export const JOURNAL_FILE = 'truenorth.journal';

export function openSqliteStorage(
  dir: string,
  options: SqliteOptions = {},
): Storage & {
  /** Checkpoint the WAL now (it happens by itself when writes pause; see checkpoints.ts). */
  checkpoint(): CheckpointResult;
  /** Move the journal's pending updates into the database now (it happens every `journalIngestMs`). */
  flushJournal(): void;
} {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, SQLITE_FILE);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Checkpoints run when writes pause, not inside a commit (see checkpoints.ts); a WAL that grew
  // past the bound is cut back to it when it starts over.
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${walBound(options.checkpoints)}`);
  migrate(db);

  const q = {
    insertBoard: db.prepare(
      `INSERT INTO boards (id, title, template, created_at, facilitator_hash, participant_hash, observer_hash)
       VALUES (@id, @title, @template, @createdAt, @facilitator, @participant, @observer)`,
    ),
    getBoard: db.prepare('SELECT * FROM boards WHERE id = ?'),
    setHash: {
      facilitator: db.prepare<[string, string]>('UPDATE boards SET facilitator_hash = ? WHERE id = ?'),
      participant: db.prepare<[string, string]>('UPDATE boards SET participant_hash = ? WHERE id = ?'),
      observer: db.prepare<[string, string]>('UPDATE boards SET observer_hash = ? WHERE id = ?'),
    } satisfies Record<Role, Database.Statement<[string, string]>>,
    setTitle: db.prepare<[string, string]>('UPDATE boards SET title = ? WHERE id = ?'),
    lastSeq: db.prepare(
      `SELECT MAX(
         COALESCE((SELECT MAX(seq) FROM updates WHERE board_id = @id), 0),
         COALESCE((SELECT up_to_seq FROM states WHERE board_id = @id), 0)
       ) AS seq`,
    ),
    append: db.prepare('INSERT OR IGNORE INTO updates (board_id, seq, data) VALUES (?, ?, ?)'),
    // A journal replayed after a crash may hold updates the database already has (OR IGNORE) and
    // updates a compaction already merged into the board's state (the WHERE).
    replay: db.prepare(
      `INSERT OR IGNORE INTO updates (board_id, seq, data)
       SELECT @boardId, @seq, @data
       WHERE @seq > COALESCE((SELECT up_to_seq FROM states WHERE board_id = @boardId), 0)`,
    ),
    getState: db.prepare('SELECT data, up_to_seq FROM states WHERE board_id = ?'),
    updatesAfter: db.prepare('SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq'),
    upsertState: db.prepare(
      `INSERT INTO states (board_id, data, up_to_seq) VALUES (@boardId, @state, @upToSeq)
       ON CONFLICT (board_id) DO UPDATE SET data = @state, up_to_seq = @upToSeq WHERE up_to_seq <= @upToSeq`,
    ),
    deleteUpTo: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
    insertSnapshot: db.prepare(
      `INSERT INTO snapshots (id, board_id, name, kind, created_at, created_by, size, data, restore_of)
       VALUES (@id, @boardId, @name, @kind, @createdAt, @createdBy, @size, @data, @restoreOf)`,
    ),
    listSnapshots: db.prepare(
      `SELECT id, board_id, name, kind, created_at, created_by, size, restore_of FROM snapshots
       WHERE board_id = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    getSnapshot: db.prepare('SELECT * FROM snapshots WHERE board_id = ? AND id = ?'),
    deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE board_id = ? AND id = ?'),
    getWorkshop: db.prepare('SELECT state, version FROM workshops WHERE board_id = ?'),
    insertWorkshop: db.prepare(
      'INSERT INTO workshops (board_id, state, version) VALUES (?, ?, 1) ON CONFLICT (board_id) DO NOTHING',
    ),
    updateWorkshop: db.prepare(
      'UPDATE workshops SET state = ?, version = version + 1 WHERE board_id = ? AND version = ?',
    ),
  };

  // The last sequence number per board, read once from the database and the journal's pending
  // updates (which come after it); this process is the only writer.
  const lastSeqs = new Map<string, number>();
  const lastSeqOf = (boardId: string): number => {
    let seq = lastSeqs.get(boardId);
    if (seq === undefined) {
      seq = Seq.parse((q.lastSeq.get({ id: boardId }) as { seq: unknown }).seq);
      seq = Math.max(seq, journal.pendingFor(boardId).at(-1)?.seq ?? 0);
      lastSeqs.set(boardId, seq);
    }
    return seq;
  };

  const compactTx = db.transaction((boardId: string, state: Uint8Array, upToSeq: number) => {
    q.upsertState.run({ boardId, state, upToSeq });
    q.deleteUpTo.run(boardId, upToSeq);
  });

  const deleteSnapshotsTx = db.transaction((boardId: string, ids: readonly string[]) => {
    let deleted = 0;
    for (const id of ids) deleted += q.deleteSnapshot.run(boardId, id).changes;
    return deleted;
  });

  let closed = false;
  const open = () => {
    if (closed) throw new Error('storage is closed');
  };

  const walFile = `${file}-wal`;
  const checkpoints = new Checkpoints(
    () => {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as unknown[];
      return CheckpointRow.parse(result);
    },
    options.checkpoints,
    () => {
      try {
        return fs.statSync(walFile).size;
      } catch {
        return 0;
      }
    },
  );

  const ingest = db.transaction((entries: readonly JournalEntry[], replayed: boolean) => {
    if (replayed) for (const e of entries) q.replay.run({ boardId: e.boardId, seq: e.seq, data: e.update });
    else for (const e of entries) q.append.run(e.boardId, e.seq, e.update);
  });
  // Appends go to the journal first; opening it replays what a killed process left there.
  const journal = new Journal(path.join(dir, JOURNAL_FILE), {
    ingestEveryMs: options.journalIngestMs ?? 30_000,
    ingestAtEntries: options.journalIngestAt?.entries,
    ingestAtBytes: options.journalIngestAt?.bytes,
    ingestStep: options.journalIngestStep,
    mmap: options.journalMmap,
    ingest: (entries, replayed) => {
      ingest(entries, replayed);
      let bytes = 0;
      for (const e of entries) bytes += e.update.byteLength + e.boardId.length + 16;
      checkpoints.wrote(bytes);
    },
    onIngestError: (err) => process.emitWarning(`journal not moved into SQLite yet: ${String(err)}`),
  });

  return {
    kind: 'sqlite',

    async createBoard(board: BoardRecord) {
      open();
      q.insertBoard.run({
        id: board.id,
        title: board.title,
        template: board.template,
        createdAt: board.createdAt,
        ...board.tokenHashes,
      });
      checkpoints.wrote(0);
    },

    async getBoard(id) {
      open();
      const row = q.getBoard.get(id);
      if (row === undefined) return null;
      return BoardRow.parse(row);
    },

    async setTokenHash(id, role, hash) {
      open();
      const result = q.setHash[Role.parse(role)].run(hash, id);
      checkpoints.wrote(0);
      if (result.changes === 0) throw new Error(`no board ${id}`);
    },

    async setTitle(id, title) {
      open();
      const result = q.setTitle.run(title, id);
      checkpoints.wrote(0);
      if (result.changes === 0) throw new Error(`no board ${id}`);
    },

    appendUpdate(boardId, update) {
      open();
      const seq = lastSeqOf(boardId) + 1;
      journal.append({ boardId, seq, update });
      lastSeqs.set(boardId, seq);
      return seq;
    },

    async loadDoc(boardId): Promise<StoredDoc> {
      open();
      const stateRow = q.getState.get(boardId) as { data: unknown; up_to_seq: unknown } | undefined;
      const state = stateRow ? bytes(stateRow.data) : null;
      const upTo = stateRow ? Seq.parse(stateRow.up_to_seq) : 0;
      const updates: Uint8Array[] = [];
      let lastSeq = upTo;
      for (const row of q.updatesAfter.iterate(boardId, upTo) as Iterable<{ seq: unknown; data: unknown }>) {
        updates.push(bytes(row.data));
        lastSeq = Seq.parse(row.seq);
      }
      // Appended after everything in the database, so in order after it.
      for (const entry of journal.pendingFor(boardId)) {
        if (entry.seq <= lastSeq) continue;
        updates.push(entry.update);
        lastSeq = entry.seq;
      }
      return { state, updates, lastSeq };
    },

    async compact(boardId, state, upToSeq) {
      open();
      compactTx(boardId, state, upToSeq);
      // Committed: the journal's entries up to here are in the state and never need ingesting.
      journal.compacted(boardId, upToSeq);
      checkpoints.wrote(state.byteLength);
      // Rooms compact when they unload: forget the board so the cache does not grow with every
      // board ever opened. The next append reads it again (database and journal).
      lastSeqs.delete(boardId);
    },

    async saveSnapshot(s: SnapshotRecord) {
      open();
      q.insertSnapshot.run({
        id: s.id,
        boardId: s.boardId,
        name: s.name,
        kind: s.kind,
        createdAt: s.createdAt,
        createdBy: s.createdBy,
        size: s.update.byteLength,
        data: s.update,
        restoreOf: s.restoreOf ?? null,
      });
      checkpoints.wrote(s.update.byteLength);
    },

    async listSnapshots(boardId) {
      open();
      return q.listSnapshots.all(boardId).map((row) => SnapshotMetaRow.parse(row));
    },

    async getSnapshot(boardId, id) {
      open();
      const row = q.getSnapshot.get(boardId, id) as Record<string, unknown> | undefined;
      if (row === undefined) return null;
      const meta = SnapshotMetaRow.parse(row);
      return { ...meta, update: bytes(row.data) };
    },

    async deleteSnapshots(boardId, ids) {
      open();
      if (ids.length === 0) return 0;
      const deleted = deleteSnapshotsTx(boardId, ids);
      // Deleting rewrites pages (the table's, the index's, the free list's): a page a snapshot,
      // counted toward the next checkpoint.
      checkpoints.wrote(ids.length * 4096);
      return deleted;
    },

    async loadWorkshop(boardId) {
      open();
      const row = q.getWorkshop.get(boardId);
      if (row === undefined) return null;
      const r = WorkshopRow.parse(row);
      return { state: parseJson(r.state), version: r.version };
    },

    async saveWorkshop(boardId, state, expectedVersion) {
      open();
      const expected = Seq.parse(expectedVersion);
      const json = JSON.stringify(state) ?? 'null';
      const result =
        expected === 0 ? q.insertWorkshop.run(boardId, json) : q.updateWorkshop.run(json, boardId, expected);
      checkpoints.wrote(json.length);
      return result.changes === 1 ? expected + 1 : null;
    },

    checkpoint() {
      open();
      return checkpoints.now();
    },

    flushJournal() {
      open();
      journal.flush();
    },

    journalStats() {
      return journal.stats();
    },

    async close() {
      if (closed) return;
      closed = true;
      journal.close();
      checkpoints.close();
      // Closing the last connection checkpoints the WAL and removes it.
      db.close();
    },
  };
}
