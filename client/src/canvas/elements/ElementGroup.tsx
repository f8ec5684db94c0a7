import type { Element } from '@truenorth/shared';
import type { ReactNode } from 'react';
import { Group, Path, Rect, Text } from 'react-konva';
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

/** The title band of a grid or swimlanes: the handle to move it, with its title when detailed. */
export function TitleBand({
  width,
  height,
  title,
  detail,
}: {
  width: number;
  height: number;
  title: string;
  detail: boolean;
}) {
  return (
    <>
      <Rect name="handle" width={width} height={height} cornerRadius={[10, 10, 0, 0]} fill="#eef1f6" />
      {detail && (
        <Text
          x={16}
          y={14}
          text={title}
          fontFamily={FONT}
          fontSize={20}
          fontStyle="700"
          fill={INK}
          listening={false}
        />
      )}
    </>
  );
}
