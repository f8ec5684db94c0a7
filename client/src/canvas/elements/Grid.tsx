import { gridSlots, HEADER } from '@truenorth/shared';
import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { ElementGroup, TitleBand } from './ElementGroup';
import { type ElementProps, FONT, MUTED } from './types';

/** A canvas grid: a title band (the handle) and named cells with hints. */
export const Grid = memo(function Grid({ el, detail, draggable, handlers }: ElementProps<'grid'>) {
  const cells = gridSlots(el);
  return (
    <ElementGroup el={el} kind="container" draggable={draggable} handlers={handlers}>
      <TitleBand width={el.w} height={HEADER} title={el.title} detail={detail} />
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
    </ElementGroup>
  );
});
