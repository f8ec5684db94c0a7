import { gridSlots, HEADER, LABEL_INSET } from '@truenorth/shared';
import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { placeBoxLabel } from '../labelFit';
import { ElementGroup, TitleBand } from './ElementGroup';
import { type ElementProps, FONT, MUTED } from './types';

/**
 * A canvas grid: a title band (the handle) and named cells with hints. Names and hints are written
 * in the cell's label band (`LABEL_INSET`, above the cards), readable at any zoom (labelFit).
 */
export const Grid = memo(function Grid({ el, detail, draggable, handlers, scale = 1 }: ElementProps<'grid'>) {
  const cells = gridSlots(el);
  return (
    <ElementGroup el={el} kind="container" draggable={draggable} handlers={handlers}>
      <TitleBand width={el.w} height={HEADER} title={el.title} detail={detail} scale={scale} />
      {cells.map((c, i) => {
        const cell = el.cells[i];
        const x = c.rect.x - el.x;
        const y = c.rect.y - el.y;
        const label = detail
          ? placeBoxLabel({
              name: c.name,
              hint: cell?.hint ?? '',
              width: c.rect.w,
              scale,
              band: Math.min(LABEL_INSET, c.rect.h),
            })
          : null;
        const align = label?.rtl ? 'right' : 'left';
        const direction = label?.rtl ? 'rtl' : 'inherit';
        return (
          <Group key={c.slot} x={x} y={y} listening={false}>
            <Rect width={c.rect.w} height={c.rect.h} fill="#fbfcfe" stroke="#d3d9e3" strokeWidth={1.5} />
            {label && (
              <>
                <Text
                  name="cell-name"
                  x={label.name.x}
                  y={label.name.y}
                  width={label.name.width}
                  text={c.name}
                  fontFamily={FONT}
                  fontSize={label.name.size}
                  fontStyle="700"
                  fill="#3b4252"
                  align={align}
                  direction={direction}
                  wrap="none"
                  ellipsis
                  perfectDrawEnabled={false}
                />
                {label.hint && (
                  <Text
                    name="cell-hint"
                    x={label.hint.x}
                    y={label.hint.y}
                    width={label.hint.width}
                    text={cell?.hint}
                    fontFamily={FONT}
                    fontSize={label.hint.size}
                    fill={MUTED}
                    align={align}
                    direction={direction}
                    wrap="none"
                    ellipsis
                    perfectDrawEnabled={false}
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
