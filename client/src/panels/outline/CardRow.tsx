/** One card in the outline: its text, and what this user may do with it (move, vote, delete). */
import type { Element } from '@truenorth/shared';
import { editable } from '../../app/actions';
import { useBoard } from '../../app/boardContext';
import type { MoveTarget, OutlineCard } from '../../lib/outline';
import { short } from '../../lib/outlineNav';
import { Icon } from '../icons';
import { CardText } from './CardText';
import { MoveSelect } from './MoveSelect';

/** The vote as one card sees it. */
export interface CardVote {
  /** A vote is open and this user may vote for this card. */
  votable: boolean;
  /** This user's votes on it. */
  mine: number;
  /** Shown once revealed (the count the server wrote on the card). */
  shownCount: number | null;
}

export function CardRow({
  card,
  groupKey,
  groups,
  element,
  vote,
  moveHintId,
  onMove,
  onDelete,
  onVote,
}: {
  card: OutlineCard;
  groupKey: string;
  groups: readonly MoveTarget[];
  /** The card's element, for whether it is this user's to change (locks). */
  element: Element | undefined;
  vote: CardVote;
  moveHintId: string;
  onMove: (card: OutlineCard, key: string) => void;
  onDelete: (card: OutlineCard) => void;
  onVote: (card: OutlineCard, cast: boolean) => void;
}) {
  const ctx = useBoard();
  // Locked cards are the facilitator's alone: no edits the server would undo again.
  const mayChange = editable(ctx, element);
  const locked = ctx.canEdit && !mayChange;
  const votes =
    vote.shownCount === null ? '' : `, ${vote.shownCount} ${vote.shownCount === 1 ? 'vote' : 'votes'}`;
  const name = short(card.text);
  return (
    <li className="outline-card" data-card-id={card.id}>
      <CardText
        card={card}
        readOnly={!mayChange}
        label={`Card: ${name}${card.side ? ` (${card.side})` : ''}${votes}${locked ? ' (locked by the facilitator)' : ''}`}
      />
      {card.side && (
        <span className="outline-side" data-testid="outline-side">
          {card.side}
        </span>
      )}
      {vote.shownCount !== null && (
        <span className="outline-votes" data-testid="outline-votes" aria-hidden="true">
          {vote.shownCount} {vote.shownCount === 1 ? 'vote' : 'votes'}
        </span>
      )}
      {locked && (
        <span className="outline-locked" title="Locked by the facilitator" data-testid="outline-locked">
          <Icon name="lock" size={14} /> Locked
        </span>
      )}
      {(mayChange || vote.votable) && (
        <div className="outline-card-actions">
          {vote.votable && (
            <button
              type="button"
              data-control="vote"
              className={`outline-vote${vote.mine ? ' is-active' : ''}`}
              aria-pressed={vote.mine > 0}
              aria-label={vote.mine ? `Remove vote from “${name}”` : `Vote for “${name}”`}
              onClick={() => onVote(card, vote.mine === 0)}
            >
              {vote.mine ? `Voted${vote.mine > 1 ? ` ×${vote.mine}` : ''}` : 'Vote'}
            </button>
          )}
          {mayChange && (
            <>
              <MoveSelect
                card={card}
                current={groupKey}
                groups={groups}
                hintId={moveHintId}
                onMove={onMove}
              />
              <button
                type="button"
                data-control="delete"
                className="tool tool-small"
                aria-label={`Delete “${name}”`}
                title="Delete card"
                onClick={() => onDelete(card)}
              >
                <Icon name="trash" size={16} />
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
