import {
  createElement,
  type ElementKind,
  elementsMap,
  readBoard,
  setText,
  textOf,
  updateElement,
} from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isBlankCard, settleNewNote, trackNewNote } from './newNotes';

/** This user's side of a board as a BoardSession holds it: the doc, the origin, the undo history. */
function setup() {
  const doc = new Y.Doc();
  const origin = { local: true as const };
  const undo = new Y.UndoManager(elementsMap(doc), {
    trackedOrigins: new Set([origin]),
    captureTimeout: 400,
  });
  createElement(doc, 'sticky', { x: 0, y: 0, text: 'before' }, { id: 'old' });
  const session = { doc, origin, undo };
  // The user's previous action: moving a card.
  undo.stopCapturing();
  updateElement(doc, 'old', { x: 500 }, origin);
  // A new note made as the sticky tool and a double click make one (addElement).
  const add = (kind: Extract<ElementKind, 'sticky' | 'text'> = 'sticky') => {
    undo.stopCapturing();
    const input = kind === 'text' ? { x: 0, y: 300, text: 'Text' } : { x: 0, y: 300 };
    const id = createElement(doc, kind, input as never, { origin });
    trackNewNote(session, id);
    return id;
  };
  const exists = (id: string) => readBoard(doc).byId.has(id);
  return { doc, origin, undo, session, add, exists };
}

/** Another browser on the same board, which sends its changes to ours as they are made. */
function peer(doc: Y.Doc) {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  other.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'remote'));
  return other;
}

describe('a note just made and left blank', () => {
  it('is deleted when its editor closes, and undo then takes back the action before it', () => {
    const { undo, session, add, exists, doc } = setup();
    const id = add();
    expect(settleNewNote(session, id, true)).toBe(true);
    expect(exists(id)).toBe(false);
    undo.undo();
    expect(exists(id)).toBe(false);
    expect(readBoard(doc).byId.get('old')?.x).toBe(0);
    // Nothing to redo but the move.
    undo.redo();
    expect(exists(id)).toBe(false);
    expect(readBoard(doc).byId.get('old')?.x).toBe(500);
  });

  it('counts as blank with only spaces and new lines typed, after a pause too', () => {
    const { undo, session, add, exists, doc, origin } = setup();
    const id = add();
    setText(doc, id, ' ', origin);
    undo.stopCapturing();
    setText(doc, id, ' \n ', origin);
    expect(settleNewNote(session, id, true)).toBe(true);
    expect(exists(id)).toBe(false);
    // The typing left no step behind either: one undo is the move.
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(readBoard(doc).byId.get('old')?.x).toBe(0);
  });

  it('is a text element whose "Text" was cleared; left as made, it stays', () => {
    const { session, add, exists, doc, origin } = setup();
    const untouched = add('text');
    expect(settleNewNote(session, untouched, true)).toBe(false);
    expect(exists(untouched)).toBe(true);
    const cleared = add('text');
    setText(doc, cleared, '', origin);
    expect(settleNewNote(session, cleared, true)).toBe(true);
    expect(exists(cleared)).toBe(false);
  });

  it('stays when this user may no longer change it (locked meanwhile)', () => {
    const { session, add, exists } = setup();
    const id = add();
    expect(settleNewNote(session, id, false)).toBe(false);
    expect(exists(id)).toBe(true);
  });
});

describe('a note that is not left blank, or not new', () => {
  it('stays with text typed in it, and its creation stays one undo step', () => {
    const { undo, session, add, exists, doc, origin } = setup();
    const id = add();
    setText(doc, id, 'An idea', origin);
    expect(settleNewNote(session, id, true)).toBe(false);
    expect(exists(id)).toBe(true);
    undo.undo();
    expect(exists(id)).toBe(false);
  });

  it('stays when it had text that was then erased: that is an edit the user made', () => {
    const { session, add, exists, doc, origin } = setup();
    const id = add();
    setText(doc, id, 'An idea', origin);
    setText(doc, id, '', origin);
    expect(settleNewNote(session, id, true)).toBe(false);
    expect(exists(id)).toBe(true);
  });

  it('stays when someone else is typing in it as the editor closes', () => {
    const { session, add, exists, doc } = setup();
    const id = add();
    const other = peer(doc);
    setText(other, id, 'Mine too');
    expect(settleNewNote(session, id, true)).toBe(false);
    expect(exists(id)).toBe(true);
    expect(textOf(doc, id)?.toString()).toBe('Mine too');
  });

  it('stays when someone else typed in it and erased it again', () => {
    const { session, add, exists, doc } = setup();
    const id = add();
    const other = peer(doc);
    setText(other, id, 'Hm');
    setText(other, id, '');
    expect(settleNewNote(session, id, true)).toBe(false);
    expect(exists(id)).toBe(true);
  });

  it('stays with votes, or with an arrow to it', () => {
    const { session, add, exists, doc, origin } = setup();
    const voted = add();
    updateElement(doc, voted, { votes: 2 }, origin);
    expect(settleNewNote(session, voted, true)).toBe(false);
    expect(exists(voted)).toBe(true);
    const linked = add();
    createElement(doc, 'connector', { from: 'old', to: linked }, { origin });
    expect(settleNewNote(session, linked, true)).toBe(false);
    expect(exists(linked)).toBe(true);
  });

  it('stays when it was opened again later and left blank: only its first editing is new', () => {
    const { session, add, exists } = setup();
    const id = add();
    setText(session.doc, id, 'x', session.origin);
    settleNewNote(session, id, true);
    setText(session.doc, id, '', session.origin);
    expect(settleNewNote(session, id, true)).toBe(false);
    expect(exists(id)).toBe(true);
  });

  it('stays when someone else made it, or it was on the board before', () => {
    const { session, doc, origin, exists } = setup();
    const other = peer(doc);
    const theirs = createElement(other, 'sticky', { x: 0, y: 0 });
    expect(settleNewNote(session, theirs, true)).toBe(false);
    expect(exists(theirs)).toBe(true);
    setText(doc, 'old', '', origin);
    expect(settleNewNote(session, 'old', true)).toBe(false);
    expect(exists('old')).toBe(true);
  });
});

describe('isBlankCard', () => {
  it('is a sticky or text with blank text, no votes and no arrow', () => {
    const doc = new Y.Doc();
    createElement(doc, 'sticky', { x: 0, y: 0, text: ' \t\n' }, { id: 'blank' });
    createElement(doc, 'sticky', { x: 0, y: 0, text: 'x' }, { id: 'written' });
    createElement(doc, 'sticky', { x: 0, y: 0, votes: 1 }, { id: 'voted' });
    createElement(doc, 'sticky', { x: 0, y: 0 }, { id: 'from' });
    createElement(doc, 'text', { x: 0, y: 0, text: '' }, { id: 'text' });
    createElement(doc, 'frame', { x: 0, y: 0, title: '' }, { id: 'frame' });
    createElement(doc, 'connector', { from: 'from', to: 'written' });
    const board = readBoard(doc);
    expect(isBlankCard(board, 'blank')).toBe(true);
    expect(isBlankCard(board, 'text')).toBe(true);
    expect(isBlankCard(board, 'written')).toBe(false);
    expect(isBlankCard(board, 'voted')).toBe(false);
    expect(isBlankCard(board, 'from')).toBe(false);
    expect(isBlankCard(board, 'frame')).toBe(false);
    expect(isBlankCard(board, 'missing')).toBe(false);
  });
});
