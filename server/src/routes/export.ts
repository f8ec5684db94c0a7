/**
 * Exports of a board, for any role with a valid token: the PDF workshop record and the cards as
 * CSV, JSON or Markdown. `?snapshot=<id>` exports a snapshot; by default the present state, read
 * from the relay's live document (in order with its updates) and copied out as plain data before
 * rendering, so a long export never holds up the room. The export code is loaded on the first
 * export, not at startup.
 *
 * The PDF record, and the cards exports of a big board, render on an export thread (a small
 * board's cards export on the event loop: same bytes, see `export/data.ts`). Their own answers,
 * besides the shared ones (codes of `errors.ts`):
 * - 503 `EXPORT_BUSY` (with Retry-After): every export thread is busy and `EXPORT_QUEUE` exports
 *   already wait (or the server is shutting down);
 * - 500 `EXPORT_FAILED`: the export thread crashed, ran out of its heap (`EXPORT_WORKER_HEAP_MB`),
 *   took too long or rendering threw. The server carries on; the next export gets a new thread.
 */
import { SnapshotId } from '@truenorth/shared';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ExportBusy, parseInput, SnapshotNotFound, SnapshotUnreadable } from '../errors.js';
import type { ExportBoard } from '../export/board.js';
import type { ExportFormat, ExportJob } from '../export/pdf/job.js';
import type { ExportPool, ExportResult } from '../export/pdf/pool.js';
import { accessOf } from '../plugins/auth.js';

const ExportQuery = z
  .object({
    snapshot: SnapshotId.optional(),
  })
  .loose();

/** The export code (`export/formats.ts`), loaded on first use. */
const formats = () => import('../export/formats.js');

const TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** Made here, on the event loop (a small board's cards export), or on an export thread. */
type Prepared = { board: ExportBoard; job?: never } | { job: ExportJob; transfer: ArrayBuffer[] };

const exportRoutes: FastifyPluginAsync = async (app) => {
  const anyRole = app.authorize();

  // Export threads (export/pdf/pool.ts), started on the first export that needs one and stopped
  // with the app: pdfkit, fontkit and the fonts never load on this thread, and a long export
  // never holds up the relay's rooms.
  let pool: Promise<ExportPool> | null = null;
  const exportPool = () =>
    (pool ??= import('../export/pdf/pool.js').then(
      ({ ExportPool }) => new ExportPool(app.config.pdfExport),
      (error: unknown) => {
        pool = null;
        throw error;
      },
    ));
  app.addHook('onClose', async () => {
    if (pool) await (await pool).close();
  });

  /**
   * The board to export. The PDF record always renders on a thread; a cards export only for a
   * board past `INLINE_MAX_ELEMENTS` elements (a snapshot: `INLINE_MAX_BYTES`), below which the
   * event loop makes it in less time than a thread's round trip.
   */
  async function prepare(request: FastifyRequest, format: ExportFormat): Promise<Prepared> {
    const { board } = accessOf(request);
    const { snapshot: snapshotId } = parseInput(ExportQuery, request.query ?? {}, 'export query');
    const record = { id: board.id, title: board.title };
    const f = await formats();
    if (snapshotId === undefined) {
      // In the room's task, in order with its updates: read as plain data, or encoded as one
      // update that is ours to hand over (transferred).
      return app.relay.withDoc(board.id, (doc, state): Prepared => {
        const at = new Date();
        if (format !== 'pdf' && f.inlinePresent(doc))
          return { board: f.readExportBoard(doc, record, at, { kind: 'present' }) };
        // The room's encoding of the board, shared with fresh joins (none when nothing changed
        // since the last one): copied to the thread, never transferred.
        return { job: { format, update: state(), record, at, source: { kind: 'present' } }, transfer: [] };
      });
    }
    const snapshot = await app.storage.getSnapshot(board.id, snapshotId);
    if (!snapshot) throw new SnapshotNotFound();
    const source = {
      kind: 'snapshot',
      id: snapshot.id,
      name: snapshot.name,
      createdAt: snapshot.createdAt,
    } as const;
    if (format !== 'pdf' && f.inlineSnapshot(snapshot.update)) {
      try {
        return { board: f.readSnapshotBoard(snapshot.update, record, source) };
      } catch (error) {
        request.log.error({ err: error, snapshotId: snapshot.id }, 'unreadable snapshot');
        throw new SnapshotUnreadable();
      }
    }
    // Copied to the thread, not transferred: the storage may hold on to these bytes.
    const job = { format, update: snapshot.update, record, at: new Date(snapshot.createdAt), source };
    return { job, transfer: [] };
  }

  /** Rejects with the shared error handler's EXPORT_BUSY (503), EXPORT_FAILED (500) or SNAPSHOT_UNREADABLE. */
  async function onThread(
    request: FastifyRequest,
    reply: FastifyReply,
    { job, transfer }: Extract<Prepared, { job: ExportJob }>,
  ): Promise<ExportResult> {
    const { ExportUnreadable } = await import('../export/pdf/pool.js');
    // A client that goes away while its export waits for a thread takes it out of the queue.
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    try {
      return await (await exportPool()).render(job, { transfer, signal: gone.signal });
    } catch (error) {
      if (error instanceof ExportUnreadable) {
        request.log.error(
          { err: error, snapshotId: job.source.kind === 'snapshot' ? job.source.id : null },
          'unreadable snapshot',
        );
        throw new SnapshotUnreadable();
      }
      if (error instanceof ExportBusy) reply.header('retry-after', String(error.retryAfter));
      else if (gone.signal.aborted)
        request.log.info({ boardId: job.record.id }, 'export dropped: the client went away');
      throw error;
    }
  }

  const exportAs = (format: ExportFormat) => async (request: FastifyRequest, reply: FastifyReply) => {
    const started = performance.now();
    const prepared = await prepare(request, format);
    const { exportFileName, renderData } = await formats();
    let file: string | Buffer;
    let title: string;
    let at: Date;
    if (prepared.job === undefined) {
      if (format === 'pdf') throw new Error('the PDF record renders on an export thread');
      ({ title, at } = prepared.board);
      file = renderData(format, prepared.board);
    } else {
      const result = await onThread(request, reply, prepared);
      ({ file, title, at } = result);
      request.log.info(
        {
          boardId: prepared.job.record.id,
          format,
          bytes: file.byteLength,
          ms: Math.round(performance.now() - started),
          waitMs: Math.round(result.waitMs),
          readMs: Math.round(result.readMs),
          renderMs: Math.round(result.renderMs),
        },
        'export made on a thread',
      );
    }
    return reply
      .type(TYPES[format])
      .header('content-disposition', exportFileName(title, at, format))
      .header('cache-control', 'private, no-store')
      .send(file);
  };

  for (const format of ['pdf', 'csv', 'json', 'md'] as const)
    app.get(`/api/boards/:id/export.${format}`, { onRequest: anyRole }, exportAs(format));
};

export default exportRoutes;
