/**
 * Exports of a board, for any role with a valid token: the PDF workshop record and the cards as
 * CSV, JSON or Markdown. `?snapshot=<id>` exports a snapshot; by default the present state, read
 * from the relay's live document (in order with its updates) and copied out as plain data before
 * rendering, so a long export never holds up the room. The export code is loaded on the first
 * export, not at startup.
 *
 * The PDF record renders on a worker thread. Its own answers, besides the shared ones:
 * - 503 `EXPORT_BUSY` (with Retry-After): every render thread is busy and `EXPORT_QUEUE` exports
 *   already wait (or the server is shutting down);
 * - 500 `EXPORT_FAILED`: the render thread crashed, ran out of its heap (`EXPORT_WORKER_HEAP_MB`),
 *   took too long or rendering threw. The server carries on; the next export gets a new thread.
 */
import { STATUS_CODES } from 'node:http';
import type { ApiError } from '@truenorth/shared';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseInput, SnapshotNotFound, SnapshotUnreadable } from '../errors.js';
import type { ExportBoard } from '../export/board.js';
import type { PdfJob } from '../export/pdf/job.js';
import type { PdfPool, PdfResult } from '../export/pdf/pool.js';
import { accessOf } from '../plugins/auth.js';

const ExportQuery = z
  .object({
    snapshot: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a snapshot id is 1–64 letters, digits, "-" or "_"')
      .optional(),
  })
  .loose();

/** The export code (`export/formats.ts`), loaded on first use. */
const formats = () => import('../export/formats.js');

const exportRoutes: FastifyPluginAsync = async (app) => {
  const anyRole = app.authorize();

  async function loadBoard(request: FastifyRequest): Promise<ExportBoard> {
    const { board } = accessOf(request);
    const { snapshot: snapshotId } = parseInput(ExportQuery, request.query ?? {}, 'export query');
    const { readExportBoard, readSnapshotBoard } = await formats();
    if (snapshotId === undefined) {
      return app.relay.withDoc(board.id, (doc) =>
        readExportBoard(doc, board, new Date(), { kind: 'present' }),
      );
    }
    const snapshot = await app.storage.getSnapshot(board.id, snapshotId);
    if (!snapshot) throw new SnapshotNotFound();
    try {
      return readSnapshotBoard(snapshot.update, board, {
        kind: 'snapshot',
        id: snapshot.id,
        name: snapshot.name,
        createdAt: snapshot.createdAt,
      });
    } catch (error) {
      request.log.error({ err: error, snapshotId: snapshot.id }, 'unreadable snapshot');
      throw new SnapshotUnreadable();
    }
  }

  const send = async (
    reply: FastifyReply,
    board: Pick<ExportBoard, 'title' | 'at'>,
    ext: string,
    type: string,
    body: string | Buffer,
  ) => {
    const { exportFileName } = await formats();
    return reply
      .type(type)
      .header('content-disposition', exportFileName(board.title, board.at, ext))
      .header('cache-control', 'private, no-store')
      .send(body);
  };

  // PDF records render on worker threads (export/pdf/pool.ts), started on the first PDF export
  // and stopped with the app: pdfkit, fontkit and the fonts never load on this thread, and a long
  // render never holds up the relay's rooms.
  let pool: Promise<PdfPool> | null = null;
  const pdfPool = () =>
    (pool ??= import('../export/pdf/pool.js').then(
      ({ PdfPool }) => new PdfPool(app.config.pdfExport),
      (error: unknown) => {
        pool = null;
        throw error;
      },
    ));
  app.addHook('onClose', async () => {
    if (pool) await (await pool).close();
  });

  /** The PDF job: the board as one update (the live document's, or the snapshot's bytes). */
  async function pdfJob(request: FastifyRequest): Promise<{ job: PdfJob; transfer: ArrayBuffer[] }> {
    const { board } = accessOf(request);
    const { snapshot: snapshotId } = parseInput(ExportQuery, request.query ?? {}, 'export query');
    const record = { id: board.id, title: board.title };
    if (snapshotId === undefined) {
      // Encoded in the room's task, in order with its updates; ours to hand over (transferred).
      const update = await app.relay.encodeState(board.id);
      const whole = update.byteOffset === 0 && update.byteLength === update.buffer.byteLength;
      return {
        job: { update, record, at: new Date(), source: { kind: 'present' } },
        transfer: whole && update.buffer instanceof ArrayBuffer ? [update.buffer] : [],
      };
    }
    const snapshot = await app.storage.getSnapshot(board.id, snapshotId);
    if (!snapshot) throw new SnapshotNotFound();
    // Copied to the thread, not transferred: the storage may hold on to these bytes.
    const source = {
      kind: 'snapshot',
      id: snapshot.id,
      name: snapshot.name,
      createdAt: snapshot.createdAt,
    } as const;
    return {
      job: { update: snapshot.update, record, at: new Date(snapshot.createdAt), source },
      transfer: [],
    };
  }

  app.get('/api/boards/:id/export.pdf', { onRequest: anyRole }, async (request, reply) => {
    const started = performance.now();
    const { job, transfer } = await pdfJob(request);
    const { ExportBusy, ExportFailed, ExportUnreadable } = await import('../export/pdf/pool.js');
    // A client that goes away while its export waits for a thread takes it out of the queue.
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    let result: PdfResult;
    try {
      result = await (await pdfPool()).render(job, { transfer, signal: gone.signal });
    } catch (error) {
      if (error instanceof ExportUnreadable) {
        request.log.error(
          { err: error, snapshotId: job.source.kind === 'snapshot' ? job.source.id : null },
          'unreadable snapshot',
        );
        throw new SnapshotUnreadable();
      }
      if (error instanceof ExportBusy || error instanceof ExportFailed) {
        // Answered here: the app's error handler hides the code of errors it does not know.
        if (error instanceof ExportBusy) {
          request.log.warn({ code: error.code }, error.message);
          reply.header('retry-after', String(error.retryAfter));
        } else if (gone.signal.aborted) {
          request.log.info({ boardId: job.record.id }, 'pdf export dropped: the client went away');
        } else {
          request.log.error({ err: error, boardId: job.record.id }, 'pdf export failed');
        }
        const body: ApiError = {
          statusCode: error.statusCode,
          code: error.code,
          error: STATUS_CODES[error.statusCode] ?? 'Error',
          message: error.message,
        };
        return reply.status(error.statusCode).type('application/json; charset=utf-8').send(body);
      }
      throw error;
    }
    const { pdf, title, at, waitMs, readMs, renderMs } = result;
    request.log.info(
      {
        boardId: job.record.id,
        bytes: pdf.byteLength,
        ms: Math.round(performance.now() - started),
        waitMs: Math.round(waitMs),
        readMs: Math.round(readMs),
        renderMs: Math.round(renderMs),
      },
      'pdf record exported',
    );
    return send(reply, { title, at }, 'pdf', 'application/pdf', pdf);
  });

  app.get('/api/boards/:id/export.csv', { onRequest: anyRole }, async (request, reply) => {
    const board = await loadBoard(request);
    const { toCsv, cardsExport } = await formats();
    return send(reply, board, 'csv', 'text/csv; charset=utf-8', toCsv(cardsExport(board).cards));
  });

  app.get('/api/boards/:id/export.json', { onRequest: anyRole }, async (request, reply) => {
    const board = await loadBoard(request);
    const { cardsExport } = await formats();
    return send(reply, board, 'json', 'application/json; charset=utf-8', JSON.stringify(cardsExport(board)));
  });

  app.get('/api/boards/:id/export.md', { onRequest: anyRole }, async (request, reply) => {
    const board = await loadBoard(request);
    const { buildChapters, cardsExport, toMarkdown } = await formats();
    const rows = cardsExport(board, buildChapters(board)).cards;
    return send(reply, board, 'md', 'text/markdown; charset=utf-8', toMarkdown(board, rows));
  });
};

export default exportRoutes;
