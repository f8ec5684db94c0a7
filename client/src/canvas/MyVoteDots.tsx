/**
 * Your own dots in an open dot vote, drawn over the canvas in HTML as FigJam shows them: each card
 * you voted for carries one dot per vote of yours (one dot "×N" past VOTE_DOTS_MAX), across its
 * bottom edge, and a click or tap on them takes one of those votes back. They come from this
 * viewer's workshop view (`vote.mine`), which the server sends to nobody else: the vote stays
 * anonymous until the reveal, whose counts (VoteBadges) then replace them.
 *
 * Mounted only while a vote is open and you have votes in it. A pan or zoom frame renders nothing
 * in React: the dots are moved by the viewport's subscription, as the stage is.
 */
import { type ElementOf, intersects } from '@truenorth/shared';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { short } from '../lib/outlineNav';
import { type Viewport, worldToScreen } from './viewport';

/** Up to this many votes on one card show as that many dots; more as one dot with "×N". */
export const VOTE_DOTS_MAX = 3;

interface Props {
  /** This viewer's votes: card ids, one entry per vote. */
  mine: readonly string[];
  /** Takes one of this viewer's votes on the card back (its text, to say which). */
  retract: (cardId: string, text: string) => void;
}

export function MyVoteDots({ mine, retract }: Props) {
  const ctx = useBoard();
  const { viewport } = ctx;
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  // The cards with votes of this viewer, in the order first voted for, with how many each.
  const cards = useMemo(() => {
    const counts = new Map<string, number>();
    for (const id of mine) counts.set(id, (counts.get(id) ?? 0) + 1);
    const out: { el: ElementOf<'sticky'>; n: number }[] = [];
    for (const [id, n] of counts) {
      const el = board.byId.get(id);
      if (el?.type === 'sticky') out.push({ el, n });
    }
    return out;
  }, [mine, board]);

  const layer = useRef<HTMLDivElement>(null);
  const place = useCallback(
    (v: Viewport) => {
      const root = layer.current;
      if (!root) return;
      const visible = viewport.visible();
      for (const { el } of cards) {
        const button = root.querySelector<HTMLElement>(`[data-card="${CSS.escape(el.id)}"]`);
        if (!button) continue;
        // Off screen it is not there (nor reachable with Tab, which would scroll the layer).
        button.hidden = !intersects(el, visible);
        if (button.hidden) continue;
        // Across the card's bottom edge, from its left corner (a finger's bigger target reaches
        // below the dots): clear of the text at the top left, the author's initials at the bottom
        // right and an earlier vote's count at the top right, and covering little of the card,
        // which a click votes on. A card drawn small (zoomed far out) has them centred under it,
        // hanging below, so that most of it is still there to vote on. Reading the sizes costs no
        // layout: a pan frame only changes transforms.
        const at = worldToScreen(v, { x: el.x, y: el.y + el.h });
        const card = { w: el.w * v.scale, h: el.h * v.scale };
        const target = button.offsetWidth;
        const tag = button.firstElementChild as HTMLElement | null;
        const tagW = tag?.offsetWidth ?? target;
        const x = card.w >= tagW + 8 ? at.x + 4 - (target - tagW) / 2 : at.x + (card.w - target) / 2;
        const y = at.y - Math.min((tag?.offsetHeight ?? 0) / 2, card.h / 4);
        button.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      }
    },
    [cards, viewport],
  );
  useLayoutEffect(() => place(viewport.get()), [place, viewport]);
  useEffect(() => viewport.subscribe(place), [viewport, place]);

  // The wheel over a dot pans and zooms the canvas as it does everywhere else on it.
  useEffect(() => {
    const root = layer.current;
    if (!root) return;
    const forward = (e: WheelEvent) => {
      const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]');
      if (!canvas) return;
      e.preventDefault();
      canvas.dispatchEvent(new WheelEvent('wheel', e));
    };
    root.addEventListener('wheel', forward, { passive: false });
    return () => root.removeEventListener('wheel', forward);
  }, []);

  return (
    <div className="vote-mine-layer" ref={layer} data-testid="vote-mine">
      {cards.map(({ el, n }) => {
        const text = short(el.text);
        return (
          <button
            key={el.id}
            type="button"
            className="vote-mine"
            data-card={el.id}
            aria-label={`Take back your vote from “${text}”${n > 1 ? ` (${n} of your votes are on it)` : ''}`}
            title="Take back a vote"
            onClick={() => retract(el.id, el.text)}
          >
            <span className="vote-mine-pill">
              {Array.from({ length: n > VOTE_DOTS_MAX ? 1 : n }, (_, i) => (
                <span
                  // biome-ignore lint/suspicious/noArrayIndexKey: the dots of one card are alike
                  key={i}
                  className="vote-mine-dot"
                  data-testid="vote-mine-dot"
                  data-element-id={el.id}
                />
              ))}
              {n > VOTE_DOTS_MAX && <span className="vote-mine-count">×{n}</span>}
            </span>
          </button>
        );
      })}
    </div>
  );
}
