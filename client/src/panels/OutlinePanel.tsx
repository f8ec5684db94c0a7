/**
 * The outline view: the same document as the canvas, as headings, lists and form controls, so
 * it works with the keyboard alone and reads well in a screen reader. Cards can be added,
 * edited, moved between groups, voted for and deleted; each change is announced, and the focus
 * stays on the card a user is working on while others change the board (useFocusKeeper).
 * Escape (or O, or its Close button) closes it and gives the focus back to its toggle.
 */
import { deleteElements, setMembership, updateElement } from '@truenorth/shared';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { slotPosition } from '../app/actions';
import { useBoard } from '../app/boardContext';
import { allGroups, buildOutline, type OutlineCard } from '../lib/outline';
import { short } from '../lib/outlineNav';
import { currentFrameId } from '../sync/agenda';
import type { WorkshopClient } from '../sync/workshop';
import { Icon } from './icons';
import { Group } from './outline/Group';
import type { PartFocus } from './outline/LanePartControls';
import { PrivateNotes } from './outline/PrivateNotes';
import { useFocusKeeper } from './outline/useFocusKeeper';
import { useOutlineVote } from './outline/useOutlineVote';
import { usePrivateNotes } from './privateNotes';

const MOVE_HINT_ID = 'outline-move-hint';

export function OutlinePanel({
  onClose,
  returnFocus,
  workshop,
  startAtVote = false,
}: {
  onClose: () => void;
  /**
   * Opened from the vote banner's "Vote from a list": the focus goes to where the cards being
   * voted on are listed (their exercise, or the first theme voted on), scrolled to the top.
   */
  startAtVote?: boolean;
  /** Puts the focus on the control that opens the outline (called as it closes). */
  returnFocus: () => void;
  workshop: WorkshopClient;
}) {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const sections = useMemo(() => buildOutline(board.elements), [board]);
  const groups = useMemo(() => allGroups(sections), [sections]);
  const [announcement, announce] = useAnnouncer();
  const root = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const startVote = useRef(startAtVote ? workshop.getSnapshot().view?.vote : null);
  // Only as it opens: afterwards the focus is the user's.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    const vote = startVote.current;
    const id = vote ? firstVotedCard(sections, vote) : null;
    const first = id ? root.current?.querySelector(`li[data-card-id="${CSS.escape(id)}"]`) : null;
    const where = first?.closest(vote?.scope.kind === 'themes' ? '.outline-group' : '.outline-section');
    const target = where?.querySelector<HTMLElement>('h3, h4') ?? heading.current;
    if (target !== heading.current) target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, []);

  // Closing with the focus inside (or lost with it) hands it to the outline's toggle, not <body>.
  const giveBack = useRef(returnFocus);
  giveBack.current = returnFocus;
  useLayoutEffect(() => {
    const panel = root.current;
    return () => {
      const active = document.activeElement;
      if (!active || active === document.body || panel?.contains(active)) giveBack.current();
    };
  }, []);

  /** How a group is named in "Moved … to …", seen from the group the card was in. */
  const moveLabel = (key: string, from: string) => {
    const to = groups.find((g) => g.key === key);
    const before = groups.find((g) => g.key === from);
    // Within the same exercise the group's name says enough.
    return to && before && sectionOf(sections, key) === sectionOf(sections, from)
      ? to.group.label
      : (to?.label ?? 'another group');
  };
  const keeper = useFocusKeeper(root, announce, moveLabel);
  // A step or lane added, renamed or removed: where the focus goes next (its group may be new).
  const [partFocus, setPartFocus] = useState<PartFocus | null>(null);

  const visible = sections.filter((s) => s.id !== null || s.groups.some((g) => g.cards.length || g.parent));

  const moveCard = (card: OutlineCard, key: string) => {
    const target = groups.find((g) => g.key === key);
    if (!target || !ctx.canEdit) return;
    const { doc, origin } = ctx.session;
    const g = target.group;
    keeper.movingHere(card.id);
    doc.transact(() => {
      setMembership(doc, card.id, g.parent, g.slot, origin);
      if (g.rect) updateElement(doc, card.id, slotPosition(g.rect, g.cards.length) as never, origin);
    }, origin);
    announce(`Moved “${short(card.text)}” to ${target.label}`);
  };

  const deleteCard = (card: OutlineCard) => {
    keeper.deletingHere(card.id);
    deleteElements(ctx.session.doc, [card.id], ctx.session.origin);
    announce(`Deleted “${short(card.text)}”`);
  };

  const voting = useOutlineVote(workshop, ctx.role, announce);
  // A participant's private notes: on no board yet, listed first while they are private.
  const privateNotes = usePrivateNotes(ctx.session);
  // The exercise the workshop is on, marked in the list and its heading ("· now"): the canvas
  // shows it by where the view is, which a screen-reader user does not see.
  const current = currentFrameId(useSyncExternalStore(workshop.subscribe, workshop.getSnapshot).view);

  return (
    <aside
      ref={root}
      className="outline"
      aria-label="Outline"
      data-own-keys
      data-testid="outline"
      onKeyDown={(e) => {
        // Controls that use Escape themselves (a move being chosen) take it first.
        if (e.key !== 'Escape' || e.defaultPrevented || e.nativeEvent.isComposing) return;
        e.preventDefault();
        onClose();
      }}
    >
      <div className="outline-head">
        <h2 ref={heading} tabIndex={-1}>
          Outline
        </h2>
        <button type="button" className="tool" aria-label="Close outline" onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <div className="sr-only" aria-live="polite" data-testid="outline-announcement">
        {announcement}
      </div>
      <p className="sr-only" id={MOVE_HINT_ID}>
        Press Enter to move
      </p>
      {voting.bar}
      <div className="outline-body">
        {privateNotes && (
          <PrivateNotes
            drafts={privateNotes}
            elements={board.elements}
            groups={groups}
            moveHintId={MOVE_HINT_ID}
            labelOf={moveLabel}
            onAnnounce={announce}
          />
        )}
        {visible.length > 2 && (
          <nav className="outline-jump" aria-label="Exercises">
            <span aria-hidden="true">Jump to:</span>
            <ul>
              {visible.map((s) => (
                <li key={s.id ?? 'outside'}>
                  <a
                    href={`#${sectionId(s.id)}`}
                    aria-current={s.id !== null && s.id === current ? 'step' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(sectionId(s.id))?.focus();
                    }}
                  >
                    {s.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {visible.map((s) => (
          <section
            key={s.id ?? 'outside'}
            className="outline-section"
            aria-labelledby={sectionId(s.id)}
            data-section-id={s.id ?? ''}
          >
            <h3 id={sectionId(s.id)} tabIndex={-1}>
              {s.title}
              {s.id !== null && s.id === current && (
                <span className="outline-now" data-testid="outline-now">
                  {' · now'}
                </span>
              )}
            </h3>
            {s.intro && (
              <p className="outline-intro" data-testid="outline-intro">
                {s.intro.text}
              </p>
            )}
            {s.groups.map((g) => (
              <Group
                key={g.key}
                group={g}
                groups={groups}
                byId={board.byId}
                voteOf={voting.voteOf}
                moveHintId={MOVE_HINT_ID}
                onMove={moveCard}
                onDelete={deleteCard}
                onVote={voting.vote}
                onAnnounce={announce}
                partFocus={partFocus}
                onPartFocus={setPartFocus}
              />
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}

/** The first card (in the outline's reading order) that a vote is on. */
function firstVotedCard(
  sections: ReturnType<typeof buildOutline>,
  vote: { cardIds: readonly string[] },
): string | null {
  const eligible = new Set(vote.cardIds);
  for (const s of sections)
    for (const g of s.groups) {
      const card = g.cards.find((c) => eligible.has(c.id));
      if (card) return card.id;
    }
  return null;
}

const sectionId = (id: string | null) => `outline-sec-${(id ?? 'outside').replace(/[^A-Za-z0-9_-]/g, '_')}`;

function sectionOf(sections: ReturnType<typeof buildOutline>, key: string): string | null | undefined {
  return sections.find((s) => s.groups.some((g) => g.key === key))?.id;
}

/**
 * The polite live region's text. Saying the same thing twice (two cards deleted with the same
 * text) changes it by an invisible space, or screen readers would stay silent the second time.
 */
function useAnnouncer(): [string, (message: string) => void] {
  const [message, setMessage] = useState('');
  const say = useCallback(
    (next: string) => setMessage((prev) => (prev === next ? `${next}\u00a0` : next)),
    [],
  );
  return [message, say];
}
