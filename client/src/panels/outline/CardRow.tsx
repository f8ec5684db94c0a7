/** One card in the outline: its text, and what this user may do with it (move, delete). */
import type { Element } from '@truenorth/shared';
import { editable } from '../../app/actions';
import { useBoard } from '../../app/boardContext';
import type { OutlineCard } from '../../lib/outline';
import { short } from '../../lib/outlineNav';
import { Icon } from '../icons';
import { CardText } from './CardText';
import { MoveSelect } from './MoveSelect';

export function CardRow({
  card,
  groupKey,
  groups,
  element,
  moveHintId,
  onMove,
  onDelete,
}: {
  card: OutlineCard;
  groupKey: string;
  groups: readonly { key: string; label: string }[];
  /** The card's element, for whether it is this user's to change (locks). */
  element: Element | undefined;
  moveHintId: string;
  onMove: (card: OutlineCard, key: string) => void;
  onDelete: (card: OutlineCard) => void;
}) {
  const ctx = useBoard();
  // Locked cards are the facilitator's alone: no edits the server would undo again.
  const mayChange = editable(ctx, element);
  const locked = ctx.canEdit && !mayChange;
  const name = short(card.text);
  return (
    <li className="outline-card" data-card-id={card.id}>
      <CardText
        card={card}
        readOnly={!mayChange}
        label={`Card: ${name}${card.side ? ` (${card.side})` : ''}${locked ? ' (locked by the facilitator)' : ''}`}
      />
      {card.side && (
        <span className="outline-side" data-testid="outline-side">
          {card.side}
        </span>
      )}
      {locked && (
        <span className="outline-locked" title="Locked by the facilitator" data-testid="outline-locked">
          <Icon name="lock" size={14} /> Locked
        </span>
      )}
      {mayChange && (
        <div className="outline-card-actions">
          <MoveSelect card={card} current={groupKey} groups={groups} hintId={moveHintId} onMove={onMove} />
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
        </div>
      )}
    </li>
  );
}
