import { BoardId } from '@truenorth/shared';

export type Route =
  | { page: 'home' }
  | { page: 'board'; boardId: string; token: string | null }
  | { page: 'not-found' };

/** Where a URL points. The board id is validated here: a bad id is "not found", not a request. */
export function parseRoute(pathname: string, search: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  const m = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (!m) return { page: 'not-found' };
  let raw: string;
  try {
    raw = decodeURIComponent(m[1] as string);
  } catch {
    return { page: 'not-found' };
  }
  const id = BoardId.safeParse(raw);
  if (!id.success) return { page: 'not-found' };
  const token = new URLSearchParams(search).get('token');
  return { page: 'board', boardId: id.data, token: token?.trim() ? token.trim() : null };
}

export function boardPath(boardId: string, token: string): string {
  return `/b/${encodeURIComponent(boardId)}?token=${encodeURIComponent(token)}`;
}
