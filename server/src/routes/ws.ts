/**
 * The WebSocket endpoint `/ws/:boardId?token=…` (what y-websocket's WebsocketProvider opens).
 * @fastify/websocket runs the normal hooks before upgrading, so the per-IP rate limit (429), the
 * board id (400), the token (401) and the board (404) are all checked while it is still an HTTP
 * request: a refused client never gets a socket, and no document is loaded for it. The relay core
 * does everything after that.
 */
import websocket from '@fastify/websocket';
import { CloseCode } from '@truenorth/shared';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { toApiError } from '../errors.js';
import { accessOf } from '../plugins/auth.js';

/** How long a closing peer gets to answer the close frame on shutdown. */
const CLOSE_GRACE_MS = 2000;

const DisplayName = z.string().trim().min(1).max(80);

const ws: FastifyPluginAsync = async (app) => {
  const { config } = app;
  await app.register(websocket, {
    // ws closes a frame larger than this with 1009 before buffering it whole.
    options: { maxPayload: config.limits.maxMessageBytes },
    // A socket error (oversized frame, bad framing, reset) is the peer's problem: the relay closes
    // that socket with a named code and terminates it if the peer does not finish the handshake.
    // The default handler would log an error and terminate at once, cutting off the close frame.
    errorHandler(error, _socket, request) {
      request.log.info({ err: error.message, code: (error as { code?: unknown }).code }, 'websocket error');
    },
    // The relay plugin's preClose already stored every room and sent goingAway. Let those closing
    // handshakes finish (the server's close callback waits for every client), close any socket the
    // relay never took, and cut off peers that do not answer in time.
    preClose(done) {
      const wss = app.websocketServer;
      for (const client of wss.clients) {
        if (client.readyState === client.OPEN) client.close(CloseCode.goingAway, 'server shutting down');
      }
      const stragglers = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, CLOSE_GRACE_MS);
      wss.close(() => {
        clearTimeout(stragglers);
        done();
      });
    },
  });

  app.addHook('onError', async (request, _reply, error) => {
    if (request.ws) app.metrics.upgradesRejected.inc({ reason: toApiError(error).code.toLowerCase() });
  });

  app.get(
    '/ws/:boardId',
    {
      websocket: true,
      config: { rateLimit: { max: config.http.upgradesPerMinute, timeWindow: 60_000 } },
      preValidation: app.authorize({ param: 'boardId' }),
    },
    (socket, request) => {
      const access = accessOf(request);
      if (!app.accessStillValid(access)) {
        socket.close(CloseCode.unauthorized, 'token rotated');
        return;
      }
      const name = DisplayName.safeParse((request.query as { name?: unknown }).name);
      const connection = {
        boardId: access.board.id,
        role: access.role,
        ip: request.ip,
        ...(name.success ? { name: name.data } : {}),
      };
      Promise.resolve(app.relay.handleConnection(socket, connection)).catch((error: unknown) => {
        request.log.error({ err: error, boardId: access.board.id }, 'relay refused a connection');
        socket.close(CloseCode.internalError, 'internal error');
      });
    },
  );
};

export default ws;
