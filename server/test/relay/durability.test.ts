/**
 * kill -9 while two clients write: every update the second client had received is in the SQLite
 * file (read directly, before anyone reconnects); after a restart both converge, nothing doubled.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { elementsMap } from '@truenorth/shared';
import { afterEach, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../src/storage/sqlite.js';
import { provider, synced, waitFor } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../..');
const fixture = path.join(serverDir, 'test/fixtures/relay-process.ts');

const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const fn of cleanups.splice(0)) fn();
});

async function startServer(dir: string, port = 0): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir, String(port)], {
    cwd: serverDir,
    env: { ...process.env, STORE_DELAY_MS: '3' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const listening = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`relay process exited early (${code})`)));
  });
  return { child, port: listening };
}

function storedDoc(dir: string): Promise<Y.Doc> {
  const storage = openSqliteStorage(dir);
  return storage
    .loadDoc('crash')
    .then((stored) => {
      const doc = new Y.Doc();
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      return doc;
    })
    .finally(() => storage.close());
}

function writeSteadily(p: WebsocketProvider, name: string): { stop(): number } {
  let i = 0;
  const timer = setInterval(() => {
    p.doc.transact(() => {
      elementsMap(p.doc).set(`${name}-${i}`, i);
      p.doc.getArray<string>('log').push([`${name}-${i}`]);
    });
    i++;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return i;
    },
  };
}

it('survives kill -9 with every update a client has seen, and converges without duplicates', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-crash-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const first = await startServer(dir);
  const url = { url: `ws://127.0.0.1:${first.port}/ws` };
  const a = provider(url, 'crash');
  const b = provider(url, 'crash');
  cleanups.push(() => {
    a.destroy();
    b.destroy();
  });
  await Promise.all([synced(a), synced(b)]);

  const writerA = writeSteadily(a, 'a');
  const writerB = writeSteadily(b, 'b');
  const seenByB = () => [...elementsMap(b.doc).keys()].filter((k) => k.startsWith('a-')).length;
  await waitFor(() => seenByB() >= 30, 'b receiving a’s writes');

  first.child.kill('SIGKILL');
  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  const totalA = writerA.stop();
  const totalB = writerB.stop();
  await exited;

  // What b received came from the server, which stores before it sends.
  const receivedByB = [...elementsMap(b.doc).keys()].filter((k) => k.startsWith('a-'));
  const onDisk = await storedDoc(dir);
  const missing = receivedByB.filter((k) => !elementsMap(onDisk).has(k));
  expect(missing).toEqual([]);
  expect(receivedByB.length).toBeGreaterThanOrEqual(30);

  const second = await startServer(dir, first.port);
  await waitFor(
    () => elementsMap(a.doc).size === totalA + totalB && elementsMap(b.doc).size === totalA + totalB,
    'convergence after restart',
    20_000,
  );
  const log = b.doc.getArray<string>('log').toArray();
  expect(log).toHaveLength(totalA + totalB);
  expect(new Set(log).size).toBe(log.length);
  expect(a.doc.getArray('log').toJSON()).toEqual(log);

  second.child.kill('SIGTERM');
  await new Promise((resolve) => second.child.once('exit', resolve));
  const final = await storedDoc(dir);
  expect(elementsMap(final).size).toBe(totalA + totalB);
  expect(final.getArray('log').length).toBe(totalA + totalB);
});
