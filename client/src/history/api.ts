/** The snapshot routes, answers parsed by the shared schemas; snapshot elements parsed one by one. */
import { type Element, parseElement, SnapshotContent, SnapshotInfo } from '@truenorth/shared';
import { z } from 'zod';
import { type ApiResult, call } from '../lib/api';

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/snapshots`;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export function listSnapshots(boardId: string, token: string) {
  return call(z.array(SnapshotInfo), base(boardId), { headers: auth(token) });
}

export interface SnapshotView {
  info: SnapshotInfo;
  elements: Element[];
  /** Elements that could not be read and are left out of the picture. */
  skipped: number;
}

export async function getSnapshot(
  boardId: string,
  token: string,
  sid: string,
): Promise<ApiResult<SnapshotView>> {
  const r = await call(SnapshotContent, `${base(boardId)}/${encodeURIComponent(sid)}`, {
    headers: auth(token),
  });
  if (!r.ok) return r;
  const elements: Element[] = [];
  let skipped = 0;
  for (const raw of r.value.elements) {
    const out = typeof raw.id === 'string' ? parseElement(raw.id, raw) : null;
    if (!out || out.status === 'skipped') skipped++;
    else elements.push(out.element);
  }
  return { ok: true, value: { info: r.value.info, elements, skipped } };
}

export function takeSnapshot(boardId: string, token: string, name: string) {
  return call(SnapshotInfo, base(boardId), {
    method: 'POST',
    headers: { ...auth(token), 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
}

/**
 * `mode` `undo`: the snapshot was a restore point and its restore was taken back, keeping what
 * people did since; `replace`: the board is now the snapshot (absent from older servers).
 */
export function restoreSnapshot(boardId: string, token: string, sid: string) {
  return call(
    z.object({
      restored: SnapshotInfo,
      restorePoint: SnapshotInfo,
      mode: z.enum(['replace', 'undo']).default('replace'),
    }),
    `${base(boardId)}/${encodeURIComponent(sid)}/restore`,
    { method: 'POST', headers: auth(token) },
  );
}

/**
 * A failed call in words. Without a connection (offline in a train, the server restarting) the
 * browser's own reason ("Failed to fetch") says nothing to a person: say what it means instead.
 */
export function describeError(r: { kind: 'http' | 'network'; message: string; code?: string }): string {
  return r.kind === 'network'
    ? 'The server cannot be reached: snapshots need a connection. Your board is kept; try again once you are back online.'
    : `${r.message} (${r.code ?? 'error'}).`;
}
