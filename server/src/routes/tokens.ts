/**
 * Token rotation. The facilitator replaces the participant or observer token; the old links stop
 * at once: the hash is replaced before answering, and every open socket of that role is closed
 * with `unauthorized` (clients must not retry with the old token) — on this node before the
 * answer, on the other nodes as soon as the fan-out's notice reaches them (`tokenRotated`).
 */
import { LINK_REPLACED_REASON, RotatableRole, RotatedToken } from '@truenorth/shared';
import type { FastifyPluginAsync } from 'fastify';
import { hashToken, newToken } from '../auth/tokens.js';
import { parseInput } from '../errors.js';
import { accessOf } from '../plugins/auth.js';
import { boardLink, publicOrigin } from './links.js';
import { responseSchema } from './schemas.js';

const tokens: FastifyPluginAsync = async (app) => {
  app.post(
    '/api/boards/:id/tokens/:role/rotate',
    {
      onRequest: app.authorize({ roles: ['facilitator'] }),
      schema: { response: { 200: responseSchema(RotatedToken) } },
    },
    async (request) => {
      const { board } = accessOf(request);
      const role = parseInput(RotatableRole, (request.params as { role?: unknown }).role, 'role');
      const token = newToken();
      await app.storage.setTokenHash(board.id, role, hashToken(token));
      const disconnected = app.relay.disconnect(board.id, role, 'unauthorized', LINK_REPLACED_REASON);
      // Tells the other nodes, and catches a socket checked here just before the rotation.
      await app.tokenRotated(board.id, role);
      request.log.info({ boardId: board.id, role }, 'token rotated');
      const link = boardLink(publicOrigin(request, app.config.publicUrl), board.id, token);
      // The facilitator is told whom the replacement cut off (Share says so); with several nodes
      // the others close their own sockets on the notice, uncounted here.
      return {
        role,
        token,
        link,
        disconnected,
        otherNodes: app.fanout.kind !== 'none',
      } satisfies RotatedToken;
    },
  );
};

export default tokens;
