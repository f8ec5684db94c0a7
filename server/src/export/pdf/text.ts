/**
 * Text for the PDF: wrapping and drawing with per-script font runs. pdfkit's own wrapper knows
 * one font per call; a card mixing Latin, Cyrillic, CJK and emoji needs several on one line, so
 * lines are laid out here and each run is drawn at its own x on a shared baseline.
 */
import type PDFDocument from 'pdfkit';
import { type Face, fontOf, splitRuns } from '../fonts.js';

export interface Style {
  bold?: boolean;
  color?: string;
}

export interface Segment {
  text: string;
  style?: Style;
}

export interface PlacedRun {
  face: Face;
  text: string;
  color: string;
  width: number;
}

export interface Line {
  runs: PlacedRun[];
  width: number;
}

export const INK = '#1f2328';
export const MUTED = '#6e7781';

const CJK = '\u2E80-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF00-\uFFEF';
/** A line may break after spaces and around every CJK character (those scripts use no spaces). */
const UNIT = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, 'gu');
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

interface Measured {
  face: Face;
  text: string;
  width: number;
}

/** Distinct (text, size, weight) measurements kept per document. */
const MEASURE_CACHE = 50_000;

export class TextKit {
  private readonly registered = new Set<Face>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** Select a face (embedding its font in this document on first use). */
  use(face: Face, size: number): PDFKit.PDFDocument {
    if (!this.registered.has(face)) {
      // pdfkit takes an already parsed fontkit font; the type only lists file sources.
      this.doc.registerFont(face, fontOf(face) as unknown as PDFKit.Mixins.PDFFontSource);
      this.registered.add(face);
    }
    return this.doc.font(face).fontSize(size);
  }

  private readonly measured = new Map<string, readonly Measured[]>();

  /** The runs of a piece of text with their widths; cached, as words repeat across cards. */
  private measure(text: string, bold: boolean, size: number): readonly Measured[] {
    const key = `${bold ? 'b' : 'r'}${size}|${text}`;
    let runs = this.measured.get(key);
    if (!runs) {
      runs = splitRuns(text, bold ? 'bold' : 'regular').map((r) => ({
        ...r,
        width: this.use(r.face, size).widthOfString(r.text),
      }));
      if (this.measured.size < MEASURE_CACHE) this.measured.set(key, runs);
    }
    return runs;
  }

  /** Width of one line of text (no wrapping). */
  width(text: string, size: number, bold = false): number {
    return this.measure(text, bold, size).reduce((sum, r) => sum + r.width, 0);
  }

  /** Lay out styled text into lines no wider than `maxWidth`; `\n` starts a new line. */
  wrap(segments: readonly Segment[] | string, size: number, maxWidth: number): Line[] {
    const segs = typeof segments === 'string' ? [{ text: segments }] : segments;
    const lines: Line[] = [];
    let line: PlacedRun[] = [];
    let lineWidth = 0;
    const flush = () => {
      lines.push(this.finishLine(line, size));
      line = [];
      lineWidth = 0;
    };
    const append = (runs: readonly Measured[], color: string) => {
      for (const r of runs) {
        const last = line[line.length - 1];
        if (last && last.face === r.face && last.color === color) {
          last.text += r.text;
          last.width += r.width;
        } else line.push({ ...r, color });
        lineWidth += r.width;
      }
    };
    const sum = (runs: readonly Measured[]) => runs.reduce((s, r) => s + r.width, 0);
    for (const seg of segs) {
      const bold = seg.style?.bold ?? false;
      const color = seg.style?.color ?? INK;
      const paragraphs = seg.text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').split('\n');
      paragraphs.forEach((para, pi) => {
        if (pi > 0) flush();
        for (const unit of para.match(UNIT) ?? []) {
          const runs = this.measure(unit, bold, size);
          // Spaces never start a line; at its end they are trimmed (finishLine).
          if (unit.trim() === '') {
            if (line.length > 0) append(runs, color);
            continue;
          }
          const w = sum(runs);
          if (lineWidth + w <= maxWidth) {
            append(runs, color);
            continue;
          }
          if (line.length > 0) flush();
          if (w <= maxWidth) {
            append(runs, color);
            continue;
          }
          // A word longer than the line is cut between characters, never clipped.
          for (const { segment } of graphemes.segment(unit)) {
            const g = this.measure(segment, bold, size);
            if (lineWidth + sum(g) > maxWidth && line.length > 0) flush();
            append(g, color);
          }
        }
      });
    }
    if (line.length > 0 || lines.length === 0) flush();
    return lines;
  }

  /** Trailing spaces take no room at the end of a line. */
  private finishLine(runs: PlacedRun[], size: number): Line {
    while (runs.length > 0) {
      const last = runs[runs.length - 1] as PlacedRun;
      const trimmed = last.text.trimEnd();
      if (trimmed.length === last.text.length) break;
      if (trimmed === '') {
        runs.pop();
        continue;
      }
      last.width -= this.use(last.face, size).widthOfString(last.text.slice(trimmed.length));
      last.text = trimmed;
      break;
    }
    return { runs, width: runs.reduce((s, r) => s + r.width, 0) };
  }

  /** Draw one line with its baseline at `baseline`. */
  drawLine(line: Line, x: number, baseline: number, size: number): void {
    let at = x;
    for (const run of line.runs) {
      this.use(run.face, size)
        .fillColor(run.color)
        .text(run.text, at, baseline, { lineBreak: false, baseline: 'alphabetic' });
      at += run.width;
    }
  }
}

/** Line height for a font size (Noto's ascent + descent, a little air). */
export const lineHeight = (size: number) => size * 1.38;
/** Distance from a line's top to its baseline. */
export const ascent = (size: number) => size * 1.02;

export type Doc = InstanceType<typeof PDFDocument>;
