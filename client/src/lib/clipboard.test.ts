import { createElement, type Element, MAX_TEXT, readBoard } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseClipboard, pasteItems, pasteLimitMessage, serializeSelection } from './clipboard';

describe('parseClipboard', () => {
  it('makes one sticky per non-empty line, without list bullets', () => {
    expect(parseClipboard('- first idea\n\n  2) second\r\n• third  \n')).toEqual({
      kind: 'lines',
      lines: ['first idea', 'second', 'third'],
      dropped: 0,
      shortened: 0,
    });
  });
  it('says what a paste past the limits left out or cut', () => {
    const many = parseClipboard(Array.from({ length: 5000 }, (_, i) => `idea ${i}`).join('\n'));
    expect(many).toMatchObject({ kind: 'lines', dropped: 4000, shortened: 0 });
    expect(many && pasteLimitMessage(many)).toBe(
      'Pasted 1,000 of 5,000 lines: one paste makes at most 1,000 notes.',
    );
    const long = parseClipboard(`short\n${'x'.repeat(MAX_TEXT + 5)}`);
    expect(long).toMatchObject({ dropped: 0, shortened: 1 });
    expect(long && pasteLimitMessage(long)).toBe(
      `One line was cut to ${MAX_TEXT.toLocaleString('en')} characters.`,
    );
    expect(pasteLimitMessage(parseClipboard('a\nb') as never)).toBeNull();
  });
  it('ignores blank clipboards', () => {
    expect(parseClipboard('  \n ')).toBeNull();
  });
  it('treats JSON that is not ours as text', () => {
    expect(parseClipboard('{"a":1}')).toEqual({
      kind: 'lines',
      lines: ['{"a":1}'],
      dropped: 0,
      shortened: 0,
    });
  });
  it('round-trips copied elements and drops invalid ones', () => {
    const doc = new Y.Doc();
    const a = createElement(doc, 'sticky', { x: 0, y: 0, text: 'hi' });
    const { elements } = readBoard(doc);
    const json = JSON.parse(serializeSelection(elements, [a]));
    json.elements.push({ id: 'bad', type: 'sticky', x: 'nope' }, { id: 'evil', type: 'script' });
    const parsed = parseClipboard(JSON.stringify(json));
    expect(parsed?.kind).toBe('elements');
    expect(parsed?.kind === 'elements' && parsed.elements.map((e) => (e as { text?: string }).text)).toEqual([
      'hi',
    ]);
  });
});

describe('pasteItems', () => {
  it('centres pasted elements on the target and keeps internal links only', () => {
    const els = [
      { id: 'g', type: 'theme', x: 0, y: 0, w: 400, h: 400, z: 'a0', parent: null, slot: null },
      { id: 's', type: 'sticky', x: 10, y: 10, w: 100, h: 100, z: 'a1', parent: 'g', slot: null, text: 'x' },
      {
        id: 'o',
        type: 'sticky',
        x: 10,
        y: 10,
        w: 100,
        h: 100,
        z: 'a1',
        parent: 'elsewhere',
        slot: 'c1',
        text: 'y',
      },
      { id: 'c', type: 'connector', x: 0, y: 0, z: 'a2', from: 's', to: 'missing' },
    ] as unknown as Element[];
    const items = pasteItems({ kind: 'elements', elements: els }, { x: 1200, y: 1200 }, 'Ann');
    expect(items).toHaveLength(3);
    const theme = items.find((i) => i.kind === 'theme');
    const sticky = items.find((i) => (i.input as { text?: string }).text === 'x');
    expect(theme?.input).toMatchObject({ x: 1000, y: 1000 });
    expect(sticky?.input).toMatchObject({ parent: theme?.id });
    expect(items.find((i) => (i.input as { text?: string }).text === 'y')?.input).toMatchObject({
      parent: null,
      slot: null,
    });
    expect(new Set(items.map((i) => i.id)).has('g')).toBe(false);
  });
  it('makes pasted cards the paster’s, with no votes, whatever the clipboard says', () => {
    const content = parseClipboard(
      JSON.stringify({
        kind: 'truenorth/elements@1',
        elements: [
          {
            id: 'd',
            type: 'sticky',
            x: 10,
            y: 10,
            text: 'forged',
            votes: 99,
            author: 'Fay Facil',
            locked: true,
          },
        ],
      }),
    );
    expect(content?.kind).toBe('elements');
    const [item] = pasteItems(content as never, { x: 0, y: 0 }, 'Pat');
    expect(item?.input).toMatchObject({
      text: 'forged',
      votes: 0,
      author: 'Pat',
      createdBy: 'Pat',
      locked: false,
    });
  });
  it('lays out lines in a grid around the target', () => {
    const items = pasteItems(
      { kind: 'lines', lines: ['a', 'b', 'c', 'd'], dropped: 0, shortened: 0 },
      { x: 0, y: 0 },
      'Ann',
    );
    expect(items.map((i) => [(i.input as { x: number }).x, (i.input as { y: number }).y])).toEqual([
      [-190, -190],
      [10, -190],
      [-190, 10],
      [10, 10],
    ]);
  });
});
