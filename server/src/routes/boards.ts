/**
 * Boards. Creating one needs no token: anyone who can reach the server may start a workshop
 * (nobody signs up; the creator gets the facilitator link). Abuse is bounded per IP by
 * BOARD_CREATES_PER_MINUTE (429). A deployment that wants closed creation puts the server behind
 * its own gate or creates boards with the SERVICE_TOKEN.
 */
import {
  BoardCreated,
  BoardMeta,
  CreateBoardBody,
  metaMap,
  RenameBoardBody,
  seedTemplate,
} from '@truenorth/shared';
import type { FastifyPluginAsync } from 'fastify';
import { createBoard } from '../auth/boards.js';
import { parseInput } from '../errors.js';
import { accessOf } from '../plugins/auth.js';
import { boardLinks, publicOrigin } from './links.js';
import { responseSchema } from './schemas.js';

const boards: FastifyPluginAsync = async (app) => {
  app.post(
    '/api/boards',
    {
      schema: { response: { 201: responseSchema(BoardCreated) } },
      config: { rateLimit: { max: app.config.http.boardCreatesPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const body = parseInput(CreateBoardBody, request.body ?? {}, 'board');
      const { board, tokens } = await createBoard(app.storage, body);
      // The template goes in here, once, by the server — never by the clients that open the board
      // (two parties seeding the same new doc duplicate it: hocuspocus#84, #592).
      await app.relay.transact(board.id, (doc) => {
        metaMap(doc).set('title', board.title);
        seedTemplate(doc, board.template);
      });
      const links = boardLinks(publicOrigin(request, app.config.publicUrl), board.id, tokens);
      request.log.info({ boardId: board.id, template: board.template }, 'board created');
      return reply
        .status(201)
        .send({ id: board.id, title: board.title, tokens, links } satisfies BoardCreated);
    },
  );

  app.get(
    '/api/boards/:id',
    { onRequest: app.authorize(), schema: { response: { 200: responseSchema(BoardMeta) } } },
    async (request) => {
      const { board, role } = accessOf(request);
      return {
        id: board.id,
        title: board.title,
        template: board.template,
        createdAt: board.createdAt,
        role,
      } satisfies BoardMeta;
    },
  );

  // Renaming writes the title in both places it lives, in this one request: the board record
  // (what GET /api/boards/:id, the name prompt and the exports read) and the document's
  // meta.title (what everyone on the board sees change live, on any node, via the relay). The
  // record first: if the document write then fails the answer is an error and a retry writes
  // both; the other order could show everyone a title that no reload or export ever confirms.
  app.patch(
    '/api/boards/:id',
    {
      onRequest: app.authorize({ roles: ['facilitator'] }),
      schema: { response: { 200: responseSchema(BoardMeta) } },
    },
    async (request) => {
      const { board, role } = accessOf(request);
      const { title } = parseInput(RenameBoardBody, request.body ?? {}, 'rename');
      await app.storage.setTitle(board.id, title);
      await app.relay.transact(board.id, (doc) => {
        if (metaMap(doc).get('title') !== title) metaMap(doc).set('title', title);
      });
      request.log.info({ boardId: board.id }, 'board renamed');
      return {
        id: board.id,
        title,
        template: board.template,
        createdAt: board.createdAt,
        role,
      } satisfies BoardMeta;
    },
  );
};

export default boards;
