import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createElement,
  createElements,
  deleteElements,
  dragTo,
  duplicateElements,
  editText,
  moveBy,
  moveTo,
  placeByDrop,
  reorder,
  setMembership,
  setText,
  textOf,
  updateElement,
} from './commands.js';
import { COORD_LIMIT } from './elements/index.js';
import { HEADER } from './geometry.js';
import { elementYMap, readBoard } from './layout.js';

const ME = { user: 'me' };

/** Two-way sync of everything either side is missing (a state-vector exchange). */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
}

function el(doc: Y.Doc, id: string) {
  return readBoard(doc).byId.get(id);
}

/** A board with a grid (cells c00, c11), a card in c00, a theme and a free card with an arrow. */
function board(doc = new Y.Doc()) {
  createElement(
    doc,
    'grid',
    {
      x: 0,
      y: 0,
      w: 400,
      h: 400 + HEADER,
      cols: 2,
      rows: 2,
      cells: [
        { id: 'c00', col: 0, row: 0 },
        { id: 'c11', col: 1, row: 1 },
      ],
    },
    { id: 'grid' },
  );
  createElement(
    doc,
    'sticky',
    { x: 10, y: HEADER + 10, w: 100, h: 100, text: 'in cell', parent: 'grid', slot: 'c00' },
    { id: 'inCell' },
  );
  createElement(doc, 'theme', { x: 1000, y: 0, w: 300, h: 300 }, { id: 'theme' });
  createElement(doc, 'sticky', { x: 2000, y: 2000, w: 100, h: 100, text: 'free' }, { id: 'free' });
  createElement(doc, 'connector', { from: 'inCell', to: 'free' }, { id: 'arrow' });
  return doc;
}

describe('every command is one transaction with the given origin', () => {
  const commands: [string, (doc: Y.Doc) => unknown, ((doc: Y.Doc) => void)?][] = [
    ['createElement', (d) => createElement(d, 'sticky', { x: 0, y: 0 }, { origin: ME })],
    [
      'createElements',
      (d) =>
        createElements(
          d,
          [
            { kind: 'text', input: { x: 0, y: 0 } },
            { kind: 'theme', input: { x: 5, y: 5 } },
          ],
          ME,
        ),
    ],
    ['moveBy', (d) => moveBy(d, ['grid', 'free'], 5, 5, ME)],
    ['moveTo', (d) => moveTo(d, [{ id: 'free', x: 1050, y: 50 }], ME)],
    ['placeByDrop', (d) => placeByDrop(d, ['inCell', 'free'], ME), (d) => moveBy(d, ['free'], -900, -1900)],
    ['setMembership', (d) => setMembership(d, 'free', 'theme', null, ME)],
    ['updateElement', (d) => updateElement(d, 'free', { color: 'pink', w: 200 }, ME)],
    ['editText', (d) => editText(d, 'free', 0, 1, 'F', ME)],
    ['setText', (d) => setText(d, 'free', 'fresh', ME)],
    ['deleteElements', (d) => deleteElements(d, ['grid', 'free'], ME)],
    ['duplicateElements', (d) => duplicateElements(d, ['grid', 'free'], 10, 10, ME)],
    ['reorder front', (d) => reorder(d, ['grid', 'inCell'], 'front', ME)],
    ['reorder back', (d) => reorder(d, ['free'], 'back', ME)],
  ];

  it.each(commands)('%s', (_name, run, setup) => {
    const doc = board();
    setup?.(doc);
    const origins: unknown[] = [];
    let changed = false;
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      origins.push(tr.origin);
      changed ||= tr.changed.size > 0;
    });
    run(doc);
    expect(origins).toEqual([ME]);
    expect(changed).toBe(true);
  });

  it('editText on a sticky whose text is still a plain string converts it in the same transaction', () => {
    const doc = new Y.Doc();
    const ymap = new Y.Map<unknown>();
    doc.getMap('elements').set('old', ymap);
    ymap.set('type', 'sticky');
    ymap.set('text', 'abc');
    let count = 0;
    doc.on('afterTransaction', () => count++);
    editText(doc, 'old', 3, 0, 'd', ME);
    expect(count).toBe(1);
    expect(ymap.get('text')).toBeInstanceOf(Y.Text);
    expect(String(ymap.get('text'))).toBe('abcd');
  });
});

describe('undo tracks only the local origin', () => {
  it("undoing on one doc reverts that doc's own commands, not the other's", () => {
    const mine = board();
    const theirs = new Y.Doc();
    sync(mine, theirs);
    const undo = new Y.UndoManager(mine.getMap('elements'), { trackedOrigins: new Set([ME]) });

    moveBy(mine, ['free'], 100, 0, ME);
    undo.stopCapturing();
    setText(mine, 'free', 'mine', ME);
    createElement(theirs, 'sticky', { x: 7, y: 7, text: 'theirs' }, { id: 'theirCard', origin: 'them' });
    updateElement(theirs, 'free', { color: 'green' }, 'them');
    sync(mine, theirs);

    undo.undo();
    expect(el(mine, 'free')).toMatchObject({ text: 'free', x: 2100, color: 'green' });
    undo.undo();
    expect(el(mine, 'free')).toMatchObject({ text: 'free', x: 2000, color: 'green' });
    expect(el(mine, 'theirCard')).toMatchObject({ text: 'theirs' });
    expect(undo.undoStack.length).toBe(0);

    sync(mine, theirs);
    expect(readBoard(theirs).elements).toEqual(readBoard(mine).elements);
    undo.redo();
    expect(el(mine, 'free')).toMatchObject({ x: 2100 });
  });

  it('changes applied from the network are not on the local undo stack', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const undo = new Y.UndoManager(mine.getMap('elements'), { trackedOrigins: new Set([ME]) });
    createElement(theirs, 'sticky', { x: 0, y: 0 }, { origin: 'them' });
    sync(mine, theirs);
    expect(undo.undoStack.length).toBe(0);
  });
});

describe('move', () => {
  it('moving a container moves its members, not the others', () => {
    const doc = board();
    moveBy(doc, ['grid'], 50, -20);
    expect(el(doc, 'grid')).toMatchObject({ x: 50, y: -20 });
    expect(el(doc, 'inCell')).toMatchObject({ x: 60, y: HEADER - 10, parent: 'grid', slot: 'c00' });
    expect(el(doc, 'free')).toMatchObject({ x: 2000, y: 2000 });
  });

  it('moveTo: a container drag carries its members; a member dragged along lands on its own target', () => {
    const doc = board();
    moveTo(doc, [{ id: 'grid', x: 3000, y: 3000 }]);
    expect(el(doc, 'inCell')).toMatchObject({ x: 3010, y: 3000 + HEADER + 10, parent: 'grid', slot: 'c00' });

    moveTo(doc, [
      { id: 'grid', x: 0, y: 0 },
      { id: 'inCell', x: 10, y: HEADER + 10 },
    ]);
    expect(el(doc, 'inCell')).toMatchObject({ x: 10, y: HEADER + 10, parent: 'grid', slot: 'c00' });
  });

  it('dragTo moves live (members along) and re-places nothing until the drop', () => {
    const doc = board();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    dragTo(doc, [{ id: 'free', x: 250, y: HEADER + 250 }]);
    expect(el(doc, 'free')).toMatchObject({ x: 250, y: HEADER + 250, parent: null, slot: null });
    dragTo(doc, [{ id: 'grid', x: 3000, y: 3000 }]);
    expect(el(doc, 'inCell')).toMatchObject({ x: 3010, y: 3000 + HEADER + 10, parent: 'grid', slot: 'c00' });
    expect(updates).toHaveLength(2); // one transaction each
    dragTo(doc, [{ id: 'free', x: Number.NaN, y: 0 }]);
    expect(el(doc, 'free')).toMatchObject({ x: 250 });
  });

  it('moveTo re-places by drop: into a cell, a theme, or out of everything', () => {
    const doc = board();
    moveTo(doc, [{ id: 'free', x: 250, y: HEADER + 250 }]);
    expect(el(doc, 'free')).toMatchObject({ parent: 'grid', slot: 'c11' });
    moveTo(doc, [{ id: 'free', x: 1100, y: 100 }]);
    expect(el(doc, 'free')).toMatchObject({ parent: 'theme', slot: null });
    moveTo(doc, [{ id: 'inCell', x: 5000, y: 5000 }]);
    expect(el(doc, 'inCell')).toMatchObject({ parent: null, slot: null });
  });

  it('coordinates are clamped so a moved element never stops parsing', () => {
    const doc = board();
    moveBy(doc, ['free'], COORD_LIMIT * 3, 0);
    expect(el(doc, 'free')).toMatchObject({ x: COORD_LIMIT });
    moveTo(doc, [{ id: 'free', x: -Number.MAX_VALUE, y: 0 }]);
    expect(el(doc, 'free')).toMatchObject({ x: -COORD_LIMIT });
    expect(readBoard(doc).problems).toEqual([]);
  });

  it('non-finite moves change nothing', () => {
    const doc = board();
    let count = 0;
    doc.on('afterTransaction', () => count++);
    moveBy(doc, ['free'], Number.NaN, 0);
    moveBy(doc, ['free'], 0, 0);
    expect(count).toBe(0);
    moveTo(doc, [{ id: 'free', x: Number.POSITIVE_INFINITY, y: 0 }]);
    expect(el(doc, 'free')).toMatchObject({ x: 2000 });
  });
});

describe('membership', () => {
  it('setMembership sets parent and slot; refuses itself and invalid ids', () => {
    const doc = board();
    setMembership(doc, 'free', 'grid', 'c11');
    expect(el(doc, 'free')).toMatchObject({ parent: 'grid', slot: 'c11' });
    setMembership(doc, 'free', 'free', null);
    setMembership(doc, 'free', 'not an id!', null);
    setMembership(doc, 'free', 'grid', 'x'.repeat(65));
    expect(el(doc, 'free')).toMatchObject({ parent: 'grid', slot: 'c11' });
    setMembership(doc, 'free', null, null);
    expect(el(doc, 'free')).toMatchObject({ parent: null, slot: null });
  });

  it('concurrent re-parenting resolves per field and converges', () => {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    setMembership(a, 'free', 'theme', null, 'a');
    moveBy(b, ['free'], 1, 1, 'b');
    sync(a, b);
    expect(el(a, 'free')).toMatchObject({ parent: 'theme', x: 2001 });
    expect(readBoard(b).elements).toEqual(readBoard(a).elements);
  });
});

describe('delete', () => {
  it('releases members and removes connectors to deleted elements', () => {
    const doc = board();
    createElement(doc, 'connector', { from: 'theme', to: 'inCell' }, { id: 'keep' });
    deleteElements(doc, ['grid', 'free']);
    const { byId } = readBoard(doc);
    expect([...byId.keys()].sort()).toEqual(['inCell', 'keep', 'theme']);
    expect(byId.get('inCell')).toMatchObject({ parent: null, slot: null, x: 10 });
  });

  it('a container deleted while someone drops a card into it leaves the card parentless', () => {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    deleteElements(a, ['theme'], 'a');
    setMembership(b, 'free', 'theme', null, 'b');
    sync(a, b);
    expect(el(a, 'free')).toMatchObject({ parent: null });
    expect(readBoard(b).elements).toEqual(readBoard(a).elements);
  });
});

describe('reorder', () => {
  it('front puts the elements on top in their relative order; back below everything', () => {
    const doc = board();
    const order = () => readBoard(doc).elements.map((e) => e.id);
    expect(order()).toEqual(['grid', 'inCell', 'theme', 'free', 'arrow']);
    reorder(doc, ['free', 'grid'], 'front');
    expect(order()).toEqual(['inCell', 'theme', 'arrow', 'grid', 'free']);
    reorder(doc, ['arrow', 'free'], 'back');
    expect(order()).toEqual(['arrow', 'free', 'inCell', 'theme', 'grid']);
    reorder(doc, ['nope'], 'front');
    expect(order()).toEqual(['arrow', 'free', 'inCell', 'theme', 'grid']);
  });

  it('a corrupt stored z key does not stop new elements from going on top', () => {
    const doc = board();
    elementYMap(doc, 'theme')?.set('z', 'zzzz');
    const id = createElement(doc, 'sticky', { x: 0, y: 0 });
    const ids = readBoard(doc).elements.map((e) => e.id);
    expect(ids.indexOf(id)).toBeGreaterThan(ids.indexOf('arrow'));
  });
});

describe('duplicate', () => {
  it('copies a container with its members and arrows between them, shifted, with new ids', () => {
    const doc = board();
    createElement(
      doc,
      'sticky',
      { x: 20, y: HEADER + 20, text: 'also in cell', parent: 'grid', slot: 'c00' },
      { id: 'second' },
    );
    createElement(doc, 'connector', { from: 'inCell', to: 'second' }, { id: 'inner' });
    const mapping = duplicateElements(doc, ['grid', 'inner'], 10, 20);
    expect([...mapping.keys()].sort()).toEqual(['grid', 'inCell', 'inner', 'second']);
    const { byId } = readBoard(doc);
    const copyGrid = byId.get(mapping.get('grid') as string);
    const copyCard = byId.get(mapping.get('inCell') as string);
    const copyArrow = byId.get(mapping.get('inner') as string);
    expect(copyGrid).toMatchObject({ x: 10, y: 20, type: 'grid' });
    expect(copyCard).toMatchObject({
      x: 20,
      y: HEADER + 30,
      text: 'in cell',
      parent: copyGrid?.id,
      slot: 'c00',
    });
    expect(copyArrow).toMatchObject({ from: copyCard?.id, to: mapping.get('second') });
    expect(elementYMap(doc, copyCard?.id as string)?.get('text')).toBeInstanceOf(Y.Text);
  });

  it('a copied card stays in the container of the original', () => {
    const doc = board();
    const mapping = duplicateElements(doc, ['inCell']);
    expect(el(doc, mapping.get('inCell') as string)).toMatchObject({ parent: 'grid', slot: 'c00' });
  });
});

describe('updateElement', () => {
  it('validates the patch against the kind and ignores text, type and unknown keys', () => {
    const doc = board();
    expect(updateElement(doc, 'free', { color: 'purple' })).toBe(true);
    expect(updateElement(doc, 'free', { color: 'chartreuse' } as never)).toBe(false);
    expect(updateElement(doc, 'free', { text: 'x', type: 'frame' } as never)).toBe(false);
    expect(updateElement(doc, 'free', { exercise: 'lean-canvas' } as never)).toBe(false);
    expect(updateElement(doc, 'nope', { color: 'pink' })).toBe(false);
    expect(el(doc, 'free')).toMatchObject({ color: 'purple', text: 'free', type: 'sticky' });
  });

  it('keys inherited from Object.prototype are not fields, and never throw', () => {
    const doc = board();
    const patch = JSON.parse('{"constructor":1,"toString":2,"__proto__":{"x":1},"hasOwnProperty":3}');
    expect(() => updateElement(doc, 'free', patch)).not.toThrow();
    expect(updateElement(doc, 'free', patch)).toBe(false);
  });

  it('an undefined value means "not given", not "reset to default"', () => {
    const doc = board();
    updateElement(doc, 'free', { color: 'pink' });
    expect(updateElement(doc, 'free', { color: undefined, w: 150 })).toBe(true);
    expect(el(doc, 'free')).toMatchObject({ color: 'pink', w: 150 });
  });
});

describe('text', () => {
  it('textOf gives the Y.Text of text kinds only', () => {
    const doc = board();
    expect(textOf(doc, 'free')).toBeInstanceOf(Y.Text);
    expect(textOf(doc, 'theme')).toBeUndefined();
    expect(textOf(doc, 'nope')).toBeUndefined();
    expect(elementYMap(doc, 'theme')?.has('text')).toBe(false);
  });

  it('setText makes the smallest edit, so a concurrent edit elsewhere in the text survives', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createElement(a, 'sticky', { x: 0, y: 0, text: 'the quick fox' }, { id: 's' });
    sync(a, b);
    setText(a, 's', 'the quick brown fox', 'a');
    setText(b, 's', 'the quick fox jumps', 'b');
    sync(a, b);
    expect(el(a, 's')).toMatchObject({ text: 'the quick brown fox jumps' });
    expect(el(b, 's')).toMatchObject({ text: 'the quick brown fox jumps' });
  });

  it('setText puts an edit the diff cannot place at the caret: typing "b" before another "b"', () => {
    const doc = new Y.Doc();
    createElement(doc, 'sticky', { x: 0, y: 0, text: 'Goal:ab' }, { id: 's' });
    const deltas: unknown[] = [];
    textOf(doc, 's')?.observe((e) => deltas.push(e.delta));
    // The caret was after "a": the new "b" went there, before the "b" someone else typed.
    setText(doc, 's', 'Goal:abb', 'me', 'Goal:ab'.length);
    // With the caret after both, the same text is an insert after the last "b".
    setText(doc, 's', 'Goal:abbb', 'me', 'Goal:abbb'.length);
    // Deleting the first of two equal letters: the caret says which.
    setText(doc, 's', 'Goal:abb', 'me', 6);
    expect(deltas).toEqual([
      [{ retain: 6 }, { insert: 'b' }],
      [{ retain: 8 }, { insert: 'b' }],
      [{ retain: 6 }, { delete: 1 }],
    ]);
    // Without a caret: the smallest edit, as before (after the common prefix).
    setText(doc, 's', 'Goal:abbb', 'me');
    expect(deltas.at(-1)).toEqual([{ retain: 8 }, { insert: 'b' }]);
  });

  it('two people typing in one sticky keep both their characters', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createElement(a, 'sticky', { x: 0, y: 0, text: '' }, { id: 's' });
    sync(a, b);
    for (const ch of 'abc') editText(a, 's', 99, 0, ch, 'a');
    for (const ch of 'xyz') editText(b, 's', 99, 0, ch, 'b');
    sync(a, b);
    const text = (el(a, 's') as { text: string }).text;
    expect(text.length).toBe(6);
    expect(text.replace(/[xyz]/g, '')).toBe('abc');
    expect(el(b, 's')).toMatchObject({ text });
  });

  it('edits never split a surrogate pair (that would diverge the docs)', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createElement(a, 'sticky', { x: 0, y: 0, text: 'a😀b' }, { id: 's' });
    sync(a, b);
    setText(a, 's', 'a😃b', 'a');
    sync(a, b);
    expect(el(a, 's')).toMatchObject({ text: 'a😃b' });
    expect(el(b, 's')).toMatchObject({ text: 'a😃b' });

    editText(a, 's', 2, 0, 'X', 'a');
    editText(a, 's', 4, 1, '', 'a');
    sync(a, b);
    const text = (el(a, 's') as { text: string }).text;
    expect(text).not.toMatch(/\uFFFD/);
    expect(el(b, 's')).toMatchObject({ text });
  });

  it('strings with a lone surrogate are written as the peers will receive them', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const half = '😀'.slice(0, 1);
    createElement(a, 'sticky', { x: 0, y: 0, text: `a${half}`, author: half }, { id: 's' });
    setText(a, 's', `a${half}b😀`, 'a');
    editText(a, 's', 0, 0, half, 'a');
    updateElement(a, 's', { author: `${half}!` });
    sync(a, b);
    expect(el(a, 's')).toMatchObject({ text: '\uFFFDa\uFFFDb😀', author: '\uFFFD!' });
    expect(readBoard(b).elements).toEqual(readBoard(a).elements);
  });

  it('out-of-range and fractional indexes are clamped', () => {
    const doc = board();
    editText(doc, 'free', -5, 2, '>', ME);
    editText(doc, 'free', 1e9, 1e9, '<', ME);
    editText(doc, 'free', Number.NaN, 0, '|', ME);
    expect(el(doc, 'free')).toMatchObject({ text: '|>ee<' });
  });
});

describe('create', () => {
  it('new elements go on top; invalid input or ids throw (a programming error)', () => {
    const doc = board();
    const id = createElement(doc, 'text', { x: 1, y: 1, text: 'top' });
    expect(readBoard(doc).elements.at(-1)?.id).toBe(id);
    expect(() => createElement(doc, 'sticky', { x: Number.NaN, y: 0 })).toThrow();
    expect(() => createElement(doc, 'sticky', { x: 0, y: 0 }, { id: 'bad id' })).toThrow();
    expect(readBoard(doc).problems).toEqual([]);
  });
});
