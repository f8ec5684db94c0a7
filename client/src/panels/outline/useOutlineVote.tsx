import type { Role } from '@truenorth/shared';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { OutlineCard } from '../../lib/outline';
import { short } from '../../lib/outlineNav';
import type { WorkshopClient } from '../../sync/workshop';
import type { CardVote } from './CardRow';

/**
 * Dot voting from the outline: while a vote is open, each card in it gets a toggle, and the votes
 * left are shown; the server counts (as for the canvas's clicks) and its refusals are shown and
 * announced; once revealed, each card shows its count.
 */
export function useOutlineVote(
  workshop: WorkshopClient,
  role: Role,
  announce: (message: string) => void,
): {
  bar: React.ReactNode;
  voteOf: (card: OutlineCard) => CardVote;
  vote: (card: OutlineCard, cast: boolean) => void;
} {
  const snap = useSyncExternalStore(workshop.subscribe, workshop.getSnapshot);
  const vote = snap.view?.vote ?? null;
  const open = vote?.status === 'open' && role !== 'observer' ? vote : null;
  const eligible = useMemo(() => new Set(vote?.cardIds ?? []), [vote]);
  const mine = useMemo(() => {
    const counts = new Map<string, number>();
    for (const id of vote?.mine ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }, [vote]);

  // What this user asked for, said once the server's answer comes (the new count, or why not).
  const asked = useRef<string | null>(null);
  const remaining = open?.remaining;
  useEffect(() => {
    if (asked.current === null || remaining === undefined) return;
    announce(`${asked.current}. ${remaining} ${remaining === 1 ? 'vote' : 'votes'} left`);
    asked.current = null;
  }, [remaining, announce]);
  const error = snap.error?.command?.startsWith('vote.') ? snap.error : null;
  useEffect(() => {
    if (error) asked.current = null;
  }, [error]);

  const voteOf = (card: OutlineCard): CardVote => ({
    votable: open !== null && eligible.has(card.id),
    mine: mine.get(card.id) ?? 0,
    shownCount:
      card.votes > 0 || (vote?.status === 'revealed' && eligible.has(card.id))
        ? (vote?.tallies?.[card.id] ?? card.votes)
        : null,
  });

  const send = (card: OutlineCard, cast: boolean) => {
    const sent = workshop.send(
      cast ? { type: 'vote.cast', cardId: card.id } : { type: 'vote.retract', cardId: card.id },
    );
    // Not connected: the workshop client says so, as a refusal (shown and read out below).
    if (!sent) return;
    asked.current = cast ? `Voted for “${short(card.text)}”` : `Vote removed from “${short(card.text)}”`;
  };

  const bar =
    open || error ? (
      <div className="outline-vote-bar">
        {open && (
          <p data-testid="outline-votes-left">
            Dot voting: {open.remaining} of {open.votesPerPerson} votes left
          </p>
        )}
        {error && (
          <p className="workshop-error" role="alert" data-testid="outline-vote-error">
            {error.message}
          </p>
        )}
      </div>
    ) : vote?.status === 'revealed' ? (
      <div className="outline-vote-bar">
        <p>Votes revealed: each card shows its count.</p>
      </div>
    ) : null;

  return { bar, voteOf, vote: send };
}
