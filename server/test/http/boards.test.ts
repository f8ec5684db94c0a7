import { BoardCreated, BoardMeta, EXERCISE_KINDS, readBoard, readMeta } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { loadJournalMap } from '../../src/storage/journal-map.js';
import { bearer, expectError, startServer, type TestServer } from './harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('POST /api/boards', () => {
  it('creates a board with three distinct tokens and links', async () => {
    server = await startServer();
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/boards',
      headers: { host: 'workshop.test:8080' },
      payload: { title: 'Q3 strategy', template: 'workshop' },
    });
    expect(res.statusCode).toBe(201);
    const body = BoardCreated.strict().parse(res.json());
    expect(body.title).toBe('Q3 strategy');
    const tokens = Object.values(body.tokens);
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.links.participant).toBe(
      `http://workshop.test:8080/b/${body.id}?token=${encodeURIComponent(body.tokens.participant)}`,
    );
  });

  it('seeds the template into the document exactly once, on the server', async () => {
    server = await startServer();
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/boards',
      payload: { title: 'Kick-off', template: 'workshop' },
    });
    const { id } = BoardCreated.parse(res.json());
    const seen = await server.app.relay.withDoc(id, (doc) => {
      const board = readBoard(doc);
      return {
        meta: readMeta(doc),
        frames: board.elements.flatMap((e) => (e.type === 'frame' ? [e.exercise] : [])),
        problems: board.problems.length,
      };
    });
    expect(seen.meta).toMatchObject({ title: 'Kick-off', template: 'workshop', seeded: true });
    expect(seen.frames.sort()).toEqual([...EXERCISE_KINDS].sort());
    expect(seen.problems).toBe(0);
  });

  it('accepts no body at all and uses PUBLIC_URL for links', async () => {
    server = await startServer({ PUBLIC_URL: 'https://boards.example.com/' });
    const res = await server.app.inject({ method: 'POST', url: '/api/boards' });
    expect(res.statusCode).toBe(201);
    const body = BoardCreated.parse(res.json());
    expect(body.title).toBe('Untitled board');
    expect(body.links.facilitator.startsWith(`https://boards.example.com/b/${body.id}?token=`)).toBe(true);
  });

  it('answers 400 with a stable code for a bad body', async () => {
    server = await startServer();
    const post = (payload: string) =>
      server!.app.inject({
        method: 'POST',
        url: '/api/boards',
        headers: { 'content-type': 'application/json' },
        payload,
      });
    const bad = expectError(await post('{"template":"chess"}'), 400, 'BAD_REQUEST');
    expect(bad.message).toContain('template');
    expectError(await post('{"title":"x","owner":"me"}'), 400, 'BAD_REQUEST');
    expectError(await post('{"title":'), 400, 'BAD_REQUEST');
    expectError(await post('[1,2]'), 400, 'BAD_REQUEST');
  });

  it('answers 413 for a body over MAX_BODY_BYTES', async () => {
    server = await startServer({ MAX_BODY_BYTES: '100' });
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/boards',
      payload: { title: 'x'.repeat(200) },
    });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('limits board creation per IP with 429', async () => {
    server = await startServer({ BOARD_CREATES_PER_MINUTE: '2' });
    await server.createBoard();
    await server.createBoard();
    const res = await server.app.inject({ method: 'POST', url: '/api/boards' });
    expectError(res, 429, 'RATE_LIMITED');
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describe('GET /api/boards/:id', () => {
  it('answers the metadata with the role of each token', async () => {
    server = await startServer();
    const board = await server.createBoard({ title: 'Offsite', template: 'lean-canvas' });
    for (const role of ['facilitator', 'participant', 'observer'] as const) {
      const res = await server.app.inject({
        url: `/api/boards/${board.id}`,
        headers: bearer(board.tokens[role]),
      });
      expect(res.statusCode).toBe(200);
      const meta = BoardMeta.strict().parse(res.json());
      expect(meta).toMatchObject({ id: board.id, title: 'Offsite', template: 'lean-canvas', role });
    }
    const viaQuery = await server.app.inject({
      url: `/api/boards/${board.id}?token=${encodeURIComponent(board.tokens.observer)}`,
    });
    expect(viaQuery.json()).toMatchObject({ role: 'observer' });
  });

  it('refuses a missing, wrong or foreign token with 401', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const other = await server.createBoard();
    const url = `/api/boards/${board.id}`;
    expectError(await server.app.inject({ url }), 401, 'UNAUTHORIZED');
    expectError(await server.app.inject({ url, headers: bearer('nope') }), 401, 'UNAUTHORIZED');
    expectError(
      await server.app.inject({ url, headers: { authorization: 'Basic abc' } }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await server.app.inject({ url, headers: bearer(other.tokens.facilitator) }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('answers 404 for an unknown board and 400 for an impossible id', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const headers = bearer(board.tokens.facilitator);
    expectError(await server.app.inject({ url: '/api/boards/nosuchboard', headers }), 404, 'BOARD_NOT_FOUND');
    expectError(await server.app.inject({ url: '/api/boards/bad.id', headers }), 400, 'BAD_REQUEST');
  });

  it('lets SERVICE_TOKEN act as facilitator on any board id, creating it on first use', async () => {
    const serviceToken = 'service-token-for-tests-0123456789';
    server = await startServer({ SERVICE_TOKEN: serviceToken });
    const url = '/api/boards/load-test-1';
    const first = await server.app.inject({ url, headers: bearer(serviceToken) });
    expect(first.statusCode).toBe(200);
    expect(BoardMeta.parse(first.json())).toMatchObject({ id: 'load-test-1', role: 'facilitator' });
    expect(await server.app.storage.getBoard('load-test-1')).not.toBeNull();
    const again = await server.app.inject({ url, headers: bearer(serviceToken) });
    expect(again.json()).toMatchObject({ createdAt: first.json<BoardMeta>().createdAt });
  });
});

describe('errors and operations', () => {
  it('answers unknown routes with the error shape', async () => {
    server = await startServer();
    expectError(await server.app.inject({ url: '/api/nothing-here?token=secret' }), 404, 'NOT_FOUND');
  });

  it('reports health and Prometheus metrics', async () => {
    server = await startServer();
    const health = await server.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', storage: 'sqlite' });
    await server.createBoard();
    const metrics = await server.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('truenorth_connections');
    expect(metrics.body).toMatch(
      /truenorth_http_requests_total\{method="POST",route="\/api\/boards",status="201"\} 1/,
    );
    // The new board's template went through the journal and waits there (no room compacted it).
    const pending = Number(/\ntruenorth_journal_pending_updates (\d+)\n/.exec(metrics.body)?.[1]);
    const bytes = Number(/\ntruenorth_journal_bytes (\d+)\n/.exec(metrics.body)?.[1]);
    expect(pending).toBeGreaterThan(0);
    expect(bytes).toBeGreaterThan(0);
    expect(metrics.body).toContain('\ntruenorth_journal_ingest_failures_total 0\n');
    // Built by npm install (journal.test.ts fails in CI without it): records go into a mapping.
    expect(metrics.body).toContain(`\ntruenorth_journal_mapped ${loadJournalMap() ? 1 : 0}\n`);
  });
});
