/**
 * Revealed dot votes, drawn over the canvas in HTML above everyone's selection outlines and name
 * tags (the presence layer), as Miro and FigJam show them: a count on the card's top-right corner
 * that stays legible at any zoom — never smaller than VOTE_BADGE_MIN_PX across on screen, and
 * growing with the card when zoomed in. The PNG export draws the same badge on the card itself.
 *
 * While a new vote is open, the cards in it show no earlier count: a vote is revealed at once, and
 * last round's numbers on the cards being voted on would steer this round.
 */
import { type ElementOf, intersects } from '@truenorth/shared';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import type { WorkshopClient } from '../sync/workshop';
import { BADGE_INSET, BADGE_R } from './elements/Sticky';
import { worldToScreen } from './viewport';

/** The smallest a badge is on screen (px across): readable at the zoom a whole exercise is seen at. */
export const VOTE_BADGE_MIN_PX = 30;

export function VoteBadges({ workshop }: { workshop: WorkshopClient }) {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const vote = useSyncExternalStore(workshop.subscribe, workshop.getSnapshot).view?.vote;
  const open = vote?.status === 'open' ? vote.cardIds : null;
  const voted = useMemo(() => {
    const inVote = new Set(open ?? []);
    return board.elements.filter(
      (e): e is ElementOf<'sticky'> => e.type === 'sticky' && e.votes > 0 && !inVote.has(e.id),
    );
  }, [board, open]);
  // Without revealed votes nothing follows the view: a pan frame renders nothing here.
  return voted.length === 0 ? null : <Badges voted={voted} />;
}

/** The badges of the cards with votes, moving with the view (re-rendered per pan frame). */
function Badges({ voted }: { voted: readonly ElementOf<'sticky'>[] }) {
  const ctx = useBoard();
  const { viewport } = ctx;
  const subscribe = useCallback((fn: () => void) => viewport.subscribe(fn), [viewport]);
  const v = useSyncExternalStore(subscribe, viewport.get);
  const visible = viewport.visible();
  const size = Math.max(VOTE_BADGE_MIN_PX, 2 * BADGE_R * v.scale);
  return (
    <div className="vote-badges" aria-hidden="true">
      {voted.map((el) => {
        if (!intersects(el, visible)) return null;
        const c = worldToScreen(v, { x: el.x + el.w - BADGE_INSET, y: el.y + BADGE_INSET });
        return (
          <span
            key={el.id}
            className="vote-badge"
            data-testid="vote-badge"
            data-element-id={el.id}
            style={{
              transform: `translate(${c.x - size / 2}px, ${c.y - size / 2}px)`,
              width: size,
              height: size,
              fontSize: Math.round(size * 0.5),
            }}
          >
            {el.votes}
          </span>
        );
      })}
    </div>
  );
}
