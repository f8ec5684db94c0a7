/**
 * Importing cards into a frame from CSV rows: which boxes (grid cells, lanes, themes) the frame
 * offers, which row goes where, and what is wrong with each bad row. Pure, so the client's preview
 * and a server route can share it. Nothing is imported half: the caller gets every row's status
 * and creates only the valid ones, in one transaction, after the user has seen the errors.
 */
import type * as Y from 'yjs';
import { createElements, type NewElement, updateElement, withMembers } from '../commands.js';
import { COLORS, type Color, type Element, MAX_LABEL, MAX_TEXT } from '../elements/index.js';
import { readingOrder } from '../exercises/board.js';
import { EXERCISE_TITLES } from '../exercises.js';
import { cardArea, HEADER, type Rect, slotsOf } from '../geometry.js';
import { FRAME_PAD } from '../templates/parts.js';
import { type CsvRow, readCsv, unguardCell } from './csv.js';
import { fitCards, READABLE_CARD } from './placement.js';

/** At most this many data rows per import: a workshop frame, not a database. */
export const MAX_IMPORT_ROWS = 2000;

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

/** Space kept between a grown box and what is below it, and between a grown frame and the next. */
export const GROW_CLEARANCE = 40;
const FRAME_CLEARANCE = 80;

/** Where one import put its cards in one place, for the dialog to tell before and after. */
export interface ImportPlace {
  target: ImportTarget;
  count: number;
  /** Width and height of the imported cards there. */
  size: number;
  /** How much taller the box became to hold them (0: it did not). */
  grownBy: number;
  /** The cards are big enough to read (`READABLE_CARD`). */
  readable: boolean;
  /** The box could have grown (a theme, a one-row grid, a plain frame, not locked). */
  growable: boolean;
}

export interface ImportLayout {
  stickies: NewElement<'sticky'>[];
  /** Boxes and frames to make taller, in the same transaction. */
  resize: { id: string; h: number }[];
  places: ImportPlace[];
}

type Boxy = Exclude<Element, { type: 'connector' }>;

const hasRect = (e: Element): e is Boxy => e.type !== 'connector';

/** The element and every element up its parent chain. */
function ancestry(id: string, byId: ReadonlyMap<string, Element>): Set<string> {
  const out = new Set<string>();
  let cur = byId.get(id);
  for (let d = 0; cur && d < 64 && !out.has(cur.id); d++) {
    out.add(cur.id);
    cur = cur.parent === null ? undefined : byId.get(cur.parent);
  }
  return out;
}

/**
 * A container whose place gets taller when the container does, with nothing else moving: a
 * theme, a grid of one row, a frame. (A taller Lean Canvas would stretch all nine boxes and leave
 * the cards already in the lower ones in the wrong box.)
 */
function canGrow(el: Element | undefined): el is Boxy {
  if (!el || el.locked) return false;
  return el.type === 'theme' || el.type === 'frame' || (el.type === 'grid' && el.rows === 1);
}

/** Nearest top among `others` below `r` (overlapping it across), or Infinity. */
function nextBelow(r: Rect, others: Iterable<Boxy>): number {
  let top = Number.POSITIVE_INFINITY;
  for (const o of others) {
    if (o.x < r.x + r.w && r.x < o.x + o.w && o.y >= r.y + r.h - 0.5) top = Math.min(top, o.y);
  }
  return top;
}

/**
 * How far `box` may grow down: up to what is below it (anything that is not its own content or
 * its ancestors), and its frame with it, up to the next frame or loose element below the frame.
 */
function roomBelow(box: Boxy, elements: readonly Boxy[], byId: ReadonlyMap<string, Element>): number {
  if (!canGrow(box)) return 0;
  const up = ancestry(box.id, byId);
  const inside = withMembers(elements, [box.id]);
  const bottom = box.y + box.h;
  let room =
    nextBelow(
      box,
      elements.filter((e) => !up.has(e.id) && !inside.has(e.id)),
    ) -
    (box.type === 'frame' ? FRAME_CLEARANCE : GROW_CLEARANCE) -
    bottom;
  const frame = [...up].map((id) => byId.get(id)).find((e) => e?.type === 'frame' && e.id !== box.id);
  if (frame && frame.type === 'frame') {
    const limit = frame.locked
      ? frame.y + frame.h
      : nextBelow(
          frame,
          elements.filter((e) => !withinFrame(e, frame.id, byId) && !up.has(e.id)),
        ) - FRAME_CLEARANCE;
    room = Math.min(room, limit - FRAME_PAD - bottom);
  }
  return Math.max(0, room);
}

function withinFrame(el: Element, frameId: string, byId: ReadonlyMap<string, Element>): boolean {
  return ancestry(el.id, byId).has(frameId);
}

/** The place's rectangle on the board as it is now (the plan may be older than the board). */
function currentRect(t: ImportTarget, byId: ReadonlyMap<string, Element>): Rect {
  const parent = byId.get(t.parent);
  if (!parent) return t.rect;
  if (parent.type === 'frame' && t.slot === null)
    return { x: parent.x, y: parent.y + HEADER, w: parent.w, h: Math.max(0, parent.h - HEADER) };
  return slotsOf(parent).find((s) => s.slot === t.slot)?.rect ?? t.rect;
}

/**
 * Where the valid rows (status `ok`) go: in each place, a tidy grid in its free space, after
 * the cards already there and over none of them, every card inside the place (see
 * `placement.ts` for the sizes). A place that needs it grows taller, its frame with it, but never
 * into what is below. Pass the result to `applyCardImport` (one transaction).
 */
export function layoutCardImport(
  rows: readonly ImportRow[],
  elements: readonly Element[],
  by: { name: string; now: number },
): ImportLayout {
  // A working copy: boxes grown for one place are seen by the next.
  const work = new Map<string, Boxy>();
  for (const e of elements) if (hasRect(e)) work.set(e.id, e);
  const byId = work as ReadonlyMap<string, Element>;
  const groups = new Map<string, { target: ImportTarget; rows: ImportRow[] }>();
  for (const row of rows) {
    if (row.status !== 'ok' || !row.target) continue;
    const k = `${row.target.parent}\u0000${row.target.slot ?? ''}`;
    const g = groups.get(k) ?? { target: row.target, rows: [] };
    g.rows.push(row);
    groups.set(k, g);
  }
  const added: Rect[] = [];
  const stickies: NewElement<'sticky'>[] = [];
  const places: ImportPlace[] = [];
  for (const { target, rows: mine } of groups.values()) {
    const all = [...work.values()];
    const box = work.get(target.parent);
    const up = ancestry(target.parent, byId);
    const area = cardArea(currentRect(target, byId));
    // In the way: whatever is on the board in this place except the containers it is part of.
    const taken: Rect[] = [...all.filter((e) => !up.has(e.id)), ...added];
    const growable = canGrow(box);
    const room = box && growable ? roomBelow(box, all, byId) : 0;
    const fit = fitCards(area, mine.length, taken, room);
    if (box && fit.grow > 0 && growable) {
      const grownBox = { ...box, h: box.h + fit.grow } as Boxy;
      work.set(box.id, grownBox);
      const frame = [...up].map((id) => work.get(id)).find((e) => e?.type === 'frame' && e.id !== box.id);
      if (frame && !frame.locked) {
        const h = Math.max(frame.h, grownBox.y + grownBox.h + FRAME_PAD - frame.y);
        if (h !== frame.h) work.set(frame.id, { ...frame, h } as Boxy);
      }
    }
    mine.forEach((row, i) => {
      const at = fit.spots[i] ?? { x: area.x, y: area.y };
      const rect = { x: Math.round(at.x), y: Math.round(at.y), w: fit.size, h: fit.size };
      added.push(rect);
      stickies.push({
        kind: 'sticky',
        input: {
          ...rect,
          text: row.text,
          color: row.color,
          author: row.author || by.name,
          createdBy: by.name.slice(0, 64),
          createdAt: by.now,
          parent: target.parent,
          slot: target.slot,
        },
      });
    });
    places.push({
      target,
      count: mine.length,
      size: fit.size,
      grownBy: growable ? fit.grow : 0,
      readable: fit.size >= READABLE_CARD,
      growable,
    });
  }
  const resize: { id: string; h: number }[] = [];
  for (const e of elements) {
    const now = work.get(e.id);
    if (now && hasRect(e) && now.h !== e.h) resize.push({ id: e.id, h: now.h });
  }
  return { stickies, resize, places };
}

/** The stickies to create for the valid rows (see `layoutCardImport`). */
export function importedStickies(
  rows: readonly ImportRow[],
  elements: readonly Element[],
  by: { name: string; now: number },
): NewElement<'sticky'>[] {
  return layoutCardImport(rows, elements, by).stickies;
}

/** Creates the cards and grows their boxes in one transaction (one undo). Returns the new ids. */
export function applyCardImport(doc: Y.Doc, layout: ImportLayout, origin?: unknown): string[] {
  let ids: string[] = [];
  doc.transact(() => {
    ids = createElements(doc, layout.stickies, origin);
    for (const r of layout.resize) updateElement(doc, r.id, { h: r.h }, origin);
  }, origin);
  return ids;
}
