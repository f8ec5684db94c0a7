import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, createElements, moveTo, placeByDrop } from '../commands.js';
import type { ElementOf } from '../elements/index.js';
import { leanCanvasContent } from '../exercises/content.js';
import { center, gridSlots } from '../geometry.js';
import { readBoard } from '../layout.js';
import { LEAN_CANVAS_COLS, LEAN_CANVAS_ROWS, leanCanvasTemplate } from './lean-canvas.js';

function canvas() {
  const doc = new Y.Doc();
  createElements(doc, leanCanvasTemplate({ x: 100, y: 200 }));
  const grid = readBoard(doc).elements.find((e): e is ElementOf<'grid'> => e.type === 'grid');
  if (!grid) throw new Error('no grid');
  return { doc, grid };
}

describe('lean canvas template', () => {
  it('has exactly the nine named boxes, each with a hint', () => {
    const { grid } = canvas();
    expect(grid.cells.map((c) => c.name).sort()).toEqual(
      [
        'Problem',
        'Customer Segments',
        'Unique Value Proposition',
        'Solution',
        'Channels',
        'Revenue Streams',
        'Cost Structure',
        'Key Metrics',
        'Unfair Advantage',
      ].sort(),
    );
    for (const c of grid.cells) expect(c.hint.length).toBeGreaterThan(5);
  });

  it('tiles the grid exactly: every unit covered by one box', () => {
    const { grid } = canvas();
    expect([grid.cols, grid.rows]).toEqual([LEAN_CANVAS_COLS, LEAN_CANVAS_ROWS]);
    const owner: string[][] = Array.from({ length: grid.rows }, () => Array(grid.cols).fill(''));
    for (const c of grid.cells) {
      for (let r = c.row; r < c.row + c.rowSpan; r++) {
        for (let k = c.col; k < c.col + c.colSpan; k++) {
          expect(owner[r]?.[k], `${c.id} overlaps at ${k},${r}`).toBe('');
          (owner[r] as string[])[k] = c.id;
        }
      }
    }
    expect(owner.flat().every(Boolean)).toBe(true);
  });

  it('is the real layout', () => {
    const { grid } = canvas();
    const rect = new Map(gridSlots(grid).map((s) => [s.slot, s.rect]));
    const r = (id: string) => rect.get(id) as { x: number; y: number; w: number; h: number };
    const left = (a: string, b: string) => expect(r(a).x + r(a).w).toBeCloseTo(r(b).x);
    const above = (a: string, b: string) => expect(r(a).y + r(a).h).toBeCloseTo(r(b).y);
    // Across the top: Problem | Solution | UVP | Unfair Advantage | Customer Segments.
    left('problem', 'solution');
    left('solution', 'uvp');
    left('uvp', 'unfair-advantage');
    left('unfair-advantage', 'customer-segments');
    // Stacked pairs, and the three tall boxes spanning both.
    above('solution', 'key-metrics');
    above('unfair-advantage', 'channels');
    for (const tall of ['problem', 'uvp', 'customer-segments']) {
      expect(r(tall).y).toBe(r('solution').y);
      expect(r(tall).h).toBeCloseTo(r('solution').h + r('key-metrics').h);
    }
    // Along the bottom: Cost Structure | Revenue Streams, half the width each.
    above('problem', 'cost-structure');
    left('cost-structure', 'revenue-streams');
    expect(r('cost-structure').w).toBeCloseTo(grid.w / 2);
    expect(r('revenue-streams').x + r('revenue-streams').w).toBeCloseTo(grid.x + grid.w);
  });

  it('gives a sticky dropped in the Problem box to that box', () => {
    const { doc, grid } = canvas();
    const problem = gridSlots(grid).find((s) => s.slot === 'problem');
    if (!problem) throw new Error('no problem box');
    const c = center(problem.rect);
    const id = createElement(doc, 'sticky', { x: c.x - 90, y: c.y - 90, text: 'Onboarding takes weeks' });
    placeByDrop(doc, [id]);
    expect(readBoard(doc).byId.get(id)).toMatchObject({ parent: grid.id, slot: 'problem' });
    const content = leanCanvasContent(doc);
    expect(content?.boxes.find((b) => b.id === 'problem')?.cards.map((k) => k.text)).toEqual([
      'Onboarding takes weeks',
    ]);

    // Dragged to Solution, it leaves Problem.
    const solution = gridSlots(grid).find((s) => s.slot === 'solution');
    const s = center(solution?.rect ?? problem.rect);
    moveTo(doc, [{ id, x: s.x - 90, y: s.y - 90 }]);
    const after = leanCanvasContent(doc);
    expect(after?.boxes.find((b) => b.id === 'problem')?.cards).toEqual([]);
    expect(after?.boxes.find((b) => b.id === 'solution')?.cards.map((k) => k.id)).toEqual([id]);
  });
});
