/**
 * Canvas pointer tools: pan (space-drag, middle mouse, wheel/trackpad, one-finger touch), zoom
 * (ctrl/cmd+wheel, trackpad pinch, two-finger pinch) toward the pointer, marquee selection,
 * click selection (a tap on a touch screen), double-click to create or edit. Presence cursors
 * are published from here.
 */
import type { LaneKind } from '@truenorth/shared';
import type Konva from 'konva';
import { type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { addElement } from '../../app/actions';
import type { BoardContextValue } from '../../app/boardContext';
import { throttle } from '../../lib/throttle';
import { setPresence } from '../../sync/presence';
import { LANE_NAME, laneNameTarget } from '../elements/laneNames';
import { rectFromPoints, screenToWorld, wheelZoomFactor } from '../viewport';
import { clickSelect, marqueeHits, noteAt } from './selection';

/** How far (px) a finger may move between down and up and still be a tap. */
const TAP_SLOP = 10;

export interface PointerRefs {
  container: RefObject<HTMLDivElement | null>;
  marquee: RefObject<Konva.Rect | null>;
  /** Space held: drags pan instead of moving elements. */
  space: RefObject<boolean>;
  /** Set once the user moved the view, so late-arriving content does not re-fit it. */
  userMoved: RefObject<boolean>;
}

export function useCanvasPointer(ctx: BoardContextValue, refs: PointerRefs) {
  const publishCursor = useMemo(
    () =>
      throttle((cursor: { x: number; y: number } | null) => {
        setPresence(ctx.session.provider.awareness, { cursor: ctx.cursorHidden.current ? null : cursor });
      }, 50),
    [ctx],
  );
  /** The pointer is at `p` (world coordinates): for pasting there, and for everyone's cursors. */
  const track = useCallback(
    (p: { x: number; y: number }) => {
      ctx.pointer.current = p;
      publishCursor(p);
    },
    [ctx, publishCursor],
  );
  const pinch = useRef<{ dist: number; mid: { x: number; y: number } } | null>(null);
  /**
   * The kind of the last pointer pressed on the canvas. After a tap the browser sends the mouse
   * events of a click as well (a touch on empty canvas is not cancelled: Konva cancels only
   * touches on shapes); those are the tap's, already handled as a touch, not a mouse's.
   */
  const lastPointer = useRef<string>('mouse');

  const { container, userMoved } = refs;
  const local = useCallback(
    (evt: { clientX: number; clientY: number }) => {
      const r = container.current?.getBoundingClientRect();
      return { x: evt.clientX - (r?.left ?? 0), y: evt.clientY - (r?.top ?? 0) };
    },
    [container],
  );
  const world = (evt: { clientX: number; clientY: number }) => screenToWorld(ctx.viewport.get(), local(evt));

  // Wheel and touch listeners must be non-passive to stop the page from scrolling or zooming.
  // Added once for the canvas (it renders with every change to the board: re-adding them each
  // time cost ten listener calls per render, many a second while someone drags a card).
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      userMoved.current = true;
      if (e.ctrlKey || e.metaKey) ctx.viewport.zoomAt(local(e), wheelZoomFactor(e.deltaY, e.deltaMode));
      else {
        const k = e.deltaMode === 1 ? 16 : 1;
        const horizontal = e.shiftKey && e.deltaX === 0;
        ctx.viewport.panBy(horizontal ? -e.deltaY * k : -e.deltaX * k, horizontal ? 0 : -e.deltaY * k);
      }
    };
    const touchInfo = (t: TouchList) => {
      const a = t[0] as Touch;
      const b = t[1] as Touch;
      const mid = local({ clientX: (a.clientX + b.clientX) / 2, clientY: (a.clientY + b.clientY) / 2 });
      return { dist: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY), mid };
    };
    const onTouchStart = (e: TouchEvent) => {
      if (e.touches.length === 2) {
        e.preventDefault();
        pinch.current = touchInfo(e.touches);
      }
    };
    const onTouchMove = (e: TouchEvent) => {
      if (e.touches.length !== 2 || !pinch.current) return;
      e.preventDefault();
      const next = touchInfo(e.touches);
      userMoved.current = true;
      ctx.viewport.panBy(next.mid.x - pinch.current.mid.x, next.mid.y - pinch.current.mid.y);
      if (pinch.current.dist > 0) ctx.viewport.zoomAt(next.mid, next.dist / pinch.current.dist);
      pinch.current = next;
    };
    const onTouchEnd = () => {
      pinch.current = null;
    };
    const onPointerDown = (e: PointerEvent) => {
      lastPointer.current = e.pointerType;
    };
    el.addEventListener('pointerdown', onPointerDown, { capture: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('touchstart', onTouchStart, { passive: false });
    el.addEventListener('touchmove', onTouchMove, { passive: false });
    el.addEventListener('touchend', onTouchEnd);
    return () => {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('touchstart', onTouchStart);
      el.removeEventListener('touchmove', onTouchMove);
      el.removeEventListener('touchend', onTouchEnd);
      el.removeEventListener('pointerdown', onPointerDown, { capture: true });
    };
  }, [ctx, container, userMoved, local]);
  // Only when the canvas goes (or its board changes): this component renders with every change to
  // the board, and a cancel on each render dropped the cursor's last position whenever the board
  // changed within 50 ms of the pointer stopping — the others saw it where it had been a moment
  // before, for as long as it stayed still.
  useEffect(() => () => publishCursor.cancel(), [publishCursor]);

  const startPan = (evt: { clientX: number; clientY: number }) => {
    let last = { x: evt.clientX, y: evt.clientY };
    refs.userMoved.current = true;
    const container = refs.container.current;
    container?.classList.add('is-panning');
    const move = (m: PointerEvent) => {
      ctx.viewport.panBy(m.clientX - last.x, m.clientY - last.y);
      last = { x: m.clientX, y: m.clientY };
    };
    const up = () => {
      container?.classList.remove('is-panning');
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  /**
   * A finger put down at `evt`: `onTap` runs when it is lifted without having moved further than
   * a finger wobbles (TAP_SLOP) and without a second finger joining (a pinch). A drag is a pan or
   * a card's move, not a tap.
   */
  const watchTap = (evt: { clientX: number; clientY: number }, onTap: () => void) => {
    let tap = true;
    const move = (m: PointerEvent) => {
      if (Math.hypot(m.clientX - evt.clientX, m.clientY - evt.clientY) > TAP_SLOP) tap = false;
    };
    const another = () => {
      tap = false;
    };
    const end = (u: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerdown', another);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
      if (tap && u.type === 'pointerup') onTap();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerdown', another);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
  };

  const startMarquee = (evt: MouseEvent) => {
    const start = world(evt);
    const base = evt.shiftKey ? ctx.selection.get() : new Set<string>();
    let moved = false;
    const rectNode = refs.marquee.current;
    const move = (m: PointerEvent) => {
      const cur = world(m);
      const r = rectFromPoints(start, cur);
      if (!moved && r.w * ctx.viewport.get().scale < 4 && r.h * ctx.viewport.get().scale < 4) return;
      moved = true;
      rectNode?.setAttrs({ ...r, width: r.w, height: r.h, visible: true });
      rectNode?.getLayer()?.batchDraw();
    };
    const up = (m: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      rectNode?.visible(false);
      rectNode?.getLayer()?.batchDraw();
      if (!moved) {
        if (!evt.shiftKey) ctx.selection.set(new Set());
        return;
      }
      const hits = marqueeHits(ctx.store.getSnapshot().elements, rectFromPoints(start, world(m)));
      ctx.selection.set(new Set([...base, ...hits]));
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  /**
   * What is under the pointer now, when a double click reached only the stage. The hit graphs are
   * skipped while the view moves (BoardCanvas) and redrawn a frame after the elements change (a
   * first click that selects a container re-renders it), so the second click of a quick double
   * click can find them off or stale over a step's name or a note — and a new note would appear
   * where the person meant to rename. Drawn now, they answer for what is on screen.
   */
  const liveTarget = (target: Konva.Node): Konva.Node => {
    const stage = target.getStage();
    if (!stage || target !== stage) return target;
    const at = stage.getPointerPosition();
    if (!at) return target;
    for (const layer of stage.getLayers()) {
      if (!layer.hasName('content')) continue;
      layer.listening(true);
      layer.drawHit();
    }
    return stage.getIntersection(at) ?? target;
  };

  const elementOf = (target: Konva.Node): Konva.Node | null => {
    if (target.getType() === 'Stage') return null;
    return target.findAncestor('.element', true) ?? null;
  };

  return {
    track,
    onMouseDown(e: Konva.KonvaEventObject<MouseEvent>) {
      ctx.viewport.settle();
      const evt = e.evt;
      if (evt.button === 1 || (evt.button === 0 && refs.space.current)) {
        evt.preventDefault();
        startPan(evt);
        return;
      }
      if (evt.button !== 0) return;
      // The click a tap makes: the tap was the touch's (onTouchStart).
      if (lastPointer.current === 'touch') return;
      const node = elementOf(e.target);
      if (ctx.editing.get() && ctx.editing.get() !== node?.id()) ctx.editing.set(null);
      if (!node) {
        // Observers cannot select much of use; for them a drag on empty canvas pans.
        if (ctx.canEdit) startMarquee(evt);
        else startPan(evt);
        return;
      }
      // A container's movable line (Story Spine's swimlanes) is a handle of its own: grabbing it
      // moves the line, and leaves the container unselected, as a handle does in tldraw or Miro.
      if (e.target.findAncestor('.swimline', true)) return;
      ctx.selection.set(clickSelect(ctx.selection.get(), node.id(), evt.shiftKey));
    },
    onTouchStart(e: Konva.KonvaEventObject<TouchEvent>) {
      ctx.viewport.settle();
      const t = e.evt.touches[0];
      if (e.evt.touches.length !== 1 || !t) return;
      const node = elementOf(e.target);
      if (!node) startPan(t);
      // A tap does what a click does: selects what it lands on, or lets the selection go on empty
      // canvas (a container's movable line is a handle, as for the mouse).
      const handle = !!e.target.findAncestor('.swimline', true);
      watchTap(t, () => {
        if (ctx.editing.get() && ctx.editing.get() !== node?.id()) ctx.editing.set(null);
        if (!node) ctx.selection.set(new Set());
        else if (!handle) ctx.selection.set(clickSelect(ctx.selection.get(), node.id(), false));
      });
    },
    onDblClick(e: Konva.KonvaEventObject<MouseEvent>) {
      // Two taps make a double tap (Konva's dbltap, a touch event), and their clicks a double
      // click as well, even two taps far apart in place: only the touch's counts.
      if (!e.evt.type.startsWith('touch') && lastPointer.current === 'touch') return;
      const target = liveTarget(e.target);
      const node = elementOf(target);
      const p = world(e.evt);
      const board = ctx.store.getSnapshot();
      // Only the stage answered: a note drawn there still means that note, not a new one.
      const id = node?.id() ?? noteAt(board.elements, p.x, p.y)?.id;
      if (!id) {
        const created = addElement(ctx, 'sticky', p);
        if (created) ctx.editing.set(created);
        return;
      }
      if (!ctx.canEdit) return;
      const el = board.byId.get(id);
      if (!el || el.type === 'connector') return;
      // A swimlanes' step or lane name renames that step or lane (a Story Spine's journey step,
      // a Road Map's "Next").
      const names = laneNameTarget(ctx);
      if (el.type === 'swimlanes' && target.hasName(LANE_NAME)) {
        const attrs = target.attrs as { laneKind?: LaneKind; laneId?: string };
        if (!attrs.laneKind || !attrs.laneId) return;
        names.set({ id: el.id, kind: attrs.laneKind, laneId: attrs.laneId });
        ctx.selection.set(new Set([el.id]));
        ctx.editing.set(el.id);
        return;
      }
      names.set(null);
      // A container's body is empty canvas; its title band edits its title.
      if (el.type === 'sticky' || el.type === 'text' || target.hasName('handle')) {
        ctx.selection.set(new Set([el.id]));
        ctx.editing.set(el.id);
      }
    },
    onMouseMove(e: Konva.KonvaEventObject<MouseEvent>) {
      track(world(e.evt));
    },
    onMouseLeave() {
      ctx.pointer.current = null;
      publishCursor(null);
    },
  };
}
