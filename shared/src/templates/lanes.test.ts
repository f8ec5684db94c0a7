import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElements } from '../commands.js';
import { spineContent } from '../exercises/spine.js';
import { readBoard } from '../layout.js';
import { templateElements } from './index.js';
import { MAX_LANE_NAME, renameLane } from './lanes.js';

function board(kind: 'story-spine' | 'road-map') {
  const doc = new Y.Doc();
  createElements(doc, templateElements(kind));
  const lanes = () => {
    const el = readBoard(doc).elements.find((e) => e.type === 'swimlanes');
    if (el?.type !== 'swimlanes') throw new Error('no swimlanes');
    return el;
  };
  return { doc, lanes };
}

describe('renameLane', () => {
  it('renames a story spine step to the team’s own journey, keeping its id (and its cards)', () => {
    const { doc, lanes } = board('story-spine');
    const id = lanes().id;
    expect(renameLane(doc, id, 'steps', 'sign-up', '  Book a visit ')).toBe(true);
    expect(lanes().steps.map((s) => s.name)).toEqual([
      'Discover',
      'Book a visit',
      'First use',
      'Habit',
      'Share',
    ]);
    expect(lanes().steps[1]?.id).toBe('sign-up');
    expect(spineContent(readBoard(doc).elements)?.steps[1]?.name).toBe('Book a visit');
  });

  it('renames a road map lane', () => {
    const { doc, lanes } = board('road-map');
    expect(renameLane(doc, lanes().id, 'lanes', 'next', 'Q3')).toBe(true);
    expect(lanes().lanes.map((l) => l.name)).toEqual(['Now', 'Q3', 'Later']);
  });

  it('refuses a blank name, an unknown lane or element, and cuts a long name', () => {
    const { doc, lanes } = board('road-map');
    const id = lanes().id;
    expect(renameLane(doc, id, 'lanes', 'now', '   ')).toBe(false);
    expect(renameLane(doc, id, 'lanes', 'nope', 'X')).toBe(false);
    expect(renameLane(doc, id, 'steps', 'now', 'X')).toBe(false);
    expect(renameLane(doc, 'missing', 'lanes', 'now', 'X')).toBe(false);
    expect(renameLane(doc, id, 'lanes', 'now', 'Now')).toBe(false);
    expect(renameLane(doc, id, 'lanes', 'now', 'x'.repeat(300))).toBe(true);
    expect(lanes().lanes[0]?.name).toHaveLength(MAX_LANE_NAME);
  });
});
