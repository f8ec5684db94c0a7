/**
 * A restore made by mistake, undone once people have worked on: undoing gives back what the
 * restore took and takes back what it brought, but keeps what people did after it. Real server,
 * real SQLite file, real sockets; one test goes through a server restart in between.
 */
import { createElement, elementsMap, readBoard, readMeta } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { bearer, joinBoard, startServer, type TestServer, until } from './harness.js';

let server: TestServer | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.close();
  server = undefined;
});

const join = (host: string, boardId: string, token: string) => joinBoard(host, boardId, token, cleanups);

/** Sticky texts by id, as a client reads them. */
function texts(doc: Y.Doc): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readBoard(doc).elements) if (e.type === 'sticky') out[e.id] = e.text;
  return out;
}

function setText(doc: Y.Doc, id: string, text: string): void {
  const t = (elementsMap(doc).get(id) as Y.Map<unknown>).get('text') as Y.Text;
  doc.transact(() => {
    t.delete(0, t.length);
    t.insert(0, text);
  });
}

interface Restored {
  restored: { id: string; name: string; kind: string };
  restorePoint: { id: string; name: string; kind: string };
}

describe('undoing a restore', () => {
  it('keeps what people wrote after the restore, and takes back only what the restore did', async () => {
    server = await startServer();
    const host = await server.listen();
    const board = await server.createBoard({ title: 'Day 2' });
    const base = `/api/boards/${board.id}/snapshots`;
    const facilitator = bearer(board.tokens.facilitator);
    const ann = await join(host, board.id, board.tokens.participant);
    const wall = await join(host, board.id, board.tokens.observer);
    const seen = (check: (d: Y.Doc) => boolean) => until(() => check(ann) && check(wall));

    // Day 1.
    const a = createElement(ann, 'sticky', { x: 0, y: 0, text: 'Day 1 A' });
    const b = createElement(ann, 'sticky', { x: 300, y: 0, text: 'Day 1 B' });
    const gone = createElement(ann, 'sticky', { x: 600, y: 0, text: 'Day 1, deleted on day 2' });
    await seen((d) => Object.keys(texts(d)).length === 3);
    const day1 = await server.app.inject({
      method: 'POST',
      url: base,
      headers: facilitator,
      payload: { name: 'End of day 1' },
    });
    expect(day1.statusCode).toBe(201);

    // Day 2 morning.
    setText(ann, a, 'Day 1 A, revised on day 2');
    elementsMap(ann).delete(gone);
    const morning = createElement(ann, 'sticky', { x: 0, y: 300, text: 'Day 2 morning' });
    await seen((d) => texts(d)[a] === 'Day 1 A, revised on day 2' && texts(d)[morning] !== undefined);

    // Restored by mistake: the board is day 1's again.
    const mistake = await server.app.inject({
      method: 'POST',
      url: `${base}/${day1.json<{ id: string }>().id}/restore`,
      headers: facilitator,
    });
    expect(mistake.statusCode).toBe(200);
    const { restorePoint } = mistake.json<Restored>();
    await seen((d) => texts(d)[gone] !== undefined && texts(d)[morning] === undefined);
    // The history lists the point with the snapshot it was taken for (what the dialog's wording
    // of an undo goes by); other snapshots name none.
    const listed = await server.app.inject({ method: 'GET', url: base, headers: facilitator });
    const infos = listed.json<{ id: string; restoreOf: string | null }[]>();
    expect(infos.find((s) => s.id === restorePoint.id)?.restoreOf).toBe(day1.json<{ id: string }>().id);
    expect(infos.find((s) => s.id === day1.json<{ id: string }>().id)?.restoreOf).toBeNull();

    // People go on before anyone undoes it: a new note, and an edit of a restored one.
    const after = createElement(ann, 'sticky', { x: 300, y: 300, text: 'Written after the restore' });
    setText(ann, b, 'Day 1 B, edited after the restore');
    await seen((d) => texts(d)[after] !== undefined && texts(d)[b] === 'Day 1 B, edited after the restore');

    const undo = await server.app.inject({
      method: 'POST',
      url: `${base}/${restorePoint.id}/restore`,
      headers: facilitator,
    });
    expect(undo.statusCode).toBe(200);
    const expected = {
      [a]: 'Day 1 A, revised on day 2',
      [b]: 'Day 1 B, edited after the restore',
      [morning]: 'Day 2 morning',
      [after]: 'Written after the restore',
    };
    // Undone: day 2's morning is back (whichever way the undo went).
    await seen((d) => texts(d)[morning] !== undefined && texts(d)[gone] === undefined);
    for (const d of [ann, wall]) expect(texts(d)).toEqual(expected);
    expect(undo.json()).toMatchObject({ mode: 'undo' });
    // Everyone's notice says what was taken back (the meta the relay wrote in the same change).
    for (const d of [ann, wall]) {
      expect(readMeta(d).restored).toMatchObject({ name: restorePoint.name, undid: 'End of day 1' });
    }
  });

  it('works the same after the server restarted between the restore and its undo', async () => {
    server = await startServer();
    const host = await server.listen();
    const board = await server.createBoard({ title: 'Day 2' });
    const base = `/api/boards/${board.id}/snapshots`;
    const facilitator = bearer(board.tokens.facilitator);
    const ann = await join(host, board.id, board.tokens.participant);
    const wall = await join(host, board.id, board.tokens.observer);
    const a = createElement(ann, 'sticky', { x: 0, y: 0, text: 'Day 1' });
    await until(() => texts(ann)[a] !== undefined);
    const day1 = await server.app.inject({
      method: 'POST',
      url: base,
      headers: facilitator,
      payload: { name: 'End of day 1' },
    });
    const morning = createElement(ann, 'sticky', { x: 0, y: 300, text: 'Day 2 morning' });
    await until(() => texts(ann)[morning] !== undefined);
    const mistake = await server.app.inject({
      method: 'POST',
      url: `${base}/${day1.json<{ id: string }>().id}/restore`,
      headers: facilitator,
    });
    const { restorePoint } = mistake.json<Restored>();
    await until(() => texts(ann)[morning] === undefined);
    const after = createElement(ann, 'sticky', { x: 300, y: 300, text: 'Written after the restore' });
    // Stored once the observer has it (the relay stores before it broadcasts).
    await until(() => texts(wall)[after] !== undefined);
    for (const cleanup of cleanups.splice(0)) cleanup();

    // The night: stopped (SIGTERM's path: app.close) and started on the same data.
    await server.app.close();
    const app = await buildApp(loadConfig({ DATA_DIR: server.config.dataDir, LOG_LEVEL: 'silent' }), {
      logger: false,
    });
    const closeFirst = server;
    server = {
      ...closeFirst,
      app,
      close: async () => {
        await app.close();
        await closeFirst.close();
      },
    };
    const undo = await app.inject({
      method: 'POST',
      url: `${base}/${restorePoint.id}/restore`,
      headers: facilitator,
    });
    expect(undo.statusCode).toBe(200);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const again = await join(`127.0.0.1:${address.port}`, board.id, board.tokens.participant);
    expect(Object.values(texts(again)).sort()).toEqual([
      'Day 1',
      'Day 2 morning',
      'Written after the restore',
    ]);
  });
});
