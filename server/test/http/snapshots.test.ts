import { createElement, readMeta, SnapshotContent, SnapshotInfo } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bearer, joinBoard, startServer, type TestServer, until } from './harness.js';

let server: TestServer | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.close();
  server = undefined;
});

const join = (host: string, boardId: string, token: string) => joinBoard(host, boardId, token, cleanups);

describe('snapshots', () => {
  it('facilitator only: take, list, read as JSON and as an update, restore as a new change', async () => {
    server = await startServer();
    const host = await server.listen();
    const board = await server.createBoard({ title: 'Day 1' });
    const base = `/api/boards/${board.id}/snapshots`;
    const as = (role: keyof typeof board.tokens) => bearer(board.tokens[role]);

    const writer = await join(host, board.id, board.tokens.participant);
    const watcher = await join(host, board.id, board.tokens.observer);
    const noteId = createElement(writer, 'sticky', { x: 10, y: 20, text: 'Ship it' });
    // The relay stores before it broadcasts: once the observer sees the note, the server has it.
    await until(() => watcher.getMap('elements').has(noteId));

    const denied = await server.app.inject({
      method: 'POST',
      url: base,
      headers: as('participant'),
      payload: { name: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'FORBIDDEN' });
    const bad = await server.app.inject({
      method: 'POST',
      url: base,
      headers: as('facilitator'),
      payload: { name: '' },
    });
    expect(bad.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });

    const taken = await server.app.inject({
      method: 'POST',
      url: base,
      headers: as('facilitator'),
      payload: { name: 'end of day 1' },
    });
    expect(taken.statusCode).toBe(201);
    const info = SnapshotInfo.strict().parse(taken.json());
    expect(info).toMatchObject({ boardId: board.id, name: 'end of day 1', kind: 'manual' });

    const list = await server.app.inject({ url: base, headers: as('observer') });
    expect(list.statusCode).toBe(200);
    expect(list.json<SnapshotInfo[]>().map((s) => s.id)).toContain(info.id);

    const content = await server.app.inject({ url: `${base}/${info.id}`, headers: as('observer') });
    const parsed = SnapshotContent.parse(content.json());
    expect(parsed.info.id).toBe(info.id);
    expect(parsed.elements).toEqual([
      expect.objectContaining({ id: noteId, type: 'sticky', text: 'Ship it' }),
    ]);

    const update = await server.app.inject({ url: `${base}/${info.id}/update`, headers: as('observer') });
    expect(update.headers['content-type']).toBe('application/octet-stream');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, update.rawPayload);
    expect(copy.getMap('elements').has(noteId)).toBe(true);

    const missing = await server.app.inject({ url: `${base}/nosuch`, headers: as('observer') });
    expect(missing.json()).toMatchObject({ statusCode: 404, code: 'SNAPSHOT_NOT_FOUND' });

    writer.getMap('elements').delete(noteId);
    await until(() => !watcher.getMap('elements').has(noteId));
    const participantRestore = await server.app.inject({
      method: 'POST',
      url: `${base}/${info.id}/restore`,
      headers: as('participant'),
    });
    expect(participantRestore.statusCode).toBe(403);
    const restored = await server.app.inject({
      method: 'POST',
      url: `${base}/${info.id}/restore`,
      headers: as('facilitator'),
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ restored: { id: info.id } });
    await until(() => writer.getMap('elements').has(noteId) && watcher.getMap('elements').has(noteId));
    // Everyone's document says what was restored, by whom and when (for the notice people see).
    expect(readMeta(watcher).restored).toMatchObject({ name: info.name, by: 'facilitator' });
    expect(Date.now() - (readMeta(watcher).restored?.at ?? 0)).toBeLessThan(60_000);
  });
});
