import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElements, deleteElements, setMembership, setText, updateElement } from '../commands.js';
import type { Element, ElementOf } from '../elements/index.js';
import { readBoard } from '../layout.js';
import { cardSortingTemplate } from '../templates/card-sorting.js';
import { leanCanvasTemplate } from '../templates/lean-canvas.js';
import { diffBoards, isEmptyDiff, LOOSE_LABEL } from './diff.js';

/** A lean canvas and a card-sorting frame, with three stickies; `at()` reads the present state. */
function workshop() {
  const doc = new Y.Doc();
  createElements(doc, [...leanCanvasTemplate({ x: 0, y: 0 }), ...cardSortingTemplate({ x: 3000, y: 0 })]);
  const els = readBoard(doc).elements;
  const grid = els.find((e): e is ElementOf<'grid'> => e.type === 'grid' && e.title === 'Lean Canvas');
  const themes = els.filter((e): e is ElementOf<'theme'> => e.type === 'theme');
  if (!grid) throw new Error('no grid');
  const cell = (name: string) => grid.cells.find((c) => c.name === name)?.id ?? null;
  const [a, b, c] = createElements(doc, [
    {
      kind: 'sticky',
      input: { x: 10, y: 200, text: 'slow onboarding', parent: grid.id, slot: cell('Problem') },
    },
    { kind: 'sticky', input: { x: 20, y: 200, text: 'free trial', parent: grid.id, slot: cell('Solution') } },
    { kind: 'sticky', input: { x: 3100, y: 200, text: 'gamify it', parent: themes[0]?.id ?? null } },
  ]) as [string, string, string];
  const at = (): Element[] => readBoard(doc).elements;
  return { doc, grid, cell, themes, ids: { a, b, c }, at };
}

describe('diffBoards', () => {
  it('finds nothing between a state and itself', () => {
    const w = workshop();
    const d = diffBoards(w.at(), w.at());
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.unchanged).toBe(5); // three stickies and the two frames’ prompts
  });

  it('lists added and removed cards with their places', () => {
    const w = workshop();
    const before = w.at();
    deleteElements(w.doc, [w.ids.a]);
    createElements(w.doc, [
      { kind: 'sticky', input: { x: 0, y: 0, text: 'new one', parent: w.grid.id, slot: w.cell('Channels') } },
    ]);
    const d = diffBoards(before, w.at());
    expect(d.added.map((c) => [c.text, c.place.label])).toEqual([
      ['new one', 'Lean Business Model Canvas › Channels'],
    ]);
    expect(d.removed.map((c) => [c.text, c.place.label])).toEqual([
      ['slow onboarding', 'Lean Business Model Canvas › Problem'],
    ]);
    expect(d.unchanged).toBe(4);
  });

  it('lists edited text with the old and new text', () => {
    const w = workshop();
    const before = w.at();
    setText(w.doc, w.ids.b, 'free trial, 30 days');
    expect(diffBoards(before, w.at()).edited).toMatchObject([
      { id: w.ids.b, before: 'free trial', text: 'free trial, 30 days' },
    ]);
  });

  it('names the old and new box of a card moved between boxes and themes', () => {
    const w = workshop();
    const before = w.at();
    setMembership(w.doc, w.ids.a, w.grid.id, w.cell('Unfair Advantage'));
    setMembership(w.doc, w.ids.c, w.themes[3]?.id ?? null, null);
    const d = diffBoards(before, w.at());
    expect(d.moved.map((m) => [m.text, m.from.label, m.place.label])).toEqual([
      [
        'slow onboarding',
        'Lean Business Model Canvas › Problem',
        'Lean Business Model Canvas › Unfair Advantage',
      ],
      ['gamify it', 'Card Sorting › Theme A', 'Card Sorting › Parking lot'],
    ]);
    expect(d.edited).toEqual([]);
  });

  it('does not count a card nudged inside its box, or changes to containers, as a change', () => {
    const w = workshop();
    const before = w.at();
    updateElement(w.doc, w.ids.a, { x: 44, y: 260 } as never);
    updateElement(w.doc, w.grid.id, { title: 'Renamed' } as never);
    expect(isEmptyDiff(diffBoards(before, w.at()))).toBe(true);
  });

  it('reports a card both edited and moved in both lists, and a card whose theme was deleted as loose', () => {
    const w = workshop();
    const before = w.at();
    setText(w.doc, w.ids.b, 'paid pilot');
    setMembership(w.doc, w.ids.b, w.grid.id, w.cell('Revenue Streams'));
    const theme = w.themes[0]?.id as string;
    Y.transact(w.doc, () => {
      updateElement(w.doc, w.ids.c, { parent: null } as never);
      w.doc.getMap('elements').delete(theme);
    });
    const d = diffBoards(before, w.at());
    expect(d.edited.map((e) => e.id)).toEqual([w.ids.b]);
    expect(d.moved.map((m) => [m.id, m.place.label])).toEqual([
      [w.ids.b, 'Lean Business Model Canvas › Revenue Streams'],
      [w.ids.c, LOOSE_LABEL],
    ]);
    expect(d.moved[1]?.from.label).toBe('Card Sorting › Theme A');
  });
});
