/**
 * In-place editing, drawn as an HTML overlay that follows the viewport. A note's text is bound to
 * its Y.Text: local input is applied as a minimal diff, and remote edits are merged into the
 * textarea with the caret shifted through them, so two people can type in one note at once.
 * Container titles are plain fields, written once on commit.
 */
import {
  cardsInLanePart,
  type Element,
  type ElementOf,
  HEADER,
  MAX_LANE_NAME,
  type Rect,
  removeLanePart,
  renameLane,
  setText,
  textOf,
  updateElement,
} from '@truenorth/shared';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { editable } from '../app/actions';
import { type BoardContextValue, useBoard } from '../app/boardContext';
import { isUnwrittenNewNote, settleNewNote } from '../app/newNotes';
import { STICKY_FILL } from '../lib/colors';
import { flash } from '../lib/flash';
import { useStore } from '../lib/store';
import { followRemoteEdits } from '../lib/textareaSync';
import { Icon } from '../panels/icons';
import {
  addPartAsUser,
  keptReason,
  LANE_NAME_FONT,
  type LaneNameTarget,
  laneNameRect,
  laneNameTarget,
  partNoun,
} from './elements/laneNames';
import { textWeight } from './elements/TextBlock';
import { FONT } from './elements/types';
import { fitFontSize } from './textFit';

/**
 * Text being typed is at least this size on the screen (px): smaller, it cannot be read (a note's
 * 28 px text at the ~27 % a tablet shows an exercise at is 8 px; at a laptop's ~43 %, 12 px).
 */
const MIN_EDIT_TEXT_PX = 14;
/**
 * Below this zoom the view shows an overview (a phone's view of a whole frame is ~10 %): a note
 * opened there is brought up whole to its full size. Above it the view is one being worked in, and
 * is zoomed no more than the text needs, about the note, so its surroundings stay in sight.
 */
const OVERVIEW_SCALE = 0.25;

/**
 * Zoom the view up until text of `fontPx` (world units) in `rect` reads at MIN_EDIT_TEXT_PX on the
 * screen, if it is smaller; on every device (a mouse's double click, a tap, the N key alike).
 */
function makeLegible(ctx: BoardContextValue, rect: Rect, fontPx: number, whole: boolean): void {
  const { scale } = ctx.viewport.get();
  const need = MIN_EDIT_TEXT_PX / fontPx;
  if (scale >= need) return;
  if (whole && scale < OVERVIEW_SCALE) ctx.viewport.fit(rect, Math.max(1, need), { hold: true });
  else ctx.viewport.zoomToShow(rect, need);
}

export function TextEditor() {
  const ctx = useBoard();
  const editing = useStore(ctx.editing);
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const el = editing ? board.byId.get(editing) : undefined;
  const laneName = useStore(laneNameTarget(ctx));
  useEffect(() => {
    // The element was deleted (perhaps by someone else) or locked while being edited.
    if (editing && (!el || !editable(ctx, el))) ctx.editing.set(null);
  }, [ctx, editing, el]);
  // However an editor closes (Escape, a click elsewhere, another note opened), a note just made
  // and left blank goes.
  useEffect(() => {
    let open = ctx.editing.get();
    return ctx.editing.subscribe(() => {
      const closed = open;
      open = ctx.editing.get();
      if (closed === null || closed === open) return;
      const mayDelete = editable(ctx, ctx.store.getSnapshot().byId.get(closed));
      if (!settleNewNote(ctx.session, closed, mayDelete)) return;
      const selection = new Set(ctx.selection.get());
      if (selection.delete(closed)) ctx.selection.set(selection);
    });
  }, [ctx]);
  // Locked elements are the facilitator's to edit (the server repairs anyone else's edits).
  if (!el || !editable(ctx, el) || el.type === 'connector') return null;
  if (el.type === 'swimlanes' && laneName?.id === el.id) {
    const rect = laneNameRect(el, laneName.kind, laneName.laneId);
    if (rect) {
      return (
        <LaneNameEditor
          key={`${el.id}/${laneName.kind}/${laneName.laneId}`}
          el={el}
          target={laneName}
          rect={rect}
        />
      );
    }
  }
  return el.type === 'sticky' || el.type === 'text' ? (
    <NoteEditor key={el.id} el={el} />
  ) : (
    <TitleEditor key={el.id} el={el} />
  );
}

/** Keeps an overlay's box on the element's world rectangle as the view moves. */
function useFollow(
  ref: React.RefObject<HTMLElement | null>,
  rect: { x: number; y: number; w: number; h: number },
) {
  const { viewport } = useBoard();
  useEffect(() => {
    const place = () => {
      const v = viewport.get();
      const node = ref.current;
      if (!node) return;
      node.style.width = `${rect.w}px`;
      node.style.height = `${rect.h}px`;
      node.style.transform = `translate(${v.x + rect.x * v.scale}px, ${v.y + rect.y * v.scale}px) scale(${v.scale})`;
    };
    place();
    return viewport.subscribe(place);
  }, [viewport, ref, rect.x, rect.y, rect.w, rect.h]);
}

function NoteEditor({ el }: { el: Extract<Element, { type: 'sticky' | 'text' }> }) {
  const ctx = useBoard();
  const box = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  useFollow(box, el);
  const isSticky = el.type === 'sticky';
  const pad = isSticky ? 14 : 0;

  // Too small to read while typing: the note is brought up to size first (only as it opens: the
  // view does not jump while someone types).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per note opened
  useEffect(() => {
    const text = textOf(ctx.session.doc, el.id)?.toString() ?? '';
    const font = isSticky ? fitFontSize(text, el.w - 28, el.h - 42) : el.fontSize;
    makeLegible(ctx, el, font, true);
  }, [ctx, el.id]);

  useEffect(() => {
    const ta = area.current;
    const { doc, origin } = ctx.session;
    const ytext = textOf(doc, el.id);
    if (!ta || !ytext) return;
    const size = () => {
      if (isSticky) ta.style.fontSize = `${fitFontSize(ta.value, el.w - 28, el.h - 42)}px`;
    };
    ta.value = ytext.toString();
    size();
    ta.focus();
    // A new text's placeholder ("Text") is selected, so typing replaces it; otherwise the caret
    // goes to the end.
    if (!isSticky && ta.value !== '' && isUnwrittenNewNote(ctx.session, el.id)) ta.select();
    else ta.setSelectionRange(ta.value.length, ta.value.length);
    const onInput = () => {
      setText(doc, el.id, ta.value, origin, ta.selectionEnd);
      size();
    };
    ta.addEventListener('input', onInput);
    const stopFollowing = followRemoteEdits(ta, ytext, origin, size);
    return () => {
      ta.removeEventListener('input', onInput);
      stopFollowing();
    };
  }, [ctx, el.id, el.w, el.h, isSticky]);

  return (
    <div ref={box} className={`editor-box${isSticky ? ' is-sticky' : ''}`}>
      <textarea
        ref={area}
        className="editor-text"
        aria-label={isSticky ? 'Sticky note text' : 'Text'}
        data-testid="text-editor"
        // Arabic and Hebrew are typed right to left, as the note then shows them.
        dir="auto"
        spellCheck
        style={{
          padding: pad,
          paddingBottom: isSticky ? 28 : 0,
          background: isSticky ? STICKY_FILL[el.color] : 'transparent',
          fontFamily: FONT,
          fontSize: isSticky ? 28 : el.fontSize,
          fontWeight: isSticky ? 400 : Number(textWeight(el.type === 'text' ? el.fontSize : 24)),
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || (e.key === 'Enter' && (e.metaKey || e.ctrlKey))) {
            e.preventDefault();
            ctx.editing.set(null);
          }
        }}
        onBlur={() => {
          if (ctx.editing.get() === el.id) ctx.editing.set(null);
        }}
      />
    </div>
  );
}

function TitleEditor({ el }: { el: Extract<Element, { type: 'frame' | 'grid' | 'swimlanes' | 'theme' }> }) {
  const ctx = useBoard();
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const band = { x: el.x, y: el.y, w: el.w, h: el.type === 'frame' ? 72 : HEADER };
  useFollow(box, band);
  const initial = el.type === 'theme' ? el.name : el.title;
  const fontSize = el.type === 'frame' ? 30 : 20;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per title opened
  useEffect(() => {
    makeLegible(ctx, band, fontSize, false);
    input.current?.focus();
    input.current?.select();
  }, []);
  const commit = () => {
    const value = input.current?.value.trim() ?? '';
    if (value && value !== initial) {
      const key = el.type === 'theme' ? 'name' : 'title';
      updateElement(ctx.session.doc, el.id, { [key]: value } as never, ctx.session.origin);
    }
    ctx.editing.set(null);
  };
  return (
    <div ref={box} className="editor-box is-title">
      <input
        ref={input}
        className="editor-title"
        aria-label={el.type === 'theme' ? 'Theme name' : 'Title'}
        defaultValue={initial}
        // A title or theme name in Arabic or Hebrew is typed right to left, like a note's text.
        dir="auto"
        maxLength={200}
        style={{ fontFamily: FONT, fontSize }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') ctx.editing.set(null);
        }}
        onBlur={commit}
      />
    </div>
  );
}

/**
 * Renames one step or lane of a swimlanes in place (double click on its name): Enter or leaving
 * the field saves, Escape cancels. The step's or lane's id stays, so its cards stay in it. Beside
 * the name: add another after it (its name opens for writing), or remove it while it is empty.
 */
function LaneNameEditor({
  el,
  target,
  rect,
}: {
  el: ElementOf<'swimlanes'>;
  target: LaneNameTarget;
  rect: Rect;
}) {
  const ctx = useBoard();
  const box = useRef<HTMLFieldSetElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  useFollow(box, rect);
  const initial = el[target.kind].find((l) => l.id === target.laneId)?.name ?? '';
  const steps = target.kind === 'steps';
  const label = steps ? 'Step name' : 'Lane name';
  const part = partNoun(target.kind);
  const cards = cardsInLanePart(board.elements, el, target.kind, target.laneId);
  const last = el[target.kind].length <= 1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per name opened
  useEffect(() => {
    makeLegible(ctx, rect, LANE_NAME_FONT, false);
    input.current?.focus();
    input.current?.select();
    return () => {
      if (laneNameTarget(ctx).get() === target) laneNameTarget(ctx).set(null);
    };
  }, []);
  // Why it cannot go, if it cannot: said on the button and when it is pressed.
  const kept = keptReason(target.kind, cards, last);
  const close = () => {
    if (ctx.editing.get() === el.id) ctx.editing.set(null);
  };
  const rename = () =>
    renameLane(
      ctx.session.doc,
      el.id,
      target.kind,
      target.laneId,
      input.current?.value ?? '',
      ctx.session.origin,
    );
  const commit = () => {
    rename();
    close();
  };
  const add = () => {
    rename();
    const laneId = addPartAsUser(ctx, el, target.kind, target.laneId);
    if (laneId) laneNameTarget(ctx).set({ id: el.id, kind: target.kind, laneId });
  };
  const remove = () => {
    if (kept) {
      flash.show(kept);
      return;
    }
    const { doc, origin, undo } = ctx.session;
    undo.stopCapturing();
    const removed = removeLanePart(doc, el.id, target.kind, target.laneId, origin);
    if (removed.ok) close();
  };
  return (
    <fieldset
      ref={box}
      className="editor-box is-title is-lane-name"
      aria-label={steps ? 'Step' : 'Lane'}
      // Leaving the field for its own buttons is not leaving the name.
      onBlur={(e) => {
        if (box.current?.contains(e.relatedTarget as Node | null)) return;
        // Another name opened meanwhile (the one added after this): that one stays open.
        if (laneNameTarget(ctx).get() === target) commit();
      }}
    >
      <input
        ref={input}
        className="editor-title"
        aria-label={label}
        defaultValue={initial}
        dir="auto"
        maxLength={MAX_LANE_NAME}
        style={{ fontFamily: FONT, fontSize: LANE_NAME_FONT }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') close();
        }}
      />
      <button
        type="button"
        className="lane-name-action"
        aria-label={`Add a ${part} after this one`}
        title={`Add a ${part} after this one`}
        onClick={add}
      >
        <Icon name="plus" size={16} />
      </button>
      <button
        type="button"
        className="lane-name-action"
        aria-label={`Remove this ${part}`}
        title={kept ?? `Remove this ${part}`}
        // Not `disabled`: a press still says why it cannot go.
        aria-disabled={kept !== null}
        onClick={remove}
      >
        <Icon name="trash" size={16} />
      </button>
    </fieldset>
  );
}
