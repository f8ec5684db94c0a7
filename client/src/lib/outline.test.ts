import {
  createElement,
  createElements,
  HEADER,
  readBoard,
  slotsOf,
  templateElements,
} from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { allGroups, buildOutline, groupKey, lanePartOf, spokenName } from './outline';

describe('buildOutline', () => {
  it('lists frames → boxes → cards in reading order', () => {
    const doc = new Y.Doc();
    const f = createElement(doc, 'frame', { x: 0, y: 0, title: 'Lean Canvas', exercise: 'lean-canvas' });
    const g = createElement(doc, 'grid', {
      x: 20,
      y: 80,
      parent: f,
      title: 'Canvas',
      cols: 2,
      rows: 1,
      cells: [
        { id: 'problem', name: 'Problem', col: 0, row: 0 },
        { id: 'solution', name: 'Solution', col: 1, row: 0 },
      ],
    });
    createElement(doc, 'sticky', { x: 300, y: 200, text: 'second', parent: g, slot: 'problem' });
    createElement(doc, 'sticky', { x: 100, y: 200, text: 'first', parent: g, slot: 'problem' });
    createElement(doc, 'sticky', { x: 100, y: 200, text: 'orphan slot', parent: g, slot: 'gone' });
    createElement(doc, 'sticky', { x: 5000, y: 0, text: 'loose' });
    createElement(doc, 'sticky', { x: 5000, y: 0, text: 'dangling', parent: 'nothere' });
    const outline = buildOutline(readBoard(doc).elements);
    expect(outline.map((s) => s.title)).toEqual(['Lean Canvas', 'Outside frames']);
    const [lean, outside] = outline;
    expect(lean?.groups.map((x) => x.label)).toEqual([
      'In the frame',
      'Canvas › Problem',
      'Canvas › Solution',
    ]);
    expect(lean?.groups[1]?.cards.map((c) => c.text)).toEqual(['first', 'orphan slot', 'second']);
    expect(outside?.groups[0]?.cards.map((c) => c.text).sort()).toEqual(['dangling', 'loose']);
    expect(allGroups(outline).map((x) => x.key)).toContain(groupKey(g, 'solution'));
  });

  it('says which side of the story spine’s line each card is on, by the line’s own names', () => {
    const doc = new Y.Doc();
    createElements(doc, templateElements('story-spine'));
    const board = readBoard(doc);
    const spine = board.elements.find((e) => e.type === 'swimlanes');
    if (spine?.type !== 'swimlanes' || spine.line === null) throw new Error('no spine with a line');
    const slot = slotsOf(spine)[0];
    if (!slot) throw new Error('no slot');
    const lineY = spine.y + HEADER + spine.line * (spine.h - HEADER);
    const at = (y: number) => ({ x: slot.rect.x + 10, y, parent: spine.id, slot: slot.slot });
    createElement(doc, 'sticky', { ...at(lineY - 200), w: 100, h: 100, text: 'above' });
    createElement(doc, 'sticky', { ...at(lineY + 100), w: 100, h: 100, text: 'below' });
    const cards = buildOutline(readBoard(doc).elements)
      .flatMap((s) => s.groups)
      .flatMap((g) => g.cards);
    expect(cards.find((c) => c.text === 'above')?.side).toBe(spine.lineLabels[0]);
    expect(cards.find((c) => c.text === 'below')?.side).toBe(spine.lineLabels[1]);
  });

  it('reads a frame’s instructions before its boxes, not as a card', () => {
    const doc = new Y.Doc();
    const f = createElement(doc, 'frame', { x: 0, y: 0, title: 'Card Sorting', exercise: 'card-sorting' });
    createElement(doc, 'text', {
      x: 20,
      y: 60,
      w: 800,
      h: 60,
      text: 'Sort the ideas into themes.',
      parent: f,
    });
    createElement(doc, 'theme', { x: 20, y: 150, name: 'Theme A', parent: f });
    createElement(doc, 'text', { x: 20, y: 900, w: 200, h: 40, text: 'A note below', parent: f });
    const bare = createElement(doc, 'frame', { x: 3000, y: 0, title: 'Loose' });
    createElement(doc, 'text', { x: 3020, y: 60, w: 200, h: 40, text: 'Just a text', parent: bare });
    const [sorting, loose] = buildOutline(readBoard(doc).elements);
    expect(sorting?.intro?.text).toBe('Sort the ideas into themes.');
    expect(sorting?.groups[0]?.cards.map((c) => c.text)).toEqual(['A note below']);
    // Without boxes there is nothing for a text to introduce: it is a card.
    expect(loose?.intro).toBeNull();
    expect(loose?.groups[0]?.cards.map((c) => c.text)).toEqual(['Just a text']);
  });
});

describe('group names', () => {
  const workshop = () => {
    const doc = new Y.Doc();
    createElements(doc, templateElements('workshop'));
    return buildOutline(readBoard(doc).elements);
  };

  it('names each "In the frame" group with its exercise, so no two fields share a name', () => {
    const groups = workshop().flatMap((s) => s.groups);
    const wheres = groups.map((g) => g.where);
    expect(new Set(wheres).size).toBe(wheres.length);
    expect(wheres).toContain('in Lean Business Model Canvas, in the frame');
    expect(wheres).toContain('in Lean Canvas › Problem');
    expect(wheres).toContain('outside frames');
  });

  it('reads a blank in a part’s name as what its hint says goes there, and keeps the hint', () => {
    const pitch = workshop().find((s) => s.title === 'Elevator Pitch');
    const product = pitch?.groups.find((g) => g.slot === 'product');
    expect(product?.label).toBe('The pitch › The (product name) is a');
    expect(product?.hint).toBe('(product name) is a (product category)');
    expect(pitch?.groups.find((g) => g.slot === 'for')?.hint).toBe('(target customer)');
  });

  it('spokenName leaves names without a blank alone and never reads "…"', () => {
    expect(spokenName('Problem', 'Top 3 problems')).toBe('Problem');
    expect(spokenName('The … is a', '(product name) is a (product category)')).toBe(
      'The (product name) is a',
    );
    expect(spokenName('… and more', '')).toBe('blank and more');
  });

  it('offers "move to" choices by their box alone, under their exercise, said in full', () => {
    const targets = allGroups(workshop());
    const problem = targets.find((t) => t.group.label === 'Lean Canvas › Problem');
    expect(problem).toMatchObject({
      section: { title: 'Lean Business Model Canvas' },
      choice: 'Problem',
      label: 'Lean Business Model Canvas › Lean Canvas › Problem',
    });
    expect(targets.find((t) => t.group.label === 'Theme A')?.choice).toBe('Theme A');
    expect(targets.find((t) => t.group.label === 'Next steps › Now')?.choice).toBe('Now');
    expect(targets.find((t) => t.section.id === null)).toMatchObject({
      section: { title: 'Outside frames' },
      choice: 'Loose cards',
    });
    // Within each exercise no two choices read the same.
    for (const s of new Set(targets.map((t) => t.section.id))) {
      const choices = targets.filter((t) => t.section.id === s).map((t) => t.choice);
      expect(new Set(choices).size).toBe(choices.length);
    }
  });

  it('names a choice with its box when another box in its exercise has a part of that name', () => {
    const doc = new Y.Doc();
    const f = createElement(doc, 'frame', { x: 0, y: 0, w: 3000, h: 1000, title: 'Plans' });
    const cells = [{ id: 'c1', name: 'Cell 1', col: 0, row: 0 }];
    createElement(doc, 'grid', { x: 20, y: 80, parent: f, title: 'This year', cols: 1, rows: 1, cells });
    createElement(doc, 'grid', { x: 1500, y: 80, parent: f, title: 'Next year', cols: 1, rows: 1, cells });
    const choices = allGroups(buildOutline(readBoard(doc).elements))
      .filter((t) => t.section.title === 'Plans')
      .map((t) => t.choice);
    expect(choices).toEqual(['In the frame', 'This year › Cell 1', 'Next year › Cell 1']);
  });

  it('carries a card’s revealed votes', () => {
    const doc = new Y.Doc();
    createElement(doc, 'sticky', { x: 0, y: 0, text: 'voted', votes: 3 });
    const [card] = buildOutline(readBoard(doc).elements).flatMap((s) => s.groups.flatMap((g) => g.cards));
    expect(card).toMatchObject({ text: 'voted', votes: 3 });
  });
});

describe('lanePartOf', () => {
  const swimlanes = (steps: { id: string; name: string }[], lanes: { id: string; name: string }[]) => {
    const doc = new Y.Doc();
    createElement(doc, 'swimlanes', { x: 0, y: 0, w: 1400, h: 700, title: 'Lanes', steps, lanes });
    const el = readBoard(doc).elements[0];
    if (!el) throw new Error('no swimlanes');
    return el;
  };

  it('is the step where the swimlanes has steps (a Story Spine), the lane otherwise (a Road Map)', () => {
    const spine = swimlanes(
      [
        { id: 'a', name: 'Discover' },
        { id: 'b', name: 'Sign up' },
      ],
      [{ id: 'epics', name: 'Epics' }],
    );
    expect(lanePartOf(spine, 'epics:b')).toEqual({ kind: 'steps', laneId: 'b', name: 'Sign up' });
    const road = swimlanes(
      [],
      [
        { id: 'now', name: 'Now' },
        { id: 'next', name: 'Next' },
      ],
    );
    expect(lanePartOf(road, 'next')).toEqual({ kind: 'lanes', laneId: 'next', name: 'Next' });
  });

  it('offers each step once, in the first lane, and nothing for other boxes or unknown slots', () => {
    const both = swimlanes(
      [{ id: 'a', name: 'A' }],
      [
        { id: 'x', name: 'X' },
        { id: 'y', name: 'Y' },
      ],
    );
    expect(lanePartOf(both, 'x:a')).toMatchObject({ kind: 'steps', laneId: 'a' });
    expect(lanePartOf(both, 'y:a')).toBeNull();
    expect(lanePartOf(both, 'x:gone')).toBeNull();
    expect(lanePartOf(swimlanes([], [{ id: 'now', name: 'Now' }]), 'gone')).toBeNull();
    expect(lanePartOf(swimlanes([], []), 'lane')).toBeNull();
    expect(lanePartOf(undefined, 'now')).toBeNull();
  });
});
