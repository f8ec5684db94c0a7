/**
 * A read-only drawing of a list of elements (a snapshot, or a frame for a PNG) with the canvas's
 * own element components: nothing listens, nothing drags. Optionally pans and zooms.
 */
import { boundsOf, CONTAINER_DEPTH, type Element, type Rect } from '@truenorth/shared';
import type Konva from 'konva';
import { type Ref, useMemo, useState } from 'react';
import { Rect as KRect, Layer, Stage } from 'react-konva';
import { ElementNode } from '../canvas/elements/ElementNode';
import type { NodeHandlers } from '../canvas/elements/types';

const NO_HANDLERS: NodeHandlers = {
  onDragStart: () => {},
  onDragMove: () => {},
  onDragEnd: () => {},
  onLineMove: () => {},
  onLineChange: () => {},
};

/** Containers back to front, then arrows, then cards: the canvas's drawing order. */
export function drawingOrder(elements: readonly Element[]) {
  const containers = elements.filter((e) => CONTAINER_DEPTH[e.type] !== undefined);
  containers.sort((a, b) => (CONTAINER_DEPTH[a.type] ?? 0) - (CONTAINER_DEPTH[b.type] ?? 0));
  const rest = elements.filter((e) => CONTAINER_DEPTH[e.type] === undefined);
  rest.sort((a, b) => Number(b.type === 'connector') - Number(a.type === 'connector'));
  const members = new Map<string, number>();
  for (const el of elements) if (el.parent) members.set(el.parent, (members.get(el.parent) ?? 0) + 1);
  return { containers, rest, members };
}

/** The area every drawable element covers, with a margin. */
export function contentBounds(elements: readonly Element[], margin = 40): Rect | null {
  const b = boundsOf(elements.filter((e) => e.type !== 'connector') as Rect[]);
  return b && { x: b.x - margin, y: b.y - margin, w: b.w + 2 * margin, h: b.h + 2 * margin };
}

export function PictureLayers({ elements, background }: { elements: readonly Element[]; background?: Rect }) {
  const { containers, rest, members } = useMemo(() => drawingOrder(elements), [elements]);
  const byId = useMemo(() => new Map(elements.map((e) => [e.id, e])), [elements]);
  return (
    <Layer listening={false}>
      {background && (
        <KRect x={background.x} y={background.y} width={background.w} height={background.h} fill="#f5f6f8" />
      )}
      {[...containers, ...rest].map((el) => (
        <ElementNode
          key={el.id}
          el={el}
          detail
          draggable={false}
          handlers={NO_HANDLERS}
          members={members.get(el.id) ?? 0}
          byId={el.type === 'connector' ? byId : undefined}
          scale={1}
        />
      ))}
    </Layer>
  );
}

/** Fits the elements into width × height; wheel zooms and dragging pans (reading only). */
export function BoardPicture({
  elements,
  width,
  height,
  stageRef,
}: {
  elements: readonly Element[];
  width: number;
  height: number;
  stageRef?: Ref<Konva.Stage>;
}) {
  const fit = useMemo(() => {
    const r = contentBounds(elements) ?? { x: 0, y: 0, w: width, h: height };
    const scale = Math.min(width / r.w, height / r.h, 1);
    return { scale, x: (width - r.w * scale) / 2 - r.x * scale, y: (height - r.h * scale) / 2 - r.y * scale };
  }, [elements, width, height]);
  const [view, setView] = useState<typeof fit | null>(null);
  const v = view ?? fit;
  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const stage = e.target.getStage();
    const p = stage?.getPointerPosition();
    if (!stage || !p) return;
    const scale = Math.min(4, Math.max(0.02, v.scale * (e.evt.deltaY < 0 ? 1.15 : 1 / 1.15)));
    const wx = (p.x - stage.x()) / v.scale;
    const wy = (p.y - stage.y()) / v.scale;
    setView({ scale, x: p.x - wx * scale, y: p.y - wy * scale });
  };
  return (
    <Stage
      ref={stageRef}
      width={width}
      height={height}
      x={v.x}
      y={v.y}
      scaleX={v.scale}
      scaleY={v.scale}
      draggable
      onWheel={onWheel}
      onDragEnd={(e) => {
        if (e.target === e.target.getStage()) setView({ ...v, x: e.target.x(), y: e.target.y() });
      }}
    >
      <PictureLayers elements={elements} />
    </Stage>
  );
}
