import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElements } from '../commands.js';
import type { ElementOf } from '../elements/index.js';
import { contains, gridSlots, intersects } from '../geometry.js';
import { readBoard } from '../layout.js';
import {
  addIntroductionCard,
  INTRODUCTIONS_CELL,
  introductionCardOf,
  introductionsTemplate,
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
