/**
 * The font size that lets a note's text fit its box. Lines are laid out word by word as Konva's
 * `wrap="word"` does (breaking after spaces and hyphens), with word widths measured once per word
 * for the note font (or estimated where there is no canvas, as in tests), so it is cheap enough
 * for thousands of notes.
 *
 * A word too long for the note's width may shrink the text only down to `READABLE_MIN`: below it
 * the word is broken across lines instead (as Konva and the editor's textarea do), so that one
 * "internationalisation" does not make the whole note tiny. Many words still shrink the text as
 * far as `min`.
 */
import { FONT } from './elements/types';

const LINE = 1.25;
/** An average glyph is ≈ 0.66 em wide at most in common UI fonts (the estimate without a canvas). */
const EM = 0.66;
/** Measured widths are scaled up by this much, so rounding never tips a line over the edge. */
const SAFETY = 1.02;
/** The smallest size a long word may shrink a note's text to before it is broken instead. */
export const READABLE_MIN = 18;

/** Width of a string in em (its width at a font size of 1 px). */
export type Measure = (text: string) => number;

export const estimate: Measure = (text) => [...text].length * EM;

const canvasMeasures = new Map<string, Measure | null>();
/**
 * Widths from a 2D canvas in the note font at `weight` (as Konva's `fontStyle`: 'normal', '600',
 * '700'), cached per string; null without a canvas. Widths are in em, so one measurement serves
 * every font size: labels that change size with the zoom are not measured again.
 */
export function measureWithCanvas(weight = 'normal'): Measure | null {
  const known = canvasMeasures.get(weight);
  if (known !== undefined) return known;
  canvasMeasures.set(weight, null);
  try {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1)
        : typeof document !== 'undefined'
          ? document.createElement('canvas')
          : null;
    const ctx = canvas?.getContext('2d') as
      | CanvasRenderingContext2D
      | OffscreenCanvasRenderingContext2D
      | null;
    if (!ctx) return null;
    ctx.font = `${weight} 100px ${FONT}`;
    const cache = new Map<string, number>();
    const measure: Measure = (text) => {
      let em = cache.get(text);
      if (em === undefined) {
        if (cache.size > 20_000) cache.clear();
        em = (ctx.measureText(text).width / 100) * SAFETY;
        cache.set(text, em);
      }
      return em;
    };
    canvasMeasures.set(weight, measure);
    return measure;
  } catch {
    return null;
  }
}

/** A word as Konva breaks it: after each hyphen ("per-" + "facilitator"). */
function parts(word: string): string[] {
  return word.split(/(?<=-)/).filter(Boolean);
}

/**
 * How many lines `paragraphs` take in `width` (in em at this size: width / fontSize), or null when
 * a word would have to be broken and `mayBreak` is false.
 */
function linesAt(paragraphs: string[][], width: number, measure: Measure, mayBreak: boolean): number | null {
  const space = measure(' ');
  let lines = 0;
  for (const words of paragraphs) {
    lines += 1;
    let used = 0;
    for (const word of words) {
      for (const [i, part] of parts(word).entries()) {
        const gap = used > 0 && i === 0 ? space : 0;
        const w = measure(part);
        if (used + gap + w <= width) {
          used += gap + w;
          continue;
        }
        if (used > 0) lines += 1;
        used = 0;
        if (w <= width) {
          used = w;
          continue;
        }
        if (!mayBreak) return null;
        // Too long for any line: broken between characters, as many as fit on each line.
        for (const ch of part) {
          const c = measure(ch);
          if (used > 0 && used + c > width) {
            lines += 1;
            used = 0;
          }
          used += c;
        }
      }
    }
  }
  return lines;
}

export function fitFontSize(
  text: string,
  w: number,
  h: number,
  max = 28,
  min = 9,
  measure: Measure = measureWithCanvas() ?? estimate,
): number {
  const paragraphs = text.split('\n').map((p) => p.split(/\s+/).filter(Boolean));
  for (let size = max; size > min; size -= 1) {
    const lines = linesAt(paragraphs, w / size, measure, size <= READABLE_MIN);
    if (lines !== null && lines * size * LINE <= h) return size;
  }
  return min;
}
