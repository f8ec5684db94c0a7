/**
 * CSV per RFC 4180 (CRLF rows, fields with a comma, quote or line break quoted, quotes doubled),
 * with a UTF-8 byte-order mark so spreadsheet programs read non-Latin text correctly.
 *
 * Formula-injection guard: a spreadsheet runs a cell starting with = + - @ (or tab / carriage
 * return) as a formula, so such a cell gets a leading apostrophe. `unguard` takes it off again
 * for an importer that knows the cell came from this export.
 */
import type { CardRow } from './rows.js';

export const CSV_COLUMNS = ['exercise', 'container', 'text', 'author', 'votes'] as const;
export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function guard(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguard(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function csvField(value: string): string {
  const safe = guard(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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

/**
 * Parse RFC 4180 text into rows of fields (a leading BOM is skipped; LF alone also ends a row).
 * Throws on a quote left open or text after a closing quote.
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < src.length) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = src[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new Error(
            `CSV: unexpected ${JSON.stringify(next)} after a closing quote (row ${rows.length + 1})`,
          );
        }
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error(`CSV: a quoted field is not closed (row ${rows.length + 1})`);
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
