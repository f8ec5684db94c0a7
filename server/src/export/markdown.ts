/**
 * Markdown of the record: what the PDF's chapters say, written from the same blocks with the same
 * wording (wording.ts) — every chapter numbered as in the PDF, with its prompt and card count; a
 * `###` heading per block ("Our team", "Idea pool (not sorted yet)", "Lean Canvas", "Themes"…),
 * a `####` heading per box, lane, theme or step within it, a bullet per card with its author and
 * votes. An empty part says so, as in the PDF; The Worst Solution's do-instead cards are nested
 * under the worst idea they were flipped from. Card text is escaped so it can never turn into
 * headings, links or HTML, and its line breaks stay inside its bullet.
 */
import { splitByLine } from '@truenorth/shared';
import { type ExportBoard, participantsOf } from './board.js';
import { type Block, type Chapter, chapterCards, type ExportCard, type MostVotes } from './chapters.js';
import {
  byline,
  cardsLabel,
  chapterHeading,
  MOST_VOTES_WORDING,
  OTHER_CHAPTER_TITLE,
  participantLabel,
  quote,
  RECORD_WORDING,
  recordCounts,
  recordWhen,
  skippedNote,
  spineLineNote,
  stepHeading,
  themeCounts,
  themeTitle,
  tiedNote,
  votesLabel,
  WORST_WORDING,
} from './wording.js';

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

/** Text with its line breaks kept (a hard break each), continuing at `indent`. */
const lines = (text: string, indent = '') => escapeMarkdown(text).replace(/\n/g, `  \n${indent}`);

/**
 * A card as a list item: its text (after a bold `label`, when given), then its author (unless the
 * text starts with their name: `byline`) and votes. `indent` nests it under the item before (its
 * further lines are indented alike).
 */
function bullet(card: ExportCard, label = '', indent = ''): string {
  const text = lines(card.text.trim() || '(empty card)', `${indent}  `);
  const author = byline(card);
  const meta = [author ? `*${escapeMarkdown(author)}*` : '', votesLabel(card.votes || null)].filter(Boolean);
  return `${indent}- ${label ? `**${label}:** ` : ''}${text}${meta.length ? ` — ${meta.join(' · ')}` : ''}`;
}

/** One chapter's body as Markdown paragraphs (headings, notes, lists), in the PDF's order. */
class ChapterWriter {
  readonly paragraphs: string[] = [];

  heading(level: number, text: string): void {
    this.paragraphs.push(`${'#'.repeat(level)} ${text}`);
  }

  /** A line in italics: a hint, a count, "No cards" — what the PDF prints in grey. */
  note(text: string): void {
    this.paragraphs.push(`*${text}*`);
  }

  /** A bold line over the cards after it: a side of the spine's line. */
  label(text: string): void {
    this.paragraphs.push(`**${text}**`);
  }

  cards(cards: readonly ExportCard[], empty: string = RECORD_WORDING.noCards): void {
    if (cards.length === 0) this.note(empty);
    else this.paragraphs.push(cards.map((c) => bullet(c)).join('\n'));
  }

  /** The PDF's "Most votes" list: count, theme name or shortened card text, a card's box. */
  mostVotes(most: MostVotes | null): void {
    if (!most) return;
    this.heading(3, MOST_VOTES_WORDING.title);
    if (most.leaders.length)
      this.paragraphs.push(
        most.leaders
          .map((leader) => {
            const count = `**${votesLabel(leader.votes)}**`;
            if (leader.kind === 'theme')
              return `- ${count} ${escapeMarkdown(themeTitle(leader.theme))} — *${MOST_VOTES_WORDING.theme}*`;
            const { card } = leader;
            const where = card.container ? ` — *${escapeMarkdown(card.container)}*` : '';
            return `- ${count} ${escapeMarkdown(quote(card.text))}${where}`;
          })
          .join('\n'),
      );
    if (most.tied) this.note(tiedNote(most.leaders.length, most.tied.count, most.tied.votes));
  }

  block(block: Block): void {
    this.heading(3, escapeMarkdown(block.title));
    switch (block.kind) {
      case 'table':
        for (const row of block.rows) {
          this.heading(4, escapeMarkdown(row.label));
          if (row.hint) this.note(escapeMarkdown(row.hint));
          this.cards(row.cards);
        }
        break;
      case 'list':
        if (block.hint) this.note(escapeMarkdown(block.hint));
        this.cards(block.cards);
        break;
      case 'themes':
        if (block.themes.length === 0) this.note(RECORD_WORDING.noThemes);
        // Each theme under its own name, an empty one too: the team named it and nothing went in.
        for (const theme of block.themes) {
          this.heading(4, escapeMarkdown(themeTitle(theme)));
          this.note(themeCounts(theme));
          this.cards(theme.cards);
        }
        break;
      case 'spine':
        this.spine(block);
        break;
      case 'worst':
        this.worst(block);
        break;
    }
  }

  /** The story spine: each step, its lanes, each lane's cards split by the line as in the PDF. */
  private spine(block: Extract<Block, { kind: 'spine' }>): void {
    const [above, below] = block.lineLabels.map(escapeMarkdown) as [string, string];
    if (block.line !== null) this.note(spineLineNote([above, below]));
    const lanes = Math.max(...block.steps.map((s) => s.lanes.length), 0);
    block.steps.forEach((step, i) => {
      this.heading(4, stepHeading(i, escapeMarkdown(step.name)));
      for (const lane of step.lanes) {
        if (lanes > 1) this.heading(5, escapeMarkdown(lane.name));
        if (block.line === null) {
          this.cards(lane.cards);
          continue;
        }
        const { core, critical } = splitByLine(lane.cards);
        this.label(above);
        this.cards(core);
        this.label(below);
        this.cards(critical);
      }
    });
  }

  /**
   * The Worst Solution: each worst idea, with the "do instead" cards flipped from it nested under
   * it, so which idea a card answers is written, not implied by position; a worst idea not flipped
   * yet stands alone; do-instead cards linked to no idea come last, under a heading of their own.
   */
  private worst(block: Extract<Block, { kind: 'worst' }>): void {
    if (block.items.length === 0) this.note(WORST_WORDING.none);
    else
      this.paragraphs.push(
        block.items
          .flatMap((item) => [
            bullet(item.card, WORST_WORDING.idea),
            ...item.doInstead.map((card) => bullet(card, WORST_WORDING.doInstead, '  ')),
          ])
          .join('\n'),
      );
    if (block.unlinked.length > 0) {
      this.heading(4, WORST_WORDING.unlinked);
      this.cards(block.unlinked);
    }
  }
}

/**
 * The cover, as the PDF's: the title, when the record is of, its counts, unreadable elements, and
 * who took part — one bullet each, so that two names in Arabic or Hebrew side by side cannot be
 * laid out as one right-to-left run (swapped, the comma between them moved).
 */
function cover(board: ExportBoard, chapters: readonly Chapter[]): string[] {
  const people = participantsOf(board);
  const cards = chapters.reduce((n, c) => n + chapterCards(c).length, 0);
  return [
    `# ${escapeMarkdown(board.title)}`,
    `Workshop record · ${escapeMarkdown(recordWhen(board))}`,
    `*${recordCounts(cards, people.length, chapters.length)}*`,
    ...(board.skipped > 0 ? [`**${skippedNote(board.skipped)}**`] : []),
    '**Participants**',
    people.length
      ? people.map((p) => `- ${escapeMarkdown(participantLabel(p))}`).join('\n')
      : `*${RECORD_WORDING.nobody}*`,
  ];
}

export function toMarkdown(board: ExportBoard, chapters: readonly Chapter[]): string {
  const out = cover(board, chapters);
  for (const [i, chapter] of chapters.entries()) {
    const writer = new ChapterWriter();
    writer.heading(2, chapterHeading(i, escapeMarkdown(chapter.title || OTHER_CHAPTER_TITLE)));
    for (const prompt of chapter.prompts) writer.paragraphs.push(lines(prompt.trim()));
    writer.note(cardsLabel(chapterCards(chapter).length));
    writer.mostVotes(chapter.mostVotes);
    for (const block of chapter.blocks) writer.block(block);
    out.push(...writer.paragraphs);
  }
  return `${out.join('\n\n')}\n`;
}
