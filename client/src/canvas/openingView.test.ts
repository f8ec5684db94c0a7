import {
  type BoardTemplate,
  createElements,
  readBoard,
  seedTemplate,
  workshopOrigin,
} from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openingRect } from './openingView';

function board(template: BoardTemplate) {
  const doc = new Y.Doc();
  seedTemplate(doc, template);
  return readBoard(doc).elements;
}

describe('openingRect', () => {
  it('opens a workshop board on its first exercise, not on all seven', () => {
    const elements = board('workshop');
    const intro = elements.find((e) => e.type === 'frame' && e.exercise === 'introductions');
    if (intro?.type !== 'frame') throw new Error('no Introductions frame');
    const r = openingRect(elements);
    expect(r).toEqual({ x: intro.x, y: intro.y, w: intro.w, h: intro.h });
    expect(r).toMatchObject(workshopOrigin(0));
  });
  it('opens a one-exercise board on that exercise', () => {
    const elements = board('lean-canvas');
    const frame = elements.find((e) => e.type === 'frame');
    expect(openingRect(elements)).toMatchObject({ x: frame?.x, y: frame?.y });
  });
  it('shows everything on a board without exercises, nothing on an empty one', () => {
    expect(openingRect(board('blank'))).toBeNull();
    const doc = new Y.Doc();
    createElements(doc, [
      { kind: 'sticky', input: { x: 100, y: 50, w: 180, h: 180 } },
      { kind: 'sticky', input: { x: 900, y: 400, w: 180, h: 180 } },
    ]);
    expect(openingRect(readBoard(doc).elements)).toEqual({ x: 100, y: 50, w: 980, h: 530 });
  });
});
