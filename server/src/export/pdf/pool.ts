/**
 * Exports render on worker threads: the PDF record (pdfkit and fontkit take ~1 s of CPU for a
 * 5,000-card board) and the cards exports of big boards (reading a 5,000-card snapshot takes
 * 300–900 ms), which on the event loop would stall every live room's sync for as long.
 *
 * - Threads start on the first job (a process that never exports has none) and stop after
 *   `idleMs` without work, and all of them on `close()` (the app's onClose).
 * - Each thread renders one job at a time; jobs beyond the threads wait in a queue of at most
 *   `queue`, and beyond that are refused at once with `ExportBusy` (503 EXPORT_BUSY).
 * - A thread that crashes, runs out of its heap (`heapMb`) or takes longer than `timeoutMs` is
 *   stopped: its job fails with `ExportFailed` (500 EXPORT_FAILED), the next job gets a new thread.
 * - A job whose update cannot be read fails with `ExportUnreadable` (the route answers
 *   SNAPSHOT_UNREADABLE, as before), and the thread carries on.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { ExportBusy, ExportFailed } from '../../errors.js';
import type { ExportJob, ExportReply } from './job.js';

export { ExportBusy, ExportFailed };

/** The job's update is not a Yjs update. */
export class ExportUnreadable extends Error {}

export interface ExportResult {
  /** The file: the PDF, or the text export's UTF-8. */
  file: Buffer;
  title: string;
  at: Date;
  /** Waiting in the queue for a thread; reading the board and rendering, on the thread. */
  waitMs: number;
  readMs: number;
  renderMs: number;
}

export interface ExportPoolOptions {
  workers: number;
  queue: number;
  heapMb: number;
  /** A job running longer stops its thread (default 2 minutes). */
  timeoutMs?: number;
  /** A thread with nothing to do this long stops (default 5 minutes). */
  idleMs?: number;
}

export interface RenderOptions {
  /** Buffers to transfer with the job (the caller's own: they are unusable afterwards). */
  transfer?: ArrayBuffer[];
  /** Aborted while the job is still waiting: it is dropped (e.g. the client went away). */
  signal?: AbortSignal;
}

/** The worker's entry: plain JS, which loads the TypeScript through tsx (see worker.mjs). */
const ENTRY = new URL('./worker.mjs', import.meta.url);

/** What a thread answers (checked: a reply without a matching shape is a failed thread). */
const Reply = z.discriminatedUnion('ok', [
  z.object({
    id: z.number(),
    ok: z.literal(true),
    file: z.instanceof(ArrayBuffer),
    title: z.string(),
    at: z.date(),
    readMs: z.number(),
    renderMs: z.number(),
  }),
  z.object({
    id: z.number(),
    ok: z.literal(false),
    reason: z.enum(['unreadable', 'render']),
    message: z.string(),
  }),
]) satisfies z.ZodType<ExportReply>;

interface Task {
  id: number;
  job: ExportJob;
  transfer: ArrayBuffer[];
  signal: AbortSignal | undefined;
  queuedAt: number;
  /** When it was handed to a thread. */
  sentAt: number;
  resolve(result: ExportResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  /** Set once the slot is out of service (crashed, timed out, idle or closing). */
  retired: boolean;
  error: Error | null;
}

export class ExportPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private readonly exits = new Set<Promise<void>>();
  private nextId = 1;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly idleMs: number;

  constructor(private readonly options: ExportPoolOptions) {
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.idleMs = options.idleMs ?? 300_000;
  }

  /** Threads running now (started and not yet stopped). */
  get threads(): number {
    return this.slots.length;
  }

  /** Render one file; rejects with `ExportBusy`, `ExportFailed` or `ExportUnreadable`. */
  render(job: ExportJob, options: RenderOptions = {}): Promise<ExportResult> {
    return new Promise<ExportResult>((resolve, reject) => {
      if (this.closed) {
        reject(new ExportBusy('The server is shutting down; exports are not accepted'));
        return;
      }
      const task: Task = {
        id: this.nextId++,
        job,
        transfer: options.transfer ?? [],
        signal: options.signal,
        queuedAt: performance.now(),
        sentAt: 0,
        resolve,
        reject,
      };
      const slot = this.freeSlot();
      if (slot) {
        this.dispatch(slot, task);
        return;
      }
      if (this.waiting.length >= this.options.queue) {
        reject(
          new ExportBusy(
            `Too many exports at once (${this.options.workers} rendering, ${this.waiting.length} waiting); retry shortly`,
          ),
        );
        return;
      }
      this.waiting.push(task);
      task.signal?.addEventListener('abort', () => this.drop(task), { once: true });
    });
  }

  /** Stop every thread; jobs still waiting or running fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new ExportBusy('The server is shutting down'));
    for (const slot of [...this.slots])
      this.retire(slot, new ExportFailed('The server shut down during the export'));
    await Promise.all(this.exits);
  }

  /** An idle thread, or a new one while there are fewer than `workers`. */
  private freeSlot(): Slot | null {
    const idle = this.slots.find((s) => s.task === null && !s.retired);
    if (idle) return idle;
    return this.slots.length < this.options.workers ? this.spawn() : null;
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, {
      // Nothing inherited from the parent's command line (its loader flags, say): the entry
      // registers tsx itself; V8 flags such as the semi-space size are process-wide anyway.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    const slot: Slot = {
      worker,
      task: null,
      timer: null,
      retired: false,
      error: null,
    };
    this.slots.push(slot);
    worker.on('message', (message: unknown) => this.received(slot, message));
    worker.on('error', (error) => {
      slot.error = error;
    });
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', (code) => {
        this.exits.delete(exited);
        const cause = slot.error ?? new Error(`the export thread exited with code ${code}`);
        this.retire(slot, new ExportFailed(`The export thread failed: ${cause.message}`, { cause }));
        this.pump();
        resolve();
      });
    });
    this.exits.add(exited);
    return slot;
  }

  private dispatch(slot: Slot, task: Task): void {
    slot.task = task;
    task.sentAt = performance.now();
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      this.retire(
        slot,
        new ExportFailed(
          `The export took longer than ${this.timeoutMs < 1000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 1000)} s`}`,
        ),
      );
      this.pump();
    }, this.timeoutMs);
    slot.timer.unref();
    slot.worker.ref();
    try {
      slot.worker.postMessage({ id: task.id, job: task.job }, task.transfer);
    } catch (error) {
      // Not cloneable: the job's fault, not the thread's.
      slot.task = null;
      task.reject(new ExportFailed('The export could not be handed to the export thread', { cause: error }));
      this.idle(slot);
    }
  }

  private received(slot: Slot, message: unknown): void {
    const task = slot.task;
    const parsed = Reply.safeParse(message);
    if (!task || !parsed.success || parsed.data.id !== task.id) {
      this.retire(slot, new ExportFailed('The export thread answered out of turn'));
      this.pump();
      return;
    }
    const reply = parsed.data;
    slot.task = null;
    if (reply.ok) {
      task.resolve({
        file: Buffer.from(reply.file),
        title: reply.title,
        at: reply.at,
        waitMs: task.sentAt - task.queuedAt,
        readMs: reply.readMs,
        renderMs: reply.renderMs,
      });
    } else if (reply.reason === 'unreadable') {
      task.reject(new ExportUnreadable(reply.message));
    } else {
      task.reject(new ExportFailed(`Rendering the export failed: ${reply.message}`));
    }
    this.idle(slot);
  }

  /** A thread that finished a job: the next waiting job, or idle (unref'd, stopped after idleMs). */
  private idle(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const next = this.nextWaiting();
    if (next) {
      this.dispatch(slot, next);
      return;
    }
    slot.worker.unref();
    slot.timer = setTimeout(() => this.retire(slot, null), this.idleMs);
    slot.timer.unref();
  }

  /** Waiting jobs onto threads (after a thread went away, a new one starts for them). */
  private pump(): void {
    while (this.waiting.length > 0 && !this.closed) {
      const slot = this.freeSlot();
      const next = slot && this.nextWaiting();
      if (!slot || !next) return;
      this.dispatch(slot, next);
    }
  }

  private nextWaiting(): Task | undefined {
    let task = this.waiting.shift();
    while (task?.signal?.aborted) task = this.waiting.shift();
    return task;
  }

  private drop(task: Task): void {
    const at = this.waiting.indexOf(task);
    if (at < 0) return;
    this.waiting.splice(at, 1);
    task.reject(new ExportFailed('The request was closed before its export started'));
  }

  /** Take a thread out of service and stop it; its job, if any, fails with `error`. */
  private retire(slot: Slot, error: Error | null): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const task = slot.task;
    slot.task = null;
    if (task) task.reject(error ?? new ExportFailed('The export thread stopped'));
    if (slot.retired) return;
    slot.retired = true;
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    void slot.worker.terminate();
  }
}
