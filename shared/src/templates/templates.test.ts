import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, createElements, placeByDrop } from '../commands.js';
import type { Element } from '../elements/index.js';
import { EXERCISE_KINDS, EXERCISE_TITLES } from '../exercises.js';
import { center, contains, intersects, slotsOf } from '../geometry.js';
import { readBoard } from '../layout.js';
import { EXERCISE_TEMPLATES, templateElements, WORKSHOP_GAP, workshopOrigin } from './index.js';
import { FRAME_H, FRAME_W } from './parts.js';

function board(template: Parameters<typeof templateElements>[0]) {
  const doc = new Y.Doc();
  createElements(doc, templateElements(template));
  return { doc, ...readBoard(doc) };
}

const corners = (e: Element & { w: number; h: number }) => [
  [e.x, e.y],
  [e.x + e.w, e.y + e.h],
];

describe.each(EXERCISE_KINDS)('template %s', (kind) => {
  it('parses with no skipped or repaired element', () => {
    const items = templateElements(kind);
    const { elements, problems } = board(kind);
    expect(problems).toEqual([]);
    expect(elements).toHaveLength(items.length);
  });

  it('is one frame of its kind, titled, at the origin, holding every other element', () => {
    const { elements } = board(kind);
    const frames = elements.filter((e) => e.type === 'frame');
    expect(frames).toHaveLength(1);
    const frame = frames[0];
    if (frame?.type !== 'frame') throw new Error('no frame');
    expect(frame).toMatchObject({
      x: 0,
      y: 0,
      w: FRAME_W,
      h: FRAME_H,
      exercise: kind,
      title: EXERCISE_TITLES[kind],
    });
    for (const el of elements) {
      if (el === frame) continue;
      expect(el.parent).toBe(frame.id);
      if (el.type === 'connector') continue;
      for (const [x, y] of corners(el)) expect(contains(frame, x as number, y as number)).toBe(true);
    }
  });

  it('has parts that do not overlap, and every stored slot exists in its parent', () => {
    const { elements, byId } = board(kind);
    const parts = elements.filter((e) => e.type !== 'frame' && e.type !== 'connector');
    parts.forEach((a, i) => {
      for (const b of parts.slice(i + 1))
        expect(intersects(a as never, b as never), `${a.id} × ${b.id}`).toBe(false);
    });
    for (const el of elements) {
      if (!el.parent) continue;
      const parent = byId.get(el.parent);
      expect(parent).toBeDefined();
      expect(slotsOf(parent as Element).map((s) => s.slot)).toContain(el.slot);
    }
  });

  it('gives every cell and lane to a sticky dropped in its middle', () => {
    const { doc, elements } = board(kind);
    const slots = elements.flatMap((el) =>
      el.type === 'grid' || el.type === 'swimlanes' || el.type === 'theme'
        ? slotsOf(el).map((s) => ({ parent: el.id, ...s }))
        : [],
    );
    expect(slots.length).toBeGreaterThan(0);
    for (const s of slots) {
      const c = center(s.rect);
      const id = createElement(doc, 'sticky', { x: c.x - 90, y: c.y - 90, text: s.name });
      placeByDrop(doc, [id]);
      expect(readBoard(doc).byId.get(id), s.name).toMatchObject({ parent: s.parent, slot: s.slot });
    }
  });

  it('makes fresh ids on every call', () => {
    const a = EXERCISE_TEMPLATES[kind]({ x: 0, y: 0 }).map((e) => e.id);
    const b = new Set(EXERCISE_TEMPLATES[kind]({ x: 0, y: 0 }).map((e) => e.id));
    expect(a.some((id) => b.has(id as string))).toBe(false);
  });

  it('lays out relative to the origin', () => {
    const at0 = EXERCISE_TEMPLATES[kind]({ x: 0, y: 0 });
    const moved = EXERCISE_TEMPLATES[kind]({ x: 500, y: -300 });
    moved.forEach((el, i) => {
      const base = at0[i]?.input as { x: number; y: number };
      expect(el.input).toMatchObject({ x: base.x + 500, y: base.y - 300 });
    });
  });
});

describe('templateElements', () => {
  it('is empty for a blank board', () => {
    expect(templateElements('blank')).toEqual([]);
  });

  it('lays out the workshop as seven frames in agenda order, reading order, without overlaps', () => {
    const { elements, problems } = board('workshop');
    expect(problems).toEqual([]);
    const frames = elements.filter((e) => e.type === 'frame');
    expect(frames.map((f) => f.type === 'frame' && f.exercise)).toEqual([...EXERCISE_KINDS]);
    frames.forEach((f, i) => {
      expect(f).toMatchObject(workshopOrigin(i));
      for (const g of frames.slice(i + 1)) {
        expect(intersects(f as never, g as never)).toBe(false);
        // Later in the agenda = further down, or on the same row further right.
        expect(g.y > f.y || (g.y === f.y && g.x >= f.x + FRAME_W + WORKSHOP_GAP)).toBe(true);
      }
    });
    const perKind = EXERCISE_KINDS.map((k) => templateElements(k).length);
    expect(elements).toHaveLength(perKind.reduce((a, b) => a + b, 0));
  });
});
