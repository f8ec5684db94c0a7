import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, createElements, placeByDrop, updateElement } from '../commands.js';
import type { Element, ElementOf } from '../elements/index.js';
import { center, contains, HEADER, intersects, slotsOf } from '../geometry.js';
import { elementsMap, readBoard } from '../layout.js';
import { templateElements } from '../templates/index.js';
import {
  addToTheme,
  canPark,
  findParkingLot,
  mergeThemes,
  moveToParkingLot,
  renameTheme,
  splitTheme,
  themeFromSelection,
} from './commands.js';

const SETUP = 'setup';
const LOCAL = { user: 'local' };

/** A card-sorting board with cards in the idea pool, and an undo manager for LOCAL only. */
function sortingBoard(texts: string[]) {
  const doc = new Y.Doc();
  createElements(doc, templateElements('card-sorting'), SETUP);
  const pool = readBoard(doc).elements.find((e) => e.type === 'grid') as ElementOf<'grid'>;
  const rect = slotsOf(pool)[0]?.rect as { x: number; y: number };
  const ids = texts.map((text, i) => {
    const id = createElement(
      doc,
      'sticky',
      { x: rect.x + 20 + (i % 5) * 200, y: rect.y + 20 + Math.floor(i / 5) * 200, text },
      { origin: SETUP },
    );
    placeByDrop(doc, [id], SETUP);
    return id;
  });
  const undo = new Y.UndoManager(elementsMap(doc), { trackedOrigins: new Set([LOCAL]) });
  return { doc, ids, undo, pool };
}

function themes(doc: Y.Doc) {
  return readBoard(doc).elements.filter((e): e is ElementOf<'theme'> => e.type === 'theme');
}
const themeNamed = (doc: Y.Doc, name: string) =>
  themes(doc).find((t) => t.name === name) as ElementOf<'theme'>;

/** Every card of the theme lies inside its body, and no two overlap. */
function expectTidy(doc: Y.Doc, themeId: string) {
  const { elements, byId } = readBoard(doc);
  const theme = byId.get(themeId) as ElementOf<'theme'>;
  const cards = elements.filter((e) => e.parent === themeId) as ElementOf<'sticky'>[];
  for (const c of cards) {
    expect(c.x).toBeGreaterThanOrEqual(theme.x);
    expect(c.y).toBeGreaterThanOrEqual(theme.y + HEADER);
    expect(c.x + c.w).toBeLessThanOrEqual(theme.x + theme.w);
    expect(c.y + c.h).toBeLessThanOrEqual(theme.y + theme.h);
  }
  for (const a of cards)
    for (const b of cards) if (a !== b) expect(intersects(shrink(a), shrink(b))).toBe(false);
  // Dropped where it is, every card would stay in the theme.
  for (const c of cards) expect(contains(theme, center(c).x, center(c).y)).toBe(true);
}
/** The theme belongs to the card-sorting frame and lies inside it (the frame grew if needed). */
function expectInFrame(doc: Y.Doc, themeId: string) {
  const { elements, byId } = readBoard(doc);
  const frame = elements.find((e) => e.type === 'frame') as ElementOf<'frame'>;
  const theme = byId.get(themeId) as ElementOf<'theme'>;
  expect(theme.parent).toBe(frame.id);
  expect(theme.x).toBeGreaterThanOrEqual(frame.x);
  expect(theme.y).toBeGreaterThanOrEqual(frame.y);
  expect(theme.x + theme.w).toBeLessThanOrEqual(frame.x + frame.w);
  expect(theme.y + theme.h).toBeLessThanOrEqual(frame.y + frame.h);
}
const shrink = (r: { x: number; y: number; w: number; h: number }) => ({
  x: r.x + 1,
  y: r.y + 1,
  w: r.w - 2,
  h: r.h - 2,
});

/** Counts transactions with the given origin that change the document. */
function countTransactions(doc: Y.Doc, origin: unknown) {
  let n = 0;
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin === origin && tr.changed.size > 0) n++;
  });
  return () => n;
}

describe('themeFromSelection', () => {
  it('makes a named theme holding the cards, laid out inside it, in one transaction', () => {
    const { doc, ids } = sortingBoard(['Login', 'Password reset', 'Dark mode']);
    const count = countTransactions(doc, LOCAL);
    const id = themeFromSelection(doc, [ids[0] as string, ids[1] as string], 'Accounts', LOCAL);
    expect(count()).toBe(1);
    const { byId, elements } = readBoard(doc);
    const theme = byId.get(id as string) as ElementOf<'theme'>;
    expect(theme).toMatchObject({ type: 'theme', name: 'Accounts', parking: false });
    expect(
      elements
        .filter((e) => e.parent === id)
        .map((e) => e.id)
        .sort(),
    ).toEqual([ids[0], ids[1]].sort());
    expect(byId.get(ids[2] as string)?.parent).not.toBe(id);
    expectTidy(doc, id as string);
    expectInFrame(doc, id as string);
    // It covers no other container (the idea pool, the starter themes).
    for (const other of elements)
      if (other.type === 'grid' || (other.type === 'theme' && other.id !== id))
        expect(intersects(theme, other)).toBe(false);
  });

  it('fills the exercise’s unused starter themes first, in reading order, then makes new ones', () => {
    const { doc, ids } = sortingBoard(['a', 'b', 'c', 'd', 'e']);
    const [a, b, c] = ['Theme A', 'Theme B', 'Theme C'].map((n) => themeNamed(doc, n).id);
    // A starter theme someone renamed is in use, even while empty.
    renameTheme(doc, c as string, 'Pricing', SETUP);
    expect(themeFromSelection(doc, [ids[0] as string], 'Accounts', LOCAL)).toBe(a);
    expect(themeFromSelection(doc, [ids[1] as string], 'Onboarding', LOCAL)).toBe(b);
    const fresh = themeFromSelection(doc, [ids[2] as string], 'Reports', LOCAL) as string;
    expect([a, b, c]).not.toContain(fresh);
    expect(
      themes(doc)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['Accounts', 'Onboarding', 'Parking lot', 'Pricing', 'Reports'].sort());
    expect(readBoard(doc).byId.get(ids[0] as string)?.parent).toBe(a);
    expectTidy(doc, a as string);
  });

  it('in a workshop, a new theme never grows the frame into the next exercise’s', () => {
    const doc = new Y.Doc();
    createElements(doc, templateElements('workshop'), SETUP);
    const board = readBoard(doc);
    const frame = board.elements.find(
      (e) => e.type === 'frame' && e.exercise === 'card-sorting',
    ) as ElementOf<'frame'>;
    const pool = board.elements.find((e) => e.type === 'grid' && e.parent === frame.id) as ElementOf<'grid'>;
    const rect = slotsOf(pool)[0]?.rect as { x: number; y: number };
    const ids = Array.from({ length: 8 }, (_, i) => {
      const id = createElement(
        doc,
        'sticky',
        { x: rect.x + 20 + (i % 4) * 200, y: rect.y + 20 + Math.floor(i / 4) * 200, text: `idea ${i}` },
        { origin: SETUP },
      );
      placeByDrop(doc, [id], SETUP);
      return id;
    });
    // Three starter themes, then two new ones of two and three cards (wider than the gap between frames).
    for (let i = 0; i < 3; i++) themeFromSelection(doc, [ids[i] as string], `Theme ${i + 1}`, LOCAL);
    themeFromSelection(doc, ids.slice(3, 5), 'Theme 4', LOCAL);
    themeFromSelection(doc, ids.slice(5, 8), 'Theme 5', LOCAL);
    const after = readBoard(doc).elements;
    const grown = after.find((e) => e.id === frame.id) as ElementOf<'frame'>;
    for (const other of after)
      if (other.type === 'frame' && other.id !== frame.id)
        expect(intersects(grown, other), other.title).toBe(false);
    for (const t of after) {
      if (t.type !== 'theme') continue;
      expect(t.parent).toBe(frame.id);
      expect(
        contains(grown, t.x, t.y) && contains(grown, t.x + t.w, t.y + t.h),
        `${t.name} inside its frame`,
      ).toBe(true);
    }
    expect(themes(doc)).toHaveLength(6);
  });

  it('ignores ids that are not cards and returns null when none are', () => {
    const { doc, pool } = sortingBoard(['a']);
    expect(themeFromSelection(doc, [pool.id, 'missing'], 'X', LOCAL)).toBeNull();
    expect(themes(doc)).toHaveLength(4);
  });

  it('is undone in one step', () => {
    const { doc, ids, undo } = sortingBoard(['Login', 'Password reset']);
    const before = readBoard(doc).elements;
    themeFromSelection(doc, ids, 'Accounts', LOCAL);
    undo.undo();
    expect(readBoard(doc).elements).toEqual(before);
  });
});

describe('renameTheme', () => {
  it('renames a theme, and refuses blanks and non-themes', () => {
    const { doc, ids } = sortingBoard(['a']);
    const t = themeNamed(doc, 'Theme A');
    expect(renameTheme(doc, t.id, '  Onboarding ', LOCAL)).toBe(true);
    expect(themeNamed(doc, 'Onboarding').id).toBe(t.id);
    expect(renameTheme(doc, t.id, '   ', LOCAL)).toBe(false);
    expect(renameTheme(doc, ids[0] as string, 'x', LOCAL)).toBe(false);
  });
});

describe('mergeThemes', () => {
  it('moves every source card into the target, deletes the sources, in one undoable transaction', () => {
    const { doc, ids, undo } = sortingBoard(['a1', 'a2', 'b1', 'c1', 'c2', 'c3']);
    const [a, b, c] = ['Theme A', 'Theme B', 'Theme C'].map((n) => themeNamed(doc, n).id) as string[];
    addToTheme(doc, a as string, ids.slice(0, 2), SETUP);
    addToTheme(doc, b as string, ids.slice(2, 3), SETUP);
    addToTheme(doc, c as string, ids.slice(3), SETUP);
    const before = readBoard(doc).elements;
    const count = countTransactions(doc, LOCAL);

    expect(mergeThemes(doc, a as string, [b as string, c as string], LOCAL)).toEqual([b, c]);
    expect(count()).toBe(1);
    const { elements, byId } = readBoard(doc);
    expect(byId.has(b as string)).toBe(false);
    expect(byId.has(c as string)).toBe(false);
    expect(
      elements
        .filter((e) => e.parent === a)
        .map((e) => e.id)
        .sort(),
    ).toEqual([...ids].sort());
    expectTidy(doc, a as string);

    undo.undo();
    expect(readBoard(doc).elements).toEqual(before);
  });

  it('never merges the parking lot away, nor a theme into itself', () => {
    const { doc, ids } = sortingBoard(['parked']);
    const lot = findParkingLot(readBoard(doc).elements) as ElementOf<'theme'>;
    const a = themeNamed(doc, 'Theme A').id;
    moveToParkingLot(doc, ids, SETUP);
    expect(mergeThemes(doc, a, [lot.id, a], LOCAL)).toEqual([]);
    expect(readBoard(doc).byId.get(lot.id)).toBeDefined();
    expect(readBoard(doc).byId.get(ids[0] as string)?.parent).toBe(lot.id);
  });

  it('leaves locked cards of a source where they are, released', () => {
    const { doc, ids } = sortingBoard(['free', 'locked']);
    const [a, b] = ['Theme A', 'Theme B'].map((n) => themeNamed(doc, n).id) as string[];
    addToTheme(doc, b as string, ids, SETUP);
    updateElement(doc, ids[1] as string, { locked: true }, SETUP);
    mergeThemes(doc, a as string, [b as string], LOCAL);
    const { byId } = readBoard(doc);
    expect(byId.get(ids[0] as string)?.parent).toBe(a);
    expect(byId.get(ids[1] as string)?.parent).toBeNull();
  });
});

describe('splitTheme', () => {
  it('moves the given cards into a new theme beside the source, in one undoable transaction', () => {
    const { doc, ids, undo } = sortingBoard(['a', 'b', 'c', 'd']);
    const a = themeNamed(doc, 'Theme A');
    addToTheme(doc, a.id, ids, SETUP);
    const before = readBoard(doc).elements;
    const count = countTransactions(doc, LOCAL);

    const id = splitTheme(doc, a.id, [ids[1] as string, ids[3] as string, 'not-a-member'], 'Split', LOCAL);
    expect(count()).toBe(1);
    const { elements, byId } = readBoard(doc);
    const split = byId.get(id as string) as ElementOf<'theme'>;
    expect(split.name).toBe('Split');
    const membersOf = (t: string) =>
      elements
        .filter((e) => e.parent === t)
        .map((e) => e.id)
        .sort();
    expect(membersOf(split.id)).toEqual([ids[1], ids[3]].sort());
    expect(membersOf(a.id)).toEqual([ids[0], ids[2]].sort());
    expectTidy(doc, split.id);
    expectTidy(doc, a.id);
    expectInFrame(doc, split.id);
    for (const t of themes(doc)) if (t.id !== split.id) expect(intersects(split, t)).toBe(false);

    undo.undo();
    expect(readBoard(doc).elements).toEqual(before);
  });

  it('does nothing for cards outside the theme', () => {
    const { doc, ids } = sortingBoard(['a']);
    const a = themeNamed(doc, 'Theme A');
    expect(splitTheme(doc, a.id, ids, 'X', LOCAL)).toBeNull();
    expect(themes(doc)).toHaveLength(4);
  });
});

describe('addToTheme', () => {
  it('appends cards after the theme’s own and grows the theme to hold them', () => {
    const { doc, ids } = sortingBoard(Array.from({ length: 12 }, (_, i) => `card ${i}`));
    const a = themeNamed(doc, 'Theme A');
    expect(addToTheme(doc, a.id, ids, LOCAL)).toBe(12);
    expect(addToTheme(doc, a.id, ids, LOCAL)).toBe(0);
    expect(themeNamed(doc, 'Theme A').h).toBeGreaterThan(a.h);
    expectTidy(doc, a.id);
  });
});

describe('moveToParkingLot', () => {
  it('uses the card-sorting frame’s parking lot', () => {
    const { doc, ids } = sortingBoard(['maybe later', 'odd one']);
    const lot = findParkingLot(readBoard(doc).elements) as ElementOf<'theme'>;
    const count = countTransactions(doc, LOCAL);
    expect(moveToParkingLot(doc, ids, LOCAL)).toBe(lot.id);
    expect(count()).toBe(1);
    for (const id of ids) expect(readBoard(doc).byId.get(id)?.parent).toBe(lot.id);
    expectTidy(doc, lot.id);
  });

  it('creates a parking lot inside the card-sorting frame when it is missing', () => {
    const { doc, ids } = sortingBoard(['x']);
    const lot = findParkingLot(readBoard(doc).elements) as ElementOf<'theme'>;
    elementsMap(doc).delete(lot.id);
    const id = moveToParkingLot(doc, ids, LOCAL) as string;
    const { byId } = readBoard(doc);
    const created = byId.get(id) as ElementOf<'theme'>;
    const frame = readBoard(doc).elements.find((e) => e.type === 'frame') as Element;
    expect(created).toMatchObject({ parking: true, name: 'Parking lot', parent: frame.id });
    expect(byId.get(ids[0] as string)?.parent).toBe(id);
    expectInFrame(doc, id);
  });

  it('creates one next to the cards on a board without card sorting', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, 'sticky', { x: 0, y: 0, text: 'loose' });
    const lot = moveToParkingLot(doc, [id], LOCAL) as string;
    const created = readBoard(doc).byId.get(lot) as ElementOf<'theme'>;
    expect(created).toMatchObject({ parking: true, parent: null });
    expectTidy(doc, lot);
  });
});

describe('canPark', () => {
  it('offers the parking lot to cards that would stay by their exercise, not to others', () => {
    const doc = new Y.Doc();
    createElements(doc, templateElements('workshop'), SETUP);
    const frames = readBoard(doc).elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame');
    const frame = (exercise: string) => frames.find((f) => f.exercise === exercise) as ElementOf<'frame'>;
    const cardIn = (f: ElementOf<'frame'>, text: string) => {
      const id = createElement(
        doc,
        'sticky',
        { x: f.x + f.w / 2, y: f.y + f.h / 2, text },
        { origin: SETUP },
      );
      placeByDrop(doc, [id], SETUP);
      return id;
    };
    const idea = cardIn(frame('card-sorting'), 'Weekly demo');
    const worst = cardIn(frame('worst-solution'), 'Ship without users');
    const loose = createElement(doc, 'sticky', { x: -5000, y: -5000, text: 'Loose' }, { origin: SETUP });
    const board = readBoard(doc);
    const cards = (...ids: string[]) => ids.map((id) => board.byId.get(id) as Element);
    expect(canPark(board, cards(idea))).toBe(true);
    expect(canPark(board, cards(loose))).toBe(true);
    // A worst idea parked would land in the card-sorting frame, out of sight.
    expect(canPark(board, cards(worst))).toBe(false);
    expect(canPark(board, cards(idea, worst))).toBe(false);
  });
});
