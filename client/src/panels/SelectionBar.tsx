import {
  addableKind,
  COLORS,
  type Color,
  type Element,
  flipToDoInstead,
  isWorstIdea,
  updateElement,
} from '@truenorth/shared';
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { deleteSelection, editable } from '../app/actions';
import { useBoard } from '../app/boardContext';
import { deletionQuestion, pendingDelete } from '../app/deleteConfirm';
import { addPartAsUser, laneNameTarget, partNoun } from '../canvas/elements/laneNames';
import { STICKY_FILL } from '../lib/colors';
import { keepHeightAs } from '../lib/heightVar';
import { useStore } from '../lib/store';
import { SortingBar } from '../sorting/SortingBar';
import { SuggestionsLayer } from '../sorting/SuggestionsLayer';
import { draftSink } from '../sync/drafts';
import { Icon } from './icons';
import { LockButtons } from './LockButtons';
import { type RunAction, ToolButton } from './Toolbar';

/** Actions on the current selection, and the card-sorting suggestions (shown without one too). */
export function SelectionBar({ run }: { run: RunAction }) {
  return (
    <>
      <SelectionActions run={run} />
      <SuggestionsLayer />
    </>
  );
}

/**
 * A ref for the bar that keeps its height as `--selection-h` on the board while it shows: on a
 * phone its rows wrap, and the workshop panel below moves down by it rather than being covered
 * (styles.css).
 */
function keepBarHeight(el: HTMLDivElement | null): (() => void) | undefined {
  const board = el?.closest<HTMLElement>('.board');
  return el && board ? keepHeightAs(el, board, '--selection-h') : undefined;
}

/**
 * Colour, duplicate, order, delete, card sorting, and flipping a worst idea. On a phone the bar is
 * one row (the count, Delete, More, ×) left of the timer, and the rest opens below it from "More"
 * (styles.css): all of it in touch-size targets took four rows and covered the timer. Elsewhere
 * "More" is not shown and its actions sit in the bar (`display: contents`).
 */
function SelectionActions({ run }: { run: RunAction }) {
  const ctx = useBoard();
  const selection = useStore(ctx.selection);
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const asked = useStore(pendingDelete(ctx));
  const moreId = useId();
  const [more, setMore] = useState(false);
  // A new selection (a tap elsewhere, the copy Duplicate made) folds "More" away.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on every new selection
  useEffect(() => setMore(false), [selection]);
  // A question about another selection is dropped once the selection changes.
  useEffect(() => {
    const store = pendingDelete(ctx);
    const ids = store.get();
    if (ids && !sameIds(ids, selection)) store.set(null);
  }, [ctx, selection]);
  if (!ctx.canEdit || selection.size === 0) return null;
  const selected = [...selection].map((id) => board.byId.get(id)).filter((e) => !!e);
  if (selected.length === 0) return null;
  if (asked && sameIds(asked, selection)) {
    // What would go: the selection less what is locked for this user.
    const going = asked.map((id) => board.byId.get(id)).filter((e) => !!e);
    const question = deletionQuestion(going);
    return (
      <div
        ref={keepBarHeight}
        className="selection-bar selection-confirm"
        data-canvas-overlay
        role="alertdialog"
        aria-label="Confirm delete"
        data-testid="confirm-delete"
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          // Only the question goes: the board's Escape would also clear the selection.
          e.preventDefault();
          pendingDelete(ctx).set(null);
        }}
      >
        <span>
          <strong>{question ?? `Delete ${going.length} items for everyone?`}</strong> Only you can undo it.
        </span>
        <button
          type="button"
          className="btn btn-small btn-danger"
          // biome-ignore lint/a11y/noAutofocus: the question was asked by a key press: Enter answers it
          autoFocus
          data-testid="confirm-delete-yes"
          onClick={() => deleteSelection(ctx, true)}
        >
          Delete
        </button>
        <button type="button" className="btn btn-small" onClick={() => pendingDelete(ctx).set(null)}>
          Cancel
        </button>
      </div>
    );
  }
  // Locked by the facilitator: theirs alone to change (the server would undo anything else).
  const mine = selected.filter((e) => editable(ctx, e)).length;
  return (
    <div
      ref={keepBarHeight}
      className="selection-bar selection-tools"
      data-canvas-overlay
      role="toolbar"
      aria-label="Selection"
    >
      <span className="selection-count" data-testid="selection-count">
        {selected.length} selected
      </span>
      <div id={moreId} className={`selection-more${more ? ' is-open' : ''}`} data-testid="selection-more">
        <MoreActions selected={selected} run={run} />
      </div>
      {mine > 0 && <ToolButton id="delete" icon="trash" run={run} />}
      <button
        type="button"
        className="tool tool-text selection-more-toggle"
        aria-label="More actions"
        aria-expanded={more}
        aria-controls={moreId}
        onClick={() => setMore((open) => !open)}
      >
        More
      </button>
      <button
        type="button"
        className="tool"
        aria-label="Clear selection"
        title="Clear selection (Esc)"
        onClick={() => run('deselect')}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}

/** The selection's actions a phone keeps behind "More": all but Delete and clearing it. */
function MoreActions({ selected, run }: { selected: Element[]; run: RunAction }) {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const lockedForMe = selected.filter((e) => !editable(ctx, e));
  const mine = selected.length - lockedForMe.length;
  const colorable = selected.filter((e) => (e.type === 'sticky' || e.type === 'theme') && editable(ctx, e));
  const setColor = (color: Color) => {
    const { doc, origin } = ctx.session;
    doc.transact(() => {
      for (const el of colorable) updateElement(doc, el.id, { color } as never, origin);
    }, origin);
  };
  return (
    <>
      {colorable.length > 0 && (
        <fieldset className="swatches" aria-label="Colour">
          {COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className="swatch"
              style={{ background: STICKY_FILL[c] }}
              aria-label={`Colour ${c}`}
              title={c}
              onClick={() => setColor(c)}
            />
          ))}
        </fieldset>
      )}
      {lockedForMe.length > 0 && (
        <span className="selection-locked" title="Locked by the facilitator" data-testid="selection-locked">
          <Icon name="lock" size={14} />
          {mine === 0 ? 'Locked' : `${lockedForMe.length} locked`}
        </span>
      )}
      <SortingBar />
      <FlipButton selected={selected} elements={board.elements} />
      <AddLaneButton selected={selected} />
      <LockButtons selected={selected} />
      <ToolButton id="duplicate" icon="copy" run={run} />
      <ToolButton id="front" icon="front" run={run} />
      <ToolButton id="back" icon="back" run={run} />
    </>
  );
}

/**
 * The Worst Solution: flip the one selected worst idea into its "do instead" card (linked by an
 * arrow, in the grid's other cell) and start writing it. Flipped already: selects that card. Not
 * during a participant's private round: the new card would be on the board for everyone at once.
 */
function FlipButton({ selected, elements }: { selected: Element[]; elements: readonly Element[] }) {
  const ctx = useBoard();
  const [only, ...rest] = selected;
  if (!only || rest.length > 0 || !isWorstIdea(elements, only) || draftSink(ctx.session)) return null;
  const flip = () => {
    if (draftSink(ctx.session)) return;
    const { doc, origin, undo } = ctx.session;
    undo.stopCapturing();
    const result = flipToDoInstead(doc, only.id, origin, '', { author: ctx.user.name, at: Date.now() });
    if (!result) return;
    ctx.selection.set(new Set([result.cardId]));
    if (result.created) ctx.editing.set(result.cardId);
  };
  return (
    <button
      type="button"
      className="sort-btn"
      data-testid="flip-worst"
      title="Flip this worst idea into what we will do instead"
      onClick={flip}
    >
      Flip to do instead
    </button>
  );
}

/**
 * One Story Spine or Road Map selected: "Add step" (or "Add lane") puts another at its end, the
 * others making room, and opens its name for writing. Steps where it has steps (a Story Spine),
 * lanes otherwise (a Road Map).
 */
function AddLaneButton({ selected }: { selected: Element[] }) {
  const ctx = useBoard();
  const [only, ...rest] = selected;
  if (only?.type !== 'swimlanes' || rest.length > 0 || !editable(ctx, only) || draftSink(ctx.session))
    return null;
  const kind = addableKind(only);
  const part = partNoun(kind);
  const add = () => {
    const laneId = addPartAsUser(ctx, only, kind, null);
    if (!laneId) return;
    laneNameTarget(ctx).set({ id: only.id, kind, laneId });
    ctx.editing.set(only.id);
  };
  return (
    <button
      type="button"
      className="sort-btn"
      data-testid="add-lane"
      title={`Add a ${part} at the end; double-click a ${part}'s name to rename it`}
      onClick={add}
    >
      Add {part}
    </button>
  );
}

/** The question was about exactly this selection (a changed selection drops it). */
function sameIds(ids: readonly string[], selection: ReadonlySet<string>): boolean {
  return ids.length <= selection.size && ids.every((id) => selection.has(id));
}
