/**
 * When the facilitator starts the workshop or moves it on to the next exercise, everyone who is
 * with the workshop — their view still shows what the board opened on or a step took them to, or
 * shows the step that was running — is taken to the new exercise: a phone shows the step, not the
 * board around it. Someone looking at another exercise, or busy (typing, dragging), is told instead,
 * with a button that takes them there: "Fran moved on to Card Sorting · Go there"; their view is
 * not moved for them (follow-me does that, for those following). The notice goes once they are
 * there, dismiss it, or the workshop moves again.
 */
import { intersects, type Rect, type Role } from '@truenorth/shared';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { showStep } from '../app/actions';
import { type BoardContextValue as Ctx, useBoard } from '../app/boardContext';
import { isTyping } from '../app/useBoardKeys';
import { worldOf } from '../canvas/followView';
import { currentFrameId } from '../sync/agenda';
import { readPeers } from '../sync/presence';
import type { WorkshopClient } from '../sync/workshop';
import { Icon } from './icons';

/**
 * How long after the step changes the notice waits before showing: follow-me brings the people
 * following to the new exercise within it, and they need no notice.
 */
export const STEP_NOTICE_GRACE_MS = 1500;

interface News {
  frameId: string;
  title: string;
  who: string;
  started: boolean;
}

/** Whether `view` (world) shows most of `frame`, or is mostly filled by it. */
export function showsFrame(view: Rect, frame: Rect): boolean {
  if (!intersects(view, frame)) return false;
  const w = Math.min(view.x + view.w, frame.x + frame.w) - Math.max(view.x, frame.x);
  const h = Math.min(view.y + view.h, frame.y + frame.h) - Math.max(view.y, frame.y);
  return w * h >= 0.5 * Math.min(view.w * view.h, frame.w * frame.h);
}

function frameShown(ctx: Ctx, frameId: string): boolean {
  const frame = ctx.store.getSnapshot().byId.get(frameId);
  if (!frame || frame.type === 'connector') return true;
  return showsFrame(worldOf(ctx.viewport.get(), ctx.viewport.clearArea()), frame);
}

/** The facilitator's name as their presence says, when exactly one name is there. */
function facilitatorName(ctx: Ctx): string {
  const { awareness } = ctx.session.provider;
  const names = new Set(
    readPeers(awareness.getStates(), awareness.clientID)
      .filter((p) => p.role === 'facilitator')
      .map((p) => p.user.name),
  );
  return names.size === 1 ? [...names][0]! : 'The facilitator';
}

/**
 * Whether a finger or a mouse button is down on the canvas (a drag, a pan, a pinch): the view is
 * not moved under it.
 */
function usePressing(): { current: boolean } {
  const pressing = useRef(false);
  useEffect(() => {
    const down = (e: PointerEvent) => {
      if (e.target instanceof Element && e.target.closest('[data-testid="canvas"]')) pressing.current = true;
    };
    const up = () => {
      pressing.current = false;
    };
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
    };
  }, []);
  return pressing;
}

export function StepNotice({ client, role }: { client: WorkshopClient; role: Role }) {
  const ctx = useBoard();
  const snap = useSyncExternalStore(client.subscribe, client.getSnapshot);
  // Only what the server says live: a view remembered from an earlier visit is not news.
  const view = snap.live ? snap.view : null;
  const frameId = view ? currentFrameId(view) : undefined;
  const title = frameId ? (view?.agenda.find((s) => s.frameId === frameId)?.title ?? '') : '';
  const following = view?.follow.active === true;
  const before = useRef<string | null | undefined>(undefined);
  const [news, setNews] = useState<News | null>(null);
  const [shown, setShown] = useState(false);
  const pressing = usePressing();

  useEffect(() => {
    if (frameId === undefined) return;
    const previous = before.current;
    before.current = frameId;
    // The first view of this visit, or the same step: nothing happened.
    if (previous === undefined || previous === frameId) return;
    setShown(false);
    // The facilitator did it themselves; a workshop that ended has nowhere to go.
    if (role === 'facilitator' || frameId === null) {
      setNews(null);
      return;
    }
    // Someone with the workshop goes along to its new step: their view is still the one the board
    // opened on or a step took them to, or it shows the step that was running (their own card in
    // it, say). Not someone looking at another exercise (they are told), someone writing, dragging
    // or in a dialog (the notice waits for them), nor someone follow-me takes there. A view the
    // workshop moved stays the workshop's (`opening`).
    const withStep = ctx.viewport.showing !== 'chosen' || (previous !== null && frameShown(ctx, previous));
    const busy = ctx.editing.get() !== null || pressing.current || isTyping(document.activeElement);
    if (!following && !busy && withStep && showStep(ctx, frameId, { opening: true })) {
      setNews(null);
      return;
    }
    setNews({ frameId, title, who: facilitatorName(ctx), started: previous === null });
  }, [frameId, title, role, ctx, following, pressing]);

  useEffect(() => {
    if (!news) return;
    const check = () => {
      if (frameShown(ctx, news.frameId)) setNews(null);
    };
    let off = () => {};
    const grace = setTimeout(() => {
      if (frameShown(ctx, news.frameId)) {
        setNews(null);
        return;
      }
      setShown(true);
      off = ctx.viewport.subscribe(check);
    }, STEP_NOTICE_GRACE_MS);
    return () => {
      clearTimeout(grace);
      off();
    };
  }, [news, ctx]);

  if (!news || !shown) return null;
  // Not a live region: the workshop's live line (workshopNews) already says where it moved, to
  // everyone; a status appearing with its text in it would say it twice, or not at all.
  return (
    <div className="step-notice" data-canvas-overlay data-testid="step-notice">
      <span>
        {news.who} {news.started ? 'started the workshop with' : 'moved on to'} <b>{news.title}</b>
      </span>
      <button
        type="button"
        className="btn btn-primary btn-small"
        onClick={() => {
          showStep(ctx, news.frameId);
          setNews(null);
        }}
      >
        Go there
      </button>
      <button type="button" className="tool tool-small" aria-label="Dismiss" onClick={() => setNews(null)}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
