/**
 * kill -9 while two clients write: every update the second client had received is in the SQLite
 * file (read directly, before anyone reconnects); after a restart both converge, nothing doubled.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { elementsMap } from '@truenorth/shared';
import { afterEach, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { RelayProcess } from '../fixtures/relay-process-handle.js';
import { provider, synced, waitFor } from './harness.js';

const relays: RelayProcess[] = [];
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const relay of relays.splice(0)) await relay.stop('SIGKILL');
  for (const fn of cleanups.splice(0)) fn();
});

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
  const relay = new RelayProcess(dir, { storeDelayMs: 3 });
  relays.push(relay);
  await relay.start();
  const a = provider(relay, 'crash');
  const b = provider(relay, 'crash');
  cleanups.push(() => {
    a.destroy();
    b.destroy();
  });
  await Promise.all([synced(a), synced(b)]);

  const writerA = writeSteadily(a, 'a');
  const writerB = writeSteadily(b, 'b');
  const seenByB = () => [...elementsMap(b.doc).keys()].filter((k) => k.startsWith('a-')).length;
  await waitFor(() => seenByB() >= 30, 'b receiving a’s writes');

  const exited = relay.stop('SIGKILL');
  const totalA = writerA.stop();
  const totalB = writerB.stop();
  await exited;

  // What b received came from the server, which stores before it sends.
  const receivedByB = [...elementsMap(b.doc).keys()].filter((k) => k.startsWith('a-'));
  const onDisk = await relay.stored('crash');
  const missing = receivedByB.filter((k) => !elementsMap(onDisk).has(k));
  expect(missing).toEqual([]);
  expect(receivedByB.length).toBeGreaterThanOrEqual(30);

  await relay.start();
  await waitFor(
    () => elementsMap(a.doc).size === totalA + totalB && elementsMap(b.doc).size === totalA + totalB,
    'convergence after restart',
    20_000,
  );
  const log = b.doc.getArray<string>('log').toArray();
  expect(log).toHaveLength(totalA + totalB);
  expect(new Set(log).size).toBe(log.length);
  expect(a.doc.getArray('log').toJSON()).toEqual(log);

  expect(await relay.stop('SIGTERM')).toBe(0);
  const final = await relay.stored('crash');
  expect(elementsMap(final).size).toBe(totalA + totalB);
  expect(final.getArray('log').length).toBe(totalA + totalB);
});
