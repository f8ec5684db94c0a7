import type { Element } from '@truenorth/shared';
import type { ReactNode } from 'react';
import { Group, Rect, Text } from 'react-konva';
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
  el: Pick<Element, 'id' | 'x' | 'y'>;
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
