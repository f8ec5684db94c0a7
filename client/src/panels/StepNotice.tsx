/**
 * When the facilitator starts the workshop or moves it on to the next exercise, everyone whose
 * screen does not show that exercise is told, with a button that takes them there: "Fran moved on
 * to Card Sorting · Go there". Nobody's view is moved for them (follow-me does that, for those
 * following). The notice goes once they are there, dismiss it, or the workshop moves again.
 */
import { intersects, type Rect, type Role } from '@truenorth/shared';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { showStep } from '../app/actions';
import { type BoardContextValue as Ctx, useBoard } from '../app/boardContext';
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

export function StepNotice({ client, role }: { client: WorkshopClient; role: Role }) {
  const ctx = useBoard();
  const snap = useSyncExternalStore(client.subscribe, client.getSnapshot);
  // Only what the server says live: a view remembered from an earlier visit is not news.
  const view = snap.live ? snap.view : null;
  const frameId = view ? currentFrameId(view) : undefined;
  const title = frameId ? (view?.agenda.find((s) => s.frameId === frameId)?.title ?? '') : '';
  const before = useRef<string | null | undefined>(undefined);
  const [news, setNews] = useState<News | null>(null);
  const [shown, setShown] = useState(false);

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
    setNews({ frameId, title, who: facilitatorName(ctx), started: previous === null });
  }, [frameId, title, role, ctx]);

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
