/**
 * The infinite canvas. Layers, back to front: the dotted background (CSS, costs no canvas work),
 * containers, cards and arrows, the selection (transformer, marquee); presence is an HTML layer
 * on top, and revealed votes' badges above it (VoteBadges). Only elements in and near the view
 * are drawn; the view follows pan and zoom without React rendering until it leaves the drawn area.
 */
import { CONTAINER_DEPTH, type Element, updateElement } from '@truenorth/shared';
import type Konva from 'konva';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { Layer, Rect, Stage, Transformer } from 'react-konva';
import { editable } from '../app/actions';
import { useBoard } from '../app/boardContext';
import { pressesControl } from '../app/useBoardKeys';
import { useStore } from '../lib/store';
import { type CullArea, cull, cullAreaFor, DETAIL_SCALE, needsRecull } from './cull';
import { ElementNode } from './elements/ElementNode';
import type { NodeHandlers } from './elements/types';
import { zoomStep } from './labelFit';
import { openingRect } from './openingView';
import { useCanvasPointer } from './tools/useCanvasPointer';
import { useDrag } from './tools/useDrag';
import type { Viewport } from './viewport';

export function BoardCanvas() {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const selection = useStore(ctx.selection);
  const editing = useStore(ctx.editing);
  const container = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const trRef = useRef<Konva.Transformer>(null);
  const marquee = useRef<Konva.Rect>(null);
  const space = useRef(false);
  const userMoved = useRef(false);
  const areaRef = useRef<CullArea | null>(null);
  const [area, setArea] = useState<CullArea | null>(null);
  const [size, setSize] = useState({ w: 800, h: 600 });
  const [spaceDown, setSpaceDown] = useState(false);
  const pointer = useCanvasPointer(ctx, { container, marquee, space, userMoved });
  const handlers = useDrag(ctx, stageRef, pointer.track);

  // Fits keep clear of the panels floating over the canvas (marked `data-canvas-overlay`).
  useLayoutEffect(() => {
    ctx.viewport.setObstacles(() => overlaysOver(container.current));
    return () => ctx.viewport.setObstacles(() => []);
  }, [ctx]);

  // Size the stage to its box (measured before the first paint, then on every resize).
  useLayoutEffect(() => {
    const el = container.current;
    if (!el) return;
    const box = el.getBoundingClientRect();
    setSize({ w: Math.round(box.width), h: Math.round(box.height) });
    ctx.viewport.resize(box.width, box.height);
    const ro = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      setSize({ w: Math.round(r.width), h: Math.round(r.height) });
      ctx.viewport.resize(r.width, r.height);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ctx]);

  // Follow the viewport imperatively; recompute the drawn set only when needed.
  useEffect(() => {
    let idle: ReturnType<typeof setTimeout> | null = null;
    let shown: Viewport | null = null;
    const apply = (v: Viewport) => {
      // The same view again (the canvas was resized: a notice banner came or went): cards stay
      // where they were, so clicks on them keep working.
      const moved = !shown || shown.x !== v.x || shown.y !== v.y || shown.scale !== v.scale;
      shown = v;
      const stage = stageRef.current;
      const el = container.current;
      if (el) {
        const step = dotStep(v.scale);
        el.style.backgroundSize = `${step}px ${step}px`;
        el.style.backgroundPosition = `${v.x}px ${v.y}px`;
      }
      if (!stage) return;
      stage.position({ x: v.x, y: v.y });
      stage.scale({ x: v.scale, y: v.scale });
      const visible = ctx.viewport.visible();
      if (needsRecull(areaRef.current, visible, v.scale)) {
        areaRef.current = cullAreaFor(visible, v.scale);
        setArea(areaRef.current);
      }
      if (!moved) {
        stage.batchDraw();
        return;
      }
      // Hit graphs are redrawn with every frame: skip them while the view is moving.
      for (const layer of stage.getLayers()) if (layer.hasName('content')) layer.listening(false);
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => {
        idle = null;
        for (const layer of stage.getLayers()) if (layer.hasName('content')) layer.listening(true);
        stage.batchDraw();
      }, 140);
      stage.batchDraw();
    };
    // A press or a release while the view still moves (the opening fit redone as a panel appears,
    // a glide, a wheel, a facilitator's "follow me") means what is under the pointer now: the hit
    // graphs are drawn at once, before Konva asks them (capture phase, on the stage's parent),
    // instead of the press meeting empty canvas — or a release meeting it, which makes Konva drop
    // the click (and a double click) that the press began on a note or a step's name.
    const wake = () => {
      const stage = stageRef.current;
      if (!idle || !stage) return;
      clearTimeout(idle);
      idle = null;
      for (const layer of stage.getLayers()) {
        if (!layer.hasName('content')) continue;
        layer.listening(true);
        layer.drawHit();
      }
    };
    const host = container.current;
    host?.addEventListener('pointerdown', wake, true);
    host?.addEventListener('pointerup', wake, true);
    apply(ctx.viewport.get());
    const off = ctx.viewport.subscribe(apply);
    return () => {
      off();
      host?.removeEventListener('pointerdown', wake, true);
      host?.removeEventListener('pointerup', wake, true);
      if (idle) clearTimeout(idle);
    };
  }, [ctx]);

  // Once the content arrives, open on the first exercise (or all of a board without exercises),
  // unless the user already moved the view (a running workshop opens on its current step:
  // WorkshopLayer). The fit is held — redone as panels appear — until the view is moved.
  useEffect(() => {
    const fitOnce = () => {
      const { elements } = ctx.store.getSnapshot();
      if (userMoved.current || elements.length === 0) return false;
      // Content we just made ourselves is where we put it: do not jump the view to it. Nor when
      // something else has been shown already (follow-me, the workshop's current step).
      if (ctx.session.undo.undoStack.length > 0 || ctx.viewport.showing !== 'nothing') {
        userMoved.current = true;
        return true;
      }
      ctx.viewport.fit(openingRect(elements), 1, { hold: true, opening: true });
      userMoved.current = true;
      return true;
    };
    if (!fitOnce()) {
      const off = ctx.store.subscribe(() => {
        if (fitOnce()) off();
      });
      return () => {
        off();
      };
    }
  }, [ctx]);

  // Space held: drags pan.
  useEffect(() => {
    const typing = (t: EventTarget | null) =>
      t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !typing(e.target) && !pressesControl(e)) {
        e.preventDefault();
        if (!space.current) {
          space.current = true;
          setSpaceDown(true);
        }
      }
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space') {
        space.current = false;
        setSpaceDown(false);
      }
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);

  const detail = (area?.scale ?? 1) >= DETAIL_SCALE;
  const { containers, cards, members } = useMemo(() => {
    const drawn = area ? cull(board.elements, area.rect, board.byId) : [];
    const drawnIds = new Set(drawn.map((e) => e.id));
    // Selected and edited elements stay drawn even when culled (the transformer needs them).
    for (const id of [...selection, ...(editing ? [editing] : [])]) {
      const el = board.byId.get(id);
      if (el && !drawnIds.has(id)) drawn.push(el);
    }
    const containers: Element[] = [];
    const cards: Element[] = [];
    for (const el of drawn) (CONTAINER_DEPTH[el.type] !== undefined ? containers : cards).push(el);
    containers.sort((a, b) => (CONTAINER_DEPTH[a.type] ?? 0) - (CONTAINER_DEPTH[b.type] ?? 0));
    // Arrows under the cards they join.
    cards.sort((a, b) => Number(b.type === 'connector') - Number(a.type === 'connector'));
    const members = new Map<string, number>();
    for (const el of board.elements) if (el.parent) members.set(el.parent, (members.get(el.parent) ?? 0) + 1);
    return { containers, cards, members };
  }, [board, area, selection, editing]);

  // Attach the transformer to the selected nodes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-attach whenever the drawn nodes change
  useEffect(() => {
    const tr = trRef.current;
    const stage = stageRef.current;
    if (!tr || !stage) return;
    const nodes: Konva.Node[] = [];
    for (const layer of stage.getLayers()) {
      for (const child of layer.getChildren()) {
        if (selection.has(child.id()) && child.hasName('element') && !child.hasName('connector'))
          nodes.push(child);
      }
    }
    tr.nodes(editing ? [] : nodes);
    tr.getLayer()?.batchDraw();
  }, [selection, containers, cards, editing]);

  const onTransformEnd = () => {
    const tr = trRef.current;
    if (!tr || !ctx.canEdit) return;
    const { byId } = ctx.store.getSnapshot();
    const { doc, origin } = ctx.session;
    doc.transact(() => {
      for (const node of tr.nodes()) {
        const el = byId.get(node.id());
        if (!el || el.type === 'connector') continue;
        if (!editable(ctx, el)) {
          node.scale({ x: 1, y: 1 });
          continue;
        }
        const w = Math.max(20, Math.round(el.w * node.scaleX()));
        const h = Math.max(20, Math.round(el.h * node.scaleY()));
        node.scale({ x: 1, y: 1 });
        updateElement(
          doc,
          el.id,
          { x: Math.round(node.x()), y: Math.round(node.y()), w, h } as never,
          origin,
        );
      }
    }, origin);
  };

  const draggable = ctx.canEdit && !spaceDown;
  return (
    <div
      ref={container}
      className={`canvas${spaceDown ? ' is-space' : ''}`}
      data-testid="canvas"
      role="application"
      aria-label="Board canvas"
    >
      <Stage
        ref={stageRef}
        width={size.w}
        height={size.h}
        onMouseDown={pointer.onMouseDown}
        onTouchStart={pointer.onTouchStart}
        onDblClick={pointer.onDblClick}
        onDblTap={pointer.onDblClick as never}
        onMouseMove={pointer.onMouseMove}
        onMouseLeave={pointer.onMouseLeave}
      >
        <Layer name="content containers">
          <Containers
            containers={containers}
            detail={detail}
            draggable={draggable}
            handlers={handlers}
            members={members}
          />
        </Layer>
        <Layer name="content cards">
          {cards.map((el) => (
            <ElementNode
              key={el.id}
              el={el}
              detail={detail && el.id !== editing}
              draggable={draggable && !el.locked && el.id !== editing}
              handlers={handlers}
              byId={el.type === 'connector' ? board.byId : undefined}
              votesOverlay
            />
          ))}
        </Layer>
        <Layer name="selection">
          <Transformer
            ref={trRef}
            rotateEnabled={false}
            flipEnabled={false}
            // Locked elements keep their size: no handles that would do nothing.
            resizeEnabled={ctx.canEdit && ![...selection].some((id) => board.byId.get(id)?.locked)}
            ignoreStroke
            borderStroke="#4f46e5"
            borderStrokeWidth={1.5}
            anchorStroke="#4f46e5"
            anchorSize={9}
            anchorCornerRadius={2}
            padding={2}
            boundBoxFunc={(oldBox, newBox) => (newBox.width < 20 || newBox.height < 20 ? oldBox : newBox)}
            onTransformEnd={onTransformEnd}
          />
          <Rect
            ref={marquee}
            visible={false}
            fill="rgba(79, 70, 229, 0.08)"
            stroke="#4f46e5"
            strokeWidth={1}
            strokeScaleEnabled={false}
            listening={false}
          />
        </Layer>
      </Stage>
    </div>
  );
}

/**
 * Containers (frames, grids, swimlanes, themes) drawn at the zoom's step: their titles and names
 * keep a readable size on screen (labelFit). Only these few re-render when the zoom crosses a
 * step, not the cards.
 */
const Containers = memo(function Containers({
  containers,
  detail,
  draggable,
  handlers,
  members,
}: {
  containers: Element[];
  detail: boolean;
  draggable: boolean;
  handlers: NodeHandlers;
  members: Map<string, number>;
}) {
  const { viewport } = useBoard();
  const subscribe = useCallback((changed: () => void) => viewport.subscribe(changed), [viewport]);
  const scale = useSyncExternalStore(subscribe, () => zoomStep(viewport.get().scale));
  return containers.map((el) => (
    <ElementNode
      key={el.id}
      el={el}
      detail={detail}
      draggable={draggable && !el.locked}
      handlers={handlers}
      members={members.get(el.id) ?? 0}
      scale={scale}
    />
  ));
});

/** The canvas-relative rectangles of the panels floating over the canvas. */
function overlaysOver(canvas: HTMLElement | null): { x: number; y: number; w: number; h: number }[] {
  const wrap = canvas?.parentElement;
  if (!canvas || !wrap) return [];
  const origin = canvas.getBoundingClientRect();
  return [...wrap.querySelectorAll<HTMLElement>('[data-canvas-overlay]')].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
  });
}

/** Dot spacing on screen: 24 world units, doubled until the dots are at least 14px apart. */
function dotStep(scale: number): number {
  let step = 24 * scale;
  while (step < 14) step *= 2;
  return step;
}
