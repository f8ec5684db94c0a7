/**
 * The seeded sync fuzz (`../fuzz/board-fuzz.ts`) against three nodes — each the real app in its
 * own process — on one PostgreSQL schema and one Redis, behind a round-robin balancer: every
 * reconnect may land on another node, and the fuzz kills (`kill -9`) and stops (SIGTERM) nodes
 * and starts them again while people write; the facilitator takes snapshots and restores them
 * through any node. Nodes compact every few updates and unload rooms after 60 ms, so compactions
 * by several nodes and reloads from PostgreSQL land between writes; on some seeds every append is
 * 2–12 ms slower (a slow disk); a stranger sends malformed input through the balancer, and on half
 * the seeds the rate limit is low enough for writers to burst past it.
 *
 * `FUZZ_SEEDS`, `FUZZ_SEED` and `FUZZ_OPS` as in `../relay/fuzz.test.ts`; pin a failing seed in
 * PINNED.
 */
import type { ChildProcess } from 'node:child_process';
import type { Role } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { rebuild } from '../../src/storage/contract.js';
import { openPostgresStorage } from '../../src/storage/postgres.js';
import { fuzzBoard, fuzzSeeds, prng } from '../fuzz/board-fuzz.js';
import { DATABASE_URL, Deployment, startBalancer, unreachableReason } from './cluster.js';

const reason = await unreachableReason();
if (reason !== null) console.warn(`Skipping the cluster fuzz: ${reason}`);

/** Seeds that once failed; each runs every time. */
const PINNED: number[] = [];
const OPS = Number(process.env.FUZZ_OPS ?? 100);
const NODES = 3;
const MAX_MESSAGE = 64 * 1024;

let deployment: Deployment | undefined;
afterEach(async () => {
  await deployment?.close();
  deployment = undefined;
});

describe.skipIf(reason !== null)('seeded sync fuzz, three nodes', () => {
  it.each(fuzzSeeds(PINNED, 3))(
    'seed %i: everyone converges on every write across nodes, and PostgreSQL holds it',
    async (seed) => {
      const rand = prng(seed ^ 0xc1a5);
      const messageBurst = rand() < 0.5 ? 20 + Math.floor(rand() * 20) : undefined;
      const d = new Deployment();
      deployment = d;
      const settings = {
        COMPACT_EVERY: String(3 + Math.floor(rand() * 20)),
        UNLOAD_AFTER_MS: '60',
        // The safety net for an update stored but never published (a node killed in between).
        STORAGE_RESYNC_MS: '250',
        WS_UPGRADES_PER_MINUTE: '100000',
        // A slow disk on some seeds: a node that sent or published before storing would be caught.
        STORE_DELAY_MS: String([0, 2, 6, 12][Math.floor(rand() * 4)]),
        MAX_MESSAGE_BYTES: String(MAX_MESSAGE),
        // On half the seeds, a rate limit low enough for writers to burst past it.
        ...(messageBurst ? { MESSAGE_BURST: String(messageBurst), MESSAGES_PER_SECOND: '60' } : {}),
      };
      // Automatic snapshots every few hundred ms: each node whose clients write arms a timer, and
      // the first to fire takes the board's snapshot amid kills, compactions and restores.
      const env = { ...settings, SNAPSHOT_INTERVAL_MS: String(100 + Math.floor(rand() * 300)) };
      const children: ChildProcess[] = [];
      const ports: number[] = [];
      const start = async (i: number) => {
        const node = await d.childNode(env);
        children[i] = node.child;
        ports[i] = node.port;
      };
      await Promise.all(Array.from({ length: NODES }, (_, i) => start(i)));
      // The balancer reads `ports` on every connection, so a restarted node's new port is used.
      const balancer = await startBalancer(ports);
      d.defer(() => balancer.close());

      const res = await fetch(`http://127.0.0.1:${ports[0]}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Fuzz ${seed}` }),
      });
      expect(res.status).toBe(201);
      const board = (await res.json()) as { id: string; tokens: Record<Role, string> };

      const ops = await fuzzBoard(
        seed,
        {
          processes: NODES,
          connect: (role, doc) =>
            new WebsocketProvider(`ws://127.0.0.1:${balancer.port}/ws`, board.id, doc, {
              WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
              params: { token: board.tokens[role] },
              disableBc: true,
              maxBackoffTime: 300,
            }),
          stop: (i, signal) => {
            const child = children[i]!;
            if (child.exitCode !== null || child.signalCode !== null) {
              process.stderr.write(
                `[${seed}] node ${i} had already exited (${child.exitCode ?? child.signalCode})\n`,
              );
              return Promise.resolve(child.exitCode);
            }
            const exited = new Promise<number | null>((resolve) =>
              child.once('exit', (code, gotSignal) => {
                if (code === null && signal === 'SIGTERM') {
                  process.stderr.write(`[${seed}] node ${i} died of ${gotSignal} instead of closing\n`);
                }
                resolve(code);
              }),
            );
            child.kill(signal);
            return exited;
          },
          start,
          snapshot: async (i) => {
            const res = await fetch(`http://127.0.0.1:${ports[i]}/api/boards/${board.id}/snapshots`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${board.tokens.facilitator}`,
              },
              body: JSON.stringify({ name: `fuzz ${seed}` }),
            });
            expect(res.status, `seed ${seed}: taking a snapshot`).toBe(201);
            return ((await res.json()) as { id: string }).id;
          },
          restore: async (i, snapshotId) => {
            const res = await fetch(
              `http://127.0.0.1:${ports[i]}/api/boards/${board.id}/snapshots/${snapshotId}/restore`,
              { method: 'POST', headers: { authorization: `Bearer ${board.tokens.facilitator}` } },
            );
            expect(res.status, `seed ${seed}: restoring ${snapshotId}`).toBe(200);
            const snapshot = await fetch(
              `http://127.0.0.1:${ports[i]}/api/boards/${board.id}/snapshots/${snapshotId}/update`,
              { headers: { authorization: `Bearer ${board.tokens.facilitator}` } },
            );
            expect(snapshot.status).toBe(200);
            const doc = new Y.Doc();
            Y.applyUpdate(doc, new Uint8Array(await snapshot.arrayBuffer()));
            return doc;
          },
          rawSocket: () =>
            new WebSocket(`ws://127.0.0.1:${balancer.port}/ws/${board.id}?token=${board.tokens.participant}`),
          stored: async () => {
            const storage = await openPostgresStorage(DATABASE_URL, { schema: d.schema });
            try {
              return rebuild(await storage.loadDoc(board.id));
            } finally {
              await storage.close();
            }
          },
        },
        {
          ops: OPS,
          maxCrashes: 3,
          maxStops: 2,
          awayMs: [100, 400],
          settleMs: 30_000,
          maxMessageBytes: MAX_MESSAGE,
          messageBurst,
        },
      );
      expect(ops.create ?? 0).toBeGreaterThan(0);
    },
    180_000,
  );
});
