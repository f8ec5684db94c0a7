import { HEADER } from '@truenorth/shared';
import { memo } from 'react';
import { Rect, Text } from 'react-konva';
import { ACCENT, STICKY_FILL } from '../../lib/colors';
import { ElementGroup } from './ElementGroup';
import { type ElementProps, FONT } from './types';

/** A named group of cards (card sorting); the parking lot is drawn dashed and grey. */
export const Theme = memo(function Theme({
  el,
  detail,
  draggable,
  handlers,
  members = 0,
}: ElementProps<'theme'>) {
  const color = el.parking ? 'gray' : el.color;
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
            y={14}
            width={el.w - 80}
            text={el.name}
            fontFamily={FONT}
            fontSize={19}
            fontStyle="700"
            fill="#ffffff"
            ellipsis
            wrap="none"
            listening={false}
          />
          <Text
            x={el.w - 64}
            y={16}
            width={48}
            align="right"
            text={String(members)}
            fontFamily={FONT}
            fontSize={15}
            fontStyle="700"
            fill="rgba(255,255,255,0.85)"
            listening={false}
          />
        </>
      )}
    </ElementGroup>
  );
});
