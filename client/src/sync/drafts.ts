/**
 * Private brainstorming, client side: while the facilitator's private mode is on, a participant's
 * new notes go into a drafts Y.Doc that is never connected to the relay — hidden means not sent.
 * It is kept in IndexedDB under a per-board, per-browser key, so a closed laptop keeps its drafts.
 * When the workshop view says the round was revealed (or a later one began), the drafts are copied
 * into the board in one transaction with the user's origin and cleared.
 */
import {
  createElement,
  createElements,
  draftsRevealed,
  type Element,
  type ElementInput,
  elementsMap,
  type NewElement,
  type PrivateView,
  placeByDrop,
  readBoard,
  setText,
  updateElement,
} from '@truenorth/shared';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

export type Draft = Extract<Element, { type: 'sticky' }>;

export interface DraftsSnapshot {
  drafts: Draft[];
  /** The draft just made, whose text field should take the focus. */
  focus: string | null;
}

export class Drafts {
  /** Same layout as a board (`elements`), plus `rounds`: draft id → the private round it is from. */
  readonly doc = new Y.Doc();
  readonly ready: Promise<void>;
  private readonly persistence: IndexeddbPersistence;
  private readonly rounds: Y.Map<unknown>;
  private snapshot: DraftsSnapshot = { drafts: [], focus: null };
  /**
   * Notes just made and opened for writing that nobody has written in yet: one left blank goes
   * when it is closed (`settle`), as a new note on the board does (app/newNotes.ts). Kept for this
   * page only — a note still open when the page closed is an ordinary note after a reload.
   */
  private readonly unwritten = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(boardId: string, userKey: string) {
    this.rounds = this.doc.getMap('rounds');
    this.persistence = new IndexeddbPersistence(`truenorth:drafts:${boardId}:${userKey}`, this.doc);
    this.ready = this.persistence.whenSynced.then(
      () => undefined,
      () => undefined,
    );
    this.doc.on('update', this.refresh);
    this.refresh();
  }

  /**
   * A new private note in `round`; returns its id (the same id it will have on the board). It is
   * opened for writing unless `focus` is false (written elsewhere, as in the outline).
   */
  add(input: Omit<ElementInput<'sticky'>, 'type'>, round: number, { focus = true } = {}): string {
    let id = '';
    this.doc.transact(() => {
      id = createElement(this.doc, 'sticky', input);
      this.rounds.set(id, round);
    });
    if (focus) {
      this.snapshot = { ...this.snapshot, focus: id };
      this.unwritten.add(id);
    }
    this.refresh();
    return id;
  }

  setText(id: string, text: string): void {
    // Only spaces is not writing; anything else is, even if it is taken out again.
    if (text.trim() !== '') this.unwritten.delete(id);
    setText(this.doc, id, text);
  }

  /**
   * The note `id` was closed (its text left). A note just made and never written in, still blank,
   * is deleted: it would otherwise wait as an empty private note and be revealed as an empty
   * card. Drafts keep no undo history, so nothing of it is left behind. Returns whether it went.
   */
  settle(id: string): boolean {
    if (!this.unwritten.delete(id)) return false;
    if (!this.isBlank(id)) return false;
    this.remove(id);
    return true;
  }

  private isBlank(id: string): boolean {
    return this.snapshot.drafts.find((d) => d.id === id)?.text.trim() === '';
  }

  /** Move a private note (one transaction per move: a drag ends, or an arrow key is pressed). */
  move(id: string, x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    updateElement<'sticky'>(this.doc, id, { x: Math.round(x), y: Math.round(y) });
  }

  /**
   * Put a private note in a box (the outline's "Move to"): at (x, y) inside it, with the box as
   * its parent, as a card dropped there gets — one transaction. The reveal places it again by
   * where it sits (`publish`), so this is the same box unless the box has moved meanwhile.
   */
  place(id: string, x: number, y: number, membership: { parent: string | null; slot: string | null }): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    updateElement<'sticky'>(this.doc, id, {
      x: Math.round(x),
      y: Math.round(y),
      parent: membership.parent,
      slot: membership.slot,
    });
  }

  remove(id: string): void {
    this.unwritten.delete(id);
    this.doc.transact(() => {
      elementsMap(this.doc).delete(id);
      this.rounds.delete(id);
    });
  }

  /**
   * Copy every draft whose round is revealed into `board` (one transaction with `origin`, cards
   * joining the container they sit in), then forget them. Returns how many were published.
   */
  publish(board: Y.Doc, origin: unknown, view: PrivateView): number {
    const ready = this.snapshot.drafts.filter((d) => {
      const round = this.rounds.get(d.id);
      return draftsRevealed(view, typeof round === 'number' ? round : -1);
    });
    if (ready.length === 0) return 0;
    // A note revealed while it is still open, just made and blank, would have gone on closing:
    // it goes now instead of being revealed as an empty card.
    const unwritten = ready.filter((d) => this.unwritten.has(d.id) && this.isBlank(d.id));
    const shown = ready.filter((d) => !unwritten.includes(d));
    if (unwritten.length > 0) this.forget(unwritten);
    if (shown.length === 0) return 0;
    const items: NewElement[] = shown.map(({ id, type: _t, z: _z, parent: _p, slot: _s, ...input }) => ({
      kind: 'sticky',
      id,
      input,
    }));
    board.transact(() => {
      const ids = createElements(board, items, origin);
      placeByDrop(board, ids, origin);
    }, origin);
    // Only once the board holds them (and its own IndexedDB copy will): then the drafts may go.
    this.forget(shown);
    return shown.length;
  }

  private forget(drafts: readonly Draft[]): void {
    this.doc.transact(() => {
      for (const d of drafts) {
        elementsMap(this.doc).delete(d.id);
        this.rounds.delete(d.id);
        this.unwritten.delete(d.id);
      }
    });
  }

  private readonly refresh = (): void => {
    const drafts = readBoard(this.doc).elements.filter((e): e is Draft => e.type === 'sticky');
    const focus = drafts.some((d) => d.id === this.snapshot.focus) ? this.snapshot.focus : null;
    this.snapshot = { drafts, focus };
    for (const fn of this.listeners) fn();
  };

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): DraftsSnapshot => this.snapshot;

  destroy(): void {
    this.listeners.clear();
    this.doc.off('update', this.refresh);
    void this.persistence.destroy();
    this.doc.destroy();
  }
}

/** Where new stickies go while private mode is on, per open board session. */
const sinks = new WeakMap<object, { drafts: Drafts; round: number }>();

export function setDraftSink(session: object, sink: { drafts: Drafts; round: number } | null): void {
  if (sink) sinks.set(session, sink);
  else sinks.delete(session);
}

/** The drafts a new sticky of this session must go to, or undefined to write to the board. */
export function draftSink(session: object): { drafts: Drafts; round: number } | undefined {
  return sinks.get(session);
}
