/**
 * The CSV export (server/src/export) imports back with the shared card import: every card of a
 * full workshop board, exported, imported frame by frame into a fresh copy of the same board and
 * exported again, gives the same rows (exercise, container, text, author).
 */
import {
  createElements,
  type ElementOf,
  importedStickies,
  importTargets,
  type NewElement,
  planCardImport,
  readBoard,
  seedTemplate,
} from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readExportBoard } from '../../src/export/board.js';
import { buildChapters } from '../../src/export/chapters.js';
import { toCsv } from '../../src/export/csv.js';
import { rowsOf } from '../../src/export/rows.js';

const TEXTS = [
  'Plain card',
  'Comma, and "quotes"',
  '=SUM(A1) stays text',
  'Две\nстроки',
  '中文卡片',
  '-1 point',
  '😀 emoji',
];

function exportCsv(doc: Y.Doc) {
  const board = readExportBoard(doc, { id: 'b1', title: 'Round trip' }, new Date(0), { kind: 'present' });
  const rows = rowsOf(buildChapters(board));
  return {
    csv: toCsv(rows),
    rows: rows.map((r) => [r.exercise, r.container, r.text, r.author].join(' | ')).sort(),
  };
}

const frames = (doc: Y.Doc) =>
  readBoard(doc).elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame');

describe('CSV export → import round trip', () => {
  it('gives back the same texts in the same containers of every exercise', () => {
    const empty = new Y.Doc();
    seedTemplate(empty, 'workshop');
    const template = Y.encodeStateAsUpdate(empty);

    const source = new Y.Doc();
    Y.applyUpdate(source, template);
    let n = 0;
    const cards: NewElement[] = [];
    const { elements } = readBoard(source);
    for (const frame of frames(source)) {
      for (const t of importTargets(elements, frame.id)) {
        const text = TEXTS[n % TEXTS.length] as string;
        cards.push({
          kind: 'sticky',
          input: {
            x: t.rect.x + 10,
            y: t.rect.y + 10,
            text: `${text} #${n++}`,
            author: `Person ${n % 3}`,
            parent: t.parent,
            slot: t.slot,
          },
        });
      }
    }
    createElements(source, cards);
    const before = exportCsv(source);
    expect(before.rows.length).toBe(cards.length);

    const target = new Y.Doc();
    Y.applyUpdate(target, template);
    for (const frame of frames(target)) {
      const plan = planCardImport(before.csv, readBoard(target).elements, frame.id);
      if (!plan.ok) throw new Error(plan.error);
      // Rows of the other exercises are skipped, never errors.
      expect(plan.rows.filter((r) => r.status === 'error').map((r) => r.problems)).toEqual([]);
      createElements(
        target,
        importedStickies(plan.rows, readBoard(target).elements, { name: 'Importer', now: 1 }),
      );
    }
    expect(exportCsv(target).rows).toEqual(before.rows);
  });
});
