/**
 * The canvas as a vector picture: a frame and everything in it, scaled to a box on the page.
 * Drawn in canvas units under one transform, back to front as on the board; text stays text
 * (selectable, searchable), only clipped to its sticky as the canvas clips it.
 */
import {
  ACCENT,
  CONTAINER_DEPTH,
  center,
  type Element,
  type ElementOf,
  gridSlots,
  HEADER,
  initials,
  laneSlots,
  type Rect,
  STICKY_FILL,
} from '@truenorth/shared';
import { ascent, type Doc, INK, type Line, lineHeight, MUTED, type TextKit, wordsOf } from './text.js';

const LINE_COLOR = '#cf222e';
const STICKY_SIZES = [28, 24, 20, 16, 13, 10];
/** A lane's name where it heads its lane: a box title's size, smaller for a long name. */
const LANE_SIZES = [22, 19, 16];
const PAD = 12;
const MAX_SCALE = 0.5;
/** The vote badge on a sticky's corner: its centre's inset from the top-right corner, its radius. */
const BADGE_INSET = 4;
const BADGE_R = 22;

/**
 * The canvas's drawing order: containers under everything (a theme made from cards already on
 * the board comes after them in the document, and would tint them), then arrows under the cards
 * they join (a "do instead" arrow would strike through the ideas it passes), then the cards,
 * each group back to front.
 */
export function paintOrder(members: readonly Element[]): Element[] {
  // Containers by depth (frames, then boxes, then themes), as on the canvas.
  const rank = (el: Element) => CONTAINER_DEPTH[el.type] ?? (el.type === 'connector' ? 3 : 4);
  // Array.prototype.sort is stable: within a rank, the document's order stays.
  return [...members].sort((a, b) => rank(a) - rank(b));
}

/** Bounds of what a picture shows (connectors follow their ends). */
export function pictureBounds(members: readonly Element[]): Rect | null {
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  for (const el of members) {
    if (el.type === 'connector') continue;
    x1 = Math.min(x1, el.x);
    y1 = Math.min(y1, el.y);
    x2 = Math.max(x2, el.x + el.w);
    y2 = Math.max(y2, el.y + el.h);
  }
  return Number.isFinite(x1) ? { x: x1, y: y1, w: Math.max(1, x2 - x1), h: Math.max(1, y2 - y1) } : null;
}

export class Picture {
  constructor(
    private readonly doc: Doc,
    private readonly kit: TextKit,
    private readonly byId: ReadonlyMap<string, Element>,
  ) {}

  /** Draw `members` scaled to fit `box` (centred horizontally, top-aligned). Returns its height. */
  draw(members: readonly Element[], box: Rect): number {
    const bounds = pictureBounds(members);
    if (!bounds) return 0;
    // Never larger than half size: a lone card should not fill a page.
    const s = Math.min(box.w / bounds.w, box.h / bounds.h, MAX_SCALE);
    const { doc } = this;
    const inside = new Set(members.map((m) => m.id));
    doc.save();
    doc.translate(box.x + (box.w - bounds.w * s) / 2, box.y);
    doc.scale(s);
    doc.translate(-bounds.x, -bounds.y);
    for (const el of paintOrder(members)) {
      switch (el.type) {
        case 'frame':
          this.frame(el);
          break;
        case 'grid':
          this.grid(el);
          break;
        case 'swimlanes':
          this.swimlanes(el);
          break;
        case 'theme':
          this.theme(el);
          break;
        case 'sticky':
          this.sticky(el);
          break;
        case 'text':
          this.text(el);
          break;
        case 'connector':
          if (inside.has(el.from) && inside.has(el.to)) this.connector(el);
          break;
      }
    }
    doc.restore();
    return bounds.h * s;
  }

  /** Text lines from the top-left corner `(x, y)`, at most `maxLines`; "…" marks a cut. */
  private label(text: string, x: number, y: number, size: number, width: number, maxLines = 1, bold = true) {
    const lines = this.kit.wrap([{ text, style: { bold, color: INK } }], size, width);
    const shown = lines.slice(0, maxLines);
    shown.forEach((line, i) => {
      this.kit.drawLine(line, x, y + ascent(size) + i * lineHeight(size), size);
    });
    return shown.length * lineHeight(size);
  }

  /**
   * A bold heading at the first of `sizes` it fits on one line at; at the last size on two, and
   * cut with "…" only past that.
   */
  private fittedLabel(text: string, x: number, y: number, sizes: readonly number[], width: number) {
    const { kit } = this;
    const bold = (t: string) => [{ text: t, style: { bold: true, color: INK } }];
    const size = sizes.find((sz) => kit.width(text, sz, true) <= width) ?? sizes[sizes.length - 1] ?? 16;
    const lines = kit.wrap(bold(text), size, width);
    const at = (i: number) => y + ascent(size) + i * lineHeight(size);
    if (lines.length <= 2) {
      lines.forEach((line, i) => {
        kit.drawLine(line, x, at(i), size);
      });
      return;
    }
    // Two lines kept clear of a "…" after the second: at its right, or its left for right-to-left text.
    const room = kit.width('…', size, true);
    const [first, second] = kit.wrap(bold(text), size, width - room);
    const dots = kit.wrap(bold('…'), size, room + 1)[0]!;
    if (!first || !second) return;
    kit.drawLine(first, first.rtl ? x + room : x, at(0), size);
    kit.drawLine(second, second.rtl ? x + room : x, at(1), size);
    kit.drawLine(dots, second.rtl ? x + room + second.offset - room : x + second.width, at(1), size);
  }

  private frame(f: ElementOf<'frame'>) {
    this.doc.roundedRect(f.x, f.y, f.w, f.h, 16).lineWidth(3).fillAndStroke('#fafbfc', '#8c959f');
    this.label(f.title, f.x + 24, f.y + 6, 28, f.w - 48);
  }

  private grid(g: ElementOf<'grid'>) {
    const { doc } = this;
    doc.rect(g.x, g.y, g.w, g.h).lineWidth(2).fillAndStroke('#ffffff', '#6e7781');
    if (g.title) this.label(g.title, g.x + 14, g.y + 8, 22, g.w - 28);
    for (const slot of gridSlots(g)) {
      const r = slot.rect;
      doc.rect(r.x, r.y, r.w, r.h).lineWidth(1.5).stroke('#afb8c1');
      const cell = g.cells.find((c) => c.id === slot.slot);
      const used = this.label(slot.name, r.x + 12, r.y + 8, 20, r.w - 24);
      if (cell?.hint) {
        const lines = this.kit.wrap([{ text: cell.hint, style: { color: MUTED } }], 14, r.w - 24).slice(0, 2);
        lines.forEach((line, i) => {
          this.kit.drawLine(line, r.x + 12, r.y + 8 + used + ascent(14) + i * lineHeight(14), 14);
        });
      }
    }
  }

  private swimlanes(s: ElementOf<'swimlanes'>) {
    const { doc } = this;
    doc.rect(s.x, s.y, s.w, s.h).lineWidth(2).fillAndStroke('#ffffff', '#6e7781');
    if (s.title) this.label(s.title, s.x + 14, s.y + 8, 22, s.w - 28);
    const slots = laneSlots(s);
    const horizontal = s.orientation === 'horizontal';
    slots.forEach((slot, i) => {
      const r = slot.rect;
      doc.rect(r.x, r.y, r.w, r.h).lineWidth(1.5).stroke('#afb8c1');
      const [laneName, stepName] = slot.name.split(' · ');
      const firstLane = i < Math.max(1, s.steps.length);
      if (stepName !== undefined && firstLane) this.label(stepName, r.x + 12, r.y + 8, 20, r.w - 24);
      const firstStep = s.steps.length === 0 || i % s.steps.length === 0;
      if (laneName && firstStep && s.steps.length === 0) {
        // Without steps the lanes' names are the only headings (the Road Map's "Now" or "Q1
        // 2027"): as large as a box's title, a long one smaller rather than cut.
        this.fittedLabel(laneName, r.x + 12, r.y + 8, LANE_SIZES, r.w - 24);
      } else if (laneName && firstStep) {
        const y = stepName !== undefined && firstLane ? r.y + 36 : r.y + 8;
        this.label(laneName, r.x + 12, y, 15, r.w - 24, 1, false);
      }
    });
    if (s.line === null) return;
    const [above, below] = s.lineLabels;
    doc.save().lineWidth(4).dash(18, { space: 10 }).strokeColor(LINE_COLOR);
    if (horizontal) {
      const y = s.y + HEADER + s.line * (s.h - HEADER);
      doc
        .moveTo(s.x, y)
        .lineTo(s.x + s.w, y)
        .stroke();
      doc.restore();
      const w = this.kit.width(above, 18, true) + 24;
      this.label(above, s.x + s.w - w, y - 34, 18, w);
      this.label(below, s.x + s.w - this.kit.width(below, 18, true) - 24, y + 8, 18, w * 4);
    } else {
      const x = s.x + s.line * s.w;
      doc
        .moveTo(x, s.y + HEADER)
        .lineTo(x, s.y + s.h)
        .stroke();
      doc.restore();
      this.label(`${above} ◂ ▸ ${below}`, x - 120, s.y + s.h - 34, 18, 240);
    }
  }

  private theme(t: ElementOf<'theme'>) {
    const { doc } = this;
    doc.save();
    if (t.parking) doc.dash(14, { space: 8 });
    doc
      .roundedRect(t.x, t.y, t.w, t.h, 12)
      .lineWidth(3)
      .fillOpacity(0.35)
      .fillAndStroke(STICKY_FILL[t.color], ACCENT[t.color]);
    doc.restore();
    this.label(t.name, t.x + 16, t.y + 8, 22, t.w - 32);
  }

  private sticky(n: ElementOf<'sticky'>) {
    const { doc, kit } = this;
    doc
      .rect(n.x + 3, n.y + 4, n.w, n.h)
      .fillOpacity(0.12)
      .fill('#000000')
      .fillOpacity(1);
    doc.rect(n.x, n.y, n.w, n.h).lineWidth(1.5).fillAndStroke(STICKY_FILL[n.color], ACCENT[n.color]);
    const author = n.author.trim() ? initials(n.author) : '';
    const votes = Math.max(n.votes, 0);
    // As on the canvas: the text keeps clear of the vote badge on the corner.
    const width = n.w - 2 * PAD - (votes ? BADGE_R + BADGE_INSET - PAD + 4 : 0);
    const height = n.h - 2 * PAD - (author ? 16 : 0);
    const text = n.text.trim();
    if (text) {
      // Estimate from the text's width at size 1 (width grows with size) to skip sizes that cannot
      // fit; thousands of stickies each wrapped at every size would dominate the export time.
      const paragraphs = text.split('\n');
      const unit = paragraphs.map((p) => kit.width(p, 1));
      const estimate = (sz: number) =>
        unit.reduce((sum, w) => sum + Math.max(1, Math.ceil((w * sz) / width)), 0) * lineHeight(sz);
      const first = STICKY_SIZES.findIndex((sz) => estimate(sz) <= height);
      const fitting = STICKY_SIZES.slice(first === -1 ? STICKY_SIZES.length - 1 : first);
      // Sizes at which every word fits on a line: a word is broken between letters ("Anonymou /
      // s") only when no size keeps it whole. (Words as the wrapping finds them: Thai, written
      // without spaces, has several in what looks like one.)
      const longest = Math.max(0, ...wordsOf(text).map((word) => kit.width(word, 1)));
      const whole = fitting.filter((sz) => longest * sz <= width);
      const candidates = whole.length > 0 ? whole : fitting;
      let size = 0;
      let lines: Line[] = [];
      for (const candidate of candidates) {
        size = candidate;
        lines = kit.wrap(text, candidate, width);
        if (lines.length * lineHeight(candidate) <= height) break;
      }
      const max = Math.max(1, Math.floor(height / lineHeight(size)));
      const cut = lines.length > max;
      doc.save();
      doc.rect(n.x, n.y, n.w, n.h).clip();
      lines.slice(0, max).forEach((line, i) => {
        kit.drawLine(line, n.x + PAD, n.y + PAD + ascent(size) + i * lineHeight(size), size);
      });
      // "…" where the text is cut: at the end of its last line, the left for right-to-left text.
      const end = lines[max - 1]?.rtl ? n.x + PAD : n.x + n.w - PAD - size;
      if (cut) kit.drawLine(kit.wrap('…', size, width)[0]!, end, n.y + n.h - PAD - 2, size);
      doc.restore();
    }
    if (votes) {
      // Revealed dot votes, as the canvas shows them: a dark badge on the top-right corner.
      const cx = n.x + n.w - BADGE_INSET;
      const cy = n.y + BADGE_INSET;
      doc.circle(cx, cy, BADGE_R).lineWidth(3).fillAndStroke('#1f2430', '#ffffff');
      const label = String(votes);
      const w = kit.width(label, 22, true);
      const line = kit.wrap([{ text: label, style: { bold: true, color: '#ffffff' } }], 22, w + 1)[0];
      if (line) kit.drawLine(line, cx - w / 2, cy - lineHeight(22) / 2 + ascent(22), 22);
    }
    if (author) {
      const w = kit.width(author, 12, true);
      kit.drawLine(
        kit.wrap([{ text: author, style: { bold: true, color: MUTED } }], 12, w + 1)[0]!,
        n.x + n.w - PAD - w,
        n.y + n.h - 8,
        12,
      );
    }
  }

  private text(t: ElementOf<'text'>) {
    const size = t.fontSize;
    const lines = this.kit.wrap([{ text: t.text, style: { color: '#57606a' } }], size, t.w);
    lines.forEach((line, i) => {
      this.kit.drawLine(line, t.x, t.y + ascent(size) + i * lineHeight(size), size);
    });
  }

  private connector(c: ElementOf<'connector'>) {
    const from = this.byId.get(c.from);
    const to = this.byId.get(c.to);
    if (!from || !to || from.type === 'connector' || to.type === 'connector') return;
    const a = edgePoint(from, center(to));
    const b = edgePoint(to, center(from));
    const { doc } = this;
    doc.moveTo(a.x, a.y).lineTo(b.x, b.y).lineWidth(3).stroke('#57606a');
    const angle = Math.atan2(b.y - a.y, b.x - a.x);
    const head = 18;
    doc
      .moveTo(b.x, b.y)
      .lineTo(b.x - head * Math.cos(angle - 0.45), b.y - head * Math.sin(angle - 0.45))
      .lineTo(b.x - head * Math.cos(angle + 0.45), b.y - head * Math.sin(angle + 0.45))
      .closePath()
      .fill('#57606a');
    if (c.label) {
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const w = this.kit.width(c.label, 14);
      this.label(c.label, mid.x - w / 2, mid.y - 24, 14, w + 2, 1, false);
    }
  }
}

/** Where the line from the centre of `r` towards `p` leaves `r`. */
function edgePoint(r: Rect, p: { x: number; y: number }): { x: number; y: number } {
  const c = center(r);
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const t = Math.min(
    dx === 0 ? Infinity : r.w / 2 / Math.abs(dx),
    dy === 0 ? Infinity : r.h / 2 / Math.abs(dy),
  );
  return { x: c.x + dx * t, y: c.y + dy * t };
}
