import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, createElements, deleteElements, placeByDrop } from '../commands.js';
import type { Element } from '../elements/index.js';
import { center, slotsOf } from '../geometry.js';
import { readBoard } from '../layout.js';
import { PITCH_PARTS } from '../templates/elevator-pitch.js';
import { templateElements } from '../templates/index.js';
import { LEAN_CANVAS_BOXES } from '../templates/lean-canvas.js';
import { cardsIn, exerciseFrames, membersOf } from './board.js';
import { introductionsContent, leanCanvasContent, pitchContent, roadmapContent } from './content.js';
import { cardSortingContent, isPlaceholderTheme, themesWithCards } from './themes.js';

/** A workshop board and a way to drop a sticky into the named part of a container. */
function workshop() {
  const doc = new Y.Doc();
  createElements(doc, templateElements('workshop'));
  const drop = (match: (el: Element) => boolean, slotName: string | null, text: string, dy = 0) => {
    const host = readBoard(doc).elements.find(match);
    const slot = host && slotsOf(host).find((s) => slotName === null || s.name === slotName);
    if (!slot) throw new Error(`no slot ${slotName}`);
    const c = center(slot.rect);
    const id = createElement(doc, 'sticky', { x: c.x - 90, y: c.y - 90 + dy, text, author: 'Ann' });
    placeByDrop(doc, [id]);
    return id;
  };
  return { doc, drop };
}

const gridCalled = (title: string) => (el: Element) => el.type === 'grid' && el.title === title;
const themeCalled = (name: string) => (el: Element) => el.type === 'theme' && el.name === name;

describe('membersOf / cardsIn', () => {
  it('lists members of a container or one of its slots, cards in reading order', () => {
    const { doc, drop } = workshop();
    const b = drop(gridCalled('Lean Canvas'), 'Channels', 'second', 40);
    const a = drop(gridCalled('Lean Canvas'), 'Channels', 'first', -40);
    drop(gridCalled('Lean Canvas'), 'Problem', 'elsewhere');
    const { elements } = readBoard(doc);
    const grid = elements.find(gridCalled('Lean Canvas')) as Element;
    expect(membersOf(elements, grid.id)).toHaveLength(3);
    expect(
      membersOf(elements, grid.id, 'channels')
        .map((e) => e.id)
        .sort(),
    ).toEqual([a, b].sort());
    expect(cardsIn(elements, grid.id, 'channels').map((e) => e.id)).toEqual([a, b]);
    expect(membersOf(elements, grid.id, null)).toEqual([]);
  });
});

describe('leanCanvasContent', () => {
  it('gives the nine boxes in fill order with their cards', () => {
    const { doc, drop } = workshop();
    drop(gridCalled('Lean Canvas'), 'Problem', 'Teams misalign');
    drop(gridCalled('Lean Canvas'), 'Key Metrics', 'Weekly active boards');
    const content = leanCanvasContent(doc);
    expect(content?.boxes.map((b) => b.id)).toEqual(LEAN_CANVAS_BOXES.map((b) => b.id));
    expect(Object.fromEntries(content?.boxes.map((b) => [b.name, b.cards.map((c) => c.text)]) ?? [])).toEqual(
      {
        Problem: ['Teams misalign'],
        'Customer Segments': [],
        'Unique Value Proposition': [],
        Solution: [],
        Channels: [],
        'Revenue Streams': [],
        'Cost Structure': [],
        'Key Metrics': ['Weekly active boards'],
        'Unfair Advantage': [],
      },
    );
    expect(content?.boxes[0]?.cards[0]).toMatchObject({ kind: 'sticky', author: 'Ann', color: 'yellow' });
  });

  it('reads the frame asked for, and nothing for another kind of frame', () => {
    const { doc } = workshop();
    const [lean] = exerciseFrames(doc, 'lean-canvas');
    const [intro] = exerciseFrames(doc, 'introductions');
    expect(leanCanvasContent(doc, lean?.id)?.frameId).toBe(lean?.id);
    expect(leanCanvasContent(doc, intro?.id)).toBeNull();
  });

  it('still finds the canvas after its frame was deleted', () => {
    const { doc, drop } = workshop();
    drop(gridCalled('Lean Canvas'), 'Solution', 'Templates that know their meaning');
    const [lean] = exerciseFrames(doc, 'lean-canvas');
    deleteElements(doc, [lean?.id as string]);
    const content = leanCanvasContent(doc);
    expect(content?.frameId).toBeNull();
    expect(content?.boxes.find((b) => b.id === 'solution')?.cards).toHaveLength(1);
  });
});

describe('themesWithCards / cardSortingContent', () => {
  it('lists themes with their cards, parking lot last, and the unsorted pool', () => {
    const { doc, drop } = workshop();
    drop(themeCalled('Parking lot'), null, 'Blockchain?');
    drop(themeCalled('Theme B'), null, 'Timer');
    drop(themeCalled('Theme A'), null, 'Voting');
    drop(gridCalled('Idea pool'), 'Ideas', 'Dark mode');
    const themes = themesWithCards(doc);
    expect(themes.map((t) => [t.name, t.parking, t.cards.map((c) => c.text)])).toEqual([
      ['Theme A', false, ['Voting']],
      ['Theme B', false, ['Timer']],
      ['Theme C', false, []],
      ['Parking lot', true, ['Blockchain?']],
    ]);
    const sorting = cardSortingContent(doc);
    expect(sorting?.pool.map((c) => c.text)).toEqual(['Dark mode']);
    expect(sorting?.themes).toEqual(themes);
    expect(themesWithCards(doc, exerciseFrames(doc, 'road-map')[0]?.id)).toEqual([]);
  });
});

describe('isPlaceholderTheme', () => {
  it('is a starter theme still named as the template named it (or unnamed), with no cards', () => {
    const theme = (name: string, cards = 0, parking = false) => ({
      name,
      parking,
      cards: Array.from({ length: cards }, (_, i) => ({
        id: `c${i}`,
        kind: 'sticky' as const,
        text: 'x',
        author: '',
        color: null,
      })),
    });
    expect(isPlaceholderTheme(theme('Theme C'))).toBe(true);
    expect(isPlaceholderTheme(theme('  '))).toBe(true);
    expect(isPlaceholderTheme(theme('Theme C', 1))).toBe(false);
    expect(isPlaceholderTheme(theme('Distribution'))).toBe(false);
    expect(isPlaceholderTheme(theme('Parking lot', 0, true))).toBe(false);
  });
});

describe('roadmapContent', () => {
  it('reads vision, lanes, goals, metrics and what we test first', () => {
    const { doc, drop } = workshop();
    const lanes = (el: Element) => el.type === 'swimlanes' && el.title === 'Next steps';
    drop(gridCalled('Vision'), 'Vision', 'Every team shares a true north');
    drop(lanes, 'Now', 'Pilot with two teams');
    drop(lanes, 'Later', 'Enterprise SSO');
    drop(gridCalled('Goals & measures'), 'Broad goals', 'Faster alignment');
    drop(gridCalled('Goals & measures'), 'Success metrics', 'Time to first decision');
    drop(gridCalled('Goals & measures'), 'What we test first', 'Will facilitators pay?');
    const content = roadmapContent(doc);
    const texts = (cards: { text: string }[] | undefined) => cards?.map((c) => c.text);
    expect(texts(content?.vision)).toEqual(['Every team shares a true north']);
    expect(content?.lanes.map((l) => [l.name, texts(l.cards)])).toEqual([
      ['Now', ['Pilot with two teams']],
      ['Next', []],
      ['Later', ['Enterprise SSO']],
    ]);
    expect(texts(content?.goals)).toEqual(['Faster alignment']);
    expect(texts(content?.metrics)).toEqual(['Time to first decision']);
    expect(texts(content?.testFirst)).toEqual(['Will facilitators pay?']);
    // The boxes' hints, as the board shows them (the record prints them under each box's name).
    expect(content?.hints).toEqual({
      vision: 'Where we are headed, in a sentence or two',
      goals: 'What we want to achieve',
      metrics: 'How we will know it worked',
      testFirst: 'The riskiest assumption, tested immediately',
    });
  });

  it('is null on a board without a road map', () => {
    const doc = new Y.Doc();
    createElements(doc, templateElements('lean-canvas'));
    expect(roadmapContent(doc)).toBeNull();
  });
});

describe('pitchContent / introductionsContent', () => {
  it('reads the pitch in order and the reactions', () => {
    const { doc, drop } = workshop();
    drop(gridCalled('The pitch'), 'For', 'Product teams');
    drop(gridCalled('The pitch'), 'Unlike', 'Static whiteboards');
    drop(gridCalled('Team reactions'), 'Reactions', 'Love it');
    const content = pitchContent(doc);
    expect(content?.parts.map((p) => p.id)).toEqual(PITCH_PARTS.map((p) => p.id));
    expect(content?.parts.map((p) => p.cards.map((c) => c.text))).toEqual([
      ['Product teams'],
      [],
      [],
      [],
      ['Static whiteboards'],
      [],
    ]);
    expect(content?.reactions.map((c) => c.text)).toEqual(['Love it']);
  });

  it('reads one card per person', () => {
    const { doc, drop } = workshop();
    drop(gridCalled('Our team'), null, 'Ann · Strategist', -200);
    drop(gridCalled('Our team'), null, 'Bo · Tech lead', 200);
    expect(introductionsContent(doc).map((c) => c.text)).toEqual(['Ann · Strategist', 'Bo · Tech lead']);
  });
});
