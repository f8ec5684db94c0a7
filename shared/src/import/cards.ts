/**
 * Importing cards into a frame from CSV rows: which boxes (grid cells, lanes, themes) the frame
 * offers, which row goes where, and what is wrong with each bad row. Pure, so the client's preview
 * and a server route can share it. Nothing is imported half: the caller gets every row's status
 * and creates only the valid ones, in one transaction, after the user has seen the errors.
 */
import type { NewElement } from '../commands.js';
import { COLORS, type Color, type Element, MAX_LABEL, MAX_TEXT } from '../elements/index.js';
import { readingOrder } from '../exercises/board.js';
import { EXERCISE_TITLES } from '../exercises.js';
import { cardArea, HEADER, type Rect, slotsOf } from '../geometry.js';
import { type CsvRow, readCsv, unguardCell } from './csv.js';

/** At most this many data rows per import: a workshop frame, not a database. */
export const MAX_IMPORT_ROWS = 2000;
/** Size of an imported sticky (as cards added from the outline). */
export const IMPORTED_CARD_SIZE = 160;

/** A place in the frame a card can be imported into. */
export interface ImportTarget {
  parent: string;
  slot: string | null;
  /** What the export writes in its `container` column for this place. */
  name: string;
  /** Other names that also match (e.g. `Grid title › Cell`). */
  aliases: string[];
  rect: Rect;
}

export type RowStatus = 'ok' | 'error' | 'skipped';

export interface ImportRow {
  /** Line of the file the row starts on. */
  line: number;
  text: string;
  /** The container name as written in the file ('' when none). */
  container: string;
  author: string;
  color: Color;
  target: ImportTarget | null;
  /** The row named no box and goes to the frame's first one. */
  defaulted: boolean;
  status: RowStatus;
  problems: string[];
}

export interface ImportColumns {
  header: boolean;
  text: number;
  container: number | null;
  author: number | null;
  color: number | null;
  exercise: number | null;
}

export type ImportPlan =
  | { ok: true; columns: ImportColumns; targets: ImportTarget[]; rows: ImportRow[] }
  | { ok: false; error: string };

const ALIASES: Record<Exclude<keyof ImportColumns, 'header'>, readonly string[]> = {
  text: ['text', 'card', 'content', 'note', 'sticky', 'idea', 'ideas'],
  container: ['container', 'box', 'theme', 'lane', 'cell', 'slot', 'group'],
  author: ['author', 'by', 'writer'],
  color: ['color', 'colour'],
  exercise: ['exercise', 'frame'],
};

/** Names compare without case, surrounding space or repeated inner space. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The frame that owns an element: the nearest frame up its parent chain. */
function frameOf(el: Element, byId: ReadonlyMap<string, Element>): string | null {
  let cur: Element | undefined = el;
  for (let depth = 0; cur && depth < 64; depth++) {
    if (cur.type === 'frame') return cur.id;
    cur = cur.parent === null ? undefined : byId.get(cur.parent);
  }
  return null;
}

/**
 * The boxes, lanes and themes inside a frame, in reading order; the frame itself when it has
 * none (a plain frame takes cards as a whole).
 */
export function importTargets(elements: readonly Element[], frameId: string): ImportTarget[] {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const frame = byId.get(frameId);
  if (frame?.type !== 'frame') return [];
  const containers = elements
    .filter((e) => (e.type === 'grid' || e.type === 'swimlanes' || e.type === 'theme') && e.id !== frameId)
    .filter((e) => frameOf(e, byId) === frameId)
    .sort(readingOrder);
  const targets: ImportTarget[] = [];
  for (const c of containers) {
    const title = c.type === 'theme' ? c.name : c.type === 'grid' || c.type === 'swimlanes' ? c.title : '';
    for (const s of slotsOf(c).sort((a, b) => a.rect.y - b.rect.y || a.rect.x - b.rect.x)) {
      const name = s.name.trim() || title;
      const aliases =
        title && s.name.trim() && title !== s.name ? [`${title} › ${s.name}`, `${title} / ${s.name}`] : [];
      targets.push({ parent: c.id, slot: s.slot, name, aliases, rect: s.rect });
    }
  }
  if (targets.length === 0) {
    targets.push({
      parent: frame.id,
      slot: null,
      name: frame.title,
      aliases: [],
      rect: { x: frame.x, y: frame.y + HEADER, w: frame.w, h: Math.max(0, frame.h - HEADER) },
    });
  }
  return targets;
}

function findColumns(first: readonly string[]): ImportColumns {
  const names = first.map(normalizeName);
  const find = (key: keyof typeof ALIASES) => {
    const i = names.findIndex((n) => ALIASES[key].includes(n));
    return i < 0 ? null : i;
  };
  const text = find('text');
  if (text === null) {
    // No header row: the documented column order.
    return { header: false, text: 0, container: 1, author: 2, color: 3, exercise: null };
  }
  return {
    header: true,
    text,
    container: find('container'),
    author: find('author'),
    color: find('color'),
    exercise: find('exercise'),
  };
}

/** Every row's target and problems; rows of another exercise (by the export's column) are skipped. */
export function validateCardRows(
  csvRows: readonly CsvRow[],
  targets: readonly ImportTarget[],
  frameTitles: readonly string[],
): { columns: ImportColumns; rows: ImportRow[] } {
  const first = csvRows[0]?.fields ?? [];
  const columns = findColumns(first.map(unguardCell));
  const byName = new Map<string, ImportTarget>();
  for (const t of targets) {
    for (const n of [t.name, ...t.aliases]) {
      const key = normalizeName(n);
      if (key && !byName.has(key)) byName.set(key, t);
    }
  }
  const titles = new Set(frameTitles.map(normalizeName).filter(Boolean));
  const fallback = targets[0] ?? null;
  const known = targets.map((t) => t.name).filter(Boolean);
  const rows: ImportRow[] = [];
  for (const row of columns.header ? csvRows.slice(1) : csvRows) {
    const cell = (i: number | null) => (i === null ? '' : unguardCell(row.fields[i] ?? ''));
    if (row.fields.every((f) => f.trim() === '')) continue;
    const text = cell(columns.text).replace(/\r\n?/g, '\n');
    const container = cell(columns.container).trim();
    const author = cell(columns.author).trim();
    const colorName = normalizeName(cell(columns.color));
    const exercise = cell(columns.exercise).trim();
    const problems: string[] = [];
    let status: RowStatus = 'ok';

    if (exercise && titles.size > 0 && !titles.has(normalizeName(exercise))) {
      status = 'skipped';
      problems.push(`belongs to “${exercise}”, not this frame`);
    }
    if (text.trim() === '') problems.push('the text is empty');
    else if (text.length > MAX_TEXT)
      problems.push(`the text is too long (${text.length} of at most ${MAX_TEXT} characters)`);
    let target: ImportTarget | null = null;
    if (container) {
      target = byName.get(normalizeName(container)) ?? null;
      if (!target) problems.push(`no box named “${container}” here (known: ${listOf(known)})`);
    } else {
      target = fallback;
      if (!target) problems.push('this frame has no box to put cards in');
    }
    const color = colorName === '' ? 'yellow' : (COLORS.find((c) => c === colorName) ?? null);
    if (color === null)
      problems.push(`unknown colour “${cell(columns.color).trim()}” (use ${COLORS.join(', ')})`);
    if (author.length > MAX_LABEL) problems.push(`the author is too long (at most ${MAX_LABEL} characters)`);
    if (status !== 'skipped' && problems.length > 0) status = 'error';
    rows.push({
      line: row.line,
      text,
      container,
      author,
      color: color ?? 'yellow',
      target,
      defaulted: !container && target !== null,
      status,
      problems: status === 'skipped' ? problems.slice(0, 1) : problems,
    });
  }
  return { columns, rows };
}

function listOf(names: readonly string[]): string {
  const shown = names.slice(0, 6).map((n) => `“${n}”`);
  return names.length > 6 ? `${shown.join(', ')}, …` : shown.join(', ') || 'none';
}

/** Parse CSV text and validate it against a frame of the board. */
export function planCardImport(text: string, elements: readonly Element[], frameId: string): ImportPlan {
  const frame = elements.find((e) => e.id === frameId);
  if (frame?.type !== 'frame') return { ok: false, error: 'Choose a frame to import into.' };
  const parsed = readCsv(text);
  if (!parsed.ok) return { ok: false, error: `The file is not valid CSV. ${parsed.error}.` };
  const targets = importTargets(elements, frameId);
  const titles = [frame.title, ...(frame.exercise ? [EXERCISE_TITLES[frame.exercise]] : [])];
  const { columns, rows } = validateCardRows(parsed.rows, targets, titles);
  if (rows.length === 0)
    return { ok: false, error: 'The file has no cards (one card per row, with a “text” column).' };
  if (rows.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      error: `The file has ${rows.length} cards; at most ${MAX_IMPORT_ROWS} can be imported at once.`,
    };
  }
  return { ok: true, columns, targets, rows };
}

/** A tidy spot for the n-th card in a place: rows inside it, then again with a small offset. */
export function cardSpot(r: Rect, n: number, size = IMPORTED_CARD_SIZE): { x: number; y: number } {
  const gap = 16;
  const perRow = Math.max(1, Math.floor((r.w - gap) / (size + gap)));
  const rows = Math.max(1, Math.floor((r.h - gap) / (size + gap)));
  const round = Math.floor(n / (perRow * rows));
  const k = n % (perRow * rows);
  const shift = (round % 8) * 12;
  return {
    x: Math.round(r.x + gap + (k % perRow) * (size + gap) + shift),
    y: Math.round(r.y + gap + Math.floor(k / perRow) * (size + gap) + shift),
  };
}

/**
 * The stickies to create for the valid rows (status `ok`), placed after the cards already in
 * each place. Pass them to `createElements` in one transaction.
 */
export function importedStickies(
  rows: readonly ImportRow[],
  elements: readonly Element[],
  by: { name: string; now: number },
): NewElement<'sticky'>[] {
  const count = new Map<string, number>();
  const key = (parent: string, slot: string | null) => `${parent}\u0000${slot ?? ''}`;
  for (const e of elements) {
    if ((e.type === 'sticky' || e.type === 'text') && e.parent !== null) {
      const k = key(e.parent, e.slot);
      count.set(k, (count.get(k) ?? 0) + 1);
    }
  }
  const out: NewElement<'sticky'>[] = [];
  for (const row of rows) {
    if (row.status !== 'ok' || !row.target) continue;
    const t = row.target;
    const k = key(t.parent, t.slot);
    const n = count.get(k) ?? 0;
    count.set(k, n + 1);
    const r = t.rect;
    const at = cardSpot(cardArea(r), n);
    out.push({
      kind: 'sticky',
      input: {
        ...at,
        w: IMPORTED_CARD_SIZE,
        h: IMPORTED_CARD_SIZE,
        text: row.text,
        color: row.color,
        author: row.author || by.name,
        createdBy: by.name.slice(0, 64),
        createdAt: by.now,
        parent: t.parent,
        slot: t.slot,
      },
    });
  }
  return out;
}
