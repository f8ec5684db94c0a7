/**
 * Semantic zoom for the names written on containers (a grid's title and its boxes' names and
 * hints, a swimlanes' steps and lanes, a theme's name). Their sizes are in world units, so at the
 * zoom an exercise is seen whole (~0.4) a 17-unit box name was 7 px on screen. Zoomed out, a name
 * keeps a readable size on screen instead, inside the band above the cards (`LABEL_INSET`): cards
 * are placed below it, so a name that grows never covers them. A box's hint is written under its
 * name when both fit the band at a readable size, after it on the same line when the box is wide
 * enough, and left out otherwise (zooming in brings it back).
 *
 * Sizes change in zoom steps (`zoomStep`), not with every wheel event, and widths come from the
 * cached em measurements of textFit, so a zoom re-lays out the few labels without measuring text.
 */
import { paragraphDirection } from '@truenorth/shared/direction';
import { estimate, type Measure, measureWithCanvas } from './textFit';

/** Smallest on-screen sizes, in px: a container's title, a box's (or lane's) name, a hint. */
export const TITLE_PX = 12;
export const NAME_PX = 12;
export const HINT_PX = 11;

/** Zoom steps per doubling: sizes change by ~9 % a step. */
const STEPS_PER_DOUBLING = 8;

/**
 * The zoom labels are sized for: `scale` rounded down to a step, so on-screen sizes are never
 * below their minimum (and at most ~9 % above it), and the canvas re-renders the containers only
 * when a step is crossed.
 */
export function zoomStep(scale: number): number {
  if (!(scale > 0)) return 1;
  return 2 ** (Math.floor(Math.log2(scale) * STEPS_PER_DOUBLING + 1e-9) / STEPS_PER_DOUBLING);
}

/**
 * A font size in world units: `base` when that is readable at `scale`, else the size that is
 * `minPx` on screen, but never more than `max` (the band it is written in).
 */
export function readableSize(base: number, minPx: number, scale: number, max: number): number {
  return Math.min(Math.max(base, minPx / Math.max(scale, 0.01)), max);
}

/** The cached width measures of the label fonts (estimates where there is no canvas). */
export const measures = {
  normal: (): Measure => measureWithCanvas('normal') ?? estimate,
  bold: (): Measure => measureWithCanvas('700') ?? estimate,
  semibold: (): Measure => measureWithCanvas('600') ?? estimate,
};

export interface BoxLabelInput {
  name: string;
  hint: string;
  /** The box's width, in world units. */
  width: number;
  /** The zoom (a `zoomStep`). */
  scale: number;
  /** Height of the band above the cards (`LABEL_INSET`). */
  band: number;
  bold?: Measure;
  normal?: Measure;
}

export interface TextPlace {
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface BoxLabel {
  name: TextPlace;
  /** Null when the hint is left out (no room for it at a readable size). */
  hint: TextPlace | null;
  rtl: boolean;
}

/** Inset of a box's name from its left and right sides. */
export const LABEL_PAD_X = 14;
/** Room above the name and between the name and a hint below it. */
const PAD_TOP = 8;
const GAP = 5;
/** Sizes drawn when zoomed in (at 100 %): the box's name and its hint. */
const NAME_BASE = 17;
const HINT_BASE = 13;
/** Space between a name and a hint written after it, in em of the hint. */
const INLINE_GAP_EM = 0.8;

/**
 * Where a box's name and hint are written in its label band (x and y relative to the box). The
 * name is one line, cut with an ellipsis at the box's width; right-to-left text (Arabic, Hebrew)
 * is written from the box's right side, with a hint on its line to the name's left.
 */
export function placeBoxLabel(input: BoxLabelInput): BoxLabel {
  const { name, hint, width, scale, band } = input;
  const bold = input.bold ?? measures.bold();
  const normal = input.normal ?? measures.normal();
  const rtl = paragraphDirection(name || hint) === 'rtl';
  const room = Math.max(0, width - 2 * LABEL_PAD_X);
  const nameSize = readableSize(NAME_BASE, NAME_PX, scale, band - 2 * 3);
  const hintSize = readableSize(HINT_BASE, HINT_PX, scale, band - 2 * 3);
  const nameAt = (y: number): TextPlace => ({ x: LABEL_PAD_X, y, width: room, size: nameSize });
  if (hint) {
    // Under the name, both inside the band.
    if (PAD_TOP + nameSize + GAP + hintSize <= band - 3) {
      return {
        name: nameAt(PAD_TOP),
        hint: { x: LABEL_PAD_X, y: PAD_TOP + nameSize + GAP, width: room, size: hintSize },
        rtl,
      };
    }
    // After the name on its line, when the whole hint fits there.
    const nameW = bold(name) * nameSize;
    const gap = name ? INLINE_GAP_EM * hintSize : 0;
    const hintW = normal(hint) * hintSize;
    if (nameW + gap + hintW <= room) {
      const y = (band - nameSize) / 2;
      const rest = room - nameW - gap;
      return {
        name: nameAt(y),
        hint: {
          x: rtl ? LABEL_PAD_X : LABEL_PAD_X + nameW + gap,
          // Both lines' baselines level (a baseline is ~0.8 of a line down).
          y: y + 0.8 * (nameSize - hintSize),
          width: rest,
          size: hintSize,
        },
        rtl,
      };
    }
  }
  return { name: nameAt(Math.max(0, (band - nameSize) / 2)), hint: null, rtl };
}

/**
 * How a horizontal swimlanes' title band is shared between its title (at its left end) and the
 * first step's name (the rest of the first column): both whole when they fit, the name centred in
 * what the title leaves; else the name keeps its width at the column's end and the title is cut
 * short (the step names are what people read the columns by), keeping at least `minTitle`.
 * Widths in world units, relative to the container's left side.
 */
export function shareTitleBand(
  column: number,
  titleW: number,
  nameW: number,
  pad = { title: 16, gap: 16, end: 12 },
  minTitle = 0.3 * column,
): { titleWidth: number; nameX: number; nameWidth: number } {
  const end = column - pad.end;
  const after = pad.title + titleW + pad.gap;
  if (end - after >= nameW) {
    // The name centred in what the title leaves of the column.
    return { titleWidth: titleW, nameX: after, nameWidth: end - after };
  }
  const nameX = Math.max(end - nameW, pad.title + Math.min(titleW, minTitle) + pad.gap);
  return { titleWidth: Math.max(0, nameX - pad.gap - pad.title), nameX, nameWidth: Math.max(0, end - nameX) };
}
