/**
 * A note left empty goes away, as in tldraw or Excalidraw: a sticky or text this user has just
 * made and opened for writing is deleted when its editor closes blank, and leaves no undo step —
 * Ctrl+Z then takes back what the user did before, not the note's creation.
 *
 * Only a note nobody has written in: one that had text (from this user or anyone else typing in
 * it meanwhile) and was emptied is an edit someone made, and stays; so does one with votes or an
 * arrow. A note stays "new" until its editor first closes.
 */
import {
  type BoardState,
  deleteElements,
  elementsMap,
  elementYMap,
  readBoard,
  textOf,
} from '@truenorth/shared';
import type * as Y from 'yjs';
import type { BoardSession } from '../sync/session';

type Session = Pick<BoardSession, 'doc' | 'origin' | 'undo'>;
type Step = Y.UndoManager['undoStack'][number];
/** What the undo manager says of a step it added (yjs's StackItemEvent, as far as it is read). */
interface StepAdded {
  stackItem: Step;
  type: 'undo' | 'redo';
  changedParentTypes: Map<unknown, unknown>;
}

/** Whether the card could go without anyone missing it: blank text, no votes, no arrow to or from it. */
export function isBlankCard(board: BoardState, id: string): boolean {
  const el = board.byId.get(id);
  if (!el || (el.type !== 'sticky' && el.type !== 'text')) return false;
  if (el.text.trim() !== '') return false;
  if (el.type === 'sticky' && el.votes > 0) return false;
  return !board.elements.some((e) => e.type === 'connector' && (e.from === id || e.to === id));
}

interface NewNote {
  /** Someone wrote in it: text other than what it was made with (a text's "Text"), not blank. */
  written: boolean;
  /** This user's undo steps that are only this note: its creation, typing in it after a pause. */
  steps: Set<Step>;
  stop: () => void;
}

const newNotes = new WeakMap<Session, Map<string, NewNote>>();

function notesOf(session: Session): Map<string, NewNote> {
  let notes = newNotes.get(session);
  if (!notes) {
    notes = new Map();
    newNotes.set(session, notes);
  }
  return notes;
}

/** `id` was just created by this user (its creation the last undo step) and is opened for writing. */
export function trackNewNote(session: Session, id: string): void {
  const { doc, undo } = session;
  const ymap = elementYMap(doc, id);
  const ytext = textOf(doc, id);
  const created = undo.undoStack.at(-1);
  if (!ymap || !ytext || !created) return;
  const initial = ytext.toString();
  const note: NewNote = { written: false, steps: new Set([created]), stop: () => {} };
  const onText = () => {
    const text = ytext.toString();
    if (text.trim() !== '' && text !== initial) note.written = true;
  };
  const own = new Set<unknown>([elementsMap(doc), ymap, ytext]);
  const onStep = ({ stackItem, type, changedParentTypes }: StepAdded) => {
    if (type === 'undo' && [...changedParentTypes.keys()].every((t) => own.has(t))) note.steps.add(stackItem);
  };
  ytext.observe(onText);
  undo.on('stack-item-added', onStep);
  note.stop = () => {
    ytext.unobserve(onText);
    undo.off('stack-item-added', onStep);
  };
  notesOf(session).get(id)?.stop();
  notesOf(session).set(id, note);
}

/** `id` is a note this user just made that nobody has written in yet (a text still reads "Text"). */
export function isUnwrittenNewNote(session: Session, id: string): boolean {
  const note = notesOf(session).get(id);
  return !!note && !note.written;
}

/**
 * The editor of `id` closed. A new note left blank (read from the document now: someone else may
 * have typed in it) is deleted for everyone, and its steps leave the undo history with it.
 * `mayDelete`: this user may still change it (a lock may have come meanwhile). Returns whether it
 * was deleted.
 */
export function settleNewNote(session: Session, id: string, mayDelete: boolean): boolean {
  const notes = notesOf(session);
  const note = notes.get(id);
  if (!note) return false;
  notes.delete(id);
  note.stop();
  if (note.written || !mayDelete || !isBlankCard(readBoard(session.doc), id)) return false;
  const { doc, origin, undo } = session;
  // The deletion is the user's (sent, and counted with their offline edits) but no step of its
  // own; nothing after it may join the step before it either.
  undo.stopCapturing();
  const before = undo.undoStack.length;
  deleteElements(doc, [id], origin);
  undo.undoStack.splice(before);
  undo.undoStack = undo.undoStack.filter((step) => !note.steps.has(step));
  undo.stopCapturing();
  return true;
}
