/**
 * This participant's private notes in the outline, while they are private: listed first, marked
 * as seen by nobody else until the facilitator reveals them, editable and deletable as the notes
 * on the canvas are (the same drafts: an edit here shows there). Without them a screen-reader user
 * could not reread what they wrote before the reveal. Only this browser's notes: other people's
 * hidden notes are never sent to it.
 */
import { useId, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { short } from '../../lib/outlineNav';
import { replaceKeepingSelection } from '../../lib/textareaSync';
import type { Draft, Drafts } from '../../sync/drafts';
import { Icon } from '../icons';

export const PRIVATE_NOTES_ID = 'outline-private-notes';

export function PrivateNotes({ drafts, onAnnounce }: { drafts: Drafts; onAnnounce: (s: string) => void }) {
  const notes = useSyncExternalStore(drafts.subscribe, drafts.getSnapshot).drafts;
  const hint = useId();
  if (notes.length === 0) return null;
  return (
    <section className="outline-section outline-private" aria-labelledby={PRIVATE_NOTES_ID}>
      <h3 id={PRIVATE_NOTES_ID} tabIndex={-1}>
        <Icon name="lock" size={14} /> Your private notes <span className="count">({notes.length})</span>
      </h3>
      <p className="outline-hint" id={hint}>
        Only you can see these until the facilitator reveals them. Then they go on the board where they sit on
        the canvas.
      </p>
      <ul>
        {notes.map((d) => (
          <PrivateNote key={d.id} draft={d} drafts={drafts} hintId={hint} onAnnounce={onAnnounce} />
        ))}
      </ul>
    </section>
  );
}

function PrivateNote({
  draft,
  drafts,
  hintId,
  onAnnounce,
}: {
  draft: Draft;
  drafts: Drafts;
  hintId: string;
  onAnnounce: (s: string) => void;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  // Written on the canvas meanwhile: shown here with the caret kept where it was.
  useLayoutEffect(() => {
    if (area.current) replaceKeepingSelection(area.current, draft.text);
  }, [draft.text]);
  const name = short(draft.text);
  return (
    <li className="outline-card is-private" data-draft-id={draft.id}>
      <textarea
        ref={area}
        data-control="text"
        aria-label={`Private note: ${name} (only you can see this until the facilitator reveals it)`}
        aria-describedby={hintId}
        dir="auto"
        defaultValue={draft.text}
        rows={Math.min(4, Math.max(1, Math.ceil(draft.text.length / 34)))}
        onChange={(e) => drafts.setText(draft.id, e.target.value)}
      />
      <div className="outline-card-actions">
        <span className="outline-private-tag">
          <Icon name="lock" size={14} /> Only you can see this
        </span>
        <button
          type="button"
          data-control="delete"
          className="tool tool-small"
          aria-label={`Delete private note “${name}”`}
          title="Delete private note"
          onClick={(e) => {
            // The focus goes to the next note (else the one before, else the outline's heading),
            // not to the page's body with the row it was in.
            const row = e.currentTarget.closest('li');
            const next =
              (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector('textarea') ??
              row?.closest('.outline')?.querySelector('h2');
            drafts.remove(draft.id);
            onAnnounce(`Deleted private note “${name}”`);
            requestAnimationFrame(() => (next as HTMLElement | null | undefined)?.focus());
          }}
        >
          <Icon name="trash" size={16} />
        </button>
      </div>
    </li>
  );
}
