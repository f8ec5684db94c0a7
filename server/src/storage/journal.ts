/**
 * The update journal in front of SQLite: the store-before-broadcast path appends each update to a
 * plain file instead of committing a SQLite transaction per update (a B-tree insert and two 4 KiB
 * WAL frames for a 100-byte update). Where its native part is built (journal-map.ts; Linux with a
 * C compiler at install), the file's first `ingestAtBytes` + 1 MiB are reserved on disk and mapped
 * shared, and a record is encoded straight into that memory: no system call per update. Elsewhere
 * (or with `mmap: false`) each record is one `write(2)` — 2 µs in a tight loop but ~19–48 µs
 * between the socket writes of a busy server, as much as one more socket send; measured inside the
 * server during the relay bench's fan-out, a whole `append` took p50 11 µs mapped against 48 µs
 * with `write(2)` (docs/benchmarks-history.md). Records that do not fit in the mapping (a burst larger than
 * it before the ingest runs) go through `write(2)` at their offset; the file is cut back to the
 * mapped size when it starts over.
 *
 * Many updates never need to reach SQLite's `updates` table: a room compacts its log into one
 * merged state every few thousand updates and when it unloads, and the journal's entries up to the
 * compacted sequence are then simply forgotten (`compacted`). What is still pending moves into
 * SQLite when the journal holds a lot (`ingestAtEntries`/`ingestAtBytes`, which bounds its memory
 * and the replay after a crash) or every `ingestEveryMs` at the latest, `ingestStep` entries (one
 * transaction) per turn of the event loop; the file starts over whenever nothing is pending.
 *
 * Durability is SQLite's with `synchronous=NORMAL`: once `append` returns, the update is in the
 * operating system's file cache (a store into a shared file mapping is, as much as a `write(2)`),
 * so it survives the process being killed (`kill -9`); like the WAL it is not fsynced per write (a
 * power cut can lose the last moments, never corrupt the file). On open, whatever a killed process
 * left in the journal is replayed into SQLite before anything is read (entries a compaction
 * already covers are skipped there). A record is `[u32 body length][u32 crc32 of body][body]`,
 * body = `[u16 board id length][board id utf-8][f64 seq][update]`; zeros follow the last record. A
 * torn record at the tail (the process died inside a write, or inside a copy into the mapping,
 * whose checksum goes last) fails its length or checksum and ends the replay — it was never
 * acknowledged or broadcast, because `append` had not returned. A write that stops partway
 * without the process dying (a full disk) is cut off again before `append` throws, so no torn
 * record ever sits in front of later ones.
 */
import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { BoardId } from '@truenorth/shared';
import { loadJournalMap } from './journal-map.js';

export interface JournalEntry {
  boardId: string;
  seq: number;
  update: Uint8Array;
}

const HEADER = 8;
/** Mapped beyond the size bound (`ingestAtBytes`): the records that arrive before the ingest runs. */
const MAPPED_SLACK = 1024 * 1024;
/** After a failed ingest, how long the size bounds wait before they try again. */
const RETRY_AFTER_MS = 1000;
/**
 * Entries one step of an ingest moves. All at once, the 30 s ingest of a busy server's ~4,000
 * updates took 13–31 ms in one transaction: a stall every room on the server felt.
 */
const INGEST_STEP = 1000;
/**
 * How far past the last record the mapping's pages have been written to once (`touchAhead`). The
 * first store into a page of a shared file mapping faults into the file system (ext4 makes the
 * page writable and updates the file's times in its journal): on this machine's disk p50 34 µs,
 * now and then milliseconds, against 0.4 µs for a store into a page already written — one append
 * in ~30 paid it, on its way from a client's write to its broadcast. Touched ahead of the writer
 * after the broadcast, the fault is taken off that path.
 */
const TOUCH_AHEAD = 16 * 1024;
const PAGE = 4096;

/** A record's size: header, then the body `[u16 id length][id][f64 seq][update]`. */
function recordLength(id: Uint8Array, update: Uint8Array): number {
  return HEADER + 2 + id.byteLength + 8 + update.byteLength;
}

/**
 * Lay one record out in `target` at `at` (the caller made room: `recordLength` bytes), checksum
 * last — a copy cut short (the process killed inside it) fails its checksum and ends the replay.
 * The one place the record layout is written; returns the record's length.
 */
function putRecord(
  target: Uint8Array,
  view: DataView,
  at: number,
  id: Uint8Array,
  entry: JournalEntry,
): number {
  const bodyLength = recordLength(id, entry.update) - HEADER;
  const body = at + HEADER;
  view.setUint32(at, bodyLength, true);
  view.setUint16(body, id.byteLength, true);
  target.set(id, body + 2);
  view.setFloat64(body + 2 + id.byteLength, entry.seq, true);
  target.set(entry.update, body + 2 + id.byteLength + 8);
  view.setUint32(at + 4, crc32(target.subarray(body, body + bodyLength)), true);
  return HEADER + bodyLength;
}

/** One record in a buffer of its own (appends with `write(2)`, tests). */
export function encodeRecord(entry: JournalEntry): Buffer {
  const id = Buffer.from(entry.boardId, 'utf8');
  const buf = Buffer.allocUnsafe(recordLength(id, entry.update));
  putRecord(buf, new DataView(buf.buffer, buf.byteOffset, buf.byteLength), 0, id, entry);
  return buf;
}

/** Every whole record in `data`, in order; stops at the first torn or corrupt one. */
export function decodeRecords(data: Uint8Array): { entries: JournalEntry[]; validBytes: number } {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const entries: JournalEntry[] = [];
  let at = 0;
  while (at + HEADER <= buf.byteLength) {
    const bodyLength = buf.readUInt32LE(at);
    const end = at + HEADER + bodyLength;
    if (bodyLength < 10 || end > buf.byteLength) break;
    const body = buf.subarray(at + HEADER, end);
    if (crc32(body) !== buf.readUInt32LE(at + 4)) break;
    const idLength = body.readUInt16LE(0);
    if (2 + idLength + 8 > body.byteLength) break;
    // Stored data: the board id goes through the shared schema like every other read.
    const boardId = BoardId.safeParse(body.toString('utf8', 2, 2 + idLength));
    const seq = body.readDoubleLE(2 + idLength);
    if (!boardId.success || !Number.isSafeInteger(seq) || seq < 1) break;
    // A copy: the entry outlives the buffer it was read from.
    entries.push({ boardId: boardId.data, seq, update: new Uint8Array(body.subarray(2 + idLength + 8)) });
    at = end;
  }
  return { entries, validBytes: at };
}

export interface JournalStats {
  /** Updates in the journal that are neither rows nor part of a compacted state in the database. */
  pendingUpdates: number;
  /** Bytes of records in the file (ones a compaction made unneeded included, until it starts over). */
  bytes: number;
  /** Ingests the database refused since the process started (each is retried; nothing is lost). */
  ingestFailures: number;
  /** Records are copied into a shared mapping of the file (journal-map.ts), not written with write(2). */
  mapped: boolean;
}

export interface JournalOptions {
  /** Move pending updates into the database at least this often. */
  ingestEveryMs: number;
  /** … and soon after this many are pending (default 10,000) … */
  ingestAtEntries?: number;
  /**
   * … or once the file holds this many bytes (default 8 MiB; records a compaction made unneeded
   * count until the file starts over): what bounds the replay after a crash.
   */
  ingestAtBytes?: number;
  /** … moving at most this many per turn of the event loop (default 1,000). */
  ingestStep?: number;
  /**
   * Write entries into the database, all or nothing (one transaction). `replayed`: read back from
   * a journal a previous process left, where entries a compaction covers may still be.
   */
  ingest(entries: readonly JournalEntry[], replayed: boolean): void;
  /** An ingest failed: the entries stay pending (and in the journal) and are tried again. */
  onIngestError(err: unknown): void;
  /**
   * Copy records into a shared mapping of the file when the native part is built (default true);
   * false appends with write(2).
   */
  mmap?: boolean;
}

export class Journal {
  private readonly fd: number;
  /**
   * The file's first `mapped.byteLength` bytes, mapped shared (journal-map.ts), zeros past the last
   * record; null when appends use `write(2)`. Records past its end (a burst larger than it) go
   * through `write(2)` at their offset until the file starts over.
   */
  private mapped: Uint8Array | null = null;
  private view: DataView | null = null;
  /** Each board's id as UTF-8, for records copied into the mapping (emptied when the file starts over). */
  private readonly idBytes = new Map<string, Uint8Array>();
  /** Appended but not yet in the database, per board, in sequence order. */
  private readonly pending = new Map<string, JournalEntry[]>();
  private pendingCount = 0;
  /** Bytes in the file (every record since it last started over, compacted ones too). */
  private fileBytes = 0;
  /** The mapping's bytes up to here have been written since the file started over (`touchAhead`). */
  private touchedTo = 0;
  /** `touchAhead` is scheduled. */
  private touchSoon: NodeJS.Immediate | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly ingestAtEntries: number;
  private readonly ingestAtBytes: number;
  private readonly ingestStep: number;
  /** An ingest's next step is scheduled (it started, or the journal passed a bound). */
  private ingestSoon: NodeJS.Immediate | undefined;
  /** After a failed ingest, the bounds wait this long (`performance.now()`) before trying again. */
  private retryAt = 0;
  private ingestFailures = 0;
  private closed = false;

  /** Open (creating) the journal; what a previous process left in it is ingested first. */
  constructor(
    private readonly file: string,
    private readonly options: JournalOptions,
  ) {
    if (fs.existsSync(file)) {
      const { entries } = decodeRecords(fs.readFileSync(file));
      // Throws if the database refuses them: better not to start than to lose them.
      if (entries.length > 0) options.ingest(entries, true);
    }
    this.ingestAtEntries = options.ingestAtEntries ?? 10_000;
    this.ingestAtBytes = options.ingestAtBytes ?? 8 * 1024 * 1024;
    this.ingestStep = options.ingestStep ?? INGEST_STEP;
    // Empty again: replay reads up to the first zero (or torn) record header.
    this.fd = fs.openSync(file, 'w+');
    const map = options.mmap === false ? null : loadJournalMap();
    if (map) {
      try {
        // The size bound plus room for the record that passes it.
        const buffer = map(this.fd, this.ingestAtBytes + MAPPED_SLACK);
        this.mapped = new Uint8Array(buffer);
        this.view = new DataView(buffer);
      } catch {
        // No space to reserve, or a file system that cannot map files: write(2) it is.
        fs.ftruncateSync(this.fd, 0);
      }
    }
    this.timer = setInterval(() => {
      if (this.ingestSoon === undefined) this.ingest();
    }, options.ingestEveryMs);
    this.timer.unref();
  }

  /** Durable (against the process dying) when this returns. */
  append(entry: JournalEntry): void {
    if (this.closed) throw new Error('the journal is closed');
    const list = this.pending.get(entry.boardId);
    // What replay accepts, and nothing else: a record it would refuse must never be written. A
    // board with pending updates passed this already (once per board per ingest, not per update).
    if (!list) BoardId.parse(entry.boardId);
    this.fileBytes += this.copyIntoMapping(entry) || this.write(encodeRecord(entry));
    // Not inside this call either: after the broadcast, when the writer nears untouched pages.
    const mapped = this.mapped;
    if (
      this.touchSoon === undefined &&
      mapped &&
      this.touchedTo < mapped.byteLength &&
      this.fileBytes + TOUCH_AHEAD / 2 > this.touchedTo
    )
      this.touchSoon = setImmediate(this.touchAhead);
    if (list) list.push(entry);
    else this.pending.set(entry.boardId, [entry]);
    this.pendingCount++;
    // Not inside this call: it is on the way from a client's write to its broadcast.
    if (
      this.ingestSoon === undefined &&
      (this.pendingCount >= this.ingestAtEntries || this.fileBytes >= this.ingestAtBytes) &&
      performance.now() >= this.retryAt
    ) {
      this.ingestSoon = setImmediate(() => this.ingest());
    }
  }

  /**
   * The record straight into the mapping (`putRecord`): no buffer of its own, no call into C++ but
   * the checksum's. Returns the record's size, or 0 when there is no mapping or it would not fit.
   */
  private copyIntoMapping(entry: JournalEntry): number {
    const mapped = this.mapped;
    if (!mapped || !this.view) return 0;
    let id = this.idBytes.get(entry.boardId);
    if (!id) {
      id = Buffer.from(entry.boardId, 'utf8');
      this.idBytes.set(entry.boardId, id);
    }
    const at = this.fileBytes;
    if (at + recordLength(id, entry.update) > mapped.byteLength) return 0;
    return putRecord(mapped, this.view, at, id, entry);
  }

  /**
   * Store a zero into each page from the end of the records to `TOUCH_AHEAD` past it, so the
   * page's first write — the fault into the file system — is taken here and not inside an append.
   * Only bytes past the last record, which are zeros already: the file's content does not change.
   */
  private readonly touchAhead = (): void => {
    this.touchSoon = undefined;
    const mapped = this.mapped;
    if (!mapped) return;
    const end = Math.min(mapped.byteLength, this.fileBytes + TOUCH_AHEAD);
    for (let at = Math.max(this.touchedTo, this.fileBytes); at < end; at = (Math.floor(at / PAGE) + 1) * PAGE)
      mapped[at] = 0;
    this.touchedTo = Math.max(this.touchedTo, end);
  };

  /**
   * One record, whole or not at all. A write that stops partway (the disk or the file size limit
   * is reached inside it) is cut off again before it throws: replay stops at a torn record, so
   * one left in the middle would hide every record appended after it.
   */
  private write(record: Buffer): number {
    let written: number;
    try {
      written = fs.writeSync(this.fd, record, 0, record.byteLength, this.fileBytes);
    } catch (err) {
      this.cutBack(record.byteLength);
      throw err;
    }
    if (written === record.byteLength) return written;
    this.cutBack(record.byteLength);
    throw new Error(`short write to the journal: ${written} of ${record.byteLength} bytes`);
  }

  /** Undo a record's partial write: nothing of it may stay after the last whole record. */
  private cutBack(length: number): void {
    try {
      const mapped = this.mapped;
      if (mapped) {
        // The part inside the mapping goes back to zeros; the file keeps the mapped size.
        mapped.fill(
          0,
          Math.min(this.fileBytes, mapped.byteLength),
          Math.min(this.fileBytes + length, mapped.byteLength),
        );
        fs.ftruncateSync(this.fd, Math.max(this.fileBytes, mapped.byteLength));
      } else {
        fs.ftruncateSync(this.fd, this.fileBytes);
      }
    } catch {
      // The append fails either way; a torn record is then at the end, where replay ignores it.
    }
  }

  /**
   * The board's updates up to `upToSeq` are in its stored state now (the database committed the
   * compaction): they need not move anywhere. When nothing is pending the file starts over; a
   * crash before that leaves them in the file, and the replay skips them.
   */
  compacted(boardId: string, upToSeq: number): void {
    const list = this.pending.get(boardId);
    if (!list || this.closed) return;
    const keep = list.filter((e) => e.seq > upToSeq);
    this.pendingCount -= list.length - keep.length;
    if (keep.length > 0) this.pending.set(boardId, keep);
    else this.pending.delete(boardId);
    if (this.pendingCount === 0) this.startOver();
  }

  /** The board's updates not yet in the database, in sequence order. */
  pendingFor(boardId: string): readonly JournalEntry[] {
    return this.pending.get(boardId) ?? [];
  }

  /** For the metrics: what waits in the journal, and how often moving it into the database failed. */
  stats(): JournalStats {
    return {
      pendingUpdates: this.pendingCount,
      bytes: this.fileBytes,
      ingestFailures: this.ingestFailures,
      mapped: this.mapped !== null,
    };
  }

  /**
   * Move every pending update into the database, then empty the journal. Synchronous, so no
   * append can fall between the two. A crash between them leaves entries in both places:
   * the replay's ingest skips what the database already holds.
   */
  flush(): void {
    if (this.pendingCount === 0 || this.closed) return;
    const entries: JournalEntry[] = [];
    for (const list of this.pending.values()) entries.push(...list);
    if (!this.tryIngest(entries)) return;
    this.pending.clear();
    this.pendingCount = 0;
    this.startOver();
  }

  /**
   * `flush`, a step at a time: while more than `ingestStep` entries are pending, the oldest of
   * each board up to a step are moved (one transaction) and the rest wait for the next turn of the
   * event loop; appends and compactions go on in between. The last step is `flush`, which starts
   * the file over. Entries moved but still in the file are skipped by a replay, as after `flush`.
   */
  private ingest(): void {
    this.ingestSoon = undefined;
    if (this.closed) return;
    if (this.pendingCount <= this.ingestStep) {
      this.flush();
      return;
    }
    const step: JournalEntry[] = [];
    const taken = new Map<string, number>();
    for (const [boardId, list] of this.pending) {
      const n = Math.min(list.length, this.ingestStep - step.length);
      for (let i = 0; i < n; i++) step.push(list[i]!);
      taken.set(boardId, n);
      if (step.length === this.ingestStep) break;
    }
    if (!this.tryIngest(step)) return;
    for (const [boardId, n] of taken) {
      const list = this.pending.get(boardId)!;
      if (n === list.length) this.pending.delete(boardId);
      else list.splice(0, n);
    }
    this.pendingCount -= step.length;
    this.ingestSoon = setImmediate(() => this.ingest());
  }

  /** The entries into the database; false (counted, reported, retried later) when that failed. */
  private tryIngest(entries: readonly JournalEntry[]): boolean {
    try {
      this.options.ingest(entries, false);
      return true;
    } catch (err) {
      // Not again on every append past the bound (a full disk would be hit per message).
      this.retryAt = performance.now() + RETRY_AFTER_MS;
      this.ingestFailures++;
      this.options.onIngestError(err);
      return false;
    }
  }

  private startOver(): void {
    if (this.mapped) {
      // Nothing is pending: zeros over the records (a crash halfway leaves only records that are
      // stored elsewhere), and the file back to the mapped size.
      this.mapped.fill(0, 0, Math.min(this.fileBytes, this.mapped.byteLength));
      if (this.fileBytes > this.mapped.byteLength) fs.ftruncateSync(this.fd, this.mapped.byteLength);
      this.idBytes.clear();
    } else {
      fs.ftruncateSync(this.fd, 0);
    }
    this.fileBytes = 0;
    // Pages written long ago may have gone to disk since, and a page that did is write-protected
    // again: touched again ahead of the writer (a store into a page still writable costs nothing).
    this.touchedTo = 0;
  }

  /** Flush and close; the (empty) file stays for the next process. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearInterval(this.timer);
    clearImmediate(this.ingestSoon);
    clearImmediate(this.touchSoon);
    // The mapping goes when the buffer is collected; nothing here touches it again.
    this.mapped = null;
    this.view = null;
    fs.closeSync(this.fd);
    if (this.pendingCount === 0) fs.rmSync(this.file, { force: true });
  }
}
