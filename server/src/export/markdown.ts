/**
 * Markdown of the cards: one section per exercise, one sub-section per box/lane/theme, a bullet
 * per card with its author and votes. Card text is escaped so it can never turn into headings,
 * links or HTML, and its line breaks stay inside its bullet.
 */
import type { ExportBoard } from './board.js';
import type { CardRow } from './rows.js';

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

function bullet(row: CardRow): string {
  const text = escapeMarkdown(row.text.trim() || '(empty card)').replace(/\n/g, '  \n  ');
  const meta = [row.author ? `*${escapeMarkdown(row.author)}*` : '', votesLabel(row.votes || null)].filter(
    Boolean,
  );
  return `- ${text}${meta.length ? ` — ${meta.join(' · ')}` : ''}`;
}

export const votesLabel = (votes: number | null) =>
  votes === null ? '' : `${votes} ${votes === 1 ? 'vote' : 'votes'}`;

export function toMarkdown(board: ExportBoard, rows: readonly CardRow[]): string {
  const out = [`# ${escapeMarkdown(board.title)}`, ''];
  const when = board.at.toISOString().slice(0, 10);
  const source = board.source.kind === 'snapshot' ? ` (snapshot “${escapeMarkdown(board.source.name)}”)` : '';
  out.push(
    `Workshop record of ${when}${source} · ${rows.length} ${rows.length === 1 ? 'card' : 'cards'}`,
    '',
  );
  let exercise: string | null = null;
  let container: string | null = null;
  for (const row of rows) {
    if (row.exercise !== exercise) {
      exercise = row.exercise;
      container = null;
      if (out[out.length - 1] !== '') out.push('');
      out.push(`## ${escapeMarkdown(row.exercise || 'Other cards')}`, '');
    }
    if (row.container !== container) {
      // Cards in no box get a heading only when they would otherwise look like the box above.
      const heading = row.container || (container === null ? '' : 'Elsewhere');
      container = row.container;
      if (out[out.length - 1] !== '') out.push('');
      if (heading) out.push(`### ${escapeMarkdown(heading)}`, '');
    }
    out.push(bullet(row));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
