/**
 * An export thread (started by `pool.ts` through `worker.mjs`): one job at a time, the board read
 * from its update, the PDF record (pdfkit, loaded on the first PDF job) or a cards export (CSV,
 * JSON, Markdown as UTF-8) made from it, the file transferred back.
 */
import { parentPort } from 'node:worker_threads';
import { renderData } from '../data.js';
import { boardOf, type ExportReply, type ExportRequest, ownArrayBuffer } from './job.js';

const port = parentPort;
if (!port) throw new Error('worker-main.ts runs on a worker thread');

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const utf8 = new TextEncoder();

port.on('message', async ({ id, job }: ExportRequest) => {
  const reply = (message: ExportReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
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
    const format = job.format ?? 'pdf';
    const bytes =
      format === 'pdf'
        ? await (await import('./record.js')).renderRecord(board)
        : utf8.encode(renderData(format, board));
    const file = ownArrayBuffer(bytes);
    const readMs = read - started;
    const renderMs = performance.now() - read;
    reply({ id, ok: true, file, title: board.title, at: board.at, readMs, renderMs }, [file]);
  } catch (error) {
    reply({ id, ok: false, reason: 'render', message: messageOf(error) });
  }
});
