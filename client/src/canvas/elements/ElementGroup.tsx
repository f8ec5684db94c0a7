import { type Element, HEADER } from '@truenorth/shared';
import { paragraphDirection } from '@truenorth/shared/direction';
import type { ReactNode } from 'react';
import { Group, Path, Rect, Text } from 'react-konva';
import { readableSize, TITLE_PX } from '../labelFit';
import { FONT, INK, type NodeHandlers } from './types';

/**
 * The draggable node every element is drawn in: its id (the canvas finds nodes by it), the
 * `element card|container` names the selection code looks for, and the shared drag handlers.
 */
export function ElementGroup({
  el,
  kind,
  draggable,
  handlers,
  children,
}: {
  el: Pick<Element, 'id' | 'x' | 'y'> & { w?: number; locked?: boolean };
  kind: 'card' | 'container';
  draggable: boolean;
  handlers: NodeHandlers;
  children: ReactNode;
}) {
  return (
    <Group
      id={el.id}
      name={`element ${kind}`}
      x={el.x}
      y={el.y}
      draggable={draggable}
      onDragStart={handlers.onDragStart}
      onDragMove={handlers.onDragMove}
      onDragEnd={handlers.onDragEnd}
    >
      {children}
      {el.locked && el.w !== undefined && (
        // Containers are seen zoomed out: a bigger padlock, in the title band's corner.
        <LockBadge x={el.w - (kind === 'container' ? 48 : 30)} y={6} size={kind === 'container' ? 40 : 24} />
      )}
    </Group>
  );
}

/** A padlock in the element's top-right corner: everyone sees what the facilitator locked. */
function LockBadge({ x, y, size }: { x: number; y: number; size: number }) {
  return (
    <Group x={x} y={y} name="lock-badge" listening={false} scaleX={size / 24} scaleY={size / 24}>
      <Rect width={24} height={24} cornerRadius={6} fill="rgba(255,255,255,0.85)" />
      <Path
        x={2}
        y={2}
        scaleX={20 / 24}
        scaleY={20 / 24}
        data="M6 11h12v9H6zM8 11V8a4 4 0 0 1 8 0v3"
        stroke="#4b5563"
        strokeWidth={2.2}
        lineJoin="round"
        lineCap="round"
      />
    </Group>
  );
}

/** Size of a grid's or swimlanes' title at `scale`: 20, or ~12 px on screen when zoomed out. */
export const titleSize = (scale = 1, band = HEADER) => readableSize(20, TITLE_PX, scale, band - 8);

/** Left inset of a title in its band. */
export const TITLE_X = 16;

/**
 * The title band of a grid or swimlanes: the handle to move it, with its title when detailed. The
 * title is one line, cut with an ellipsis at `titleWidth` (the band less the padlock's corner).
 */
export function TitleBand({
  width,
  height,
  title,
  detail,
  scale,
  titleWidth = width - TITLE_X - 56,
}: {
  width: number;
  height: number;
  title: string;
  detail: boolean;
  scale?: number;
  titleWidth?: number;
}) {
  const size = titleSize(scale, height);
  return (
    <>
      <Rect name="handle" width={width} height={height} cornerRadius={[10, 10, 0, 0]} fill="#eef1f6" />
      {detail && (
        <Text
          name="container-title"
          x={TITLE_X}
          y={(height - size) / 2}
          width={Math.max(0, titleWidth)}
          text={title}
          fontFamily={FONT}
          fontSize={size}
          fontStyle="700"
          fill={INK}
          direction={paragraphDirection(title) === 'rtl' ? 'rtl' : 'inherit'}
          wrap="none"
          ellipsis
          listening={false}
        />
      )}
    </>
  );
}
