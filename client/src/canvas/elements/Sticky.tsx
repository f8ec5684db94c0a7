import { initials } from '@truenorth/shared';
import { paragraphDirection } from '@truenorth/shared/direction';
import { memo } from 'react';
import { Circle, Group, Rect, Text } from 'react-konva';
import { STICKY_FILL } from '../../lib/colors';
import { fitFontSize } from '../textFit';
import { ElementGroup } from './ElementGroup';
import { type ElementProps, FONT, INK, MUTED } from './types';

const PAD = 14;

/** Revealed votes' badge: its centre's inset from the top-right corner, its radius. */
export const BADGE_INSET = 4;
export const BADGE_R = 22;

export const Sticky = memo(function Sticky({
  el,
  detail,
  draggable,
  handlers,
  votesOverlay,
}: ElementProps<'sticky'>) {
  const fill = STICKY_FILL[el.color];
  // With a vote badge on the corner, the text keeps clear of it instead of running under it.
  const textW = el.w - 2 * PAD - (el.votes > 0 ? BADGE_R + BADGE_INSET - PAD + 4 : 0);
  // Arabic or Hebrew reads right to left, from the note's right side, as in the PDF record (the
  // note's first strong character decides; the canvas draws it with the browser's bidi).
  const rtl = paragraphDirection(el.text) === 'rtl';
  return (
    <ElementGroup el={el} kind="card" draggable={draggable} handlers={handlers}>
      {detail && (
        <Rect
          x={1}
          y={3}
          width={el.w}
          height={el.h}
          cornerRadius={6}
          fill="rgba(15, 23, 42, 0.10)"
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      <Rect width={el.w} height={el.h} cornerRadius={detail ? 6 : 0} fill={fill} perfectDrawEnabled={false} />
      {detail && (
        <Text
          x={PAD}
          y={PAD}
          width={textW}
          height={el.h - 2 * PAD - 14}
          text={el.text}
          fontFamily={FONT}
          fontSize={fitFontSize(el.text, textW, el.h - 2 * PAD - 14)}
          lineHeight={1.25}
          fill={INK}
          direction={rtl ? 'rtl' : 'inherit'}
          align={rtl ? 'right' : 'left'}
          wrap="word"
          ellipsis
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {detail && el.author && (
        <Text
          x={el.w - 48}
          y={el.h - 22}
          width={40}
          align="right"
          text={initials(el.author)}
          fontFamily={FONT}
          fontSize={11}
          fontStyle="bold"
          fill={MUTED}
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {el.votes > 0 && !votesOverlay && (
        // Revealed dot votes: written on the card by the server, so everyone and the export see them.
        // A badge on the corner, large enough to read across the room at the zoom a frame is
        // shown at (~40 %). The live canvas draws it in its overlay instead (VoteBadges), above
        // other people's selection outlines.
        <Group x={el.w - BADGE_INSET} y={BADGE_INSET} listening={false} name="votes">
          <Circle radius={BADGE_R} fill="#1f2430" stroke="#fff" strokeWidth={3} perfectDrawEnabled={false} />
          <Text
            x={-22}
            y={-11}
            width={44}
            align="center"
            text={String(el.votes)}
            fontFamily={FONT}
            fontSize={22}
            fontStyle="bold"
            fill="#fff"
            perfectDrawEnabled={false}
          />
        </Group>
      )}
    </ElementGroup>
  );
});
