/** The HTTP API, with every answer parsed by the shared schemas before use. */
import {
  ApiError,
  BoardCreated,
  BoardMeta,
  type BoardTemplate,
  type RotatableRole,
  RotatedToken,
} from '@truenorth/shared';
import type { z } from 'zod';

export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'http'; status: number; code: string; message: string }
  | { ok: false; kind: 'network'; message: string };

export async function call<T>(schema: z.ZodType<T>, input: string, init: RequestInit): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(input, init);
  } catch (e) {
    return { ok: false, kind: 'network', message: e instanceof Error ? e.message : String(e) };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const err = ApiError.safeParse(body);
    return err.success
      ? { ok: false, kind: 'http', status: res.status, code: err.data.code, message: err.data.message }
      : { ok: false, kind: 'http', status: res.status, code: `HTTP_${res.status}`, message: res.statusText };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      kind: 'http',
      status: res.status,
      code: 'BAD_RESPONSE',
      message: 'Unexpected answer',
    };
  }
  return { ok: true, value: parsed.data };
}

export function createBoard(body: { title?: string; template?: BoardTemplate }) {
  return call(BoardCreated, '/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function getBoard(id: string, token: string) {
  return call(BoardMeta, `/api/boards/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

/** Replace a role's link (facilitator only): whoever is on the old one is disconnected at once. */
export function rotateLink(id: string, token: string, role: RotatableRole) {
  return call(RotatedToken, `/api/boards/${encodeURIComponent(id)}/tokens/${role}/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
}

/** Rename the board (facilitator only); answers the board's metadata with the new title. */
export function renameBoard(id: string, token: string, title: string) {
  return call(BoardMeta, `/api/boards/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
}
