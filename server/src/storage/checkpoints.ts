/**
 * When the SQLite WAL is checkpointed. A checkpoint copies the WAL into the database file and,
 * with `synchronous=NORMAL`, fsyncs both: 10–25 ms on a busy disk, and SQLite's automatic
 * checkpoint runs it inside whichever commit crosses 1,000 pages — on the event loop, in the
 * middle of live traffic. The store-before-broadcast path never waits for SQLite any more (updates
 * go to the journal, and reach SQLite as compactions or in batches; see journal.ts), but a
 * compaction or an ingest that triggered a checkpoint would still stall every room for that long.
 *
 * So the storage turns automatic checkpoints off and checkpoints (PASSIVE) when it has been
 * quiet — nothing written for `quietMs` — and, so the WAL stays bounded under load that never
 * pauses, at once when about `maxPages` pages were written since the last one. Workshops are
 * bursty; a relay under steady load pays the stall about once per `maxPages` pages (with the
 * journal batching writes, minutes apart), instead of once per 1,000 pages.
 *
 * An earlier version checkpointed on a worker thread every second; a worker's own isolate and
 * Node environment cost ~15 MiB of resident memory for a PRAGMA a second.
 */

export interface CheckpointResult {
  /** 1 when a reader kept the checkpoint from finishing (it is retried at the next quiet time). */
  busy: number;
  /** Frames in the WAL and frames copied into the database by this checkpoint. */
  log: number;
  checkpointed: number;
}

export interface CheckpointOptions {
  /** Checkpoint once nothing was written for this long (default 1,000 ms). */
  quietMs?: number;
  /** Checkpoint at once when about this many pages were written since the last one (default 4,000). */
  maxPages?: number;
}

const PAGE = 4096;
const DEFAULT_MAX_PAGES = 4000;

/** The bound in bytes for `maxPages` (the storage also caps the WAL file at it after a reset). */
export const walBound = (options: CheckpointOptions = {}) => (options.maxPages ?? DEFAULT_MAX_PAGES) * PAGE;

export class Checkpoints {
  private pages = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly maxPages: number;
  private closed = false;

  /**
   * `walBytes` reads the WAL file's size: with SQLite's `journal_size_limit` at `walBound`, a WAL
   * file past the bound holds frames written since the last reset, whatever the page estimate
   * says — the hard bound (a transaction that deletes many rows writes more than its bytes tell).
   */
  constructor(
    private readonly checkpoint: () => CheckpointResult,
    options: CheckpointOptions = {},
    private readonly walBytes: () => number = () => 0,
  ) {
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.timer = setTimeout(() => this.whenQuiet(), options.quietMs ?? 1000);
    this.timer.unref();
  }

  /**
   * A write transaction of about `bytes` bytes committed: its data at about three quarters full
   * pages, and a couple of B-tree pages (an estimate: SQLite does not tell a connection its WAL
   * size, and the bound only has to hold within a small factor).
   */
  wrote(bytes: number): void {
    if (this.closed) return;
    this.pages += Math.ceil(bytes / (PAGE * 0.75)) + 2;
    if (this.pages >= this.maxPages || this.walBytes() > this.maxPages * PAGE) this.now();
    else this.timer.refresh();
  }

  /** Checkpoint now (also for tests and tools). */
  now(): CheckpointResult {
    const result = this.checkpoint();
    // A checkpoint a reader held up leaves the frames it could not copy: count them again.
    this.pages = result.busy ? Math.max(0, result.log - result.checkpointed) : 0;
    if (this.pages > 0) this.timer.refresh();
    return result;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private whenQuiet(): void {
    if (!this.closed && this.pages > 0) this.now();
  }
}
