/**
 * Authorization for board routes and the WebSocket upgrade. `app.authorize({ roles })` is a hook
 * (onRequest or preValidation): it parses the board id, finds the token, resolves its role
 * and sets `request.access` — or throws 400/401/403/404 before the handler (or any socket) runs.
 * HTTP routes run it onRequest, so a refused request's body is never even read.
 *
 * Replacing a link must cut off its holders on every node. HTTP requests read the stored hashes
 * each time, so only WebSockets need more: their links are watched (`auth/token-watch.ts`) and
 * re-read when a rotation is made here or heard of over the fan-out, or when the fan-out
 * reconnected and may have missed notices; a replaced link's sockets are closed `unauthorized`.
 */
import { BoardId, LINK_REPLACED_REASON, type Role, type RotatableRole } from '@truenorth/shared';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { getOrCreateBoard } from '../auth/boards.js';
import { TokenWatch } from '../auth/token-watch.js';
import { isServiceToken, presentedToken, roleForToken } from '../auth/tokens.js';
import { BoardNotFound, Forbidden, parseInput, Unauthorized } from '../errors.js';
import type { BoardRecord } from '../storage/types.js';

export interface BoardAccess {
  board: BoardRecord;
  role: Role;
  /** `service` when the deployment's SERVICE_TOKEN was used. */
  via: 'token' | 'service';
  /** The stored hash the presented token matched (null for the service token). */
  tokenHash: string | null;
}

export interface AuthorizeOptions {
  /** Roles allowed; every role when omitted. */
  roles?: readonly Role[];
  /** Route parameter holding the board id. */
  param?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    authorize(options?: AuthorizeOptions): (request: FastifyRequest) => Promise<void>;
    /**
     * Call right after a rotation is stored: tells the other nodes, and re-reads the board's links
     * here, cutting off sockets checked before the rotation that reached the relay meanwhile.
     */
    tokenRotated(boardId: string, role: RotatableRole): Promise<void>;
    /**
     * For a WebSocket's access, right before the relay takes the socket (synchronous): false when
     * the link it was checked with has been replaced since, on any node this one heard of.
     */
    accessStillValid(access: BoardAccess): boolean;
  }
  interface FastifyRequest {
    access: BoardAccess | null;
  }
}

const TokenQuery = z.object({ token: z.unknown().optional() }).loose();

const ROTATED = 'This token is not valid for this board (it may have been rotated)';

/** The request's board access; only for handlers behind `authorize`. */
export function accessOf(request: FastifyRequest): BoardAccess {
  if (!request.access) throw new Error('route is missing the authorize hook');
  return request.access;
}

export default fp(
  async (app) => {
    const { storage, config, fanout, relay } = app;
    app.decorateRequest('access', null);

    // The links this node admits WebSockets under, re-read from storage whenever a link may have
    // been replaced: a rotation here, a notice of one from another node (one channel for the
    // whole deployment, so a board not loaded here yet is covered too), the fan-out reconnecting
    // (notices may be lost), or a socket presenting a hash not seen here yet.
    const watch = new TokenWatch({
      read: async (boardId) => {
        const board = await storage.getBoard(boardId);
        return board && { participant: board.tokenHashes.participant, observer: board.tokenHashes.observer };
      },
      cut: (boardId, role) => {
        const cut = relay.disconnect(boardId, role, 'unauthorized', LINK_REPLACED_REASON);
        if (cut > 0) app.log.info({ boardId, role, sockets: cut }, 'link replaced: sockets cut off');
      },
    });
    const recheckFailed = (boardId: string | null) => (err: unknown) =>
      app.log.warn({ err, boardId }, 'could not re-read a board’s links; the next notice re-checks');
    const recheckAll = () =>
      void watch.recheckAll().then((results) => {
        for (const r of results) if (r.status === 'rejected') recheckFailed(null)(r.reason);
      });
    fanout.onRotation((rotation) => {
      if (rotation) watch.recheck(rotation.boardId).catch(recheckFailed(rotation.boardId));
      else recheckAll();
    });
    // A notice can also be lost for good (its node died before its Redis came back): every so
    // often the links of the boards with sockets here are re-read, which bounds how long an old
    // link's socket can outlive its rotation whatever happened to the notice.
    const every = config.limits.linkRecheckMs;
    if (fanout.kind === 'redis' && every > 0) {
      const timer = setInterval(recheckAll, every);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
    }

    app.decorate('tokenRotated', async (boardId: string, role: RotatableRole) => {
      fanout.publishRotation({ boardId, role });
      // Not failing the rotation (stored already, and its new link is only in the answer): a
      // socket this misses reached the relay after the route's disconnect and before this read
      // could finish, and the next notice or reconnect re-reads the board.
      await watch.recheck(boardId).catch(recheckFailed(boardId));
    });
    app.decorate(
      'accessStillValid',
      (access: BoardAccess) =>
        access.tokenHash === null ||
        access.role === 'facilitator' ||
        watch.inForce(access.board.id, access.role, access.tokenHash),
    );

    app.decorate('authorize', (options: AuthorizeOptions = {}) => {
      const param = options.param ?? 'id';
      const roles = options.roles;
      return async (request: FastifyRequest) => {
        const params = (request.params ?? {}) as Record<string, unknown>;
        const boardId = parseInput(BoardId, params[param], 'board id');
        const query = TokenQuery.safeParse(request.query);
        const presented = presentedToken(
          request.headers.authorization,
          query.success ? query.data.token : undefined,
        );
        if (presented.kind === 'none') {
          throw new Unauthorized('A token is required (Authorization: Bearer <token> or ?token=<token>)');
        }
        if (presented.kind === 'malformed') throw new Unauthorized(`Unusable token: ${presented.reason}`);

        let access: BoardAccess;
        if (isServiceToken(presented.token, config.serviceToken)) {
          const board = await getOrCreateBoard(storage, boardId);
          access = { board, role: 'facilitator', via: 'service', tokenHash: null };
        } else {
          // A WebSocket holds the board's watch from before the read until its TCP socket closes:
          // a rotation heard of meanwhile re-reads the board, so a read that found the old link is
          // caught by `admit` or, once the socket is in the relay, cut off with the others.
          const release = request.ws ? watch.hold(boardId) : null;
          if (release) {
            const { socket } = request.raw;
            if (socket.destroyed) release();
            else socket.once('close', release);
          }
          try {
            const board = await storage.getBoard(boardId);
            if (!board) throw new BoardNotFound();
            const role = roleForToken(presented.token, board.tokenHashes);
            if (!role) throw new Unauthorized(ROTATED);
            const tokenHash = board.tokenHashes[role];
            if (release && role !== 'facilitator' && !(await watch.admit(boardId, role, tokenHash))) {
              throw new Unauthorized(ROTATED);
            }
            access = { board, role, via: 'token', tokenHash };
          } catch (error) {
            release?.();
            throw error;
          }
          if (access.role === 'facilitator') release?.();
        }
        if (roles && !roles.includes(access.role)) {
          throw new Forbidden(`The ${access.role} role may not do this (needs ${roles.join(' or ')})`);
        }
        request.access = access;
      };
    });
  },
  {
    name: 'truenorth-auth',
    dependencies: ['truenorth-config', 'truenorth-storage', 'truenorth-relay'],
  },
);
