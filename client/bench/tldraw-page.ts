/**
 * The tldraw side: build `tldraw/index.html` with Vite into a temp folder (cached by a hash of the
 * page's sources and tldraw's version, so a second run skips the build), then serve it and the
 * cards over loopback HTTP from this process.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { benchCards } from './cards';

const here = path.dirname(fileURLToPath(import.meta.url));
const pageDir = path.join(here, 'tldraw');

export function tldrawVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(here, '../node_modules/tldraw/package.json'), 'utf8'));
  return String(pkg.version);
}

export async function buildTldrawPage(log: (s: string) => void): Promise<string> {
  const hash = createHash('sha256');
  for (const f of ['index.html', 'main.tsx']) hash.update(readFileSync(path.join(pageDir, f)));
  hash.update(readFileSync(path.join(here, 'cards.ts')));
  hash.update(tldrawVersion());
  const outDir = path.join(tmpdir(), `truenorth-bench-tldraw-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(path.join(outDir, 'index.html'))) return outDir;
  log(`building the tldraw page into ${outDir} …`);
  await build({
    configFile: false,
    root: pageDir,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 10_000 },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
};

/** Serve `dir` and `/cards/<n>.json` on 127.0.0.1, a free port. */
export async function serveTldraw(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const cardsCache = new Map<number, string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cards = /^\/cards\/(\d{1,6})\.json$/.exec(url.pathname);
    if (cards) {
      const n = Number(cards[1]);
      let body = cardsCache.get(n);
      if (!body) {
        body = JSON.stringify(benchCards(n));
        cardsCache.set(n, body);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    const file = path.join(dir, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(dir)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (data) =>
        res
          .writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
          .end(data),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
