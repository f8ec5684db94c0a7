import { describe, expect, it } from 'vitest';
import { ELEMENT_SCHEMAS, type Element, type ElementKind, type ElementOf } from './elements/index.js';
import {
  boundsOf,
  center,
  contains,
  dropTarget,
  gridSlots,
  HEADER,
  intersects,
  laneSlots,
  lineSide,
  slotsOf,
} from './geometry.js';

function make<K extends ElementKind>(kind: K, id: string, fields: Record<string, unknown>): ElementOf<K> {
  return { ...ELEMENT_SCHEMAS[kind].parse({ type: kind, ...fields }), id } as ElementOf<K>;
}

describe('rectangles', () => {
  it('contains is inclusive of the edges', () => {
    const r = { x: 0, y: 0, w: 10, h: 10 };
    expect([contains(r, 0, 0), contains(r, 10, 10), contains(r, 10.01, 5)]).toEqual([true, true, false]);
  });

  it('intersects, center, boundsOf', () => {
    expect(intersects({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 10, w: 1, h: 1 })).toBe(true);
    expect(intersects({ x: 0, y: 0, w: 10, h: 10 }, { x: 11, y: 0, w: 1, h: 1 })).toBe(false);
    expect(center({ x: 10, y: 20, w: 100, h: 50 })).toEqual({ x: 60, y: 45 });
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { x: 0, y: 5, w: 10, h: 10 },
        { x: -5, y: 0, w: 1, h: 1 },
      ]),
    ).toEqual({ x: -5, y: 0, w: 15, h: 15 });
  });
});

describe('gridSlots', () => {
  it('places cells under the header, with spans', () => {
    const grid = make('grid', 'g', {
      x: 100,
      y: 200,
      w: 300,
      h: 300 + HEADER,
      cols: 3,
      rows: 3,
      cells: [
        { id: 'a', name: 'A', col: 0, row: 0 },
        { id: 'b', name: 'B', col: 1, row: 1, colSpan: 2, rowSpan: 2 },
      ],
    });
    expect(gridSlots(grid)).toEqual([
      { slot: 'a', name: 'A', rect: { x: 100, y: 200 + HEADER, w: 100, h: 100 } },
      { slot: 'b', name: 'B', rect: { x: 200, y: 300 + HEADER, w: 200, h: 200 } },
    ]);
  });
});

describe('laneSlots', () => {
  const base = { x: 0, y: 0, w: 600, h: 400 + HEADER };

  it('horizontal lanes are rows under the header', () => {
    const s = make('swimlanes', 's', {
      ...base,
      lanes: [
        { id: 'l1', name: 'One' },
        { id: 'l2', name: 'Two' },
      ],
    });
    expect(laneSlots(s)).toEqual([
      { slot: 'l1', name: 'One', rect: { x: 0, y: HEADER, w: 600, h: 200 } },
      { slot: 'l2', name: 'Two', rect: { x: 0, y: HEADER + 200, w: 600, h: 200 } },
    ]);
  });

  it('vertical lanes are columns; steps split each lane into `lane:step` slots', () => {
    const s = make('swimlanes', 's', {
      ...base,
      orientation: 'vertical',
      lanes: [
        { id: 'l1', name: 'One' },
        { id: 'l2', name: 'Two' },
      ],
      steps: [
        { id: 'now', name: 'Now' },
        { id: 'next', name: 'Next' },
      ],
    });
    const slots = laneSlots(s);
    expect(slots.map((x) => x.slot)).toEqual(['l1:now', 'l1:next', 'l2:now', 'l2:next']);
    expect(slots[3]).toEqual({
      slot: 'l2:next',
      name: 'Two · Next',
      rect: { x: 300, y: HEADER + 200, w: 300, h: 200 },
    });
  });

  it('no lanes means one unnamed lane covering the body', () => {
    const s = make('swimlanes', 's', base);
    expect(laneSlots(s)).toEqual([{ slot: 'lane', name: '', rect: { x: 0, y: HEADER, w: 600, h: 400 } }]);
  });
});

describe('slotsOf', () => {
  it('themes and frames are one slot; cards have none', () => {
    const theme = make('theme', 't', { x: 0, y: 0, name: 'Risks' });
    expect(slotsOf(theme)).toEqual([{ slot: null, name: 'Risks', rect: theme }]);
    expect(slotsOf(make('frame', 'f', { x: 0, y: 0, title: 'Canvas' }))[0]?.name).toBe('Canvas');
    expect(slotsOf(make('sticky', 's', { x: 0, y: 0 }))).toEqual([]);
    expect(slotsOf(make('connector', 'c', { from: 'a', to: 'b' }))).toEqual([]);
  });
});

describe('dropTarget', () => {
  const frame = make('frame', 'frame', { x: 0, y: 0, w: 2000, h: 2000, z: 'a0' });
  const grid = make('grid', 'grid', {
    x: 100,
    y: 100,
    w: 300,
    h: 300 + HEADER,
    z: 'a1',
    cells: [
      { id: 'c00', col: 0, row: 0 },
      { id: 'c11', col: 1, row: 1 },
    ],
  });
  const lowTheme = make('theme', 'low', { x: 1000, y: 1000, w: 400, h: 400, z: 'a2' });
  const highTheme = make('theme', 'high', { x: 1200, y: 1200, w: 400, h: 400, z: 'a3' });
  const elements: Element[] = [frame, grid, lowTheme, highTheme];

  it('a point in a grid cell belongs to that cell, not the frame around it', () => {
    expect(dropTarget(elements, 150, 100 + HEADER + 50)).toEqual({ parent: 'grid', slot: 'c00' });
    expect(dropTarget(elements, 250, 100 + HEADER + 150)).toEqual({ parent: 'grid', slot: 'c11' });
  });

  it('a point in the grid but in no cell falls through to the frame', () => {
    expect(dropTarget(elements, 350, 100 + HEADER + 50)).toEqual({ parent: 'frame', slot: null });
    expect(dropTarget(elements, 150, 110)).toEqual({ parent: 'frame', slot: null });
  });

  it('overlapping themes: the topmost (later in back-to-front order) wins', () => {
    expect(dropTarget(elements, 1300, 1300)).toEqual({ parent: 'high', slot: null });
    expect(dropTarget([frame, grid, highTheme, lowTheme], 1300, 1300)).toEqual({ parent: 'low', slot: null });
  });

  it('a theme inside a grid cell wins over the cell (innermost)', () => {
    const inCell = make('theme', 'inCell', { x: 110, y: 100 + HEADER + 10, w: 50, h: 50, z: 'Zz' });
    expect(dropTarget([inCell, ...elements], 130, 100 + HEADER + 30)).toEqual({
      parent: 'inCell',
      slot: null,
    });
  });

  it('outside everything: no parent; excluded containers never capture', () => {
    expect(dropTarget(elements, 5000, 5000)).toEqual({ parent: null, slot: null });
    expect(dropTarget(elements, 150, 100 + HEADER + 50, new Set(['grid']))).toEqual({
      parent: 'frame',
      slot: null,
    });
  });

  it('cards and connectors are never targets', () => {
    const card = make('sticky', 'card', { x: 3000, y: 3000 });
    expect(dropTarget([card], 3050, 3050)).toEqual({ parent: null, slot: null });
  });
});

describe('lineSide', () => {
  it('horizontal: above the line is core', () => {
    const s = make('swimlanes', 's', { x: 0, y: 0, w: 100, h: 100 + HEADER, line: 0.25 });
    expect(lineSide(s, 50, HEADER + 24)).toBe('core');
    expect(lineSide(s, 50, HEADER + 25)).toBe('critical');
  });

  it('vertical: left of the line is core', () => {
    const s = make('swimlanes', 's', { x: 0, y: 0, w: 200, h: 100, orientation: 'vertical', line: 0.5 });
    expect(lineSide(s, 99, 50)).toBe('core');
    expect(lineSide(s, 100, 50)).toBe('critical');
  });

  it('no line: null', () => {
    expect(lineSide(make('swimlanes', 's', { x: 0, y: 0 }), 0, 0)).toBeNull();
  });
});
