/**
 * This participant's private notes in the outline, while they are private: listed first, marked
 * as seen by nobody else until the facilitator reveals them, editable and deletable as the notes
 * on the canvas are (the same drafts: an edit here shows there). Without them a screen-reader user
 * could not reread what they wrote before the reveal. Only this browser's notes: other people's
 * hidden notes are never sent to it.
 *
 * Each says which box it will go in when revealed (the one it sits in on the canvas) and has the
 * same "Move to" control as a card of the board: the note is put in the chosen box, as if dragged
 * there on the canvas, and joins it when revealed.
 */
import type { Element } from '@truenorth/shared';
import { useId, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { MoveTarget, OutlineCard } from '../../lib/outline';
import { short } from '../../lib/outlineNav';
import { replaceKeepingSelection } from '../../lib/textareaSync';
import type { Draft, Drafts } from '../../sync/drafts';
import { Icon } from '../icons';
import { MoveSelect } from './MoveSelect';
import { draftGroupKey, draftSpot } from './privatePlace';

export const PRIVATE_NOTES_ID = 'outline-private-notes';

/** An outline group as "Move to" lists it: labelled with its exercise. */

export function PrivateNotes({
  drafts,
  elements,
  groups,
  moveHintId,
  labelOf,
  onAnnounce,
}: {
  drafts: Drafts;
  /** The board's elements: the boxes a note sits in, and the cards a moved note keeps clear of. */
  elements: readonly Element[];
  groups: readonly MoveTarget[];
  /** The element saying "Press Enter to move". */
  moveHintId: string;
  /** How a group is named in "Moved … to …", seen from the group the note was in (as for cards). */
  labelOf: (key: string, from: string) => string;
  onAnnounce: (s: string) => void;
}) {
  const notes = useSyncExternalStore(drafts.subscribe, drafts.getSnapshot).drafts;
  const hint = useId();
  if (notes.length === 0) return null;
  const move = (note: Draft, key: string) => {
    const to = groups.find((g) => g.key === key);
    if (!to) return;
    const { parent, slot, rect } = to.group;
    const others = notes.filter((d) => d.id !== note.id);
    const at = draftSpot({ parent, slot, rect }, note, elements, others);
    const from = draftGroupKey(note, elements);
    drafts.place(note.id, at.x, at.y, { parent, slot });
    onAnnounce(`Moved private note “${short(note.text)}” to ${labelOf(key, from)}`);
  };
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
          <PrivateNote
            key={d.id}
            draft={d}
            drafts={drafts}
            place={groups.find((g) => g.key === draftGroupKey(d, elements)) ?? null}
            groups={groups}
            hintId={hint}
            moveHintId={moveHintId}
            onMove={(key) => move(d, key)}
            onAnnounce={onAnnounce}
          />
        ))}
      </ul>
    </section>
  );
}

function PrivateNote({
  draft,
  drafts,
  place,
  groups,
  hintId,
  moveHintId,
  onMove,
  onAnnounce,
}: {
  draft: Draft;
  drafts: Drafts;
  /** The group it joins when revealed (where it sits on the canvas). */
  place: MoveTarget | null;
  groups: readonly MoveTarget[];
  hintId: string;
  moveHintId: string;
  onMove: (key: string) => void;
  onAnnounce: (s: string) => void;
}) {
  const whereId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  // Written on the canvas meanwhile: shown here with the caret kept where it was.
  useLayoutEffect(() => {
    if (area.current) replaceKeepingSelection(area.current, draft.text);
  }, [draft.text]);
  const name = short(draft.text);
  const card: OutlineCard = { id: draft.id, text: draft.text, kind: 'sticky', votes: 0 };
  return (
    <li className="outline-card is-private" data-draft-id={draft.id}>
      <textarea
        ref={area}
        data-control="text"
        aria-label={`Private note: ${name} (only you can see this until the facilitator reveals it)`}
        aria-describedby={place ? `${hintId} ${whereId}` : hintId}
        dir="auto"
        defaultValue={draft.text}
        rows={Math.min(4, Math.max(1, Math.ceil(draft.text.length / 34)))}
        onChange={(e) => drafts.setText(draft.id, e.target.value)}
      />
      {/* On a line of its own: the "Move to" control below gets the row's width, as a card's does. */}
      <span className="outline-private-tag">
        <Icon name="lock" size={14} />
        {/* One piece of text, wrapping as a sentence does (not in two narrow columns). */}
        <span>
          Only you can see this
          {place && (
            <>
              <span aria-hidden="true"> · </span>
              <span id={whereId} data-testid="outline-private-where">
                {place.group.where}
              </span>
            </>
          )}
        </span>
      </span>
      <div className="outline-card-actions">
        <MoveSelect
          card={card}
          current={place?.key ?? ''}
          groups={groups}
          hintId={moveHintId}
          onMove={(_card, key) => onMove(key)}
        />
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
