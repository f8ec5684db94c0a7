/**
 * "Move “X” to": a mouse user's choice from the open list moves the card at once; a keyboard
 * user browses with the arrows (the closed select changes on every arrow key) and the card moves
 * only on Enter or when the focus leaves — not once per destination passed, for everyone watching.
 * Escape puts the choice back.
 */
import { useRef, useState } from 'react';
import type { MoveTarget, OutlineCard } from '../../lib/outline';
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
  groups: readonly Pick<MoveTarget, 'key' | 'section' | 'choice'>[];
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
        {/* Listed under their exercise, each by its box alone: "Lean Business Model Canvas › Lean
            Canvas › Problem" in full is cut short in the closed field. */}
        {bySection(groups).map(({ section, choices }) => (
          <optgroup key={section.id ?? ''} label={section.title}>
            {choices.map((g) => (
              <option key={g.key} value={g.key}>
                {g.choice}
              </option>
            ))}
          </optgroup>
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

/** The choices in runs of one section each, in their order. */
function bySection<T extends Pick<MoveTarget, 'section'>>(groups: readonly T[]) {
  const runs: { section: MoveTarget['section']; choices: T[] }[] = [];
  for (const g of groups) {
    const last = runs.at(-1);
    if (last && last.section.id === g.section.id) last.choices.push(g);
    else runs.push({ section: g.section, choices: [g] });
  }
  return runs;
}
