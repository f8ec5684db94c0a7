import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElements, updateElement } from '../commands.js';
import type { ElementOf } from '../elements/index.js';
import { contains, gridSlots, intersects } from '../geometry.js';
import { readBoard } from '../layout.js';
import {
  addIntroductionCard,
  INTRODUCTIONS_CELL,
  introductionCardOf,
  introductionsTemplate,
  settleIntroductionCard,
} from './introductions.js';

function board() {
  const doc = new Y.Doc();
  createElements(doc, introductionsTemplate({ x: 0, y: 0 }));
  const grid = readBoard(doc).elements.find((e) => e.type === 'grid') as ElementOf<'grid'>;
  const cell = gridSlots(grid).find((s) => s.slot === INTRODUCTIONS_CELL.id)?.rect;
  if (!cell) throw new Error('no people cell');
  return { doc, grid, cell };
}

describe('addIntroductionCard', () => {
  it('gives each person one card in the cell, starting with their name, side by side', () => {
    const { doc, grid, cell } = board();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const ada = addIntroductionCard(doc, 'Ada Lovelace', 'ada', 1_700_000_000_000);
    expect(ada?.created).toBe(true);
    expect(origins).toEqual(['ada']);
    const bo = addIntroductionCard(doc, 'Bo Okafor', 'bo');
    const { byId } = readBoard(doc);
    const card = byId.get(ada?.cardId as string) as ElementOf<'sticky'>;
    expect(card).toMatchObject({
      text: 'Ada Lovelace\n',
      author: 'Ada Lovelace',
      createdAt: 1_700_000_000_000,
      parent: grid.id,
      slot: INTRODUCTIONS_CELL.id,
    });
    const other = byId.get(bo?.cardId as string) as ElementOf<'sticky'>;
    for (const c of [card, other])
      expect(contains(cell, c.x, c.y) && contains(cell, c.x + c.w, c.y + c.h)).toBe(true);
    expect(intersects(card, other)).toBe(false);
    // Below the cell's name and hint.
    expect(card.y).toBeGreaterThanOrEqual(cell.y + 56);

    expect(introductionCardOf(readBoard(doc).elements, 'Ada Lovelace')?.id).toBe(ada?.cardId);
    expect(introductionCardOf(readBoard(doc).elements, 'Cy Someone')).toBeUndefined();
    expect(introductionCardOf(readBoard(doc).elements, '')).toBeUndefined();

    // One card per person: asking again finds it and writes nothing.
    const before = Y.encodeStateVector(doc);
    expect(addIntroductionCard(doc, 'Ada Lovelace')).toEqual({ cardId: ada?.cardId, created: false });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('is null on a board without an introductions cell', () => {
    expect(addIntroductionCard(new Y.Doc(), 'Ada Lovelace')).toBeNull();
  });
});

describe('settleIntroductionCard', () => {
  /** Every doc gets every other doc's updates. */
  function exchange(docs: Y.Doc[]) {
    const all = Y.mergeUpdates(docs.map((d) => Y.encodeStateAsUpdate(d)));
    for (const d of docs) Y.applyUpdate(d, all);
  }

  it('spreads the cards of people who pressed "Add my card" at the same moment', () => {
    const { doc: first } = board();
    const names = ['Dana', 'Theo', 'Lena', 'Priya'];
    const docs = names.map(() => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(first));
      return d;
    });
    // Nobody has seen anyone else's card yet: all four land on the same first free spot.
    const ids = names.map((n, i) => addIntroductionCard(docs[i] as Y.Doc, n, n, 1_000 + i)?.cardId as string);
    const spot = readBoard(docs[0] as Y.Doc).byId.get(ids[0] as string) as ElementOf<'sticky'>;
    exchange(docs);
    const cards = () => readBoard(docs[0] as Y.Doc).elements.filter((e) => e.type === 'sticky');
    expect(new Set(cards().map((c) => `${c.x},${c.y}`)).size).toBe(1);

    // Each settles their own card when the others' arrive, again after each exchange.
    for (let round = 0; round < names.length; round++) {
      names.forEach((n, i) => {
        settleIntroductionCard(docs[i] as Y.Doc, ids[i] as string, n);
      });
      exchange(docs);
    }
    const settled = cards();
    expect(settled).toHaveLength(4);
    for (const a of settled)
      for (const b of settled) if (a.id !== b.id) expect(intersects(a, b), `${a.id} / ${b.id}`).toBe(false);
    // The earliest card stays where it was put.
    expect(settled.find((c) => c.id === ids[0])).toMatchObject({ x: spot.x, y: spot.y });
    // Settled cards stay put: nothing more to write.
    const before = Y.encodeStateVector(docs[1] as Y.Doc);
    expect(settleIntroductionCard(docs[1] as Y.Doc, ids[1] as string, 'Theo')).toBe(false);
    expect(Y.encodeStateVector(docs[1] as Y.Doc)).toEqual(before);
  });

  it('spreads a kick-off of 50 who pressed at once in one exchange, each inside the box', () => {
    const { doc: first, cell } = board();
    const names = Array.from({ length: 50 }, (_, i) => `Person ${i + 1}`);
    const docs = names.map(() => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(first));
      return d;
    });
    // Some had seen a colleague's card already: it sits on the first spot, the others on the next.
    const early = addIntroductionCard(docs[0] as Y.Doc, 'Early bird', 'early', 500)?.cardId as string;
    for (const d of docs.slice(1)) Y.applyUpdate(d, Y.encodeStateAsUpdate(docs[0] as Y.Doc));
    const ids = names.map(
      (n, i) => addIntroductionCard(docs[i] as Y.Doc, n, n, 1_000 + (i % 7))?.cardId as string,
    );
    exchange(docs);
    // Everyone settles their own card once, then one exchange.
    names.forEach((n, i) => {
      settleIntroductionCard(docs[i] as Y.Doc, ids[i] as string, n);
    });
    exchange(docs);
    const cards = readBoard(docs[7] as Y.Doc).elements.filter((e) => e.type === 'sticky');
    expect(cards).toHaveLength(51);
    for (const a of cards) {
      expect(contains(cell, a.x, a.y) && contains(cell, a.x + a.w, a.y + a.h), `${a.id} inside the box`).toBe(
        true,
      );
      for (const b of cards) if (a.id !== b.id) expect(intersects(a, b), `${a.id} / ${b.id}`).toBe(false);
    }
    expect(cards.find((c) => c.id === early)).toBeDefined();
    // Nothing left to move: every settle now says so and writes nothing.
    names.forEach((n, i) => {
      expect(settleIntroductionCard(docs[i] as Y.Doc, ids[i] as string, n)).toBe(false);
    });
  });

  it('leaves a card that only partly covers another where its author put it', () => {
    const { doc } = board();
    const ada = addIntroductionCard(doc, 'Ada', 'ada', 1)?.cardId as string;
    const bo = addIntroductionCard(doc, 'Bo', 'bo', 2)?.cardId as string;
    const a = readBoard(doc).byId.get(ada) as ElementOf<'sticky'>;
    updateElement(doc, bo, { x: a.x + 40, y: a.y + 40 });
    expect(settleIntroductionCard(doc, bo, 'bo')).toBe(false);
    // And the earlier card never moves for a later one on top of it.
    updateElement(doc, bo, { x: a.x, y: a.y });
    expect(settleIntroductionCard(doc, ada, 'ada')).toBe(false);
    expect(settleIntroductionCard(doc, bo, 'bo')).toBe(true);
  });
});
