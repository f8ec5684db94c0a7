/**
 * Text for the PDF: wrapping and drawing with per-script font runs. pdfkit's own wrapper knows
 * one font per call; a card mixing Latin, Cyrillic, CJK and emoji needs several on one line, so
 * lines are laid out here and each run is drawn at its own x on a shared baseline.
 *
 * pdfkit draws left to right and knows nothing of bidirectional text, so Arabic and Hebrew are
 * placed here by the Unicode Bidirectional Algorithm (bidi-js, through `@truenorth/shared`): each
 * paragraph's embedding levels are resolved on its whole text, lines are wrapped in logical order
 * (the order it was typed), then each line's runs are put in visual order (rule L2) and a
 * right-to-left paragraph's lines are aligned to the right of their box.
 */
import { bidi, embeddingLevels, hasRightToLeft, paragraphDirection } from '@truenorth/shared/direction';
import type PDFDocument from 'pdfkit';
import { type Face, fontOf, readsAsTyped, sameCodePoints, splitRuns } from '../fonts.js';

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
  /** In logical order; drawn right to left when `level` is odd. */
  text: string;
  color: string;
  width: number;
  /** Bidi embedding level: even reads left to right, odd right to left. */
  level: number;
}

export interface Line {
  /** In visual order, left to right. */
  runs: PlacedRun[];
  width: number;
  /** Whether its paragraph reads right to left. */
  rtl: boolean;
  /** Where it starts in the box it was wrapped for: 0, or the room left of a right-aligned line. */
  offset: number;
}

export const INK = '#1f2328';
export const MUTED = '#6e7781';

const CJK = '\u2E80-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF00-\uFFEF';
/** A line may break after spaces and around every CJK character (those scripts use no spaces). */
const UNIT = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, 'gu');
/** Scripts written without spaces between words, where a dictionary finds where words end. */
const UNSPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** The pieces a line may break between, each with where it starts in `text`. */
function breakUnits(text: string): { unit: string; at: number }[] {
  const units: { unit: string; at: number }[] = [];
  for (const m of text.matchAll(UNIT)) {
    const unit = m[0];
    if (UNSPACED.test(unit)) {
      for (const w of words.segment(unit)) units.push({ unit: w.segment, at: m.index + w.index });
    } else units.push({ unit, at: m.index });
  }
  return units;
}

/** The words of a text: the pieces no line breaks inside unless a word is wider than the line. */
export function wordsOf(text: string): string[] {
  return breakUnits(text)
    .map((u) => u.unit)
    .filter((u) => u.trim() !== '');
}

interface Measured {
  face: Face;
  text: string;
  width: number;
}

interface Leveled extends Measured {
  level: number;
}

/** One paragraph across the segments it spans, with the style of each piece. */
interface Paragraph {
  text: string;
  pieces: { text: string; at: number; bold: boolean; color: string }[];
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
      keepUnicode((this.doc.font(face) as unknown as { _font: EmbeddedFont })._font);
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

  /**
   * The runs of `text`, which starts at `at` in its paragraph, each at one bidi level: a piece
   * whose characters differ in level ("2026." in Arabic) is measured level by level.
   */
  private measureLeveled(
    text: string,
    at: number,
    levels: Uint8Array | null,
    bold: boolean,
    size: number,
  ): Leveled[] {
    if (!levels) return this.measure(text, bold, size).map((r) => ({ ...r, level: 0 }));
    const out: Leveled[] = [];
    let start = 0;
    for (let i = 1; i <= text.length; i++) {
      if (i < text.length && levels[at + i] === levels[at + start]) continue;
      const level = levels[at + start] ?? 0;
      for (const r of this.measure(text.slice(start, i), bold, size)) out.push({ ...r, level });
      start = i;
    }
    return out;
  }

  /** Width of one line of text (no wrapping). */
  width(text: string, size: number, bold = false): number {
    return this.measure(text, bold, size).reduce((sum, r) => sum + r.width, 0);
  }

  /**
   * Lay out styled text into lines no wider than `maxWidth`; `\n` starts a new paragraph. A
   * paragraph reads the way its first strong character does (`paragraphDirection`), and a
   * right-to-left one is aligned to the right of `maxWidth`.
   */
  wrap(segments: readonly Segment[] | string, size: number, maxWidth: number): Line[] {
    const segs = typeof segments === 'string' ? [{ text: segments }] : segments;
    // A segment continues the paragraph before it until a newline: bidi levels are resolved on a
    // paragraph's whole text (a card's words and the author after them).
    const paragraphs: Paragraph[] = [{ text: '', pieces: [] }];
    for (const seg of segs) {
      const bold = seg.style?.bold ?? false;
      const color = seg.style?.color ?? INK;
      const parts = seg.text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').split('\n');
      parts.forEach((text, pi) => {
        if (pi > 0) paragraphs.push({ text: '', pieces: [] });
        const para = paragraphs[paragraphs.length - 1] as Paragraph;
        para.pieces.push({ text, at: para.text.length, bold, color });
        para.text += text;
      });
    }

    const lines: Line[] = [];
    let line: PlacedRun[] = [];
    let lineWidth = 0;
    let rtl = false;
    const flush = () => {
      lines.push(this.finishLine(line, size, rtl, maxWidth));
      line = [];
      lineWidth = 0;
    };
    const append = (runs: readonly Leveled[], color: string) => {
      for (const r of runs) {
        const last = line[line.length - 1];
        if (last && last.face === r.face && last.color === color && last.level === r.level) {
          last.text += r.text;
          last.width += r.width;
        } else line.push({ ...r, color });
        lineWidth += r.width;
      }
    };
    const sum = (runs: readonly Measured[]) => runs.reduce((s, r) => s + r.width, 0);
    paragraphs.forEach((para, pi) => {
      if (pi > 0) flush();
      rtl = paragraphDirection(para.text) === 'rtl';
      const levels =
        rtl || hasRightToLeft(para.text) ? embeddingLevels(para.text, rtl ? 'rtl' : 'ltr') : null;
      for (const { text, at, bold, color } of para.pieces) {
        for (const { unit, at: offset } of breakUnits(text)) {
          const start = at + offset;
          const runs = this.measureLeveled(unit, start, levels, bold, size);
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
          for (const { segment, index } of graphemes.segment(unit)) {
            const g = this.measureLeveled(segment, start + index, levels, bold, size);
            if (lineWidth + sum(g) > maxWidth && line.length > 0) flush();
            append(g, color);
          }
        }
      }
    });
    if (line.length > 0 || lines.length === 0) flush();
    return lines;
  }

  /**
   * Trailing spaces take no room at the end of a line (rule L1 puts them at the paragraph's end,
   * out of sight). Then the runs go in visual order: from the highest level down to the lowest odd
   * one, every stretch of runs at that level or higher is reversed (rule L2).
   */
  private finishLine(runs: PlacedRun[], size: number, rtl: boolean, maxWidth: number): Line {
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
    const highest = runs.reduce((max, r) => Math.max(max, r.level), 0);
    const lowestOdd = runs.reduce(
      (min, r) => (r.level % 2 === 1 ? Math.min(min, r.level) : min),
      highest + 1,
    );
    for (let level = highest; level >= lowestOdd && level > 0; level--) {
      for (let i = 0; i < runs.length; ) {
        if ((runs[i] as PlacedRun).level < level) {
          i++;
          continue;
        }
        let end = i;
        while (end < runs.length && (runs[end] as PlacedRun).level >= level) end++;
        runs.splice(i, end - i, ...runs.slice(i, end).reverse());
        i = end;
      }
    }
    const width = runs.reduce((s, r) => s + r.width, 0);
    return { runs, width, rtl, offset: rtl ? Math.max(0, maxWidth - width) : 0 };
  }

  /** Draw one line with its baseline at `baseline`, in the box it was wrapped for at `x`. */
  drawLine(line: Line, x: number, baseline: number, size: number): void {
    let at = x + line.offset;
    for (const run of line.runs) {
      this.drawRun(run, at, baseline, size);
      at += run.width;
    }
  }

  /**
   * One run. A left-to-right run with words whose glyphs do not read back as typed (`readsAsTyped`:
   * Devanagari's ि drawn before its consonant, Thai's ำ in two glyphs) is drawn word by word, each
   * such word in a marked-content span carrying its typed text (/ActualText), which is what copy,
   * search and text extraction read instead of the glyphs. Other words, and runs with none, are
   * drawn as they are, with nothing added to the file.
   */
  private drawRun(run: PlacedRun, x: number, baseline: number, size: number): void {
    const doc = this.use(run.face, size).fillColor(run.color);
    const { text, features } = visual(run);
    const options = { lineBreak: false, baseline: 'alphabetic', ...(features ? { features } : {}) } as const;
    const pieces = run.level % 2 === 0 ? text.match(/\s+|\S+/g) : null;
    if (!pieces?.some((p) => p.trim() !== '' && !readsAsTyped(run.face, p))) {
      doc.text(text, x, baseline, options);
      return;
    }
    let at = x;
    for (const piece of pieces) {
      const draw = () => doc.text(piece, at, baseline, options);
      if (piece.trim() !== '' && !readsAsTyped(run.face, piece)) drawWithActualText(doc, piece, draw);
      else draw();
      at += doc.widthOfString(piece);
    }
  }
}

/**
 * Run `draw` (one `doc.text` call) with what it draws marked as a span whose text is `actual`
 * (pdfkit's `markContent('Span', { actual })`, written as a UTF-16 /ActualText string). The span
 * goes inside the text object pdfkit writes (BT … ET), where marked content may be: pdfkit wraps
 * that object in a q … Q of its own with a flipped coordinate system, and a span around the q … Q
 * would end where that system is gone — poppler places the text it reads from a span by the
 * coordinates in force at its end, so the word landed away from its line (seen: "दुनिया" a line
 * above its card's other words, and the rest of the line split in two).
 */
function drawWithActualText(doc: PDFKit.PDFDocument, actual: string, draw: () => void): void {
  const target = doc as unknown as { addContent(data: string): unknown };
  if (Object.hasOwn(target, 'addContent') || typeof target.addContent !== 'function') {
    throw new Error('pdfkit’s addContent is not as expected (see drawWithActualText)');
  }
  const add = target.addContent;
  // An object, not a `let`: TypeScript does not see the closure below change it.
  const span: { state: 'waiting' | 'open' | 'closed' } = { state: 'waiting' };
  target.addContent = function addContent(data: string) {
    if (data === 'ET' && span.state === 'open') {
      span.state = 'closed';
      doc.endMarkedContent();
    }
    const result = add.call(this, data);
    if (data === 'BT' && span.state === 'waiting') {
      span.state = 'open';
      doc.markContent('Span', { actual });
    }
    return result;
  };
  try {
    draw();
  } finally {
    // pdfkit's own method (the prototype's) again.
    delete (target as { addContent?: unknown }).addContent;
  }
  if (span.state !== 'closed') throw new Error('pdfkit drew no text object (see drawWithActualText)');
}

/** What `keepUnicode` uses of pdfkit's embedded font (0.20: `EmbeddedFont`, `font/embedded.js`). */
interface EmbeddedFont {
  font: { stringsForGlyph(id: number): string[] };
  subset: { includeGlyph(id: number): number; glyphs: number[] };
  unicode: (readonly number[])[];
  widths: number[];
  scale: number;
  layout(
    text: string,
    features?: unknown,
  ): { glyphs: { id: number; codePoints: number[]; advanceWidth: number }[]; positions: unknown[] };
  encode(text: string, features?: unknown): [string[], unknown[]];
}

/**
 * Text copied or searched in the PDF is read back through the font's ToUnicode map, one entry per
 * glyph, which pdfkit fills from the first text a glyph was drawn for. Shaped scripts share
 * glyphs between letters: Noto Sans Arabic draws the medial forms of ب ت ث ن ي with one dotless
 * body (the dots are glyphs of their own), and Thai's ำ with the glyph of า; with one entry each,
 * "التخطيط" would read back as "التحطتط". So a glyph drawn for other characters than before is
 * embedded once more under a glyph number of its own, mapped to those characters (a few hundred
 * bytes each). A glyph drawn for no character of its own reads as nothing when it takes no room
 * (Arabic's dots and hamza), else as what the font maps to it (the second half of Thai's ำ, า): a
 * glyph that reads as nothing leaves a gap that readers take for a space. Otherwise this is
 * pdfkit's `encode`.
 */
function keepUnicode(font: EmbeddedFont): void {
  if (typeof font?.encode !== 'function' || !Array.isArray(font.subset?.glyphs)) {
    throw new Error('pdfkit’s embedded font is not as expected (see keepUnicode)');
  }
  const copies = new Map<string, number>();
  font.encode = function encode(text, features) {
    const { glyphs, positions } = this.layout(text, features);
    const res: string[] = [];
    for (const [i, glyph] of glyphs.entries()) {
      let gid = this.subset.includeGlyph(glyph.id);
      const mapped = this.unicode[gid];
      const own = glyph.codePoints.length > 0;
      if (own && mapped && !sameCodePoints(mapped, glyph.codePoints)) {
        const key = `${glyph.id}:${glyph.codePoints.join()}`;
        let copy = copies.get(key);
        if (copy === undefined) {
          copy = this.subset.glyphs.push(glyph.id) - 1;
          copies.set(key, copy);
        }
        gid = copy;
      }
      res.push(`0000${gid.toString(16)}`.slice(-4));
      this.widths[gid] ??= glyph.advanceWidth * this.scale;
      const advances = ((positions[i] as { xAdvance?: number } | undefined)?.xAdvance ?? 0) > 0;
      this.unicode[gid] ??=
        own || !advances
          ? glyph.codePoints
          : [...(this.font.stringsForGlyph(glyph.id)[0] ?? '')].map((c) => c.codePointAt(0) ?? 0);
    }
    return [res, positions];
  };
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * How a run is handed to pdfkit so that its glyphs come out in visual order. A left-to-right run
 * goes as it is. In a right-to-left run, mirrored characters are swapped ("(" for ")", rule L4);
 * then fontkit, which shapes text in the order it was typed, lays a run with right-to-left letters
 * out right to left by itself: the run goes whole (with `features`, which makes pdfkit lay it out
 * in one piece rather than word by word, which would keep the words in typed order). A run of
 * neutrals only (spaces, punctuation, emoji between right-to-left words) is reversed here, by
 * grapheme.
 */
function visual(run: PlacedRun): { text: string; features?: [] } {
  if (run.level % 2 === 0) return { text: run.text };
  let mirrored = '';
  for (const ch of run.text) mirrored += bidi().getMirroredCharacter(ch) ?? ch;
  if (RTL_LETTER.test(mirrored)) return { text: mirrored, features: [] };
  return {
    text: [...graphemes.segment(mirrored)]
      .map((g) => g.segment)
      .reverse()
      .join(''),
  };
}

/** Line height for a font size (Noto's ascent + descent, a little air). */
export const lineHeight = (size: number) => size * 1.38;
/** Distance from a line's top to its baseline. */
export const ascent = (size: number) => size * 1.02;

export type Doc = InstanceType<typeof PDFDocument>;
