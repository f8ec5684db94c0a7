import { createElement, createElements, readBoard, templateElements } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { matchShortcut } from '../app/shortcuts';
import { sortingTargets } from './sortingActions';

const key = (k: string, shift = false) =>
  matchShortcut({ key: k, shiftKey: shift, ctrlKey: false, metaKey: false, altKey: false });

describe('sortingTargets', () => {
  it('offers split for cards sharing a theme, merge targets for a theme but not the parking lot', () => {
    const doc = new Y.Doc();
    createElements(doc, templateElements('card-sorting'));
    const themes = readBoard(doc).elements.filter((e) => e.type === 'theme');
    const [a, , , lot] = themes.map((t) => t.id);
    const inA = createElement(doc, 'sticky', { x: 0, y: 0, text: 'x', parent: a });
    const loose = createElement(doc, 'sticky', { x: 0, y: 0, text: 'y' });
    const board = readBoard(doc);

    expect(sortingTargets(board, new Set([inA])).cardsTheme?.id).toBe(a);
    expect(sortingTargets(board, new Set([inA, loose])).cardsTheme).toBeNull();
    const theme = sortingTargets(board, new Set([a as string]));
    expect(theme.theme?.id).toBe(a);
    expect(theme.mergeTargets.map((t) => t.id)).toHaveLength(3);
    expect(theme.mergeTargets.map((t) => t.id)).not.toContain(a);
    expect(sortingTargets(board, new Set([lot as string])).mergeTargets).toEqual([]);
  });
});

describe('sorting shortcuts', () => {
  it('are the shifted letters, leaving the plain ones to their tools', () => {
    expect(key('G', true)).toBe('groupTheme');
    expect(key('g')).toBe('grid');
    expect(key('M', true)).toBe('mergeTheme');
    expect(key('m')).toBe('theme');
    expect(key('S', true)).toBe('suggestSimilar');
    expect(key('P', true)).toBe('parkingLot');
  });
});
