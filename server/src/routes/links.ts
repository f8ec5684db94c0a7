import type { Role } from '@truenorth/shared';
import type { FastifyRequest } from 'fastify';

/** Where links point: PUBLIC_URL when set, else the origin the request came to. */
export function publicOrigin(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

export function boardLink(origin: string, boardId: string, token: string): string {
  return `${origin}/b/${encodeURIComponent(boardId)}?token=${encodeURIComponent(token)}`;
}

export function boardLinks(
  origin: string,
  boardId: string,
  tokens: Record<Role, string>,
): Record<Role, string> {
  return {
    facilitator: boardLink(origin, boardId, tokens.facilitator),
    participant: boardLink(origin, boardId, tokens.participant),
    observer: boardLink(origin, boardId, tokens.observer),
  };
}
