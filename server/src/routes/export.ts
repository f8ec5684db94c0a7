/**
 * Exports of a board, for any role with a valid token: the PDF workshop record and the cards as
 * CSV, JSON or Markdown. `?snapshot=<id>` exports a snapshot; by default the present state, read
 * from the relay's live document (in order with its updates) and copied out as plain data before
 * rendering, so a long export never holds up the room. The export code is loaded on the first
 * export, not at startup.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseInput, SnapshotNotFound, SnapshotUnreadable } from '../errors.js';
import type { ExportBoard } from '../export/board.js';
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
    board: ExportBoard,
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

  app.get('/api/boards/:id/export.pdf', { onRequest: anyRole }, async (request, reply) => {
    const board = await loadBoard(request);
    const started = performance.now();
    // Loaded on first use: pdfkit, fontkit and the fonts cost ~40 MB that a relay never needing a
    // PDF should not carry (measured by bench:relay's RSS figures).
    const { renderRecord } = await import('../export/pdf/record.js');
    const pdf = await renderRecord(board);
    request.log.info(
      { boardId: board.id, bytes: pdf.byteLength, ms: Math.round(performance.now() - started) },
      'pdf record exported',
    );
    return send(reply, board, 'pdf', 'application/pdf', pdf);
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
