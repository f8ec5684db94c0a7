/**
 * Authorization for board routes and the WebSocket upgrade. `app.authorize({ roles })` is a hook
 * (onRequest or preValidation): it parses the board id, finds the token, resolves its role
 * and sets `request.access` — or throws 400/401/403/404 before the handler (or any socket) runs.
 * HTTP routes run it onRequest, so a refused request's body is never even read.
 */
import { BoardId, type Role } from '@truenorth/shared';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { getOrCreateBoard } from '../auth/boards.js';
import { isServiceToken, presentedToken, roleForToken } from '../auth/tokens.js';
import { BoardNotFound, Forbidden, parseInput, Unauthorized } from '../errors.js';
import type { BoardRecord } from '../storage/types.js';

export interface BoardAccess {
  board: BoardRecord;
  role: Role;
  /** `service` when the deployment's SERVICE_TOKEN was used. */
  via: 'token' | 'service';
  /** Rotation count of this board and role when the token was checked. */
  epoch: number;
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
    /** Call right after a rotation is stored: accesses checked before it are no longer valid. */
    tokenRotated(boardId: string, role: Role): void;
    /** False when the role's token was rotated since `access` was checked (synchronous). */
    accessStillValid(access: BoardAccess): boolean;
  }
  interface FastifyRequest {
    access: BoardAccess | null;
  }
}

const TokenQuery = z.object({ token: z.unknown().optional() }).loose();

/** The request's board access; only for handlers behind `authorize`. */
export function accessOf(request: FastifyRequest): BoardAccess {
  if (!request.access) throw new Error('route is missing the authorize hook');
  return request.access;
}

export default fp(
  async (app) => {
    const { storage, config } = app;
    app.decorateRequest('access', null);

    // A socket authenticated just before a rotation may reach the relay just after the relay
    // closed that role's sockets; the WebSocket route checks this epoch synchronously before handing
    // the socket over. Single-process (a multi-node deployment needs the fan-out to carry it).
    const epochs = new Map<string, number>();
    const epochKey = (boardId: string, role: Role) => `${role}:${boardId}`;
    const epochOf = (boardId: string, role: Role) => epochs.get(epochKey(boardId, role)) ?? 0;
    app.decorate('tokenRotated', (boardId: string, role: Role) => {
      epochs.set(epochKey(boardId, role), epochOf(boardId, role) + 1);
    });
    app.decorate(
      'accessStillValid',
      (access: BoardAccess) =>
        access.via === 'service' || epochOf(access.board.id, access.role) === access.epoch,
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
          access = { board, role: 'facilitator', via: 'service', epoch: epochOf(boardId, 'facilitator') };
        } else {
          // Read before the record: a rotation stored after this read bumps the epoch.
          const before = {
            facilitator: epochOf(boardId, 'facilitator'),
            participant: epochOf(boardId, 'participant'),
            observer: epochOf(boardId, 'observer'),
          };
          const board = await storage.getBoard(boardId);
          if (!board) throw new BoardNotFound();
          const role = roleForToken(presented.token, board.tokenHashes);
          if (!role)
            throw new Unauthorized('This token is not valid for this board (it may have been rotated)');
          access = { board, role, via: 'token', epoch: before[role] };
        }
        if (roles && !roles.includes(access.role)) {
          throw new Forbidden(`The ${access.role} role may not do this (needs ${roles.join(' or ')})`);
        }
        request.access = access;
      };
    });
  },
  { name: 'truenorth-auth', dependencies: ['truenorth-config', 'truenorth-storage'] },
);
