/**
 * The PDF record renders on worker threads (export/pdf/pool.ts): the event loop stays free for the
 * relay while a big export runs, threads start only on the first PDF export and stop with the app,
 * a failing thread costs one export a 500 and nothing else, and a full queue answers 503.
 */
import { readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ExportFailed, ExportPool } from '../../src/export/pdf/pool.js';
import { bearer, startServer, type TestServer } from '../http/harness.js';
import { pdfPageCount, pdfPages, savePdf, squash } from './pdf-tools.js';
import { crowdTheme, fillWorkshop, WorkshopBuilder } from './workshop.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const THEMES = ['Theme A', 'Theme B', 'Theme C', 'Parking lot'];

/** A workshop board with `cards` more cards spread over the card-sorting themes. */
async function board(cards: number) {
  const created = await server!.createBoard({ title: 'Big Offsite', template: 'workshop' });
  let texts: string[] = [];
  await server!.app.relay.transact(created.id, (doc) => {
    const b = new WorkshopBuilder(doc);
    fillWorkshop(b);
    texts = THEMES.flatMap((theme) => crowdTheme(b, Math.ceil(cards / THEMES.length), theme));
  });
  return { id: created.id, token: created.tokens.observer, texts };
}

function exportPdf(id: string, token: string, query = '') {
  return server!.app.inject({
    method: 'GET',
    url: `/api/boards/${id}/export.pdf${query}`,
    headers: bearer(token),
  });
}

/**
 * Run `fn` and report how long it took, the event loop's worst delay meanwhile, and how long the
 * loop was busy (ELU active time, ms): busy time does not grow when a loaded machine merely
 * deschedules the process, so it tells a blocked loop from a slow machine.
 */
async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; ms: number; worstDelayMs: number; busyMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  const result = await fn();
  const ms = performance.now() - started;
  const busyMs = performance.eventLoopUtilization(elu).active;
  delay.disable();
  return { result, ms, worstDelayMs: delay.max / 1e6, busyMs };
}

/** Threads of this process (Linux): render threads are the only ones an export may add. */
const threads = () => readdirSync('/proc/self/task').length;

describe('PDF render threads', () => {
  it('keep the event loop responsive while a 3,000-card record renders', async () => {
    server = await startServer();
    const big = await board(3000);

    // The first export starts the thread (tsx, pdfkit, fonts); the second runs on a warm one.
    for (const round of ['cold', 'warm']) {
      const { result: res, ms, worstDelayMs, busyMs } = await timed(() => exportPdf(big.id, big.token));
      expect(res.statusCode, round).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(ms, `${round} export time`).toBeGreaterThan(round === 'cold' ? 500 : 200);
      // On the event loop the same export held it for its whole length (~1 s): busy ≈ time and
      // the worst delay ≈ time. On a thread the loop stays mostly idle.
      expect(
        busyMs,
        `${round}: loop busy ${Math.round(busyMs)} ms of a ${Math.round(ms)} ms export`,
      ).toBeLessThan(ms / 4);
      expect(
        worstDelayMs,
        `${round}: worst event-loop delay during a ${Math.round(ms)} ms export`,
      ).toBeLessThan(ms / 2);
    }

    const res = await exportPdf(big.id, big.token);
    const file = await savePdf(server.dir, 'big.pdf', res.rawPayload);
    expect(await pdfPageCount(file)).toBeGreaterThan(20);
    const text = squash((await pdfPages(file)).join(''));
    for (const card of [big.texts[0], big.texts[1234], big.texts.at(-1)])
      expect(text).toContain(squash(card!));
  });

  it('start on the first PDF export only, and stop when the app closes', async () => {
    server = await startServer();
    const small = await board(0);
    // Every other export, and everything before, runs without a render thread.
    for (const ext of ['csv', 'json', 'md']) {
      const res = await server.app.inject({
        method: 'GET',
        url: `/api/boards/${small.id}/export.${ext}`,
        headers: bearer(small.token),
      });
      expect(res.statusCode).toBe(200);
    }
    const before = threads();
    expect((await exportPdf(small.id, small.token)).statusCode).toBe(200);
    const during = threads();
    expect(during).toBeGreaterThan(before);
    // The same thread renders the next one.
    expect((await exportPdf(small.id, small.token)).statusCode).toBe(200);
    expect(threads()).toBe(during);
    await server.close();
    server = undefined;
    // The render thread is gone.
    expect(threads()).toBeLessThan(during);
    expect(threads()).toBeLessThanOrEqual(before);
  });

  it('answer 500 EXPORT_FAILED when the thread dies, and the next export gets a new one', async () => {
    // A heap too small for a 3,000-card record (which needs ~90 MiB) but enough for a small one.
    server = await startServer({ EXPORT_WORKER_HEAP_MB: '48' });
    const big = await board(3000);
    const small = await board(0);

    const crashed = await exportPdf(big.id, big.token);
    expect(crashed.statusCode).toBe(500);
    expect(crashed.headers['content-type']).toMatch(/^application\/json/);
    expect(crashed.json()).toMatchObject({
      statusCode: 500,
      code: 'EXPORT_FAILED',
      error: 'Internal Server Error',
    });
    expect(crashed.json().message).toMatch(/memory limit/);

    const next = await exportPdf(small.id, small.token);
    expect(next.statusCode).toBe(200);
    const text = squash((await pdfPages(await savePdf(server.dir, 'after.pdf', next.rawPayload))).join(''));
    expect(text).toContain(squash('Workshops leave no record'));
    // The server carries on with everything else. (The small board's cards: the big board's
    // also go to an export thread now, and a 48 MiB thread that holds the PDF fonts cannot fit them.)
    const json = await server.app.inject({
      method: 'GET',
      url: `/api/boards/${small.id}/export.json`,
      headers: bearer(small.token),
    });
    expect(json.statusCode, json.body.slice(0, 300)).toBe(200);
    expect(json.json()).toMatchObject({ format: 'truenorth-cards' });
  });

  it('answer 500 SNAPSHOT_UNREADABLE for a corrupt snapshot, and the thread carries on', async () => {
    server = await startServer();
    const small = await board(0);
    await server.app.storage.saveSnapshot({
      id: 'corrupt',
      boardId: small.id,
      name: 'Corrupt',
      kind: 'manual',
      createdAt: new Date().toISOString(),
      createdBy: null,
      update: new Uint8Array([0xff, 0x01, 0x02, 0x03, 0x04]),
    });
    const bad = await exportPdf(small.id, small.token, '?snapshot=corrupt');
    expect([bad.statusCode, bad.json().code]).toEqual([500, 'SNAPSHOT_UNREADABLE']);
    const before = threads();
    expect((await exportPdf(small.id, small.token)).statusCode).toBe(200);
    expect(threads()).toBe(before);
  });

  it('queue exports beyond the threads, and refuse beyond EXPORT_QUEUE with 503 EXPORT_BUSY', async () => {
    server = await startServer({ EXPORT_WORKERS: '1', EXPORT_QUEUE: '1' });
    const medium = await board(400);
    const answers = await Promise.all([1, 2, 3].map(() => exportPdf(medium.id, medium.token)));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 503]);
    const busy = answers[2]!;
    expect(busy.json()).toMatchObject({ statusCode: 503, code: 'EXPORT_BUSY', error: 'Service Unavailable' });
    expect(busy.headers['retry-after']).toBe('5');
    for (const ok of answers.slice(0, 2)) {
      expect(ok.headers['content-type']).toBe('application/pdf');
      expect(ok.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    // Once the queue drains, exports are accepted again.
    expect((await exportPdf(medium.id, medium.token)).statusCode).toBe(200);
  });

  it('drop a waiting export whose client went away, freeing its place in the queue', async () => {
    server = await startServer({ EXPORT_WORKERS: '1', EXPORT_QUEUE: '1' });
    const big = await board(3000);
    const small = await board(0);
    const host = await server.listen();
    const url = (b: { id: string; token: string }) =>
      `http://${host}/api/boards/${b.id}/export.pdf?token=${b.token}`;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    // The first renders (for a second or more: the thread starts too), the second waits…
    const first = fetch(url(big));
    await sleep(100);
    const leaving = new AbortController();
    const second = fetch(url(big), { signal: leaving.signal }).catch((error: unknown) => error);
    await sleep(100);
    // …until its client goes away: the queue has room again.
    leaving.abort();
    expect(await second).toBeInstanceOf(Error);
    await sleep(100);
    const third = await fetch(url(small));
    expect(third.status).toBe(200);
    const done = await first;
    expect(done.status).toBe(200);
    expect((await done.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect(
      Buffer.from(await third.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  it('stop a render that takes too long (the job fails, the pool stays usable)', async () => {
    const b = new WorkshopBuilder();
    fillWorkshop(b);
    crowdTheme(b, 1000);
    const job = () => ({
      update: Y.encodeStateAsUpdate(b.doc),
      record: { id: 'b', title: 'Slow' },
      at: new Date(),
      source: { kind: 'present' } as const,
    });
    const pool = new ExportPool({ workers: 1, queue: 1, heapMb: 256, timeoutMs: 100 });
    try {
      const failed = await pool.render(job()).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(ExportFailed);
      expect((failed as ExportFailed).message).toMatch(/took longer than/);
      expect(pool.threads).toBe(0);
    } finally {
      await pool.close();
    }
    expect(pool.threads).toBe(0);
  });

  it('stop a thread idle for idleMs, and start a new one for the next job', async () => {
    const b = new WorkshopBuilder();
    fillWorkshop(b);
    const job = () => ({
      update: Y.encodeStateAsUpdate(b.doc),
      record: { id: 'b', title: 'Idle' },
      at: new Date(),
      source: { kind: 'present' } as const,
    });
    const pool = new ExportPool({ workers: 1, queue: 1, heapMb: 256, idleMs: 200 });
    try {
      const first = await pool.render(job());
      expect(first.title).toBe('Idle');
      expect(pool.threads).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(pool.threads).toBe(0);
      const again = await pool.render(job());
      expect(again.file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await pool.close();
    }
  });
});
