/**
 * The cards exports (CSV, JSON, Markdown) of a big board or snapshot are made on an export thread
 * (the PDF record's pool), a small board's on the event loop: the same bytes either way, the same
 * answer, and the event loop stays free while a big snapshot is exported.
 */
import { readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { elementsMap } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readExportBoard, readSnapshotBoard } from '../../src/export/board.js';
import { type DataFormat, INLINE_MAX_BYTES, INLINE_MAX_ELEMENTS, renderData } from '../../src/export/data.js';
import { ExportPool } from '../../src/export/pdf/pool.js';
import { bearer, startServer, type TestServer } from '../http/harness.js';
import { crowdTheme, fillWorkshop, WorkshopBuilder } from './workshop.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FORMATS: readonly DataFormat[] = ['csv', 'json', 'md'];
const THEMES = ['Theme A', 'Theme B', 'Theme C', 'Parking lot'];
/** Texts whose bytes are easy to get wrong between two writers. */
const TRICKY = [
  'Commas, and "quotes", together',
  'Two\nlines',
  'Windows\r\nline break',
  '=HYPERLINK("http://example.invalid")',
  '# not a heading *nor bold* [nor](a link) <b>nor html</b>',
  'Привет, команда',
  '用户旅程 👩🏽‍💻',
  'A lone surrogate \uD800 here',
];

function fill(b: WorkshopBuilder, cards: number): void {
  fillWorkshop(b);
  b.add(
    b.part('card-sorting', (e) => e.type === 'theme' && e.name === 'Theme C'),
    null,
    TRICKY.map((text, i) => ({ text, author: i % 2 ? 'Ана' : '', votes: i % 3 })),
  );
  b.flush();
  for (const theme of THEMES) crowdTheme(b, Math.ceil(cards / THEMES.length), theme);
}

/** A workshop board with `cards` more cards, and a snapshot of it. */
async function board(cards: number) {
  const created = await server!.createBoard({ title: 'Big Offsite: Day 2', template: 'workshop' });
  await server!.app.relay.transact(created.id, (doc) => fill(new WorkshopBuilder(doc), cards));
  const snapshot = await server!.app.relay.snapshot(created.id, 'Before lunch', 'manual', null);
  const stored = await server!.app.storage.getSnapshot(created.id, snapshot.id);
  if (!stored) throw new Error('the snapshot was not stored');
  const get = (format: DataFormat | 'pdf', query = '') =>
    server!.app.inject({
      method: 'GET',
      url: `/api/boards/${created.id}/export.${format}${query}`,
      headers: bearer(created.tokens.observer),
    });
  return { id: created.id, title: 'Big Offsite: Day 2', snapshot: stored, get };
}

/** Threads of this process (Linux): export threads are the only ones an export may add. */
const threads = () => readdirSync('/proc/self/task').length;

const TYPES: Record<DataFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

describe('cards exports on the export threads', () => {
  it('make the same bytes on a thread as on the event loop (pool, present state)', async () => {
    const b = new WorkshopBuilder();
    fill(b, 50);
    const record = { id: 'b1', title: 'Équipe: «Plan» 2025' };
    const at = new Date('2025-03-04T05:06:07.089Z');
    const pool = new ExportPool({ workers: 1, queue: 4, heapMb: 256 });
    try {
      for (const format of FORMATS) {
        // As the route: the live document read here, or its update read on the thread.
        const inline = Buffer.from(
          renderData(format, readExportBoard(b.doc, record, at, { kind: 'present' })),
          'utf8',
        );
        const update = Y.encodeStateAsUpdate(b.doc);
        const threaded = await pool.render({ format, update, record, at, source: { kind: 'present' } });
        expect(threaded.title).toBe(record.title);
        expect(threaded.at.toISOString()).toBe(at.toISOString());
        expect(threaded.file.equals(inline), `${format}: thread and event loop differ`).toBe(true);
      }
    } finally {
      await pool.close();
    }
  });

  it('answer a big board with the same bytes and headers as the event loop would', async () => {
    server = await startServer();
    const small = await board(0);
    const big = await board(800);
    expect(big.snapshot.update.byteLength).toBeGreaterThan(INLINE_MAX_BYTES);
    const elements = await server.app.relay.withDoc(big.id, (doc) => elementsMap(doc).size);
    expect(elements).toBeGreaterThan(INLINE_MAX_ELEMENTS);
    const live = await server.app.relay.withDoc(big.id, (doc) =>
      readExportBoard(doc, { id: big.id, title: big.title }, new Date(), { kind: 'present' }),
    );
    const snapshotBoard = readSnapshotBoard(
      big.snapshot.update,
      { id: big.id, title: big.title },
      {
        kind: 'snapshot',
        id: big.snapshot.id,
        name: big.snapshot.name,
        createdAt: big.snapshot.createdAt,
      },
    );

    // A small board's cards never start an export thread (counted after a first export: the
    // process may start threads of its own on first use).
    expect((await small.get('csv', `?snapshot=${small.snapshot.id}`)).statusCode).toBe(200);
    const before = threads();
    for (const format of FORMATS) {
      expect((await small.get(format)).statusCode).toBe(200);
      expect((await small.get(format, `?snapshot=${small.snapshot.id}`)).statusCode).toBe(200);
    }
    expect(threads(), `small snapshot ${small.snapshot.update.byteLength} B`).toBe(before);

    for (const format of FORMATS) {
      const snap = await big.get(format, `?snapshot=${big.snapshot.id}`);
      expect(snap.statusCode).toBe(200);
      expect(threads(), 'a big snapshot goes to an export thread').toBeGreaterThan(before);
      expect(snap.headers['content-type']).toBe(TYPES[format]);
      expect(snap.headers['cache-control']).toBe('private, no-store');
      expect(snap.headers['content-disposition']).toBe(
        `attachment; filename="big-offsite-day-2-${big.snapshot.createdAt.slice(0, 10)}.${format}"`,
      );
      expect(snap.headers['content-length']).toBe(String(snap.rawPayload.byteLength));
      const expected = Buffer.from(renderData(format, snapshotBoard), 'utf8');
      expect(snap.rawPayload.equals(expected), `${format} of the snapshot`).toBe(true);

      const present = await big.get(format);
      expect(present.statusCode).toBe(200);
      expect(present.headers['content-type']).toBe(TYPES[format]);
      expect(present.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="big-offsite-day-2-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`),
      );
      if (format === 'json') {
        // Everything but the time of the export, which is "now".
        const { at, ...rest } = present.json() as { at: string };
        const { at: _, ...want } = JSON.parse(renderData(format, live)) as { at: string };
        expect(Date.parse(at)).toBeGreaterThanOrEqual(live.at.getTime());
        expect(rest).toEqual(want);
      } else {
        // The present state's time is the export's own "now", to the minute in Markdown ("As of
        // … 08:59 UTC"): on a slow machine the minute can turn between reading `live` and the
        // answer, so the expected bytes are rendered for each minute in between.
        const from = live.at.getTime();
        const rendered: Buffer[] = [];
        for (let t = from; t <= Date.now() + 60_000; t += 60_000) {
          rendered.push(Buffer.from(renderData(format, { ...live, at: new Date(t) }), 'utf8'));
        }
        expect(
          rendered.some((expected) => present.rawPayload.equals(expected)),
          `${format} of the present state`,
        ).toBe(true);
      }
    }
    // The text survived both ways (the lone surrogate as U+FFFD, as the event loop sends it).
    const csv = (await big.get('csv', `?snapshot=${big.snapshot.id}`)).body;
    for (const text of TRICKY.slice(0, 3)) expect(csv).toContain(text.replace(/"/g, '""'));
    expect(csv).toContain('A lone surrogate \uFFFD here');
  });

  it('export a live big board as it is now, also after it changed since the last export or join', async () => {
    server = await startServer();
    const big = await board(700);
    const first = await big.get('csv');
    expect(first.statusCode).toBe(200);
    // Nothing changed: the same cards (the room's encoding of the board is reused).
    expect((await big.get('csv')).body).toBe(first.body);
    expect(first.body).not.toContain('Written after the first export');

    // A change, then a fresh join (which encodes the whole board for its sync), then an export:
    // each must see the change, never an encoding from before it.
    await server.app.relay.transact(big.id, (doc) => {
      const b = new WorkshopBuilder(doc);
      b.add(
        b.part('card-sorting', (e) => e.type === 'theme' && e.name === 'Theme A'),
        null,
        [{ text: 'Written after the first export', author: 'Ada', votes: 0 }],
      );
      b.flush();
    });
    const joined = await server.app.relay.encodeState(big.id);
    const check = new Y.Doc();
    Y.applyUpdate(check, joined);
    expect(JSON.stringify(elementsMap(check).toJSON())).toContain('Written after the first export');
    const second = await big.get('csv');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Written after the first export');
    // The shared encoding was copied, not handed over: the room still serves it intact.
    const again = await server.app.relay.encodeState(big.id);
    expect(Buffer.from(again).equals(Buffer.from(joined))).toBe(true);
  });

  it('answer 503 EXPORT_BUSY (Retry-After) for a big board when the queue is full', async () => {
    server = await startServer({ EXPORT_WORKERS: '1', EXPORT_QUEUE: '1' });
    const big = await board(800);
    const query = `?snapshot=${big.snapshot.id}`;
    const answers = await Promise.all([big.get('pdf', query), big.get('csv', query), big.get('md', query)]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 503]);
    expect(answers[2]!.json()).toEqual({
      statusCode: 503,
      code: 'EXPORT_BUSY',
      error: 'Service Unavailable',
      message: expect.stringMatching(/^Too many exports at once/),
    });
    expect(answers[2]!.headers['retry-after']).toBe('5');
    expect(answers[2]!.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('keep the event loop responsive while a 4,000-card snapshot is exported as CSV and Markdown', async () => {
    server = await startServer();
    const big = await board(4000);
    const query = `?snapshot=${big.snapshot.id}`;
    // The first export starts the thread; the others run on a warm one.
    for (const [round, format] of [
      ['cold', 'csv'],
      ['warm', 'csv'],
      ['warm', 'md'],
    ] as const) {
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      // The histogram counts from its first tick on.
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Busy time (ELU active) does not grow when a loaded machine merely deschedules us.
      const elu = performance.eventLoopUtilization();
      const started = performance.now();
      const res = await big.get(format, query);
      const ms = performance.now() - started;
      const busyMs = performance.eventLoopUtilization(elu).active;
      await new Promise((resolve) => setTimeout(resolve, 20));
      delay.disable();
      const worstDelayMs = delay.max / 1e6;
      expect(res.statusCode, `${round} ${format}`).toBe(200);
      expect(res.body).toContain('Idea number 1000');
      // On the event loop reading the snapshot alone held it for 250 ms or more.
      expect(ms, `${round} ${format} export time`).toBeGreaterThan(round === 'cold' ? 400 : 150);
      expect(
        busyMs,
        `${round} ${format}: loop busy ${Math.round(busyMs)} ms of ${Math.round(ms)} ms`,
      ).toBeLessThan(ms / 3);
      expect(
        worstDelayMs,
        `${round} ${format}: worst event-loop delay during a ${Math.round(ms)} ms export`,
      ).toBeLessThan(ms / 2);
    }
  });
});
