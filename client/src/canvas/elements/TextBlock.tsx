import { paragraphDirection } from '@truenorth/shared/direction';
import { memo } from 'react';
import { Rect, Text } from 'react-konva';
import { ElementGroup } from './ElementGroup';
import { type ElementProps, FONT, INK } from './types';

/** Large text reads as a heading; smaller text (a frame's prompt) as body copy. */
export const HEADING_SIZE = 32;
const BODY_INK = '#4b5563';
export const textWeight = (size: number) => (size >= HEADING_SIZE ? '700' : '400');

export const TextBlock = memo(function TextBlock({ el, detail, draggable, handlers }: ElementProps<'text'>) {
  return (
    <ElementGroup el={el} kind="card" draggable={draggable} handlers={handlers}>
      {/* Transparent hit area so the whole box can be grabbed, not only the glyphs. */}
      <Rect width={el.w} height={el.h} fill="rgba(0,0,0,0)" />
      {detail ? (
        <Text
          width={el.w}
          height={el.h}
          text={el.text}
          fontFamily={FONT}
          fontSize={el.fontSize}
          fontStyle={textWeight(el.fontSize)}
          fill={el.fontSize >= HEADING_SIZE ? INK : BODY_INK}
          {...(paragraphDirection(el.text) === 'rtl' ? { direction: 'rtl', align: 'right' } : {})}
          wrap="word"
          listening={false}
          perfectDrawEnabled={false}
        />
      ) : (
        <Rect y={el.h / 3} width={el.w * 0.8} height={el.h / 3} fill="#c5cad3" listening={false} />
      )}
    </ElementGroup>
  );
});
