/**
 * A PDF render thread (started by `pool.ts` through `worker.mjs`): one job at a time, the board
 * read from its update, the record rendered with pdfkit, the file transferred back.
 */
import { parentPort } from 'node:worker_threads';
import { boardOf, ownArrayBuffer, type PdfReply, type PdfRequest } from './job.js';
import { renderRecord } from './record.js';

const port = parentPort;
if (!port) throw new Error('worker-main.ts runs on a worker thread');

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

port.on('message', async ({ id, job }: PdfRequest) => {
  const reply = (message: PdfReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const started = performance.now();
  let board: ReturnType<typeof boardOf>;
  try {
    board = boardOf(job);
  } catch (error) {
    reply({ id, ok: false, reason: 'unreadable', message: messageOf(error) });
    return;
  }
  const read = performance.now();
  try {
    const pdf = ownArrayBuffer(await renderRecord(board));
    const readMs = read - started;
    const renderMs = performance.now() - read;
    reply({ id, ok: true, pdf, title: board.title, at: board.at, readMs, renderMs }, [pdf]);
  } catch (error) {
    reply({ id, ok: false, reason: 'render', message: messageOf(error) });
  }
});
