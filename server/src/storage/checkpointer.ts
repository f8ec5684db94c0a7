/**
 * WAL checkpoints on a worker thread. A checkpoint copies the WAL into the database file and, with
 * `synchronous=NORMAL`, fsyncs both: on a busy disk that takes 10–25 ms, and SQLite's automatic
 * checkpoint runs it inside whichever commit crosses the threshold — on the event loop, in the
 * middle of the relay's store-before-broadcast path. So the relay's connection turns automatic
 * checkpoints off and this worker, with its own connection to the same file, checkpoints every
 * `everyMs`. A PASSIVE checkpoint never blocks the writer; durability is unchanged (a commit is in
 * the WAL before the relay broadcasts it, as before).
 *
 * The worker is started on the first write, so a process that only reads costs no thread. If it
 * fails, `onFailure` runs (the storage turns automatic checkpoints back on): the WAL never grows
 * without bound.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/**
 * The worker's code. Plain CommonJS evaluated as a string, so it runs the same under tsx, vitest
 * and a bundle; `better-sqlite3` is resolved here and handed over as a path.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
const checkpoint = (requested) => {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  if (requested) parentPort.postMessage({ op: 'checkpointed', ...result });
};
const timer = setInterval(() => checkpoint(false), workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'now') checkpoint(true);
  if (message === 'close') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ op: 'ready' });
`;

export interface CheckpointResult {
  /** `busy` is 1 when a writer or reader kept the checkpoint from finishing. */
  busy: number;
  /** Frames in the WAL and frames copied into the database by this checkpoint. */
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** Checkpoint now (for tests and shutdown); resolves with the result. */
  now(): Promise<CheckpointResult>;
  close(): Promise<void>;
}

export function startCheckpointer(
  file: string,
  options: { everyMs: number; onFailure(err: unknown): void },
): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, everyMs: options.everyMs, sqlite: require.resolve('better-sqlite3') },
    // A small heap: the worker only runs PRAGMAs.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  // The worker never keeps the process alive; `close()` stops it cleanly.
  worker.unref();
  let closing = false;
  const waiting: ((r: CheckpointResult) => void)[] = [];
  worker.on('message', (message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { op?: unknown } & Partial<CheckpointResult>;
    if (m.op === 'checkpointed') {
      const result = { busy: Number(m.busy), log: Number(m.log), checkpointed: Number(m.checkpointed) };
      for (const resolve of waiting.splice(0)) resolve(result);
    }
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (err: unknown) => {
    if (closing) return;
    closing = true;
    options.onFailure(err);
  };
  worker.on('error', fail);
  worker.once('exit', (code) => fail(new Error(`the checkpoint worker exited (${code})`)));

  return {
    now() {
      return new Promise<CheckpointResult>((resolve, reject) => {
        if (closing) {
          reject(new Error('the checkpoint worker is not running'));
          return;
        }
        waiting.push(resolve);
        worker.postMessage('now');
      });
    },
    async close() {
      if (closing) return exited;
      closing = true;
      worker.postMessage('close');
      await exited;
    },
  };
}
