/**
 * A small RFC 4180 reader: fields separated by a comma (or a semicolon or a tab, as spreadsheets
 * export and paste them), quoted fields may hold separators, line breaks and doubled quotes, rows end with
 * CRLF or LF; a quote inside an unquoted field is kept as text. A leading byte-order mark is skipped. Malformed input (a quote left open, text
 * after a closing quote) is reported with its line, never guessed at.
 */

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; error: string; line: number };

export interface CsvRow {
  /** 1-based line of the file where the row starts (rows may span lines inside quotes). */
  line: number;
  fields: string[];
}

const BOM = '\uFEFF';

export type Separator = ',' | ';' | '\t';

/** In a tie the earlier wins: a comma (RFC 4180), then a semicolon, then a tab. */
const SEPARATORS: readonly Separator[] = [',', ';', '\t'];

/**
 * The separator the first row uses most, counting only outside quotes: a comma (RFC 4180), a
 * semicolon (what spreadsheets export in locales whose decimal mark is a comma: most of Europe),
 * or a tab (text pasted from a spreadsheet). A tie, or a row with none, is a comma.
 */
export function detectSeparator(text: string): Separator {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = text.startsWith(BOM) ? 1 : 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\r' || ch === '\n')) break;
    else if (!quoted) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: Separator = ',';
  for (const sep of SEPARATORS) if ((counts.get(sep) ?? 0) > (counts.get(best) ?? 0)) best = sep;
  return best;
}

export function readCsv(input: string, separator: Separator = detectSeparator(input)): CsvResult {
  const src = input.startsWith(BOM) ? input.slice(1) : input;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  let i = 0;
  const endRow = () => {
    fields.push(field);
    rows.push({ line: rowLine, fields });
    fields = [];
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
        if (next !== undefined && next !== separator && next !== '\r' && next !== '\n') {
          return { ok: false, error: `Line ${line}: unexpected text after a closing quote`, line };
        }
        continue;
      }
      if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (ch === separator) {
      fields.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      // A stray quote inside an unquoted field (`5" screen`) is kept as text, as spreadsheets do.
      field += ch;
      i++;
    }
  }
  if (quoted) {
    return { ok: false, error: `Line ${quoteLine}: a quoted field is never closed`, line: quoteLine };
  }
  if (field !== '' || fields.length > 0) endRow();
  return { ok: true, rows };
}

/** One field as RFC 4180 writes it (quoted when it holds a separator, quote or line break). */
export function csvCell(value: string): string {
  return /[",\r\n\t]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Formula-injection guard: a spreadsheet runs a cell starting with = + - @ (or tab / carriage
 * return) as a formula, so the export puts an apostrophe before such a cell.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Takes the export's guard off again (an apostrophe before anything else stays). */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
