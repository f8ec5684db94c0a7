/**
 * A group of the outline (a box's part, a theme, "In the frame", loose cards): a heading a
 * screen reader can jump to, its cards, and a field to add one. A Story Spine's step or a Road
 * Map's lane has its own controls under the heading (rename, add one after, remove).
 */
import type { Element } from '@truenorth/shared';
import { useState } from 'react';
import { addStickyTo, editable } from '../../app/actions';
import { useBoard } from '../../app/boardContext';
import { flash } from '../../lib/flash';
import { lanePartOf, type MoveTarget, type OutlineCard, type OutlineGroup } from '../../lib/outline';
import { short } from '../../lib/outlineNav';
import { Icon } from '../icons';
import { CardRow, type CardVote } from './CardRow';
import { LanePartControls, type PartFocus } from './LanePartControls';

export function Group({
  group,
  groups,
  byId,
  voteOf,
  moveHintId,
  onMove,
  onDelete,
  onVote,
  onAnnounce,
  partFocus,
  onPartFocus,
}: {
  group: OutlineGroup;
  groups: readonly MoveTarget[];
  /** The board's elements, for whether each card is this user's to change (locks). */
  byId: ReadonlyMap<string, Element>;
  voteOf: (card: OutlineCard) => CardVote;
  moveHintId: string;
  onMove: (card: OutlineCard, key: string) => void;
  onDelete: (card: OutlineCard) => void;
  onVote: (card: OutlineCard, cast: boolean) => void;
  onAnnounce: (s: string) => void;
  /** Where the focus goes among steps and lanes (see PartFocus). */
  partFocus: PartFocus | null;
  onPartFocus: (next: PartFocus | null) => void;
}) {
  const ctx = useBoard();
  const box = group.parent ? byId.get(group.parent) : undefined;
  const part = lanePartOf(box, group.slot);
  const [draft, setDraft] = useState('');
  const id = `grp-${group.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const add = () => {
    const text = draft.trim();
    if (!text) return;
    const added = addStickyTo(
      ctx,
      group.rect,
      { parent: group.parent, slot: group.slot },
      text,
      group.cards.length,
    );
    if (!added) return;
    setDraft('');
    if (added.private) {
      // Not in this group (it lists the board) until the facilitator reveals the round: say where it went.
      const message = `“${short(text)}” is a private note until the facilitator reveals the round: it is listed under Your private notes, at the top.`;
      onAnnounce(message);
      flash.show(message);
    } else onAnnounce(`Added “${short(text)}” to ${group.label}`);
  };
  return (
    // A group, not a landmark: with ~40 of them, landmarks would drown the exercises' regions.
    // Not a fieldset either: its name is a heading (h4) that a screen reader can jump to.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <section className="outline-group" role="group" aria-labelledby={id} data-group-key={group.key}>
      <h4 id={id} tabIndex={-1}>
        {group.label} <span className="count">({group.cards.length})</span>
      </h4>
      {group.hint && (
        <p className="outline-hint" id={`${id}-hint`}>
          {group.hint}
        </p>
      )}
      {/* A locked swimlanes is the facilitator's: its steps and lanes are hers to change. */}
      {part && box?.type === 'swimlanes' && editable(ctx, box) && (
        <LanePartControls
          box={box}
          part={part}
          focus={partFocus}
          onFocus={onPartFocus}
          onAnnounce={onAnnounce}
        />
      )}
      <ul>
        {group.cards.map((c) => (
          <CardRow
            key={c.id}
            card={c}
            groupKey={group.key}
            groups={groups}
            element={byId.get(c.id)}
            vote={voteOf(c)}
            moveHintId={moveHintId}
            onMove={onMove}
            onDelete={onDelete}
            onVote={onVote}
          />
        ))}
      </ul>
      {ctx.canEdit && (
        <form
          className="outline-add"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <input
            type="text"
            data-control="add"
            // A card written in Arabic or Hebrew reads right to left while it is typed.
            dir="auto"
            value={draft}
            maxLength={2000}
            placeholder="Add a card…"
            aria-label={`New card ${group.where}`}
            aria-describedby={group.hint ? `${id}-hint` : undefined}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button
            type="submit"
            className="tool tool-small"
            aria-label={`Add card ${group.where}`}
            disabled={!draft.trim()}
          >
            <Icon name="plus" size={16} />
          </button>
        </form>
      )}
    </section>
  );
}
