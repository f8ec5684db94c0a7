/**
 * The seeded sync fuzz (`../fuzz/board-fuzz.ts`) against one relay in its own process on a real
 * SQLite file, compacting every few updates and unloading rooms after 60 ms, with a slow disk on
 * some seeds (0–3 ms per append) so a relay that sent before storing would be caught, malformed
 * input from a stranger amid the writes, and on half the seeds a rate limit writers burst past.
 * The facilitator takes snapshots and restores them (commands to the process, as the HTTP API
 * would).
 *
 * `FUZZ_SEEDS=200` runs more seeds, `FUZZ_SEED=1234` one seed, `FUZZ_OPS` changes the length; a
 * seed that fails is named in the test's title: pin it in PINNED so it runs every time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { RelayProcess } from '../fixtures/relay-process-handle.js';
import { fuzzBoard, fuzzSeeds, prng } from '../fuzz/board-fuzz.js';
import { provider } from './harness.js';

/** Seeds that once failed; each runs every time. */
const PINNED: number[] = [];
const OPS = Number(process.env.FUZZ_OPS ?? 120);

const BOARD = 'fuzz';
const MAX_MESSAGE = 64 * 1024;

const docOf = (base64: string) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(base64, 'base64'));
  return doc;
};

const SEEDS = fuzzSeeds(PINNED, 8);
/** How often each operation ran over all the seeds. */
const tally: Record<string, number> = {};

describe('seeded sync fuzz, one relay', () => {
  afterAll(() => {
    // The seeds together (one alone may miss a rare one) ran every kind of operation; fewer or
    // shorter seeds (FUZZ_SEED, FUZZ_OPS) may not.
    if (SEEDS.length < 8 || OPS < 120) return;
    for (const op of [
      'kill -9',
      'SIGTERM',
      'snapshot',
      'restore',
      'malformed input',
      'burst',
      'everyone leaves',
    ]) {
      expect(tally[op] ?? 0, `${op} over ${SEEDS.length} seeds`).toBeGreaterThan(0);
    }
  });

  it.each(SEEDS)(
    'seed %i: everyone converges on every write, and the disk holds it',
    async (seed) => {
      const rand = prng(seed ^ 0x5eed);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-fuzz-'));
      // Compact often and unload soon, so compactions and reloads land between writes; on half the
      // seeds, a rate limit low enough for writers to burst past it.
      const messageBurst = rand() < 0.5 ? 20 + Math.floor(rand() * 20) : undefined;
      const compactEvery = 3 + Math.floor(rand() * 10);
      // On half the seeds a log is compacted by its bytes too (past the bigger of a few hundred
      // bytes and the last state's size). Drawn apart, so the other draws stay what they were.
      const bytes = prng(seed ^ 0xb17e5);
      const compactLogBytes = bytes() < 0.5 ? 200 + Math.floor(bytes() * 3000) : undefined;
      const storeDelayMs = Math.floor(rand() * 4);
      // Automatic snapshots every few hundred ms, taken in the room's order amid everything else.
      const snapshotIntervalMs = 100 + Math.floor(rand() * 300);
      const relay = new RelayProcess(dir, {
        limits: {
          compactEvery,
          ...(compactLogBytes ? { compactLogBytes } : {}),
          unloadAfterMs: 60,
          maxMessageBytes: MAX_MESSAGE,
          snapshotIntervalMs,
          ...(messageBurst ? { messageBurst, messagesPerSecond: 60 } : {}),
        },
        storeDelayMs,
      });
      try {
        await relay.start();
        const ops = await fuzzBoard(
          seed,
          {
            processes: 1,
            connect: (role, doc) => provider(relay, BOARD, role, doc),
            stop: (_, signal) => relay.stop(signal),
            start: () => relay.start(),
            // While the relay runs, what its room holds in its own order (opening the store
            // beside it would recover the journal it is writing); once it is down, the disk.
            stored: async () =>
              relay.running ? docOf(await relay.command(`state ${BOARD}`, 'state')) : relay.stored(BOARD),
            snapshot: () => relay.command(`snapshot ${BOARD} fuzz`, 'snapshot'),
            restore: async (_, id) => docOf(await relay.command(`restore ${BOARD} ${id}`, 'restored')),
            rawSocket: () => new WebSocket(`${relay.url}/${BOARD}?role=participant`),
          },
          { ops: OPS, maxMessageBytes: MAX_MESSAGE, messageBurst },
        );
        // The seed exercised what it is for.
        expect(ops.create ?? 0).toBeGreaterThan(0);
        for (const [op, n] of Object.entries(ops)) tally[op] = (tally[op] ?? 0) + n;
      } finally {
        await relay.stop('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
