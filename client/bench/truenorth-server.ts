/**
 * The Truenorth side: the real server (`buildApp`, SQLite in a temp DATA_DIR, port 0) serving the
 * built client, and boards seeded through a Node y-websocket client holding the facilitator token,
 * as a participant's browser would write them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoardCreated, type Color, createElements, MessageType, type NewElement } from '@truenorth/shared';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { benchCards, CARD_SIZE, PALETTE } from './cards';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'client/dist/index.html');
// The client package has no `ws`; borrow the server's, which is what runs the relay.
const WebSocketImpl = createRequire(path.join(root, 'server/package.json'))(
  'ws',
) as typeof globalThis.WebSocket;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Build client/dist when it is missing or older than the client's or shared sources. */
export function ensureClientBuild(log: (s: string) => void, force = false): void {
  const stale =
    !existsSync(dist) ||
    statSync(dist).mtimeMs <
      Math.max(newestMtime(path.join(root, 'client/src')), newestMtime(path.join(root, 'shared/src')));
  if (!force && !stale) return;
  log('building the client (npx vite build) …');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

export interface TruenorthServer {
  url: string;
  /** Create a board of `n` stickies; returns the facilitator's board URL once the server holds all of them. */
  seedBoard(n: number): Promise<string>;
  close(): Promise<void>;
}

export async function startTruenorth(): Promise<TruenorthServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'truenorth-bench-client-'));
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });
  const app = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Seeders stay connected, so the board is in the server's memory when a browser opens it.
  const seeders: WebsocketProvider[] = [];

  const seedBoard = async (n: number): Promise<string> => {
    const res = await fetch(`${url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Bench ${n}` }),
    });
    const board = BoardCreated.parse(await res.json());
    const doc = new Y.Doc();
    const provider = connect(port, board.id, board.tokens.facilitator, doc);
    seeders.push(provider);
    await until(() => provider.synced, 20_000, 'seeder sync');
    const items: NewElement[] = benchCards(n).map((c) => ({
      kind: 'sticky',
      input: {
        x: c.x,
        y: c.y,
        w: CARD_SIZE,
        h: CARD_SIZE,
        text: c.text,
        color: (PALETTE[c.color]?.truenorth ?? 'yellow') as Color,
        author: c.author,
      },
    }));
    for (let i = 0; i < items.length; i += 250) createElements(doc, items.slice(i, i + 250));
    // A second client proves the server serves every card before any browser asks for them.
    const checkDoc = new Y.Doc();
    const checker = connect(port, board.id, board.tokens.facilitator, checkDoc);
    try {
      await until(() => checker.synced && checkDoc.getMap('elements').size >= n, 60_000, 'seeded board');
    } finally {
      checker.destroy();
      checkDoc.destroy();
    }
    return `${url}/b/${board.id}?token=${encodeURIComponent(board.tokens.facilitator)}`;
  };

  return {
    url,
    seedBoard,
    close: async () => {
      for (const p of seeders) {
        p.destroy();
        // The awareness's timer lives until its document is destroyed.
        p.doc.destroy();
      }
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function connect(port: number, room: string, token: string, doc: Y.Doc): WebsocketProvider {
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/ws`, room, doc, {
    WebSocketPolyfill: WebSocketImpl,
    params: { token },
    disableBc: true,
  });
  // Truenorth's extra message types, read as its own client does (the stock provider logs them).
  provider.messageHandlers[MessageType.stored] = () => {};
  provider.messageHandlers[MessageType.control] = () => {};
  return provider;
}

async function until(ok: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
