/**
 * CSV per RFC 4180 (CRLF rows, fields with a comma, quote or line break quoted, quotes doubled),
 * with a UTF-8 byte-order mark so spreadsheet programs read non-Latin text correctly.
 *
 * Formula-injection guard: a spreadsheet runs a cell starting with = + - @ (or tab / carriage
 * return) as a formula, so such a cell gets a leading apostrophe. `unguardCell` takes it off again
 * for an importer that knows the cell came from this export (both live in shared, with the reader).
 */
import { csvCell, guardCell } from '@truenorth/shared';
import type { CardRow } from './rows.js';

export const CSV_COLUMNS = ['exercise', 'container', 'text', 'author', 'votes'] as const;
export const BOM = '\uFEFF';

/** One exported cell: guarded against formulas, then quoted per RFC 4180 (shared with import). */
export function csvField(value: string): string {
  return csvCell(guardCell(value));
}

export function toCsv(rows: readonly CardRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [r.exercise, r.container, r.text, r.author, r.votes === null ? '' : String(r.votes)]
        .map(csvField)
        .join(','),
    );
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
