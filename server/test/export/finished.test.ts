/**
 * The record of a finished two-day workshop (`finishedWorkshop`), read as the facilitator who
 * emails it to executives reads it: the pictures of the canvas, the text of every card.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type ElementOf, readBoard, STICKY_FILL } from '@truenorth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExportBoard } from '../../src/export/board.js';
import { renderData } from '../../src/export/data.js';
import { renderRecord } from '../../src/export/pdf/record.js';
import { finishedWorkshop, LANE_NAMES, PEOPLE, ROAD_MAP_VOTES, THEMES } from './finished-workshop.js';
import { colorRuns, pdfPages, pdfPixels, pdfWords, savePdf, squash, type Word } from './pdf-tools.js';

const run = promisify(execFile);

let dir: string;
let file: string;
let pages: string[];
const doc = finishedWorkshop();
const board = readExportBoard(doc, { id: 'b', title: 'Offsite' }, new Date('2027-03-12T17:30:00Z'), {
  kind: 'present',
});
const md = renderData('md', board);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'finished-'));
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

/** A chapter's text pages (after its picture), whitespace removed: the pages that open with its heading. */
function chapterText(heading: string): string {
  const own = pages.filter((p, n) => n > 0 && p.trimStart().startsWith(heading));
  expect(own.length, heading).toBeGreaterThan(1);
  return squash(own.slice(1).join('\n'));
}

/** One chapter of the Markdown: from its `## ` heading to the next. */
function mdChapter(heading: string): string {
  const start = md.indexOf(`\n## ${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end < 0 ? undefined : end);
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

const height = (w: Word) => w.yMax - w.yMin;

const sticky = (text: string) => {
  const card = readBoard(doc).elements.find((e) => e.type === 'sticky' && e.text === text);
  expect(card, text).toBeTruthy();
  return card as ElementOf<'sticky'>;
};

/**
 * A chapter's picture, located on its page by two cards of one row whose text starts at its
 * left: page points of a canvas x, and the line through a card's first word.
 */
async function pictureOf(heading: string, left: string, right: string) {
  const page = picturePage(heading);
  const words = await pdfWords(file, page);
  const firstWord = (text: string) => {
    const w = words.find((v) => v.text === text.split(' ')[0]);
    expect(w, text).toBeTruthy();
    return w as Word;
  };
  const [a, b] = [sticky(left), sticky(right)];
  const [wa, wb] = [firstWord(left), firstWord(right)];
  const scale = (wb.xMin - wa.xMin) / (b.x - a.x);
  const x = (canvasX: number) => wa.xMin + (canvasX - a.x) * scale - 12 * scale;
  return { page, scale, x, pixels: await pdfPixels(file, page), firstWord };
}

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

  it('draws arrows under the cards they join, as the canvas does: a "do instead" arrow does not strike through the ideas it passes', async () => {
    const worst = await pictureOf(
      '4. The Worst Solution',
      'Make every workshop eight hours with no breaks',
      'Only the CEO may write cards',
    );
    const [first, second] = [
      sticky('Make every workshop eight hours with no breaks'),
      sticky('Only the CEO may write cards'),
    ];
    // The arrows leave the first idea towards the right, in the gap before the second.
    const gap = worst.x((first.x + first.w + second.x) / 2);
    const top = worst.firstWord('Make').yMin - 10;
    const arrow: number[] = [];
    for (let y = top; y < top + 200 * worst.scale; y += 0.25)
      if (worst.pixels.at(gap, y) === '#57606a') arrow.push(y);
    expect(arrow.length, 'an arrow between the cards').toBeGreaterThan(0);
    const y = arrow[Math.floor(arrow.length / 2)] as number;
    // Across the second card at the arrow's height: the card, not the arrow.
    const across = colorRuns(worst.pixels, '#57606a', y - 0.25, y + 0.25).filter(
      ([from, to]) => to > worst.x(second.x + 2) && from < worst.x(second.x + second.w - 2),
    );
    expect(across).toEqual([]);
  });

  it('draws a theme under its cards, as the canvas does, even when it was made after them', async () => {
    // "Integrations" was made from a selection of cards already on the board.
    const sorting = await pictureOf('5. Card Sorting', 'Jira export', 'Slack notifications');
    const card = sticky('Jira export');
    const word = sorting.firstWord('Jira export');
    const middle = (word.yMin + word.yMax) / 2;
    // The card's own yellow in its margin left of the text, not tinted by the theme's colour.
    expect(sorting.pixels.at(sorting.x(card.x + 5), middle)).toBe(STICKY_FILL[card.color]);
  });

  it('keeps a short theme on one page: its name, counts and every card together', () => {
    for (const theme of THEMES) {
      const heading = squash(`${theme.name} ${theme.cards.length} cards`);
      const at = pages.findIndex((p) => squash(p).includes(heading));
      expect(at, theme.name).toBeGreaterThan(0);
      const page = squash(pages[at] as string);
      const apart = theme.cards.filter((t) => !/\p{Script=Arabic}/u.test(t) && !page.includes(squash(t)));
      expect(apart, `${theme.name}: cards not on its page`).toEqual([]);
    }
  });

  describe('opens each chapter where a vote was revealed with what got the most votes', () => {
    // A theme counts its cards' votes (its heading's "6 cards · 18 votes"): cards are what people
    // vote on. Here every theme outranks every card.
    const themes = THEMES.map((t) => ({ name: t.name, votes: t.votes.reduce((a, b) => a + b, 0) })).sort(
      (a, b) => b.votes - a.votes,
    );
    // The road map: 6, 5, then a tie of two at 3 — and a tie of two at 2 that would make six.
    const roadMap = [
      ['Pilot with the two Lisbon squads', 'Q1 2027'],
      ['Will executives read a 20-page record?', 'What we test first'],
      ['Record v2: executive summary page', 'Q1 2027'],
      ['SSO with Okta', 'Q1 2027'],
    ].map(([text = '', box]) => ({ text, box, votes: ROAD_MAP_VOTES[text] }));

    it('PDF: a "Most votes" list before the chapter’s first block, counts first', () => {
      const sorting = chapterText('5. Card Sorting');
      const list = squash(
        `Most votes ${themes.map((t) => `${t.votes} votes ${t.name} — theme`).join(' ')} Idea pool (not sorted yet)`,
      );
      expect(sorting).toContain(list);

      const road = chapterText('7. Road Map');
      expect(road).toContain(
        squash(
          `Most votes ${roadMap.map((c) => `${c.votes} votes ${c.text} — ${c.box}`).join(' ')} and 2 more with 2 votes each Vision`,
        ),
      );
      // Where nobody voted, no list.
      for (const heading of [
        '1. Introductions',
        '2. Elevator Pitch',
        '3. Lean Business Model Canvas',
        '4. The Worst Solution',
        '6. Story Spine',
      ])
        expect(chapterText(heading), heading).not.toContain('Mostvotes');
    });

    it('Markdown: the same list, under its own heading before the chapter’s first block', () => {
      expect(mdChapter('5. Card Sorting')).toContain(
        `### Most votes\n\n${themes.map((t) => `- **${t.votes} votes** ${t.name} — *theme*`).join('\n')}\n\n### Idea pool`,
      );
      expect(mdChapter('7. Road Map')).toContain(
        `### Most votes\n\n${roadMap
          .map((c) => `- **${c.votes} votes** ${c.text} — *${c.box}*`)
          .join('\n')}\n\n*and 2 more with 2 votes each*\n\n### Vision`,
      );
      for (const heading of ['1. Introductions', '3. Lean Business Model Canvas', '6. Story Spine'])
        expect(mdChapter(heading), heading).not.toContain('Most votes');
    });
  });

  it('names each person once on their introduction card, which starts with their name', () => {
    // "Add my card" writes the name as the card's first line.
    const pdf = chapterText('1. Introductions');
    const markdown = mdChapter('1. Introductions');
    for (const { name, intro } of PEOPLE) {
      expect(occurrences(markdown, name), name).toBe(1);
      expect(markdown).toContain(intro);
      if (/\p{Script=Arabic}/u.test(name)) continue;
      expect(occurrences(pdf, squash(name)), name).toBe(1);
    }
  });
});
