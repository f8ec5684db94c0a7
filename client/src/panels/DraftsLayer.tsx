/**
 * This participant's private notes, drawn over the canvas at their board position (only here:
 * they are not in the board's document), marked "Private", editable in place.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { STICKY_FILL } from '../lib/colors';
import type { Draft, Drafts } from '../sync/drafts';

export function DraftsLayer({ drafts }: { drafts: Drafts }) {
  const { viewport } = useBoard();
  const layer = useRef<HTMLDivElement>(null);
  const snap = useSyncExternalStore(drafts.subscribe, drafts.getSnapshot);

  useEffect(() => {
    const place = () => {
      const v = viewport.get();
      if (layer.current) layer.current.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
    };
    place();
    return viewport.subscribe(place);
  }, [viewport]);

  if (snap.drafts.length === 0) return null;
  return (
    <div ref={layer} className="drafts-layer" data-testid="drafts-layer">
      {snap.drafts.map((d) => (
        <DraftNote key={d.id} draft={d} drafts={drafts} focus={snap.focus === d.id} />
      ))}
    </div>
  );
}

function DraftNote({ draft, drafts, focus }: { draft: Draft; drafts: Drafts; focus: boolean }) {
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focus) area.current?.focus();
  }, [focus]);
  return (
    <div
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
      <div className="draft-head">
        <span>🔒 Private</span>
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
        defaultValue={draft.text}
        onChange={(e) => drafts.setText(draft.id, e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.blur();
          // Keys typed here are text, not board shortcuts.
          e.stopPropagation();
        }}
      />
    </div>
  );
}
