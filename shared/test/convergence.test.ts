/**
 * Seeded convergence tests: 3–5 peers run random commands while their updates are delivered in
 * random order, with random disconnects and reconnects. At the end every peer must hold the same
 * document, every element must parse, no typed character may be lost or doubled, and no step or
 * lane someone added may be lost unless someone removed it.
 *
 * A failing seed is replayable: `npx vitest run --project shared test/convergence.test.ts -t "seed 17"`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { elementsMap, metaMap, readBoard } from '../src/index.js';
import { Network } from './network.js';
import { Actor, OP_WEIGHTS, type Parts, type Tokens } from './ops.js';
import { Rng } from './prng.js';

const SEEDS = 50;
const OPS = 100;

/**
 * Seeds that once failed, kept as regression tests for good (with what they caught), so they run
 * even if SEEDS or the op mix changes.
 * - All of these (first run): setText/editText/createElement wrote strings with a lone surrogate
 *   (an edit cutting an emoji in half). Yjs keeps those locally but sends U+FFFD, so the sender's
 *   text differed from everyone else's for good. Fixed by `wellFormed` (now in stored.ts).
 * - 1 and 38 (when renaming, adding and removing steps and lanes joined the mix): a step or lane
 *   one peer added was gone once another peer's concurrent change to the same swimlanes' parts
 *   arrived — the list was one JSON value, last writer wins. Fixed by storing the parts one by one
 *   (stored.ts, schema version 2).
 */
const PINNED_SEEDS: readonly number[] = [
  1, 3, 5, 7, 8, 9, 10, 11, 12, 14, 16, 18, 19, 20, 21, 22, 26, 28, 31, 32, 33, 34, 35, 38, 41, 43, 44, 45,
  46, 48, 49, 50,
];

interface RunResult {
  net: Network;
  tokens: Tokens;
  parts: Parts;
  ops: Record<string, number>;
}

function run(seed: number): RunResult {
  const rng = new Rng(seed);
  // duplicateElements draws new ids from crypto; seed it too so a seed replays exactly.
  vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array) => {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
    return array;
  });
  const net = new Network(rng.int(3, 5), rng);
  const tokens: Tokens = new Map();
  const parts: Parts = { added: new Map(), removed: new Set() };
  const actors = net.peers.map((p) => new Actor(p.index, p.doc, rng, tokens, parts));
  const ops: Record<string, number> = {};
  for (let i = 0; i < OPS; i++) {
    const op = rng.weighted(OP_WEIGHTS);
    ops[op] = (ops[op] ?? 0) + 1;
    (rng.pick(actors) as Actor).run(op);
    if (rng.chance(0.6)) net.deliver(rng.int(1, 4));
    if (rng.chance(0.08)) {
      const peer = rng.pick(net.peers);
      if (peer?.online) net.disconnect(peer);
      else if (peer) net.reconnect(peer);
    }
  }
  net.settle();
  return { net, tokens, parts, ops };
}

function check({ net, tokens, parts }: RunResult): void {
  const [first, ...rest] = net.peers.map((p) => p.doc);
  if (!first) throw new Error('no peers');
  const board = readBoard(first);

  for (const doc of net.peers.map((p) => p.doc)) {
    expect(doc.store.pendingStructs, 'updates left pending').toBeNull();
    expect(doc.store.pendingDs).toBeNull();
  }
  for (const doc of rest) {
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(first));
    expect(readBoard(doc).elements).toEqual(board.elements);
    expect(elementsMap(doc).toJSON()).toEqual(elementsMap(first).toJSON());
    expect(metaMap(doc).toJSON()).toEqual(metaMap(first).toJSON());
  }

  expect(board.problems).toEqual([]);
  expect(board.elements.length).toBe(elementsMap(first).size);

  for (const el of board.elements) {
    if (el.parent !== null) expect(board.byId.has(el.parent), `${el.id}'s parent`).toBe(true);
  }

  // A step or lane someone added is kept unless someone removed it (or its swimlanes).
  for (const [part, id] of parts.added) {
    const el = board.byId.get(id);
    if (el?.type !== 'swimlanes' || parts.removed.has(part)) continue;
    expect(
      [...el.lanes, ...el.steps].map((p) => p.id),
      `part ${part} of ${id}`,
    ).toContain(part);
  }

  for (const [token, id] of tokens) {
    const el = board.byId.get(id);
    if (!el || !('text' in el)) continue;
    expect(el.text.split(token).length - 1, `token ${token} in ${id}: ${JSON.stringify(el.text)}`).toBe(1);
  }
}

describe('convergence under random commands, delivery order and disconnects', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const seeds = [...new Set([...Array.from({ length: SEEDS }, (_, i) => i + 1), ...PINNED_SEEDS])];
  it.each(seeds)('seed %i', (seed) => {
    check(run(seed));
  });

  it('the runs exercise every command and end with real boards', () => {
    const totals: Record<string, number> = {};
    let elements = 0;
    let members = 0;
    let tokens = 0;
    let parts = 0;
    for (const seed of [1, 2, 3]) {
      const result = run(seed);
      for (const [op, n] of Object.entries(result.ops)) totals[op] = (totals[op] ?? 0) + n;
      const board = readBoard((result.net.peers[0] as { doc: Y.Doc }).doc);
      elements += board.elements.length;
      members += board.elements.filter((e) => e.parent !== null).length;
      tokens += result.tokens.size;
      parts += result.parts.added.size;
      vi.restoreAllMocks();
    }
    expect(Object.keys(totals).sort()).toEqual(Object.keys(OP_WEIGHTS).sort());
    expect(elements).toBeGreaterThan(30);
    expect(members).toBeGreaterThan(3);
    expect(tokens).toBeGreaterThan(50);
    expect(parts).toBeGreaterThan(2);
  });
});
