/**
 * Markdown of the cards: one section per exercise, one sub-section per box/lane/theme, a bullet
 * per card with its author and votes. Card text is escaped so it can never turn into headings,
 * links or HTML, and its line breaks stay inside its bullet.
 */
import type { ExportBoard } from './board.js';
import type { CardRow } from './rows.js';

/** Characters that could start Markdown syntax anywhere in a line. */
const INLINE = /[\\`*_[\]<>|#!~]/g;

export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(INLINE, '\\$&')
        .replace(/^(\s*)([-+])(\s|$)/, '$1\\$2$3')
        .replace(/^(\s*)([-=]+\s*)$/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])(\s|$)/, '$1\\$2$3'),
    )
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
