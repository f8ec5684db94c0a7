/**
 * The minimap: the board's frames and cards as tiny rectangles and the current view as a
 * rectangle, in a corner. Click or drag on it to move the view; arrow keys pan when it has focus.
 *
 * It is one plain 2D canvas, not React per element. The content is drawn into an offscreen bitmap
 * only when the board changes (at most every 200 ms); a view change only copies that bitmap and
 * draws the view's rectangle, once per animation frame, so panning a 5,000-card board costs next
 * to nothing here.
 */
import { boundsOf, type Element, type Rect } from '@truenorth/shared';
import { type KeyboardEvent, type PointerEvent, useEffect, useRef } from 'react';
import { useBoard } from '../app/boardContext';
import {
  centredOn,
  fromMinimap,
  type MinimapTransform,
  minimapTransform,
  minimapWorld,
  toMinimap,
} from '../canvas/minimap';
import { throttle } from '../lib/throttle';
import './minimap.css';

const WIDTH = 200;
const HEIGHT = 130;

/** Stronger than the cards' own fills, which would vanish at this size. */
const CARD: Record<string, string> = {
  yellow: '#f2d04b',
  pink: '#f29bc2',
  blue: '#7dbff2',
  green: '#8ed48a',
  orange: '#f5b066',
  purple: '#b9a3f2',
  gray: '#b5bcc6',
  white: '#d5d9df',
};

function fillOf(el: Element): string | null {
  switch (el.type) {
    case 'sticky':
      return CARD[el.color] ?? CARD.yellow ?? null;
    case 'text':
      return '#94a3b8';
    case 'frame':
      return '#ffffff';
    case 'grid':
    case 'swimlanes':
      return '#dfe4ec';
    case 'theme':
      return '#d9ddfa';
    default:
      return null;
  }
}

interface Content {
  bitmap: HTMLCanvasElement;
  /** The world rectangle the bitmap covers. */
  world: Rect | null;
}

/** Draw every element (back to front, as the store orders them) into a bitmap of the content. */
function drawContent(
  elements: readonly Element[],
  into: HTMLCanvasElement,
  maxW: number,
  maxH: number,
): Rect | null {
  const boxes = elements.filter((e): e is Exclude<Element, { type: 'connector' }> => e.type !== 'connector');
  const bounds = boundsOf(boxes);
  if (!bounds) return null;
  const world = minimapWorld(bounds, bounds, 0.02);
  const t = minimapTransform(world, maxW, maxH);
  into.width = Math.max(1, Math.ceil(world.w * t.scale));
  into.height = Math.max(1, Math.ceil(world.h * t.scale));
  const g = into.getContext('2d');
  if (!g) return null;
  const fit = { ...t, offsetX: 0, offsetY: 0 };
  for (const el of boxes) {
    const fill = fillOf(el);
    if (!fill) continue;
    const r = toMinimap(fit, el);
    // At least a pixel, so a single card on a huge board still shows.
    const w = Math.max(1, r.w);
    const h = Math.max(1, r.h);
    g.fillStyle = fill;
    g.fillRect(r.x, r.y, w, h);
    if (el.type === 'frame') {
      g.strokeStyle = '#9aa5b5';
      g.lineWidth = 1;
      g.strokeRect(r.x + 0.5, r.y + 0.5, w - 1, h - 1);
    }
  }
  return world;
}

export function Minimap() {
  const ctx = useBoard();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  /** While dragging, the map holds still under the pointer (the view is part of what it shows). */
  const frozen = useRef<MinimapTransform | null>(null);
  const grab = useRef({ x: 0, y: 0 });
  const transform = useRef<MinimapTransform | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const g = canvas?.getContext('2d');
    if (!canvas || !g) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    canvas.width = WIDTH * dpr;
    canvas.height = HEIGHT * dpr;
    const content: Content = { bitmap: document.createElement('canvas'), world: null };
    let frame = 0;

    const paint = () => {
      frame = 0;
      const view = ctx.viewport.visible();
      const t = frozen.current ?? minimapTransform(minimapWorld(content.world, view), WIDTH, HEIGHT);
      transform.current = t;
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      g.clearRect(0, 0, WIDTH, HEIGHT);
      if (content.world) {
        const r = toMinimap(t, content.world);
        g.drawImage(content.bitmap, r.x, r.y, r.w, r.h);
      }
      const v = toMinimap(t, view);
      g.fillStyle = 'rgba(79, 70, 229, 0.10)';
      g.fillRect(v.x, v.y, v.w, v.h);
      g.strokeStyle = '#4f46e5';
      g.lineWidth = 1.5;
      g.strokeRect(v.x, v.y, v.w, v.h);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(paint);
    };
    const redrawContent = throttle(() => {
      content.world = drawContent(
        ctx.store.getSnapshot().elements,
        content.bitmap,
        WIDTH * dpr * 2,
        HEIGHT * dpr * 2,
      );
      schedule();
    }, 200);

    redrawContent();
    const offStore = ctx.store.subscribe(redrawContent);
    const offView = ctx.viewport.subscribe(schedule);
    return () => {
      offStore();
      offView();
      redrawContent.cancel();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ctx]);

  const local = (e: PointerEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const moveTo = (t: MinimapTransform, p: { x: number; y: number }) => {
    const w = fromMinimap(t, p);
    const { viewport } = ctx;
    viewport.set(
      centredOn(viewport.get(), viewport.width, viewport.height, {
        x: w.x - grab.current.x,
        y: w.y - grab.current.y,
      }),
    );
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    const t = transform.current;
    if (!t || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    frozen.current = t;
    // Grabbing the view's rectangle drags it from where it was taken; elsewhere, the view jumps there.
    const w = fromMinimap(t, local(e));
    const c = ctx.viewport.center();
    const v = ctx.viewport.visible();
    const inside = w.x >= v.x && w.x <= v.x + v.w && w.y >= v.y && w.y <= v.y + v.h;
    grab.current = inside ? { x: w.x - c.x, y: w.y - c.y } : { x: 0, y: 0 };
    moveTo(t, local(e));
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (frozen.current && e.buttons & 1) moveTo(frozen.current, local(e));
  };
  const onPointerUp = () => {
    frozen.current = null;
    grab.current = { x: 0, y: 0 };
    ctx.viewport.set(ctx.viewport.get());
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!step) return;
    e.preventDefault();
    e.stopPropagation();
    const { width, height } = ctx.viewport;
    ctx.viewport.panBy(-(step[0] ?? 0) * width * 0.25, -(step[1] ?? 0) * height * 0.25);
  };

  return (
    <div className="minimap" data-testid="minimap" data-canvas-overlay>
      <canvas
        ref={canvasRef}
        style={{ width: WIDTH, height: HEIGHT }}
        aria-label="Minimap: click or drag to move the view, arrow keys to pan"
        title="Minimap — click or drag to move the view"
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
