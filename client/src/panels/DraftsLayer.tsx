/**
 * This participant's private notes, drawn over the canvas at their board position (only here:
 * they are not in the board's document), marked "Private", editable in place. The "Private" bar
 * moves a note — dragged, or with the arrow keys — so it can sit in the box it is meant for before
 * the reveal (a revealed note joins the box it sits in).
 */
import {
  type FocusEvent,
  type KeyboardEvent,
  type PointerEvent,
  useEffect,
  useLayoutEffect,
  useRef,
  useSyncExternalStore,
} from 'react';
import { useBoard } from '../app/boardContext';
import { STICKY_FILL } from '../lib/colors';
import { replaceKeepingSelection } from '../lib/textareaSync';
import type { Draft, Drafts } from '../sync/drafts';
import { Icon } from './icons';

export function DraftsLayer({ drafts }: { drafts: Drafts }) {
  const { viewport } = useBoard();
  const layer = useRef<HTMLDivElement>(null);
  const snap = useSyncExternalStore(drafts.subscribe, drafts.getSnapshot);

  const shown = snap.drafts.length > 0;
  // Placed again when the layer appears: it is not rendered while there are no drafts, so a
  // placement made before the first draft would have found no element (and the first private note
  // would sit unscaled, in the wrong place, until the view next moved).
  useLayoutEffect(() => {
    if (!shown) return;
    const place = () => {
      const v = viewport.get();
      if (layer.current) layer.current.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
    };
    place();
    return viewport.subscribe(place);
  }, [viewport, shown]);

  if (!shown) return null;
  return (
    <div ref={layer} className="drafts-layer" data-testid="drafts-layer">
      {snap.drafts.map((d) => (
        <DraftNote
          key={d.id}
          draft={d}
          drafts={drafts}
          focus={snap.focus === d.id}
          scale={() => viewport.get().scale}
        />
      ))}
    </div>
  );
}

/** World units an arrow key moves a note (with Shift: ten times as far). */
const KEY_STEP = 20;

function DraftNote({
  draft,
  drafts,
  focus,
  scale,
}: {
  draft: Draft;
  drafts: Drafts;
  focus: boolean;
  scale: () => number;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const note = useRef<HTMLDivElement>(null);
  const drag = useRef<{ sx: number; sy: number; x: number; y: number; k: number } | null>(null);
  useEffect(() => {
    if (focus) area.current?.focus();
  }, [focus]);
  // Written in the outline meanwhile: shown here with the caret kept where it was.
  useLayoutEffect(() => {
    if (area.current) replaceKeepingSelection(area.current, draft.text);
  }, [draft.text]);

  const at = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return null;
    return { x: d.x + (e.clientX - d.sx) / d.k, y: d.y + (e.clientY - d.sy) / d.k };
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || (e.target as HTMLElement).closest('.draft-delete')) return;
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { sx: e.clientX, sy: e.clientY, x: draft.x, y: draft.y, k: scale() };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const p = at(e);
    // While dragging only the element moves; the drafts document changes once, at the drop.
    if (p && note.current) {
      note.current.style.left = `${p.x}px`;
      note.current.style.top = `${p.y}px`;
    }
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const p = at(e);
    drag.current = null;
    if (p && (p.x !== draft.x || p.y !== draft.y)) drafts.move(draft.id, p.x, p.y);
  };
  // Leaving the note closes it: one just made and left blank goes (Drafts.settle). Moving from its
  // text to its own bar is not leaving it, nor is the window losing focus (another tab, another
  // app): the note is still open when the user comes back to it.
  const onBlur = (e: FocusEvent) => {
    if (note.current?.contains(e.relatedTarget as Node | null) || !document.hasFocus()) return;
    drafts.settle(draft.id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const step = e.shiftKey ? KEY_STEP * 10 : KEY_STEP;
    const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[
      e.key
    ];
    if (!delta) return;
    e.preventDefault();
    // Arrow keys here move this note, not the canvas or the board's selection.
    e.stopPropagation();
    drafts.move(draft.id, draft.x + delta[0]!, draft.y + delta[1]!);
  };

  return (
    <div
      ref={note}
      className="draft-note"
      data-testid="draft-note"
      data-id={draft.id}
      style={{
        left: draft.x,
        top: draft.y,
        width: draft.w,
        height: draft.h,
        background: STICKY_FILL[draft.color],
      }}
    >
      <div
        className="draft-head"
        data-testid="draft-handle"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
          if (note.current) {
            note.current.style.left = `${draft.x}px`;
            note.current.style.top = `${draft.y}px`;
          }
        }}
      >
        <button
          type="button"
          className="draft-move"
          aria-label="Private note: drag to move, or use the arrow keys"
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        >
          <Icon name="lock" size={14} /> Private
        </button>
        <button
          type="button"
          className="draft-delete"
          aria-label="Delete private note"
          onClick={() => drafts.remove(draft.id)}
        >
          ×
        </button>
      </div>
      <textarea
        ref={area}
        className="draft-text"
        aria-label="Private note text"
        data-testid="draft-text"
        // Right to left for Arabic and Hebrew, as the note will read on the canvas once revealed.
        dir="auto"
        defaultValue={draft.text}
        onChange={(e) => drafts.setText(draft.id, e.target.value)}
        onBlur={onBlur}
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.blur();
          // Keys typed here are text, not board shortcuts.
          e.stopPropagation();
        }}
      />
    </div>
  );
}
