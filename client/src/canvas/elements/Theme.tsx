import { HEADER } from '@truenorth/shared';
import { paragraphDirection } from '@truenorth/shared/direction';
import { memo } from 'react';
import { Rect, Text } from 'react-konva';
import { ACCENT, STICKY_FILL } from '../../lib/colors';
import { HINT_PX, NAME_PX, readableSize } from '../labelFit';
import { ElementGroup } from './ElementGroup';
import { type ElementProps, FONT } from './types';

/** A named group of cards (card sorting); the parking lot is drawn dashed and grey. */
export const Theme = memo(function Theme({
  el,
  detail,
  draggable,
  handlers,
  members = 0,
  scale = 1,
}: ElementProps<'theme'>) {
  const color = el.parking ? 'gray' : el.color;
  // Readable on screen when zoomed out (labelFit), inside the coloured band.
  const nameSize = readableSize(19, NAME_PX, scale, HEADER - 8);
  const countSize = readableSize(15, HINT_PX, scale, HEADER - 8);
  const countW = 48 * (countSize / 15);
  return (
    <ElementGroup el={el} kind="container" draggable={draggable} handlers={handlers}>
      <Rect
        width={el.w}
        height={el.h}
        cornerRadius={14}
        fill={STICKY_FILL[color]}
        opacity={0.45}
        listening={false}
        perfectDrawEnabled={false}
      />
      <Rect
        width={el.w}
        height={el.h}
        cornerRadius={14}
        stroke={ACCENT[color]}
        strokeWidth={2}
        dash={el.parking ? [10, 8] : undefined}
        listening={false}
        perfectDrawEnabled={false}
      />
      <Rect name="handle" width={el.w} height={HEADER} cornerRadius={[14, 14, 0, 0]} fill={ACCENT[color]} />
      {detail && (
        <>
          <Text
            x={16}
            y={(HEADER - nameSize) / 2}
            width={Math.max(0, el.w - 32 - countW - 8)}
            text={el.name}
            fontFamily={FONT}
            fontSize={nameSize}
            fontStyle="700"
            fill="#ffffff"
            direction={paragraphDirection(el.name) === 'rtl' ? 'rtl' : 'inherit'}
            ellipsis
            wrap="none"
            listening={false}
          />
          <Text
            x={el.w - 16 - countW}
            y={(HEADER - countSize) / 2}
            width={countW}
            align="right"
            text={String(members)}
            fontFamily={FONT}
            fontSize={countSize}
            fontStyle="700"
            fill="rgba(255,255,255,0.85)"
            listening={false}
          />
        </>
      )}
    </ElementGroup>
  );
});
