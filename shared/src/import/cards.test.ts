import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElements, type NewElement } from '../commands.js';
import type { Element, ElementOf } from '../elements/index.js';
import { readBoard } from '../layout.js';
import { cardSortingTemplate } from '../templates/card-sorting.js';
import { leanCanvasTemplate } from '../templates/lean-canvas.js';
import { importedStickies, importTargets, planCardImport } from './cards.js';
import { csvCell, unguardCell } from './csv.js';

function board(...templates: NewElement[][]) {
  const doc = new Y.Doc();
  for (const t of templates) createElements(doc, t);
  return doc;
}

const frameOf = (els: readonly Element[], title: string) =>
  els.find((e): e is ElementOf<'frame'> => e.type === 'frame' && e.title === title) as ElementOf<'frame'>;

function plan(doc: Y.Doc, title: string, csv: string) {
  const { elements } = readBoard(doc);
  const p = planCardImport(csv, elements, frameOf(elements, title).id);
  if (!p.ok) throw new Error(p.error);
  return p;
}

/** The export's container label (server/src/export/chapters.ts `containerLabel`). */
function containerOf(el: Element, byId: Map<string, Element>): string {
  const parent = el.parent === null ? undefined : byId.get(el.parent);
  if (!parent) return '';
  if (parent.type === 'grid') return parent.cells.find((c) => c.id === el.slot)?.name || parent.title;
  if (parent.type === 'theme') return parent.name;
  return '';
}

describe('importTargets', () => {
  it('lists the frame’s boxes and themes in reading order', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }));
    const { elements } = readBoard(doc);
    const names = importTargets(elements, frameOf(elements, 'Card Sorting').id).map((t) => t.name);
    expect(names).toEqual(['Ideas', 'Theme A', 'Theme B', 'Theme C', 'Parking lot']);
  });

  it('offers a plain frame as a whole', () => {
    const doc = new Y.Doc();
    createElements(doc, [{ kind: 'frame', input: { x: 0, y: 0, title: 'Plain' } }]);
    const { elements } = readBoard(doc);
    expect(importTargets(elements, frameOf(elements, 'Plain').id)).toMatchObject([
      { name: 'Plain', slot: null },
    ]);
  });
});

describe('planCardImport', () => {
  it('matches box names without case or extra space, and takes author and colour', () => {
    const doc = board(leanCanvasTemplate({ x: 0, y: 0 }));
    const p = plan(
      doc,
      'Lean Business Model Canvas',
      'Text,Box,Author,Colour\nSlow onboarding,  problem ,Ana,Pink\nSelf-serve trial,lean canvas › SOLUTION,,\n',
    );
    expect(p.columns).toMatchObject({ header: true, text: 0, container: 1, author: 2, color: 3 });
    expect(p.rows.map((r) => [r.status, r.target?.name, r.author, r.color])).toEqual([
      ['ok', 'Problem', 'Ana', 'pink'],
      ['ok', 'Solution', '', 'yellow'],
    ]);
  });

  it('lists every bad row with a clear reason and its line', () => {
    const doc = board(leanCanvasTemplate({ x: 0, y: 0 }));
    const long = 'x'.repeat(20_001);
    const p = plan(
      doc,
      'Lean Business Model Canvas',
      `text,box,color\nfine,Problem,\n  ,Problem,\nlost,Nowhere,\n${long},Problem,\nodd,Solution,teal\n`,
    );
    const bad = p.rows.filter((r) => r.status === 'error');
    expect(bad.map((r) => r.line)).toEqual([3, 4, 5, 6]);
    expect(bad[0]?.problems).toEqual(['the text is empty']);
    expect(bad[1]?.problems[0]).toMatch(/no box named “Nowhere” here \(known: “Problem”/);
    expect(bad[2]?.problems[0]).toMatch(/too long/);
    expect(bad[3]?.problems[0]).toMatch(/unknown colour “teal”/);
    expect(p.rows.filter((r) => r.status === 'ok').map((r) => r.text)).toEqual(['fine']);
  });

  it('reads a messy spreadsheet export: BOM, semicolons, quoted line breaks, an empty row, a column too many', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }));
    const lines = ['Idea;Theme;Author;Votes', '"Onboarding takes too long;\nusers give up";;Ana;3;extra', ''];
    for (let i = 1; i <= 498; i++) lines.push(`Idea number ${i};;Person ${i % 7};${i % 5}`);
    const p = plan(doc, 'Card Sorting', `\uFEFF${lines.join('\r\n')}\r\n`);
    expect(p.columns).toMatchObject({ header: true, text: 0, container: 1, author: 2 });
    expect(p.rows).toHaveLength(499);
    expect(p.rows.every((r) => r.status === 'ok')).toBe(true);
    expect(p.rows[0]).toMatchObject({
      line: 2,
      text: 'Onboarding takes too long;\nusers give up',
      author: 'Ana',
      target: { name: 'Ideas' },
    });
    expect(p.rows[1]).toMatchObject({ line: 5, text: 'Idea number 1', author: 'Person 1' });
  });

  it('reads a file without a header in the documented order, defaulting to the first box', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }));
    const p = plan(doc, 'Card Sorting', 'An idea\nAnother,theme b,Bo,green\n\n');
    expect(p.columns.header).toBe(false);
    expect(p.rows.map((r) => [r.text, r.target?.name, r.defaulted])).toEqual([
      ['An idea', 'Ideas', true],
      ['Another', 'Theme B', false],
    ]);
  });

  it('skips rows the export wrote for other exercises', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }), leanCanvasTemplate({ x: 3000, y: 0 }));
    const p = plan(
      doc,
      'Card Sorting',
      'exercise,container,text\nCard Sorting,Ideas,a\nLean Business Model Canvas,Problem,b\n',
    );
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'skipped']);
    expect(p.rows[1]?.problems[0]).toMatch(/belongs to “Lean Business Model Canvas”/);
  });

  it('answers a clear error for malformed CSV, no rows, or no frame', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }));
    const { elements } = readBoard(doc);
    const id = frameOf(elements, 'Card Sorting').id;
    expect(planCardImport('text\n"open', elements, id)).toMatchObject({
      ok: false,
      error: /not valid CSV.*Line 2/,
    });
    expect(planCardImport('text\n', elements, id)).toMatchObject({ ok: false, error: /no cards/ });
    expect(planCardImport('a', elements, 'missing')).toMatchObject({ ok: false });
  });

  it('takes the export’s formula guard off again', () => {
    expect(unguardCell("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguardCell("'quoted")).toBe("'quoted");
  });
});

describe('importedStickies', () => {
  it('creates only the valid rows, in their places, after the cards already there', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }));
    const p = plan(doc, 'Card Sorting', 'text,theme\none,Theme A\n,Theme A\ntwo,Theme A\n');
    const before = readBoard(doc).elements;
    const items = importedStickies(p.rows, before, { name: 'Me', now: 5 });
    expect(items.map((i) => i.input.text)).toEqual(['one', 'two']);
    expect(items[0]?.input).toMatchObject({ author: 'Me', createdBy: 'Me', slot: null });
    const theme = p.targets.find((t) => t.name === 'Theme A');
    for (const it of items) {
      expect(it.input.parent).toBe(theme?.parent);
      expect(it.input.x).toBeGreaterThanOrEqual(theme?.rect.x ?? 0);
      // Below the theme's header, not over it.
      expect(it.input.y).toBeGreaterThanOrEqual((theme?.rect.y ?? 0) + 48);
    }
    expect(items[1]?.input.x).not.toBe(items[0]?.input.x);
  });
});

describe('round trip with the CSV export format', () => {
  it('imports the export’s rows back: same texts in the same containers', () => {
    const source = board(leanCanvasTemplate({ x: 0, y: 0 }), cardSortingTemplate({ x: 3000, y: 0 }));
    const { elements } = readBoard(source);
    const lean = frameOf(elements, 'Lean Business Model Canvas');
    const grid = elements.find((e): e is ElementOf<'grid'> => e.type === 'grid' && e.parent === lean.id);
    if (!grid) throw new Error('no grid');
    const texts = ['Churn, after "month one"', '=1+1 is not a formula', 'Два\nрядка', '中文卡片', '-minus'];
    createElements(
      source,
      texts.map((text, i) => ({
        kind: 'sticky' as const,
        input: { x: 0, y: 0, text, author: `P${i}`, parent: grid.id, slot: grid.cells[i % 3]?.id ?? null },
      })),
    );
    // The export: BOM, CRLF, columns exercise, container, text, author, votes; formula cells guarded.
    const guard = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
    const after = readBoard(source);
    const cards = after.elements.filter((e): e is ElementOf<'sticky'> => e.type === 'sticky');
    const lines = [
      'exercise,container,text,author,votes',
      ...cards.map((c) =>
        [lean.title, containerOf(c, after.byId), c.text, c.author, '0']
          .map((v) => csvCell(guard(v)))
          .join(','),
      ),
    ];
    const csv = `\uFEFF${lines.join('\r\n')}\r\n`;

    const target = board(leanCanvasTemplate({ x: 0, y: 0 }));
    const p = plan(target, 'Lean Business Model Canvas', csv);
    expect(p.rows.every((r) => r.status === 'ok')).toBe(true);
    createElements(target, importedStickies(p.rows, readBoard(target).elements, { name: 'Me', now: 1 }));
    const back = readBoard(target);
    const got = back.elements
      .filter((e) => e.type === 'sticky')
      .map((c) => [c.type === 'sticky' ? c.text : '', containerOf(c, back.byId)])
      .sort();
    const want = cards.map((c) => [c.text, containerOf(c, after.byId)]).sort();
    expect(got).toEqual(want);
  });
});
