/**
 * Everything of the workshop on one board: the control channel, the timer, the panel, follow-me
 * (the facilitator's viewport drives everyone else's) and vote clicks on cards. The control
 * channel itself is the board's (the outline votes through it too).
 */
import type { ElementOf, Role, WorkshopView } from '@truenorth/shared';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { showElement } from '../app/actions';
import { useBoard } from '../app/boardContext';
import { focusOf, leadOf, regionOf } from '../canvas/followView';
import { MyVoteDots } from '../canvas/MyVoteDots';
import { screenToWorld } from '../canvas/viewport';
import { short } from '../lib/outlineNav';
import { throttle } from '../lib/throttle';
import { currentFrameId } from '../sync/agenda';
import { Drafts, setDraftSink } from '../sync/drafts';
import { setPresence } from '../sync/presence';
import { browserKey, type WorkshopClient } from '../sync/workshop';
import { DraftsLayer } from './DraftsLayer';
import { sharePrivateNotes } from './privateNotes';
import { TimerDisplay } from './TimerDisplay';
import { useLiveText } from './useLiveText';
import { VoteHow, WorkshopPanel } from './WorkshopPanel';
import { votesLeftNews, workshopNews } from './workshopNews';

export function WorkshopLayer({
  role,
  client,
  outlineOpen,
  voteFromList,
}: {
  role: Role;
  client: WorkshopClient;
  /** The outline is open (it has the vote's list and says what its own votes did). */
  outlineOpen: boolean;
  /** Opens the outline at the cards being voted on, each with its Vote button. */
  voteFromList: () => void;
}) {
  const ctx = useBoard();
  const snap = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const view = snap.view;
  const { viewport } = ctx;

  // What changed in the workshop, read out: the step, a private round, a vote, the timer. Only what
  // the server says live, compared with what it said before during this visit.
  // With them, this user's votes left as they change (the banner's count is not read out by itself).
  const [news, say] = useLiveText();
  const liveView = snap.live ? view : null;
  const lastView = useRef<WorkshopView | null>(null);
  // What a tap or click on the canvas asked of the vote, said with the server's answer.
  const askedVote = useRef<string | null>(null);
  const outlineIsOpen = useRef(outlineOpen);
  outlineIsOpen.current = outlineOpen;
  useEffect(() => {
    if (!liveView) return;
    const lines = workshopNews(lastView.current, liveView, role);
    const left =
      role === 'observer'
        ? null
        : votesLeftNews(lastView.current?.vote, liveView.vote, {
            asked: askedVote.current,
            outlineOpen: outlineIsOpen.current,
          });
    if (left) {
      lines.push(left);
      askedVote.current = null;
    }
    lastView.current = liveView;
    if (lines.length > 0) say(lines.join(' '));
  }, [liveView, role, say]);
  // Refused (no votes left, the vote just ended): the refusal is shown and said where it shows.
  const voteError = snap.error?.command?.startsWith('vote.') ? snap.error : null;
  useEffect(() => {
    if (voteError) askedVote.current = null;
  }, [voteError]);

  // Private brainstorming: a participant's new notes go to drafts kept only in this browser, and
  // are published when the view says their round was revealed (also after being offline then).
  const [drafts] = useState(() =>
    role === 'participant' ? new Drafts(ctx.session.boardId, browserKey()) : null,
  );
  useEffect(() => () => drafts?.destroy(), [drafts]);
  // The outline lists them too (for rereading them with a screen reader before the reveal).
  useEffect(() => {
    sharePrivateNotes(ctx.session, drafts);
    return () => sharePrivateNotes(ctx.session, null);
  }, [drafts, ctx.session]);
  const privateActive = view?.private.active ?? false;
  const privateRound = view?.private.round ?? 0;
  const knowsPrivate = view !== null;
  useEffect(() => {
    if (!drafts || !knowsPrivate) return;
    const { session } = ctx;
    const state = { active: privateActive, round: privateRound };
    setDraftSink(session, privateActive ? { drafts, round: privateRound } : null);
    let live = true;
    void drafts.ready.then(() => {
      if (live) drafts.publish(session.doc, session.origin, state);
    });
    return () => {
      live = false;
      setDraftSink(session, null);
    };
  }, [drafts, ctx, knowsPrivate, privateActive, privateRound]);

  // Follow-me shows a region: the world under the part of the leader's canvas no panel covers
  // (its centre, zoom and screen size travel in the control message).
  const followViewport = () => leadOf(viewport.get(), viewport.clearArea());

  // Someone opening the board while the workshop runs lands on the step it is on rather than on
  // the first exercise — unless they have moved the view already, or follow-me shows them the
  // facilitator's. Once per visit: afterwards the view is theirs.
  const landed = useRef(false);
  const hasView = view !== null;
  const currentFrame = currentFrameId(view);
  const followed = view?.follow.active === true && role !== 'facilitator';
  useEffect(() => {
    if (landed.current || !hasView) return;
    const land = (): boolean => {
      if (currentFrame === null || followed || viewport.showing === 'chosen') return true;
      return showElement(ctx, currentFrame, { opening: true });
    };
    if (land()) {
      landed.current = true;
      return;
    }
    // The view came before the board's content: land once the step's frame is here.
    const off = ctx.store.subscribe(() => {
      if (land()) {
        landed.current = true;
        off();
      }
    });
    return off;
  }, [hasView, currentFrame, followed, viewport, ctx]);

  // The facilitator leads: while follow-me is on, their viewport goes to the server.
  const leading = role === 'facilitator' && view?.follow.active === true;
  useEffect(() => {
    if (!leading) return;
    const send = throttle(() => {
      client.send(
        { type: 'follow.viewport', viewport: leadOf(viewport.get(), viewport.clearArea()) },
        { quiet: true },
      );
    }, 120);
    const off = viewport.subscribe(send);
    send();
    return () => {
      off();
      send.cancel();
    };
  }, [leading, client, viewport]);

  // A follower who moves their own view (pans, zooms, shows another exercise) stops following, as
  // in Figma or Miro: the facilitator's next scroll no longer pulls them back. They follow again
  // when they choose to, or when the facilitator starts follow-me anew.
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (!followed) {
      setPaused(false);
      return;
    }
    return viewport.onMove(() => setPaused(true));
  }, [followed, viewport]);

  // Everyone else follows: the leader's region, fitted into their own clear area (a leader that
  // sent no size is taken to have a screen like this one).
  const target = followed && !paused ? (view?.follow.viewport ?? null) : null;
  useEffect(() => {
    if (!target) return;
    const size = target.w !== undefined && target.h !== undefined ? { w: target.w, h: target.h } : null;
    const region = regionOf(target, size ?? viewport.clearArea());
    const frames = ctx.store.getSnapshot().elements.filter((e) => e.type === 'frame');
    viewport.follow(region, focusOf(region, frames) ?? undefined);
  }, [target, viewport, ctx.store]);

  // In a vote, a click (not a drag) on an eligible card casts a vote for it — and only that, as in
  // FigJam's voting mode: the press never reaches the canvas, so the card is neither selected (no
  // selection bar here, no outline on everyone else's screen) nor dragged, and two quick votes are
  // not a double click that opens it for editing. Elsewhere the canvas works as ever.
  const voting = view?.vote?.status === 'open' && role !== 'observer' ? view.vote : null;

  // Votes are anonymous until the reveal, and a cursor resting on a card would tell everyone what
  // its owner is voting for: while a vote is open nobody's cursor is sent (as in FigJam's voting).
  // It shows again with the next move after the vote.
  const voteOpen = view?.vote?.status === 'open';
  useEffect(() => {
    ctx.cursorHidden.current = voteOpen;
    if (voteOpen) setPresence(ctx.session.provider.awareness, { cursor: null });
    return () => {
      ctx.cursorHidden.current = false;
    };
  }, [voteOpen, ctx]);
  useEffect(() => {
    if (!voting) return;
    const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]');
    if (!canvas) return;
    const eligible = new Set(voting.cardIds);
    const cardAt = (e: { clientX: number; clientY: number }) => {
      const rect = canvas.getBoundingClientRect();
      const p = screenToWorld(viewport.get(), { x: e.clientX - rect.left, y: e.clientY - rect.top });
      return [...ctx.store.getSnapshot().elements]
        .reverse()
        .find(
          (el): el is ElementOf<'sticky'> =>
            el.type === 'sticky' &&
            eligible.has(el.id) &&
            p.x >= el.x &&
            p.x <= el.x + el.w &&
            p.y >= el.y &&
            p.y <= el.y + el.h,
        );
    };
    let down: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent) => {
      down = null;
      if (e.button !== 0 || !cardAt(e)) return;
      down = { x: e.clientX, y: e.clientY };
      e.stopPropagation();
    };
    // The mouse and touch events of the same press, which select on the canvas.
    const swallow = (e: MouseEvent | TouchEvent) => {
      const at = 'touches' in e ? (e.touches.length === 1 ? e.touches[0] : undefined) : e;
      if (at && (!('button' in at) || at.button === 0) && cardAt(at)) e.stopPropagation();
    };
    const onUp = (e: PointerEvent) => {
      if (!down || e.button !== 0 || Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4) return;
      down = null;
      const hit = cardAt(e);
      if (hit && client.send({ type: 'vote.cast', cardId: hit.id }))
        askedVote.current = `Voted for “${short(hit.text)}”`;
    };
    canvas.addEventListener('pointerdown', onDown, true);
    canvas.addEventListener('mousedown', swallow, true);
    canvas.addEventListener('touchstart', swallow, true);
    canvas.addEventListener('dblclick', swallow, true);
    canvas.addEventListener('pointerup', onUp);
    return () => {
      canvas.removeEventListener('pointerdown', onDown, true);
      canvas.removeEventListener('mousedown', swallow, true);
      canvas.removeEventListener('touchstart', swallow, true);
      canvas.removeEventListener('dblclick', swallow, true);
      canvas.removeEventListener('pointerup', onUp);
    };
  }, [voting, client, viewport, ctx.store]);

  return (
    <>
      <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="workshop-announcement">
        {news}
      </div>
      <TimerDisplay client={client} snap={snap} announce={say} />
      {drafts && <DraftsLayer drafts={drafts} />}
      {privateActive && (
        // A phone's banner says it in one short sentence (`.private-short`), which fits a line or
        // two under the top bar; a wide window keeps the whole wording (`.private-long`). Only the
        // one shown is read out: the other is display:none.
        <div className="private-banner" data-testid="private-banner">
          {role === 'participant' && (
            <>
              <span className="private-long">
                Private brainstorming · your new notes stay on your screen until the reveal
              </span>
              <span className="private-short">Your notes are private until the facilitator reveals them</span>
            </>
          )}
          {role === 'observer' && (
            <>
              <span className="private-long">
                Private brainstorming · participants’ notes appear when the facilitator reveals them
              </span>
              <span className="private-short">
                Participants’ notes appear when the facilitator reveals them
              </span>
            </>
          )}
          {role === 'facilitator' && (
            // The facilitator runs the round rather than writing in it (prompts, examples): their
            // notes go on the board at once, and they are told so where they look.
            <>
              Private brainstorming
              <span className="private-detail">
                {' · participants’ notes stay hidden until you reveal them'}
              </span>
              {' · '}
              <strong data-testid="private-yours-public">your notes are public</strong>
            </>
          )}
        </div>
      )}
      {voting && voting.mine.length > 0 && (
        <MyVoteDots
          mine={voting.mine}
          retract={(cardId, text) => {
            if (client.send({ type: 'vote.retract', cardId }))
              askedVote.current = `Vote taken back from “${short(text)}”`;
          }}
        />
      )}
      {voting && (
        // "Tap" on a touch screen, "click" with a mouse (styles.css shows one of the two words); a
        // phone's banner drops the "Dot voting ·" lead so that it keeps to one line above the zoom.
        // "Vote from a list" opens the outline at the cards being voted on: on a phone the canvas
        // shows a whole exercise with its cards a few pixels across — too small to read, or to hit
        // with a finger — where the list reads each card's text beside a Vote button of a
        // finger's size (and with the keyboard or a screen reader it is the way to vote anyway).
        <div className="vote-banner" data-testid="vote-banner">
          <span className="vote-banner-text">
            <span className="vote-banner-lead">Dot voting · </span>
            <VoteHow /> a card to vote · {voting.remaining} left
          </span>
          {!outlineOpen && (
            <button type="button" data-testid="vote-from-list" onClick={voteFromList}>
              Vote from a list
            </button>
          )}
        </div>
      )}
      {followed && (
        // An overlay like the panels: what the facilitator shows is fitted clear of it too.
        <div
          className={`follow-banner${paused ? ' is-paused' : ''}`}
          data-testid="follow-banner"
          data-canvas-overlay
          role="status"
        >
          {paused ? (
            <>
              Not following the facilitator
              <button type="button" data-testid="follow-again" onClick={() => setPaused(false)}>
                Follow again
              </button>
            </>
          ) : (
            'Following the facilitator'
          )}
        </div>
      )}
      <WorkshopPanel client={client} snap={snap} role={role} followViewport={followViewport} />
    </>
  );
}
