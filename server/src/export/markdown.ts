/**
 * Markdown of the record: one section per exercise (the PDF's chapters, in its order), one
 * sub-section per box/lane/theme, a bullet per card with its author and votes — The Worst
 * Solution's do-instead cards nested under the worst idea they were flipped from. Card text is
 * escaped so it can never turn into headings, links or HTML, and its line breaks stay inside its
 * bullet.
 */
import { splitByLine } from '@truenorth/shared';
import type { ExportBoard } from './board.js';
import {
  type Block,
  blockCards,
  type Chapter,
  chapterCards,
  type ExportCard,
  OTHER_CHAPTER_TITLE,
  themeTitle,
  WORST_WORDING,
} from './chapters.js';

/**
 * Characters that start Markdown syntax anywhere in a line: escapes, code, emphasis, links and
 * images (an image needs `[` too), raw HTML and autolinks, strikethrough.
 */
const INLINE = /[\\`*_[\]<~]/g;

/**
 * A card's text as Markdown that reads as itself and nothing more: what could turn it into a
 * heading, quote, list, rule, table, link, emphasis or HTML is escaped — and only that, so the
 * file still reads well as plain text (`>>`, `!` or `#` in the middle of a line stay as typed).
 */
export function escapeMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // A table needs a header line and a delimiter line: a card of one line cannot make one.
  const table = lines.length > 1;
  return lines
    .map((line) => {
      // Leading spaces would make a code block inside the bullet; Markdown drops them anyway.
      let out = line
        .trimStart()
        .replace(INLINE, '\\$&')
        .replace(/&(?=#?\w+;)/g, '\\&');
      if (table) out = out.replace(/\|/g, '\\|');
      return out
        .replace(/^[#>]/, '\\$&')
        .replace(/^([-+])(\s|$)/, '\\$1$2')
        .replace(/^([-=]+\s*)$/, '\\$1')
        .replace(/^(\d+)([.)])(\s|$)/, '$1\\$2$3');
    })
    .join('\n');
}

/**
 * A card as a list item: its text (after a bold `label`, when given), then its author and votes.
 * `indent` nests it under the item before (its further lines are indented alike).
 */
function bullet(card: ExportCard, label = '', indent = ''): string {
  const text = escapeMarkdown(card.text.trim() || '(empty card)').replace(/\n/g, `  \n${indent}  `);
  const meta = [card.author ? `*${escapeMarkdown(card.author)}*` : '', votesLabel(card.votes || null)].filter(
    Boolean,
  );
  return `${indent}- ${label ? `**${label}:** ` : ''}${text}${meta.length ? ` — ${meta.join(' · ')}` : ''}`;
}

export const votesLabel = (votes: number | null) =>
  votes === null ? '' : `${votes} ${votes === 1 ? 'vote' : 'votes'}`;

/** The container the worst-solution lists stand for: a card listed after them gets a heading. */
const WORST_SECTION = '\u0000worst';

/**
 * One chapter's body: a `###` heading per box, lane or theme, a bullet per card. Cards come in the
 * order the PDF shows them (each once); a heading is written when the container changes — cards
 * in no box get one only when they would otherwise look like the box above.
 */
class Section {
  readonly lines: string[] = [];
  private container: string | null = null;
  private readonly seen = new Set<string>();

  private gap(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  /** A heading of its own, whatever container the cards under it name. */
  heading(text: string, container: string): void {
    this.container = container;
    this.gap();
    this.lines.push(`### ${escapeMarkdown(text)}`, '');
  }

  /** A line in italics between the bullets: "(no cards)", a side of the spine's line… */
  note(text: string): void {
    this.gap();
    this.lines.push(`*${escapeMarkdown(text)}*`, '');
  }

  card(card: ExportCard): void {
    if (this.seen.has(card.id)) return;
    this.seen.add(card.id);
    if (card.container !== this.container) {
      const heading = card.container || (this.container === null ? '' : 'Elsewhere');
      if (heading) this.heading(heading, card.container);
      else this.container = card.container;
    }
    this.lines.push(bullet(card));
  }

  /** A side of the story spine's line, as a bold line over its cards. */
  label(text: string): void {
    this.gap();
    this.lines.push(`**${escapeMarkdown(text)}**`, '');
  }

  /**
   * The story spine: each lane · step that has cards under its heading, split by the line as in
   * the PDF — its cards above the line (core), then below it (mission-critical).
   */
  spine(block: Extract<Block, { kind: 'spine' }>): void {
    const [above, below] = block.lineLabels;
    if (block.line !== null) this.note(`Cards above the line are ${above}; below it, ${below}.`);
    for (const step of block.steps) {
      for (const lane of step.lanes) {
        const first = lane.cards[0];
        if (!first) continue;
        if (block.line === null) {
          for (const card of lane.cards) this.card(card);
          continue;
        }
        this.heading(first.container || `${lane.name} · ${step.name}`, first.container);
        const { core, critical } = splitByLine(lane.cards);
        for (const [side, cards] of [
          [above, core],
          [below, critical],
        ] as const) {
          this.label(side);
          if (cards.length === 0) this.note('(no cards)');
          for (const card of cards) this.card(card);
        }
      }
    }
  }

  /**
   * The Worst Solution as the PDF shows it: each worst idea, with the "do instead" cards flipped
   * from it nested under it, so which idea a card answers is written, not implied by position; a
   * worst idea not flipped yet stands alone; do-instead cards linked to no idea come last, under a
   * heading of their own.
   */
  worst(block: Extract<Block, { kind: 'worst' }>): void {
    const write = (card: ExportCard, label = '', indent = '') => {
      this.seen.add(card.id);
      this.lines.push(bullet(card, label, indent));
    };
    if (block.items.length > 0) this.heading(block.title, WORST_SECTION);
    for (const item of block.items) {
      write(item.card, WORST_WORDING.idea);
      for (const card of item.doInstead) write(card, WORST_WORDING.doInstead, '  ');
    }
    if (block.unlinked.length > 0) this.heading(WORST_WORDING.unlinked, WORST_SECTION);
    for (const card of block.unlinked) write(card);
  }

  block(block: Block): void {
    if (block.kind === 'worst') {
      this.worst(block);
      return;
    }
    if (block.kind === 'spine') {
      this.spine(block);
      return;
    }
    if (block.kind === 'themes') {
      // Each theme under its own name, an empty one too: the team named it and nothing went in.
      for (const theme of block.themes) {
        this.heading(themeTitle(theme).trim() || 'Unnamed theme', theme.name);
        if (theme.cards.length === 0) this.note('(no cards)');
        for (const card of theme.cards) this.card(card);
      }
      return;
    }
    for (const card of blockCards(block)) this.card(card);
  }
}

export function toMarkdown(board: ExportBoard, chapters: readonly Chapter[]): string {
  const out = [`# ${escapeMarkdown(board.title)}`, ''];
  const when = board.at.toISOString().slice(0, 10);
  const source = board.source.kind === 'snapshot' ? ` (snapshot “${escapeMarkdown(board.source.name)}”)` : '';
  const count = chapters.reduce((n, c) => n + chapterCards(c).length, 0);
  out.push(`Workshop record of ${when}${source} · ${count} ${count === 1 ? 'card' : 'cards'}`, '');
  for (const chapter of chapters) {
    const section = new Section();
    for (const block of chapter.blocks) section.block(block);
    // A chapter with nothing to list (an exercise not done) is left out, as it was before.
    if (section.lines.length === 0) continue;
    if (out[out.length - 1] !== '') out.push('');
    out.push(`## ${escapeMarkdown(chapter.title || OTHER_CHAPTER_TITLE)}`, '', ...section.lines);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
