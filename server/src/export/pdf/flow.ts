/**
 * Text that flows down portrait pages: headings kept with what follows, wrapped paragraphs,
 * card items and two-column table rows that continue on the next page instead of being cut.
 */
import type { Color } from '@truenorth/shared';
import { ACCENT, STICKY_FILL } from '@truenorth/shared';
import { leftToRight, ownDirection } from '@truenorth/shared/direction';
import type { ExportCard } from '../chapters.js';
import { byline, RECORD_WORDING, votesLabel } from '../wording.js';
import { ascent, type Doc, type Line, lineHeight, MUTED, type Segment, type TextKit } from './text.js';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 56;
export const TOP = 56;
/** Room kept at the bottom of each page for the footer. */
export const BOTTOM = 64;

const BODY = 10;
const LABEL_W = 150;
const CELL_PAD = 8;
const SWATCH = 7;
const ITEM_INDENT = 14;
const RULE = '#d0d7de';
/** Cards up to this many lines stay on one page. */
const KEEP_TOGETHER = 6;

export type Orientation = 'portrait' | 'landscape';

export class Flow {
  y = TOP;
  /** Chapter title repeated at the top of its continuation pages (its name isolated: `chapterHeading`). */
  chapter: string | null = null;
  /** What is being listed (a theme, a box…), named again when it continues on a new page. */
  section: string | null = null;

  constructor(
    readonly doc: Doc,
    readonly kit: TextKit,
  ) {}

  get left(): number {
    return MARGIN;
  }
  get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }
  get bottom(): number {
    return this.doc.page.height - BOTTOM;
  }

  newPage(layout: Orientation = 'portrait'): void {
    this.doc.addPage({ size: 'A4', layout, margin: 0 });
    this.y = TOP;
  }

  /** Start a new page unless `h` more points fit on this one. */
  room(h: number): void {
    if (this.y + h <= this.bottom) return;
    this.newPage();
    // Content running over: say whose it is, so a loose page still reads on its own.
    // Left to right, in this order, whatever the names' scripts (`chapter` keeps its title in its
    // own direction already): "7. خريطة الطريق — الآن (continued)".
    const running = [this.chapter, this.section && `${ownDirection(this.section)} (continued)`]
      .filter(Boolean)
      .join(' — ');
    if (running) {
      const line = this.kit.wrap([{ text: running, style: { bold: true, color: MUTED } }], 9, this.width)[0];
      if (line) this.kit.drawLine(line, this.left, this.y + ascent(9), 9);
      this.y += lineHeight(9) + 6;
    }
  }

  /**
   * Keep the next `h` points on one page when they are short (a third of a page at most): a
   * theme's last card alone at the top of the next page reads as if it belonged to nothing. A
   * longer block starts here and flows.
   */
  keep(h: number): void {
    if (h <= (this.bottom - TOP) / 3) this.room(h);
  }

  /** The height `card(card, indent)` takes. */
  cardHeight(card: ExportCard, indent = 0): number {
    return this.cardLines(card, this.width - indent - ITEM_INDENT).length * lineHeight(BODY) + 2;
  }

  space(h: number): void {
    this.y += h;
  }

  /** Wrapped text at `indent`; lines go on to the next page when this one is full. */
  paragraph(text: readonly Segment[] | string, size = BODY, indent = 0): void {
    for (const line of this.kit.wrap(text, size, this.width - indent)) this.line(line, size, indent);
  }

  private line(line: Line, size: number, indent: number): void {
    this.room(lineHeight(size));
    this.kit.drawLine(line, this.left + indent, this.y + ascent(size), size);
    this.y += lineHeight(size);
  }

  /** A heading, kept on the same page as at least two lines after it. */
  heading(text: string, size: number, after = 4, color = '#1f2328'): void {
    const lines = this.kit.wrap([{ text, style: { bold: true, color } }], size, this.width);
    // A heading starts something: a page it opens continues nothing but the chapter.
    const section = this.section;
    this.section = null;
    this.room(lines.length * lineHeight(size) + 2 * lineHeight(BODY) + after);
    this.section = section;
    for (const line of lines) this.line(line, size, 0);
    this.y += after;
  }

  rule(color = RULE): void {
    this.doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(0.75)
      .stroke(color);
  }

  /**
   * The lines of a card: its text (after a `label`, "Do instead", when given), then author (unless
   * the text starts with their name: `byline`) and votes in grey. The label, author and votes are
   * the interface's (English) wording: they read left to right, in their own order, before or
   * after a card in any script, without turning the card's direction (a Hebrew card after "Do
   * instead:" still reads, and is aligned, right to left); an author's name in Arabic or Hebrew
   * keeps its own direction inside them.
   */
  cardLines(card: ExportCard, width: number, label = ''): Line[] {
    const author = byline(card);
    const meta = [author && ownDirection(author), votesLabel(card.votes || null)].filter(Boolean).join(' · ');
    const text = card.text.trim() || '(empty card)';
    return this.kit.wrap(
      [
        {
          text: `${label ? `${leftToRight(`${label}:`)} ` : ''}${text}`,
          style: card.text.trim() ? {} : { color: MUTED },
        },
        ...(meta ? [{ text: `  — ${leftToRight(meta)}`, style: { color: MUTED } }] : []),
      ],
      BODY,
      width,
    );
  }

  /**
   * A card as a list item with its colour swatch; long text continues on the next page. The
   * swatch is on the side the card's text starts from: a card that reads right to left is
   * right-aligned, so its swatch (and its indent) are at the right, next to its first word.
   */
  card(card: ExportCard, indent = 0, label = ''): void {
    const textW = this.width - indent - ITEM_INDENT;
    const lines = this.cardLines(card, textW, label);
    const rtl = lines[0]?.rtl ?? false;
    const swatchX = rtl ? this.left + this.width - indent - SWATCH : this.left + indent;
    const textX = rtl ? this.left : this.left + indent + ITEM_INDENT;
    // A short card is not split across pages; a long one flows.
    this.room(Math.min(lines.length, KEEP_TOGETHER) * lineHeight(BODY));
    lines.forEach((line, i) => {
      this.room(lineHeight(BODY));
      if (i === 0) this.swatch(swatchX, this.y, card.color);
      this.kit.drawLine(line, textX, this.y + ascent(BODY), BODY);
      this.y += lineHeight(BODY);
    });
    this.y += 2;
  }

  /**
   * An item of a ranked list: its marker (a card's colour swatch, a theme's colour bar), its count
   * in bold, right-aligned in a column `countW` wide so the counts line up, then `text`.
   */
  ranked(
    marker: { theme: boolean; color: Color | null },
    count: string,
    countW: number,
    text: readonly Segment[],
  ): void {
    const countX = this.left + ITEM_INDENT;
    const textX = countX + countW + 8;
    const lines = this.kit.wrap(text, BODY, this.left + this.width - textX);
    const number = this.kit.wrap([{ text: count, style: { bold: true } }], BODY, countW + 1)[0];
    this.room(Math.min(lines.length, KEEP_TOGETHER) * lineHeight(BODY));
    if (marker.theme && marker.color)
      this.doc.rect(this.left + 1, this.y + 2, 4, lineHeight(BODY) - 4).fill(ACCENT[marker.color]);
    else this.swatch(this.left, this.y, marker.color);
    if (number) this.kit.drawLine(number, countX + countW - number.width, this.y + ascent(BODY), BODY);
    for (const line of lines) {
      this.room(lineHeight(BODY));
      this.kit.drawLine(line, textX, this.y + ascent(BODY), BODY);
      this.y += lineHeight(BODY);
    }
    this.y += 2;
  }

  empty(text: string = RECORD_WORDING.noCards, indent = 0): void {
    this.paragraph([{ text, style: { color: MUTED } }], BODY, indent + ITEM_INDENT);
  }

  swatch(x: number, top: number, color: Color | null): void {
    const y = top + (lineHeight(BODY) - SWATCH) / 2;
    if (color)
      this.doc.rect(x, y, SWATCH, SWATCH).lineWidth(0.5).fillAndStroke(STICKY_FILL[color], ACCENT[color]);
    else this.doc.circle(x + SWATCH / 2, y + SWATCH / 2, 1.6).fill(MUTED);
  }

  /**
   * A two-column table row: the box's name (and hint) on the left, its cards on the right. A row
   * taller than the room left continues on the next page with its name repeated.
   */
  tableRow(label: string, hint: string, cards: readonly ExportCard[]): void {
    const { kit, doc } = this;
    const leftW = LABEL_W - 2 * CELL_PAD;
    const rightX = this.left + LABEL_W + CELL_PAD;
    const rightW = this.width - LABEL_W - 2 * CELL_PAD - ITEM_INDENT;
    const head = (cont: boolean) => [
      ...kit
        .wrap([{ text: cont ? `${label} (continued)` : label, style: { bold: true } }], BODY, leftW)
        .map((l) => ({ l, size: BODY })),
      ...(cont || !hint
        ? []
        : kit.wrap([{ text: hint, style: { color: MUTED } }], 8, leftW).map((l) => ({ l, size: 8 }))),
    ];
    type Item = {
      line: Line;
      first: boolean;
      color: Color | null;
      /** Whether the card reads right to left: its swatch goes on the cell's right. */
      rtl: boolean;
      gapAfter: number;
      lines: number;
    };
    const items: Item[] = cards.length
      ? cards.flatMap((c) =>
          this.cardLines(c, rightW).map((line, i, all) => ({
            line,
            first: i === 0,
            color: c.color,
            rtl: all[0]?.rtl ?? false,
            gapAfter: i === all.length - 1 ? 3 : 0,
            lines: all.length,
          })),
        )
      : [
          {
            line: kit.wrap([{ text: RECORD_WORDING.noCards, style: { color: MUTED } }], BODY, rightW)[0]!,
            first: false,
            color: null,
            rtl: false,
            gapAfter: 0,
            lines: 1,
          },
        ];

    let index = 0;
    let cont = false;
    while (index < items.length) {
      const left = head(cont);
      const leftH = left.reduce((s, h) => s + lineHeight(h.size), 0);
      // A row starts where at least its name and first line fit.
      this.room(Math.max(leftH, lineHeight(BODY)) + 2 * CELL_PAD);
      const top = this.y;
      let y = top + CELL_PAD;
      const placed: { item: Item; y: number }[] = [];
      while (index < items.length) {
        const item = items[index]!;
        const need = item.first ? Math.min(item.lines, KEEP_TOGETHER) : 1;
        if (y + need * lineHeight(BODY) > this.bottom - CELL_PAD && placed.length > 0) break;
        placed.push({ item, y });
        y += lineHeight(BODY) + item.gapAfter;
        index++;
      }
      const bottom = Math.max(y, top + CELL_PAD + leftH) + CELL_PAD;
      // Background first, then text on top of it.
      doc.rect(this.left, top, LABEL_W, bottom - top).fill('#f6f8fa');
      doc
        .rect(this.left, top, this.width, bottom - top)
        .lineWidth(0.75)
        .stroke(RULE);
      doc
        .moveTo(this.left + LABEL_W, top)
        .lineTo(this.left + LABEL_W, bottom)
        .stroke(RULE);
      let ly = top + CELL_PAD;
      for (const h of left) {
        kit.drawLine(h.l, this.left + CELL_PAD, ly + ascent(h.size), h.size);
        ly += lineHeight(h.size);
      }
      for (const { item, y: iy } of placed) {
        // A right-to-left card: text right-aligned in the cell, its swatch after it at the right.
        if (item.first)
          this.swatch(item.rtl ? rightX + rightW + ITEM_INDENT - SWATCH : rightX, iy, item.color);
        kit.drawLine(item.line, item.rtl ? rightX : rightX + ITEM_INDENT, iy + ascent(BODY), BODY);
      }
      this.y = bottom;
      cont = true;
      if (index < items.length) this.room(Number.POSITIVE_INFINITY);
    }
  }
}
