/**
 * The update journal in front of SQLite: the store-before-broadcast path appends each update to a
 * plain file with one `write` instead of committing a SQLite transaction per update (a B-tree
 * insert and two 4 KiB WAL frames for a 100-byte update). The `write` is still the largest part of
 * what storing costs: 2 µs in a tight loop, ~19 µs between socket writes on a busy server — about
 * what one more socket send costs (docs/benchmarks.md).
 *
 * Most updates never need to reach SQLite's `updates` table: a room compacts its log into one
 * merged state every few hundred updates and when it unloads, and the journal's entries up to the
 * compacted sequence are then simply forgotten (`compacted`). What is still pending moves into
 * SQLite in one transaction when the journal holds a lot (`ingestAtEntries`/`ingestAtBytes`, which
 * bounds its memory and the replay after a crash) or every `ingestEveryMs` at the latest; the file
 * starts over whenever nothing is pending.
 *
 * Durability is SQLite's with `synchronous=NORMAL`: once `append` returns, the update is in the
 * operating system's file cache, so it survives the process being killed (`kill -9`); like the WAL
 * it is not fsynced per write (a power cut can lose the last moments, never corrupt the file).
 * On open, whatever a killed process left in the journal is replayed into SQLite before anything
 * is read (entries a compaction already covers are skipped there). A record is
 * `[u32 body length][u32 crc32 of body][body]`, body =
 * `[u16 board id length][board id utf-8][f64 seq][update]`: a torn record at the tail (the process
 * died inside a write) fails its length or checksum and ends the replay — it was never
 * acknowledged or broadcast, because `append` had not returned. A write that stops partway
 * without the process dying (a full disk) is cut off again before `append` throws, so no torn
 * record ever sits in front of later ones.
 */
import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { BoardId } from '@truenorth/shared';

export interface JournalEntry {
  boardId: string;
  seq: number;
  update: Uint8Array;
}

const HEADER = 8;
/** After a failed ingest, how long the size bounds wait before they try again. */
const RETRY_AFTER_MS = 1000;

export function encodeRecord(entry: JournalEntry): Buffer {
  const idLength = Buffer.byteLength(entry.boardId, 'utf8');
  const bodyLength = 2 + idLength + 8 + entry.update.byteLength;
  const buf = Buffer.allocUnsafe(HEADER + bodyLength);
  buf.writeUInt32LE(bodyLength, 0);
  buf.writeUInt16LE(idLength, HEADER);
  buf.write(entry.boardId, HEADER + 2, 'utf8');
  buf.writeDoubleLE(entry.seq, HEADER + 2 + idLength);
  buf.set(entry.update, HEADER + 2 + idLength + 8);
  buf.writeUInt32LE(crc32(buf.subarray(HEADER)), 4);
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
  /** Size of the journal file (records a compaction made unneeded included, until it starts over). */
  bytes: number;
  /** Ingests the database refused since the process started (each is retried; nothing is lost). */
  ingestFailures: number;
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
  /**
   * Write entries into the database, all or nothing (one transaction). `replayed`: read back from
   * a journal a previous process left, where entries a compaction covers may still be.
   */
  ingest(entries: readonly JournalEntry[], replayed: boolean): void;
  /** An ingest failed: the entries stay pending (and in the journal) and are tried again. */
  onIngestError(err: unknown): void;
}

export class Journal {
  private readonly fd: number;
  /** Appended but not yet in the database, per board, in sequence order. */
  private readonly pending = new Map<string, JournalEntry[]>();
  private pendingCount = 0;
  /** Bytes in the file (every record since it last started over, compacted ones too). */
  private fileBytes = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly ingestAtEntries: number;
  private readonly ingestAtBytes: number;
  /** An ingest is scheduled because the journal passed a bound. */
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
    fs.writeFileSync(file, '');
    // Append mode: after `ftruncate` every write still lands at the (new) end.
    this.fd = fs.openSync(file, 'a');
    this.timer = setInterval(() => this.flush(), options.ingestEveryMs);
    this.timer.unref();
  }

  /** Durable (against the process dying) when this returns. */
  append(entry: JournalEntry): void {
    if (this.closed) throw new Error('the journal is closed');
    const list = this.pending.get(entry.boardId);
    // What replay accepts, and nothing else: a record it would refuse must never be written. A
    // board with pending updates passed this already (once per board per ingest, not per update).
    if (!list) BoardId.parse(entry.boardId);
    const record = encodeRecord(entry);
    this.write(record);
    this.fileBytes += record.byteLength;
    if (list) list.push(entry);
    else this.pending.set(entry.boardId, [entry]);
    this.pendingCount++;
    // Not inside this call: it is on the way from a client's write to its broadcast.
    if (
      this.ingestSoon === undefined &&
      (this.pendingCount >= this.ingestAtEntries || this.fileBytes >= this.ingestAtBytes) &&
      performance.now() >= this.retryAt
    ) {
      this.ingestSoon = setImmediate(() => {
        this.ingestSoon = undefined;
        this.flush();
      });
    }
  }

  /**
   * One record, whole or not at all. A write that stops partway (the disk or the file size limit
   * is reached inside it) is cut off again before it throws: replay stops at a torn record, so
   * one left in the middle would hide every record appended after it.
   */
  private write(record: Buffer): void {
    let written: number;
    try {
      written = fs.writeSync(this.fd, record);
    } catch (err) {
      this.cutBack();
      throw err;
    }
    if (written === record.byteLength) return;
    this.cutBack();
    throw new Error(`short write to the journal: ${written} of ${record.byteLength} bytes`);
  }

  private cutBack(): void {
    try {
      fs.ftruncateSync(this.fd, this.fileBytes);
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
    return { pendingUpdates: this.pendingCount, bytes: this.fileBytes, ingestFailures: this.ingestFailures };
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
    try {
      this.options.ingest(entries, false);
    } catch (err) {
      // Not again on every append past the bound (a full disk would be hit per message).
      this.retryAt = performance.now() + RETRY_AFTER_MS;
      this.ingestFailures++;
      this.options.onIngestError(err);
      return;
    }
    this.pending.clear();
    this.pendingCount = 0;
    this.startOver();
  }

  private startOver(): void {
    fs.ftruncateSync(this.fd, 0);
    this.fileBytes = 0;
  }

  /** Flush and close; the (empty) file stays for the next process. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearInterval(this.timer);
    clearImmediate(this.ingestSoon);
    fs.closeSync(this.fd);
    if (this.pendingCount === 0) fs.rmSync(this.file, { force: true });
  }
}
