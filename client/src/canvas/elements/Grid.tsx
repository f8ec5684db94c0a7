import { gridSlots, HEADER } from '@truenorth/shared';
import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { type ElementProps, FONT, INK, MUTED } from './types';

/** A canvas grid: a title band (the handle) and named cells with hints. */
export const Grid = memo(function Grid({ el, detail, draggable, handlers }: ElementProps<'grid'>) {
  const cells = gridSlots(el);
  return (
    <Group
      id={el.id}
      name="element container"
      x={el.x}
      y={el.y}
      draggable={draggable}
      onDragStart={handlers.onDragStart}
      onDragMove={handlers.onDragMove}
      onDragEnd={handlers.onDragEnd}
    >
      <Rect name="handle" width={el.w} height={HEADER} cornerRadius={[10, 10, 0, 0]} fill="#eef1f6" />
      {detail && (
        <Text
          x={16}
          y={14}
          text={el.title}
          fontFamily={FONT}
          fontSize={20}
          fontStyle="700"
          fill={INK}
          listening={false}
        />
      )}
      {cells.map((c, i) => {
        const cell = el.cells[i];
        const x = c.rect.x - el.x;
        const y = c.rect.y - el.y;
        return (
          <Group key={c.slot} x={x} y={y} listening={false}>
            <Rect width={c.rect.w} height={c.rect.h} fill="#fbfcfe" stroke="#d3d9e3" strokeWidth={1.5} />
            {detail && (
              <>
                <Text
                  x={14}
                  y={12}
                  width={c.rect.w - 28}
                  text={c.name}
                  fontFamily={FONT}
                  fontSize={17}
                  fontStyle="700"
                  fill="#3b4252"
                />
                {cell?.hint && (
                  <Text
                    x={14}
                    y={36}
                    width={c.rect.w - 28}
                    text={cell.hint}
                    fontFamily={FONT}
                    fontSize={13}
                    fill={MUTED}
                  />
                )}
              </>
            )}
          </Group>
        );
      })}
    </Group>
  );
});
