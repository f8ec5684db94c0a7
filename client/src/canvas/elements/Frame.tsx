import { EXERCISE_TITLES } from '@truenorth/shared';
import { memo } from 'react';
import { Rect, Text } from 'react-konva';
import { readableSize } from '../labelFit';
import { ElementGroup } from './ElementGroup';
import { type ElementProps, FONT, INK, MUTED } from './types';

/** An exercise's area. Only the title band is a handle; the body behaves like empty canvas. */
/** On-screen size of a frame's title when zoomed out: about 15 px, whatever the zoom. */
const FAR_TITLE_PX = 15;
const farTitle = (scale = 1) => Math.max(30, FAR_TITLE_PX / Math.max(scale, 0.01));
/**
 * Zoomed in far enough for details: 30, or ~15 px on screen at the zoom a whole exercise is seen
 * at, so that it stays above the names of the boxes inside (labelFit keeps those ~12 px).
 */
const nearTitle = (scale = 1) => readableSize(30, FAR_TITLE_PX, scale, 38);

export const Frame = memo(function Frame({ el, detail, draggable, handlers, scale }: ElementProps<'frame'>) {
  return (
    <ElementGroup el={el} kind="container" draggable={draggable} handlers={handlers}>
      <Rect
        width={el.w}
        height={el.h}
        cornerRadius={16}
        fill="#ffffff"
        stroke="#dde1e8"
        strokeWidth={2}
        shadowColor="#0f172a"
        shadowOpacity={detail ? 0.06 : 0}
        shadowBlur={24}
        shadowOffsetY={6}
        listening={false}
        perfectDrawEnabled={false}
      />
      <Rect name="handle" width={el.w} height={72} fill="rgba(0,0,0,0)" />
      {!detail && (
        // Zoomed out, the title sits above the frame (as in tldraw and Figma), clear of its contents.
        <Text
          x={0}
          y={-farTitle(scale) * 1.3}
          width={el.w}
          text={el.title}
          fontFamily={FONT}
          fontSize={farTitle(scale)}
          fontStyle="700"
          fill={INK}
          wrap="none"
          ellipsis
          listening={false}
        />
      )}
      {detail && (
        <>
          <Text
            x={28}
            // Grown about its middle, clear of the prompt below it (at 64).
            y={22 - (nearTitle(scale) - 30) / 2}
            text={el.title}
            fontFamily={FONT}
            fontSize={nearTitle(scale)}
            fontStyle="700"
            fill={INK}
            listening={false}
          />
          {el.exercise && EXERCISE_TITLES[el.exercise] !== el.title && (
            <Text
              x={28}
              y={58}
              text={EXERCISE_TITLES[el.exercise].toUpperCase()}
              fontFamily={FONT}
              fontSize={12}
              letterSpacing={1.2}
              fill={MUTED}
              listening={false}
            />
          )}
        </>
      )}
    </ElementGroup>
  );
});
