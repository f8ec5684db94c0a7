/**
 * "Move “X” to": a mouse user's choice from the open list moves the card at once; a keyboard
 * user browses with the arrows (the closed select changes on every arrow key) and the card moves
 * only on Enter or when the focus leaves — not once per destination passed, for everyone watching.
 * Escape puts the choice back.
 */
import { useRef, useState } from 'react';
import type { OutlineCard } from '../../lib/outline';
import { changesSelectValue, short } from '../../lib/outlineNav';

export function MoveSelect({
  card,
  current,
  groups,
  hintId,
  onMove,
}: {
  card: OutlineCard;
  /** The key of the group the card is in. */
  current: string;
  groups: readonly { key: string; label: string }[];
  /** The element saying "Press Enter to move". */
  hintId: string;
  onMove: (card: OutlineCard, key: string) => void;
}) {
  const [pending, setPending] = useState<string | null>(null);
  // The next change comes from a key that steps through the options, not from the open list.
  const stepping = useRef(false);
  const commit = (key: string | null) => {
    setPending(null);
    if (key !== null && key !== current) onMove(card, key);
  };
  return (
    <>
      <select
        data-control="move"
        aria-label={`Move “${short(card.text)}” to`}
        aria-describedby={hintId}
        value={pending ?? current}
        onKeyDown={(e) => {
          stepping.current = changesSelectValue(e);
          if (pending === null) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(pending);
          } else if (e.key === 'Escape') {
            // Taken here: the outline closes on Escape only when nothing is being chosen.
            e.preventDefault();
            setPending(null);
          }
        }}
        onKeyUp={() => {
          stepping.current = false;
        }}
        onPointerDown={() => {
          stepping.current = false;
        }}
        onChange={(e) => {
          const key = e.target.value;
          if (!stepping.current) return commit(key);
          stepping.current = false;
          setPending(key === current ? null : key);
        }}
        onBlur={(e) => {
          const select = e.currentTarget;
          const chosen = pending;
          if (chosen === null) return;
          // After the focus has arrived where it goes (a microtask would run between the blur and
          // the focus, and the card would be redrawn under a focus still on its way). A select
          // removed from the page (its card moved or went) blurs too: that is no choice.
          setTimeout(() => {
            if (select.isConnected) commit(chosen);
          });
        }}
      >
        {groups.map((g) => (
          <option key={g.key} value={g.key}>
            {g.label}
          </option>
        ))}
      </select>
      {pending !== null && (
        <span className="outline-pending" aria-hidden="true" data-testid="outline-move-pending">
          Press Enter to move
        </span>
      )}
    </>
  );
}
