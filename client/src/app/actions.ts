/**
 * The user's actions on the board. Each is one named shared command (one transaction with the
 * local origin, so undo tracks it), called from the toolbar, shortcuts, the canvas and panels.
 */
import {
  authoredBy,
  boundsOf,
  createElement,
  deleteElements,
  dropTarget,
  duplicateElements,
  type Element,
  type ElementInput,
  type ElementKind,
  newId,
  placeByDrop,
  type Rect,
  reorder,
  withMembers,
} from '@truenorth/shared';
import { containsRect } from '../canvas/viewport';
import { draftSink } from '../sync/drafts';
import type { BoardContextValue } from './boardContext';
import { deletionQuestion, pendingDelete } from './deleteConfirm';
import { trackNewNote } from './newNotes';

type Ctx = BoardContextValue;

/**
 * Where a new element goes: the point asked for, else under the pointer, else the middle of what
 * the screen shows clear of the panels (a note made with the tool on a touch screen, where no
 * pointer rests anywhere, lands in the exercise shown, not on its edge).
 */
function anchor(ctx: Ctx, at?: { x: number; y: number }): { x: number; y: number } {
  return at ?? ctx.pointer.current ?? ctx.viewport.clearCenter();
}

const DEFAULTS: { [K in ElementKind]?: () => Omit<ElementInput<K>, 'type' | 'x' | 'y'> } = {
  sticky: () => ({ w: 180, h: 180 }),
  text: () => ({ text: 'Text', w: 320, h: 48 }),
  frame: () => ({ title: 'Frame', w: 1600, h: 1000 }),
  grid: () => ({
    title: 'Grid',
    w: 1200,
    h: 800,
    cols: 2,
    rows: 2,
    cells: [
      { id: newId(8), name: 'Cell 1', hint: '', col: 0, row: 0 },
      { id: newId(8), name: 'Cell 2', hint: '', col: 1, row: 0 },
      { id: newId(8), name: 'Cell 3', hint: '', col: 0, row: 1 },
      { id: newId(8), name: 'Cell 4', hint: '', col: 1, row: 1 },
    ],
  }),
  swimlanes: () => ({
    title: 'Swimlanes',
    w: 1400,
    h: 700,
    lanes: [
      { id: newId(8), name: 'Now' },
      { id: newId(8), name: 'Next' },
      { id: newId(8), name: 'Later' },
    ],
    line: 0.5,
  }),
  theme: () => ({ name: 'New theme', w: 420, h: 520 }),
};

/**
 * The first free spot at or beside (x, y) — left to right, then the next row — so pressing N a
 * few times lays notes out side by side instead of stacking them on the same spot.
 */
function freeSpot(ctx: Ctx, kind: ElementKind, x: number, y: number, w: number, h: number) {
  const same = ctx.store.getSnapshot().elements.filter((e) => e.type === kind);
  const taken = (cx: number, cy: number) =>
    same.some((e) => Math.abs(e.x - cx) < w / 2 && Math.abs(e.y - cy) < h / 2);
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 6; col++) {
      const cx = x + col * (w + 16);
      const cy = y + row * (h + 16);
      if (!taken(cx, cy)) return { x: cx, y: cy };
    }
  }
  return { x, y };
}

/** Create an element centred at the anchor; cards dropped in a container join it. */
export function addElement(ctx: Ctx, kind: Exclude<ElementKind, 'connector'>, at?: { x: number; y: number }) {
  if (!ctx.canEdit) return null;
  const { doc } = ctx.session;
  const base = (DEFAULTS[kind]?.() ?? {}) as { w?: number; h?: number };
  const w = base.w ?? 180;
  const h = base.h ?? 180;
  const p = anchor(ctx, at);
  const spot = freeSpot(ctx, kind, Math.round(p.x - w / 2), Math.round(p.y - h / 2), w, h);
  const input = {
    ...base,
    x: spot.x,
    y: spot.y,
    createdBy: ctx.user.name.slice(0, 64),
    createdAt: Date.now(),
    ...(kind === 'sticky' ? { author: ctx.user.name } : {}),
  };
  // Private brainstorming: the note stays in this browser until the facilitator reveals it.
  const sink = kind === 'sticky' ? draftSink(ctx.session) : undefined;
  if (sink) return sink.drafts.add(input as never, sink.round);
  let id = '';
  // A new undo step starts here, but typing straight into the new note joins it: one undo takes
  // the note away whole.
  ctx.session.undo.stopCapturing();
  doc.transact(() => {
    id = createElement(doc, kind, input as never, { origin: ctx.session.origin });
    placeByDrop(doc, [id], ctx.session.origin);
  }, ctx.session.origin);
  // A note is opened for writing by whoever makes it: left blank, it goes again (newNotes.ts).
  if (kind === 'sticky' || kind === 'text') trackNewNote(ctx.session, id);
  ctx.selection.set(new Set([id]));
  return id;
}

/**
 * Create a sticky in a given group (outline view): inside the slot's area, with membership set.
 * During private brainstorming it becomes one of this browser's private notes, as a note made on
 * the canvas does (`private`: not on the board, nor sent, until the facilitator reveals the round).
 */
export function addStickyTo(
  ctx: Ctx,
  rect: { x: number; y: number; w: number; h: number } | null,
  membership: { parent: string | null; slot: string | null },
  text: string,
  index: number,
): { id: string; private: boolean } | null {
  if (!ctx.canEdit) return null;
  const { doc, origin } = ctx.session;
  const pos = slotPosition(rect ?? { ...ctx.viewport.clearCenter(), w: 0, h: 0 }, index);
  const input = {
    x: pos.x,
    y: pos.y,
    w: 160,
    h: 160,
    text,
    ...authoredBy(ctx.user.name, Date.now()),
    parent: membership.parent,
    slot: membership.slot,
  };
  const sink = draftSink(ctx.session);
  // The outline keeps the focus: the private note is not opened for writing on the canvas.
  if (sink) return { id: sink.drafts.add(input, sink.round, { focus: false }), private: true };
  return { id: createElement(doc, 'sticky', input, { origin }), private: false };
}

/** Height at the top of a slot kept free for its name and hint (grid cells draw both there). */
const LABEL_ROOM = 64;

/** A tidy spot for the n-th card in a slot: left to right, then down, wrapping inside it. */
export function slotPosition(r: { x: number; y: number; w: number; h: number }, n: number) {
  const gap = 16;
  const size = 160;
  // Keep the slot's name and hint (drawn at its top) readable, as far as the card still fits.
  const top = Math.max(gap, Math.min(LABEL_ROOM, r.h - size - gap));
  const perRow = Math.max(1, Math.floor((r.w - gap) / (size + gap)));
  const col = n % perRow;
  const row = Math.floor(n / perRow);
  const maxRows = Math.max(1, Math.floor((r.h - top) / (size + gap)));
  return {
    x: Math.round(r.x + gap + col * (size + gap)),
    // Cards that do not fit stack with a small offset instead of spilling out of the slot.
    y: Math.round(
      r.y +
        top +
        (row < maxRows ? row * (size + gap) : (maxRows - 1) * (size + gap) + (row - maxRows + 1) * 12),
    ),
  };
}

export function connectSelection(ctx: Ctx): string | null {
  if (!ctx.canEdit) return null;
  const ids = [...ctx.selection.get()];
  const { byId } = ctx.store.getSnapshot();
  const [from, to] = ids.filter((id) => byId.get(id) && byId.get(id)?.type !== 'connector');
  if (!from || !to) return null;
  return createElement(ctx.session.doc, 'connector', { from, to }, { origin: ctx.session.origin });
}

/** Whether this user may change the element: locked ones are the facilitator's alone. */
export function editable(ctx: Ctx, el: Element | undefined): boolean {
  return ctx.canEdit && el !== undefined && (!el.locked || ctx.role === 'facilitator');
}

/**
 * Delete what is selected (what this user may change). A frame or a large selection is only
 * asked about (deleteConfirm.ts): `confirmed` deletes it.
 */
export function deleteSelection(ctx: Ctx, confirmed = false): void {
  const { byId } = ctx.store.getSnapshot();
  const ids = [...ctx.selection.get()].filter((id) => editable(ctx, byId.get(id)));
  if (!ctx.canEdit || ids.length === 0) return;
  const elements = ids.map((id) => byId.get(id)).filter((e) => e !== undefined);
  if (!confirmed && deletionQuestion(elements) !== null) {
    pendingDelete(ctx).set(ids);
    return;
  }
  pendingDelete(ctx).set(null);
  ctx.session.step(() => deleteElements(ctx.session.doc, ids, ctx.session.origin));
  ctx.selection.set(new Set());
}

export function duplicateSelection(ctx: Ctx): void {
  const ids = [...ctx.selection.get()];
  if (!ctx.canEdit || ids.length === 0) return;
  const mapping = ctx.session.step(() => duplicateElements(ctx.session.doc, ids, 24, 24, ctx.session.origin));
  ctx.selection.set(new Set(ids.map((id) => mapping.get(id)).filter((id): id is string => !!id)));
}

export function reorderSelection(ctx: Ctx, where: 'front' | 'back'): void {
  const ids = [...ctx.selection.get()];
  if (!ctx.canEdit || ids.length === 0) return;
  ctx.session.step(() => reorder(ctx.session.doc, ids, where, ctx.session.origin));
}

export function selectAll(ctx: Ctx): void {
  ctx.selection.set(new Set(ctx.store.getSnapshot().elements.map((e) => e.id)));
}

export function undo(ctx: Ctx): void {
  if (ctx.canEdit) ctx.session.undo.undo();
}

export function redo(ctx: Ctx): void {
  if (ctx.canEdit) ctx.session.undo.redo();
}

function boxes(elements: readonly Element[]) {
  return elements.filter((e) => e.type !== 'connector') as Exclude<Element, { type: 'connector' }>[];
}

export function zoomToFit(ctx: Ctx): void {
  ctx.viewport.fit(boundsOf(boxes(ctx.store.getSnapshot().elements)));
}

export function zoomToSelection(ctx: Ctx): void {
  const { byId, elements } = ctx.store.getSnapshot();
  const ids = withMembers(elements, ctx.selection.get());
  const sel = boxes([...ids].map((id) => byId.get(id)).filter((e): e is Element => !!e));
  if (sel.length) ctx.viewport.fit(boundsOf(sel), 2);
  else zoomToFit(ctx);
}

/**
 * Bring one element (an exercise's frame, say) into view, whole in the part of the screen no panel
 * covers, at most at 100 %; held like the opening view until the view is moved (`opening`: it is
 * the view the board opens with). False when the board has no such element.
 */
export function showElement(ctx: Ctx, id: string, opts: { opening?: boolean } = {}): boolean {
  const el = ctx.store.getSnapshot().byId.get(id);
  if (!el || el.type === 'connector') return false;
  ctx.viewport.fit({ x: el.x, y: el.y, w: el.w, h: el.h }, 1, { hold: true, opening: opts.opening });
  return true;
}

/**
 * Show a run-sheet step's exercise (see `showElement`; `opening`: the workshop took the view there,
 * nobody chose it). A selection left behind outside it is let go: Delete or a colour would
 * otherwise act on cards out of sight.
 */
export function showStep(ctx: Ctx, frameId: string, opts: { opening?: boolean } = {}): boolean {
  if (!showElement(ctx, frameId, opts)) return false;
  const { byId } = ctx.store.getSnapshot();
  const frame = byId.get(frameId) as Rect;
  const inside = (id: string) => {
    const el = byId.get(id);
    return el !== undefined && (el.type === 'connector' || containsRect(frame, el));
  };
  if (![...ctx.selection.get()].every(inside)) ctx.selection.set(new Set());
  return true;
}

/** Which container slot a world point falls in (for placing cards created by double-click). */
export function membershipAt(ctx: Ctx, p: { x: number; y: number }) {
  return dropTarget(ctx.store.getSnapshot().elements, p.x, p.y);
}
