import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, createElements, moveTo, placeByDrop } from '../commands.js';
import type { ElementOf } from '../elements/index.js';
import { HEADER, laneSlots } from '../geometry.js';
import { readBoard } from '../layout.js';
import { templateElements } from '../templates/index.js';
import { SPINE_STEPS, setSpineLine } from '../templates/story-spine.js';
import { spineContent, spineTags, splitByLine } from './spine.js';

function setup() {
  const doc = new Y.Doc();
  createElements(doc, templateElements('workshop'));
  const spine = readBoard(doc).elements.find(
    (e): e is ElementOf<'swimlanes'> => e.type === 'swimlanes' && e.line !== null,
  );
  if (!spine) throw new Error('no spine');
  /** A sticky centred at `fraction` of the way down the lanes, in the given step. */
  const card = (step: string, fraction: number, text: string) => {
    const slot = laneSlots(spine).find((s) => s.slot === `epics:${step}`);
    if (!slot) throw new Error(`no step ${step}`);
    const cy = spine.y + HEADER + fraction * (spine.h - HEADER);
    const id = createElement(doc, 'sticky', { x: slot.rect.x + 40, y: cy - 90, text });
    placeByDrop(doc, [id]);
    return id;
  };
  return { doc, spine, card };
}

describe('spineTags', () => {
  it('tags cards above the line core and below it mission-critical', () => {
    const { doc, card } = setup();
    const high = card('discover', 0.2, 'Browse without an account');
    const low = card('discover', 0.75, 'Export to PDF');
    expect(spineTags(doc)).toEqual(
      new Map([
        [high, 'core'],
        [low, 'critical'],
      ]),
    );
  });

  it('retags when the line moves, and when a card crosses it', () => {
    const { doc, spine, card } = setup();
    const high = card('sign-up', 0.2, 'Sign up with email');
    const low = card('sign-up', 0.75, 'SSO');
    setSpineLine(doc, spine.id, 0.9);
    expect(spineTags(doc).get(low)).toBe('core');
    setSpineLine(doc, spine.id, 0.1);
    expect(spineTags(doc).get(high)).toBe('critical');
    setSpineLine(doc, spine.id, 0.5);
    const moved = readBoard(doc).byId.get(high) as ElementOf<'sticky'>;
    moveTo(doc, [{ id: high, x: moved.x, y: moved.y + 0.6 * (spine.h - HEADER) }]);
    expect(spineTags(doc).get(high)).toBe('critical');
  });

  it('tags nothing outside a spine or when the line is removed', () => {
    const { doc, spine, card } = setup();
    const id = card('habit', 0.2, 'Daily digest');
    const loose = createElement(doc, 'sticky', { x: -5000, y: -5000, text: 'elsewhere' });
    expect(spineTags(doc).has(loose)).toBe(false);
    setSpineLine(doc, spine.id, null);
    expect(spineTags(doc).has(id)).toBe(false);
  });

  it('clamps the line and refuses a non-spine or a non-number', () => {
    const { doc, spine } = setup();
    expect(setSpineLine(doc, spine.id, 7)).toBe(true);
    expect(readBoard(doc).byId.get(spine.id)).toMatchObject({ line: 1 });
    expect(setSpineLine(doc, spine.id, Number.NaN)).toBe(false);
    const frame = readBoard(doc).elements.find((e) => e.type === 'frame');
    expect(setSpineLine(doc, frame?.id as string, 0.3)).toBe(false);
  });
});

describe('spineContent', () => {
  it('lists steps × lanes with each card and its tag', () => {
    const { doc, spine, card } = setup();
    card('first-use', 0.3, 'Guided tour');
    card('first-use', 0.8, 'Offline mode');
    card('share', 0.1, 'Invite link');
    const content = spineContent(doc);
    expect(content).toMatchObject({ spineId: spine.id, line: 0.5, lineLabels: ['Core', 'Mission-critical'] });
    expect(content?.steps.map((s) => s.id)).toEqual(SPINE_STEPS.map((s) => s.id));
    const cards = (step: string) =>
      content?.steps.find((s) => s.id === step)?.lanes[0]?.cards.map((c) => [c.text, c.tag]);
    expect(cards('first-use')).toEqual([
      ['Guided tour', 'core'],
      ['Offline mode', 'critical'],
    ]);
    expect(cards('share')).toEqual([['Invite link', 'core']]);
    expect(cards('discover')).toEqual([]);
    expect(content?.other).toEqual([]);
  });

  it('is null without a story spine', () => {
    expect(spineContent(new Y.Doc())).toBeNull();
  });
});

describe('splitByLine', () => {
  it('puts core (and untagged) cards above the line, mission-critical below, each in order', () => {
    const cards = [
      { id: 'a', tag: 'critical' as const },
      { id: 'b', tag: 'core' as const },
      { id: 'c', tag: null },
      { id: 'd', tag: 'critical' as const },
    ];
    const { core, critical } = splitByLine(cards);
    expect(core.map((c) => c.id)).toEqual(['b', 'c']);
    expect(critical.map((c) => c.id)).toEqual(['a', 'd']);
  });
});
