import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the built client', () => {
  it('serves index.html for / and for board pages, assets with long caching', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'truenorth-dist-'));
    await mkdir(path.join(dist, 'assets'), { recursive: true });
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Truenorth app</title>');
    await writeFile(path.join(dist, 'assets', 'main-abc123.js'), 'console.log(1)');
    server = await startServer({}, { clientDist: dist });
    try {
      const root = await server.app.inject({ url: '/' });
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('Truenorth app');
      const board = await server.app.inject({ url: '/b/xyz?token=abc' });
      expect(board.statusCode).toBe(200);
      expect(board.headers['content-type']).toContain('text/html');
      expect(board.body).toContain('Truenorth app');
      expect(board.headers['cache-control']).toBe('no-cache');
      const asset = await server.app.inject({ url: '/assets/main-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      const missing = await server.app.inject({ url: '/assets/nope.js' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });

  it('explains how to build the client when client/dist is missing', async () => {
    server = await startServer();
    const root = await server.app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('npm run build');
    expect((await server.app.inject({ url: '/b/xyz' })).body).toContain('npm run build');
  });
});
