/**
 * The record of a finished two-day workshop (`finishedWorkshop`), read as the facilitator who
 * emails it to executives reads it: the pictures of the canvas, the text of every card.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readBoard } from '@truenorth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExportBoard } from '../../src/export/board.js';
import { renderRecord } from '../../src/export/pdf/record.js';
import { finishedWorkshop, LANE_NAMES } from './finished-workshop.js';
import { pdfPages, pdfWords, savePdf, squash, type Word } from './pdf-tools.js';

const run = promisify(execFile);

let dir: string;
let file: string;
let pages: string[];
const doc = finishedWorkshop();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'finished-'));
  const board = readExportBoard(doc, { id: 'b', title: 'Offsite' }, new Date('2027-03-12T17:30:00Z'), {
    kind: 'present',
  });
  file = await savePdf(dir, 'finished.pdf', await renderRecord(board));
  pages = await pdfPages(file);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The 1-based page of a chapter's picture: the first page with its heading. */
function picturePage(heading: string): number {
  // Past the cover, whose contents name every chapter.
  const i = pages.findIndex((p, n) => n > 0 && p.includes(heading));
  expect(i, heading).toBeGreaterThan(0);
  return i + 1;
}

const height = (w: Word) => w.yMax - w.yMin;

describe('the record of a finished workshop', () => {
  it('has every card’s full text', async () => {
    // In reading order (not `-layout`, which interleaves a table's two columns line by line);
    // right-to-left runs come in the order they stand on the page, so those are left out here.
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 });
    const text = squash(stdout);
    const cards = readBoard(doc).elements.flatMap((e) => (e.type === 'sticky' ? [e.text] : []));
    expect(cards.length).toBeGreaterThan(100);
    const missing = cards.filter((t) => !/[\p{Script=Arabic}]/u.test(t) && !text.includes(squash(t)));
    expect(missing).toEqual([]);
  });

  it('draws the Road Map’s lane names in its picture as large as the names of its boxes', async () => {
    const words = await pdfWords(file, picturePage('7. Road Map'));
    const box = words.find((w) => w.text === 'Broad');
    expect(box, 'the “Broad goals” box name').toBeTruthy();
    for (const name of LANE_NAMES) {
      const [first = '', ...rest] = name.split(' ');
      const at = words.filter((w) => w.text === first).sort((a, b) => height(b) - height(a))[0];
      expect(at, name).toBeTruthy();
      expect(height(at as Word), name).toBeGreaterThanOrEqual(height(box as Word) - 0.01);
      // The whole name, on its line.
      const line = words.filter(
        (w) => Math.abs(w.yMin - (at as Word).yMin) < 1 && w.xMin >= (at as Word).xMin,
      );
      for (const word of rest)
        expect(
          line.map((w) => w.text),
          name,
        ).toContain(word);
    }
  });
});
