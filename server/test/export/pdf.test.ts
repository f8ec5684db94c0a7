import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  ACCENT,
  type ElementOf,
  elementYMap,
  recordPerson,
  STICKY_FILL,
  updateElement,
} from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { CardsExport } from '../../src/export/rows.js';
import { bearer, startServer, type TestServer } from '../http/harness.js';
import {
  colorRuns,
  pdfActualTexts,
  pdfFonts,
  pdfPageCount,
  pdfPages,
  pdfPixels,
  pdfWords,
  renderPng,
  savePdf,
  squash,
  type Word,
} from './pdf-tools.js';
import { crowdTheme, type ExpectedChapter, fillWorkshop, WorkshopBuilder } from './workshop.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A board on a real server; `fill` writes into its live document through the relay. */
async function workshopBoard<T>(fill: (b: WorkshopBuilder) => T) {
  server ??= await startServer();
  const board = await server.createBoard({ title: 'Strategy Offsite', template: 'workshop' });
  let result: T | undefined;
  await server.app.relay.transact(board.id, (doc) => {
    result = fill(new WorkshopBuilder(doc));
  });
  return { board, result: result as T };
}

/** The text pdftotext prints, without the embedding marks it puts around right-to-left words. */
const unmarked = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e]/g, '');

async function exportPdf(boardId: string, token: string, query = '') {
  const res = await server!.app.inject({
    method: 'GET',
    url: `/api/boards/${boardId}/export.pdf${query}`,
    headers: bearer(token),
  });
  return res;
}

/**
 * Where each chapter's text starts and ends: its heading appears on its picture page, then again
 * on its first content page; the content runs to the next chapter's picture page.
 */
function chapterBodies(pages: string[], chapters: readonly ExpectedChapter[]): string[] {
  const body = squash(pages.slice(1).join('\n'));
  const starts = chapters.map((c, i) => body.indexOf(squash(`${i + 1}. ${c.title}`)));
  return chapters.map((c, i) => {
    const heading = squash(`${i + 1}. ${c.title}`);
    const picture = starts[i] as number;
    expect(picture, `chapter ${c.title}`).toBeGreaterThanOrEqual(0);
    const content = body.indexOf(heading, picture + heading.length);
    const end = i + 1 < chapters.length ? (starts[i + 1] as number) : body.length;
    expect(content, `content of ${c.title}`).toBeGreaterThan(picture);
    expect(content).toBeLessThan(end);
    return body.slice(content, end);
  });
}

describe('PDF workshop record', () => {
  it('has every card, in every script, in its chapter in reading order, with bookmarks and embedded fonts', async () => {
    const { board, result: expected } = await workshopBoard(fillWorkshop);
    const res = await exportPdf(board.id, board.tokens.participant);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const day = new Date().toISOString().slice(0, 10);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="strategy-offsite-${day}.pdf"`);
    expect(res.rawPayload.byteLength).toBeLessThan(3 * 1024 * 1024);

    const file = await savePdf(server!.dir, 'record.pdf', res.rawPayload);
    const pages = await pdfPages(file);
    expect(squash(pages[0] ?? '')).toContain(squash('Strategy Offsite'));
    // Participants on the cover: every distinct author.
    for (const name of ['Ann', 'Bo', 'Kenji', 'Борис']) expect(pages[0]).toContain(name);

    const bodies = chapterBodies(pages, expected);
    expected.forEach((chapter, i) => {
      const text = bodies[i] as string;
      let at = 0;
      for (const card of chapter.texts) {
        const found = text.indexOf(squash(card), at);
        expect(found, `"${card}" in ${chapter.title} after position ${at}`).toBeGreaterThanOrEqual(0);
        at = found + squash(card).length;
      }
    });
    // Votes are counted per theme.
    expect(bodies[4]).toContain(squash('Theme A 2 cards · 7 votes'));
    // The template's parking lot is named so already: not "Parking lot (parking lot)".
    expect(bodies[4]).toContain(squash('Parking lot 1 card'));
    expect(bodies[4]).not.toContain(squash('(parking lot)'));

    // Bookmarks: an outline with one entry per chapter (titles are plain strings in the file).
    const raw = res.rawPayload.toString('latin1');
    expect(raw).toMatch(/\/Outlines \d+ 0 R/);
    expect(raw).toContain('/PageMode /UseOutlines');
    for (const [i, c] of expected.entries()) expect(raw).toContain(`/Title (${i + 1}. ${c.title})`);

    const fonts = await pdfFonts(file);
    for (const font of [
      'NotoSans-Regular',
      'NotoSans-Bold',
      'NotoSansSC-Regular',
      'NotoSansKR-Regular',
      'NotoEmoji-Regular',
    ]) {
      expect(fonts).toContain(font);
    }

    // The pages draw (poppler renders them without error).
    await renderPng(file, path.join(server!.dir, 'page'), 1, 3);
    expect(
      (await readdir(server!.dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')),
    ).toHaveLength(3);
  });

  it('lists on its cover everyone who took part, not only who wrote a card, facilitators marked', async () => {
    const { board } = await workshopBoard((b) => {
      fillWorkshop(b);
      const at = Date.now();
      recordPerson(b.doc, { name: 'Dana Lead', role: 'facilitator', at }, 'test');
      recordPerson(b.doc, { name: 'Eve Quiet', role: 'participant', at }, 'test');
      // Listed and an author: named once.
      recordPerson(b.doc, { name: 'kenji', role: 'participant', at }, 'test');
    });
    const res = await exportPdf(board.id, board.tokens.participant);
    expect(res.statusCode).toBe(200);
    const cover = squash((await pdfPages(await savePdf(server!.dir, 'people.pdf', res.rawPayload)))[0] ?? '');
    expect(cover).toContain(squash('Dana Lead (facilitator)'));
    expect(cover).toContain(squash('Eve Quiet'));
    expect(cover.match(/kenji/gi)).toHaveLength(1);
    expect(cover).toContain(squash('6 participants'));
  });

  it('draws revealed votes as a badge on each card’s corner, clear of its text, as the canvas does', async () => {
    const { board } = await workshopBoard(fillWorkshop);
    const res = await exportPdf(board.id, board.tokens.participant);
    const file = await savePdf(server!.dir, 'votes.pdf', res.rawPayload);
    const pages = await pdfPages(file);
    // The Card Sorting chapter's picture: the first page with its heading.
    const index = pages.findIndex((p, i) => i > 0 && squash(p).includes(squash('5. Card Sorting')));
    const words = await pdfWords(file, index + 1);
    const card = ['Voting', 'with', 'dots'].map((t) => words.find((w) => w.text === t));
    const badge = words.find((w) => w.text === '5' && card[0] && Math.abs(w.yMin - card[0].yMin) < 20);
    expect(card.every(Boolean), 'the card’s words').toBe(true);
    expect(badge, 'a "5" beside the card’s first line').toBeTruthy();
    for (const w of card) expect(w!.xMax).toBeLessThan(badge!.xMin);
    expect(badge!.xMin).toBeGreaterThan(Math.max(...card.map((w) => w!.xMax)));
  });

  it('draws a sticky’s words whole in the picture: a smaller size rather than a word cut in two', async () => {
    const texts = ['Anonymous voting', 'Collaborative whiteboards everywhere', 'Internationalization'];
    const { board } = await workshopBoard((b) => {
      b.add(
        b.part('card-sorting', (el) => el.type === 'theme' && el.name === 'Theme B'),
        null,
        texts,
      );
      b.flush();
    });
    const res = await exportPdf(board.id, board.tokens.facilitator);
    expect(res.statusCode).toBe(200);
    const file = await savePdf(server!.dir, 'words.pdf', res.rawPayload);
    const pages = await pdfPages(file);
    const picture = pages.find((p) => p.includes('Card Sorting') && p.includes('Theme B')) ?? '';
    const words = new Set(picture.split(/\s+/));
    for (const word of texts.join(' ').split(' ')) expect(words, `“${word}” drawn whole`).toContain(word);
  });

  it('flows long content onto more pages and cuts nothing off', async () => {
    const empty = await workshopBoard(() => null);
    const emptyFile = await savePdf(
      server!.dir,
      'empty.pdf',
      (await exportPdf(empty.board.id, empty.board.tokens.observer)).rawPayload,
    );
    const crowded = await workshopBoard((b) => {
      // A table row (a Lean Canvas box) that runs over several pages, and a long list.
      const problems = Array.from({ length: 120 }, (_, i) => `Problem ${i + 1} with a longer text to wrap`);
      b.add(
        b.part('lean-canvas', (e) => e.type === 'grid'),
        'problem',
        problems,
      );
      return [...problems, ...crowdTheme(b, 300)];
    });
    const res = await exportPdf(crowded.board.id, crowded.board.tokens.observer);
    expect(res.statusCode).toBe(200);
    const file = await savePdf(server!.dir, 'crowded.pdf', res.rawPayload);

    const [emptyPages, crowdedPages] = [await pdfPageCount(emptyFile), await pdfPageCount(file)];
    expect(crowdedPages).toBeGreaterThan(emptyPages + 3);
    const pages = await pdfPages(file);
    // (They overlap on the crowded canvas, so their reading order is not the order they were added.)
    const missing = crowded.result.filter((card) => !squash(pages.join('')).includes(squash(card)));
    expect(missing).toEqual([]);
    // Pages that continue a box or theme say so.
    expect(pages.filter((p) => p.includes('Lean Canvas (continued)')).length).toBeGreaterThanOrEqual(1);
    expect(pages.filter((p) => p.includes('Theme A (continued)')).length).toBeGreaterThanOrEqual(1);
  });

  it('exports a snapshot instead of the present, and refuses bad requests with stable codes', async () => {
    const { board } = await workshopBoard((b) => {
      b.add(
        b.part('lean-canvas', (e) => e.type === 'grid'),
        'problem',
        ['Before the snapshot'],
      );
      b.flush();
    });
    const snap = await server!.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/snapshots`,
      headers: bearer(board.tokens.facilitator),
      payload: { name: 'End of day 1' },
    });
    expect(snap.statusCode).toBe(201);
    const snapshotId = snap.json<{ id: string }>().id;
    await server!.app.relay.transact(board.id, (doc) => {
      const b = new WorkshopBuilder(doc);
      b.add(
        b.part('lean-canvas', (e) => e.type === 'grid'),
        'problem',
        ['After the snapshot'],
      );
      b.flush();
    });

    const then = await exportPdf(board.id, board.tokens.observer, `?snapshot=${snapshotId}`);
    expect(then.statusCode).toBe(200);
    const thenText = squash(
      (await pdfPages(await savePdf(server!.dir, 'then.pdf', then.rawPayload))).join(''),
    );
    expect(thenText).toContain(squash('Before the snapshot'));
    expect(thenText).not.toContain(squash('After the snapshot'));
    expect(thenText).toContain(squash('Snapshot “End of day 1”'));

    const now = await exportPdf(board.id, board.tokens.observer);
    expect(now.statusCode).toBe(200);
    expect(
      squash((await pdfPages(await savePdf(server!.dir, 'now.pdf', now.rawPayload))).join('')),
    ).toContain(squash('After the snapshot'));

    const missing = await exportPdf(board.id, board.tokens.observer, '?snapshot=nope');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'SNAPSHOT_NOT_FOUND']);
    const bad = await exportPdf(board.id, board.tokens.observer, '?snapshot=../../etc');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'BAD_REQUEST']);
    const anonymous = await server!.app.inject({ method: 'GET', url: `/api/boards/${board.id}/export.pdf` });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'UNAUTHORIZED']);
    const viaQuery = await server!.app.inject({
      method: 'GET',
      url: `/api/boards/${board.id}/export.pdf?token=${board.tokens.observer}`,
    });
    expect(viaQuery.statusCode).toBe(200);
  });

  it('matches the JSON export: every card of the board is in the record', async () => {
    const { board } = await workshopBoard(fillWorkshop);
    const json = await server!.app.inject({
      method: 'GET',
      url: `/api/boards/${board.id}/export.json`,
      headers: bearer(board.tokens.observer),
    });
    const cards = CardsExport.parse(json.json()).cards;
    const file = await savePdf(
      server!.dir,
      'all.pdf',
      (await exportPdf(board.id, board.tokens.observer)).rawPayload,
    );
    const text = squash((await pdfPages(file)).join(''));
    for (const card of cards) expect(text).toContain(squash(card.text));
    expect(cards.length).toBeGreaterThan(30);
  });

  it('shows cards in Arabic, Hebrew, Hindi and Thai: shaped, right to left where they read so, right-aligned', async () => {
    server ??= await startServer();
    const board = await server.createBoard({ title: 'خطة الربع الأول', template: 'workshop' });
    const cards = [
      { text: 'مرحبا بالعالم 2026', author: 'سارة' },
      { text: 'שלום עולם', author: 'דוד לוי' },
      { text: 'नमस्ते दुनिया', author: 'प्रिया' },
      { text: 'สวัสดีชาวโลก', author: 'สมชาย' },
      { text: 'Roadmap: خطة 2026 Q1', author: 'Ann' },
    ];
    await server.app.relay.transact(board.id, (doc) => {
      const b = new WorkshopBuilder(doc);
      // The idea pool: wide enough for the five side by side, in this order, left to right.
      b.add(
        b.part('card-sorting', (e) => e.type === 'grid'),
        'pool',
        cards,
      );
      b.flush();
    });
    const res = await exportPdf(board.id, board.tokens.facilitator);
    expect(res.statusCode).toBe(200);
    const file = await savePdf(server.dir, 'scripts.pdf', res.rawPayload);
    const pages = (await pdfPages(file)).map(unmarked);
    const all = pages.join('\n');
    expect(all).not.toContain('□');

    // pdftotext reads right-to-left words back in typed order only when their glyphs stand right
    // to left on the page; drawn left to right, "بالعالم" would come back as "ملاعلاب".
    // Devanagari's ि is drawn before the consonant it follows, and read back in typed order all
    // the same (the word carries its typed text: /ActualText).
    const words = ['مرحبا', 'بالعالم', '2026', 'שלום', 'עולם', 'नमस्ते', 'दुनिया', 'สวัสดีชาวโลก'];
    const picture = pages.findIndex((p, i) => i > 0 && squash(p).includes(squash('5. Card Sorting')));
    const content = pages.findIndex((p, i) => i > picture && squash(p).includes(squash('5. Card Sorting')));
    for (const page of [picture, content]) {
      const text = pages[page] ?? '';
      for (const word of [...words, 'Roadmap:', 'خطة', 'Q1'])
        expect(text, `“${word}” on page ${page + 1}`).toContain(word);
    }
    // The cover: the title in Arabic, the names in Hebrew and Thai.
    const cover = pages[0] ?? '';
    for (const word of ['خطة', 'الربع', 'الأول', 'דוד', 'לוי', 'สมชาย']) expect(cover).toContain(word);
    const fonts = await pdfFonts(file);
    for (const font of ['Arabic', 'Hebrew', 'Devanagari', 'Thai']) {
      expect(fonts).toContain(`NotoSans${font}-Regular`);
      expect(fonts).toContain(`NotoSans${font}-Bold`);
    }

    // `pdftotext -bbox` lists words as they stand on the page, left to right, without reordering:
    // a right-to-left word comes with its letters in visual order ("مرحبا" as "ابحرم").
    const visual = (word: string) => [...word].reverse().join('');
    const find = (ws: Word[], text: string, near?: Word) => {
      const found = ws.find(
        (w) => (w.text === text || w.text === visual(text)) && (!near || Math.abs(w.yMin - near.yMin) < 4),
      );
      expect(found, `the word “${text}”`).toBeTruthy();
      return found as Word;
    };
    // The list of cards: an Arabic card reads from the right margin leftwards (after its swatch,
    // 14 pt), the number after its words; an LTR card starts at the left. The page is A4 with 56 pt
    // margins.
    const list = await pdfWords(file, content + 1);
    const hello = find(list, 'مرحبا');
    const world = find(list, 'بالعالم', hello);
    const year = find(list, '2026', hello);
    expect(hello.text).toBe(visual('مرحبا'));
    expect(hello.xMax).toBeCloseTo(595.28 - 56 - 14, 0);
    expect(world.xMax).toBeLessThan(hello.xMin);
    expect(year.xMax).toBeLessThan(world.xMin);
    const shalom = find(list, 'שלום');
    expect(shalom.xMax).toBeCloseTo(595.28 - 56 - 14, 0);
    expect(find(list, 'עולם', shalom).xMax).toBeLessThan(shalom.xMin);
    // Mixed, left to right: "Roadmap:", then the Arabic phrase with its number ("2026 خطة"), then Q1.
    const roadmap = find(list, 'Roadmap:');
    expect(roadmap.xMin).toBeLessThan(100);
    const planYear = find(list, '2026', roadmap);
    const q1 = find(list, 'Q1', roadmap);
    const plan = list.filter((w) => /\p{Script=Arabic}/u.test(w.text) && Math.abs(w.yMin - roadmap.yMin) < 4);
    expect(plan.length).toBeGreaterThan(0);
    expect(planYear.xMin).toBeGreaterThan(roadmap.xMax);
    for (const w of plan) expect(w.xMin > planYear.xMax && w.xMax < q1.xMin, w.text).toBe(true);

    // The picture: stickies 200 canvas units apart, 180 wide, text 12 in from their sides: left-
    // aligned text starts 12 from a sticky's left side, right-aligned text ends 12 from its right.
    const pic = await pdfWords(file, picture + 1);
    const hindi = find(pic, 'नमस्ते');
    const thai = find(pic, 'สวัสดีชาวโลก');
    const hebrew = find(pic, 'שלום');
    const arabic = find(pic, 'مرحبا');
    const scale = (thai.xMin - hindi.xMin) / 200;
    expect(scale).toBeGreaterThan(0.1);
    const gap = (200 - 180 + 12 + 12) * scale;
    expect(Math.abs(hindi.xMin - hebrew.xMax - gap)).toBeLessThan(1);
    expect(Math.abs(hebrew.xMax - arabic.xMax - 200 * scale)).toBeLessThan(1);
    // The Arabic card's number, on a line of its own, is right-aligned too.
    const number = pic.find((w) => w.text === '2026' && w.yMin > arabic.yMin && w.xMax < hebrew.xMin);
    expect(Math.abs((number?.xMax ?? 0) - arabic.xMax)).toBeLessThan(1);
    expect(find(pic, 'עולם', hebrew).xMax).toBeLessThan(hebrew.xMin);
    expect(find(pic, 'بالعالم', arabic).xMax).toBeLessThan(arabic.xMin);
  });

  /** A record of cards in several scripts, with their authors and votes, and its content page. */
  async function scriptsRecord(name: string) {
    server ??= await startServer();
    const board = await server.createBoard({ title: 'Scripts', template: 'workshop' });
    await server.app.relay.transact(board.id, (doc) => {
      const b = new WorkshopBuilder(doc);
      b.add(
        b.part('card-sorting', (e) => e.type === 'grid'),
        'pool',
        [
          { text: 'مرحبا بالعالم', author: 'سارة', votes: 3 },
          { text: 'שלום עולם', author: 'Ann', votes: 2 },
          { text: 'Plain card', author: 'דוד', votes: 1 },
          { text: 'नमस्ते दुनिया', author: 'प्रिया', votes: 4 },
          { text: 'ทำงาน', author: 'สมชาย' },
        ],
      );
      const theme = b.part('card-sorting', (e) => e.type === 'theme' && e.name === 'Theme B');
      b.add(theme, null, [{ text: 'فكرة', author: 'Ann', votes: 1 }]);
      b.flush();
      elementYMap(doc, theme.id)?.set('name', 'أفكار جديدة');
    });
    const res = await exportPdf(board.id, board.tokens.facilitator);
    expect(res.statusCode).toBe(200);
    const file = await savePdf(server.dir, name, res.rawPayload);
    const pages = (await pdfPages(file)).map(unmarked);
    const content = pages.findIndex((p) => p.includes('Idea pool (not sorted yet)'));
    expect(content).toBeGreaterThan(0);
    // The cards as listed under their blocks (the "Most votes" list above quotes some of them).
    const page = pages[content] ?? '';
    const body = page.slice(page.indexOf('Idea pool (not sorted yet)'));
    const lineWith = (word: string) =>
      body.split('\n').find((l) => l.includes(word)) ?? `(no line with ${word})`;
    return { file, content, lineWith };
  }

  it('writes a card’s author and votes left to right, in their order, after a card in any script', async () => {
    const { file, content, lineWith } = await scriptsRecord('meta.pdf');
    // The author and votes are the interface's wording: "3 votes", never "votes 3", after a card
    // in Arabic, and a Hebrew author's name does not take an English card's count along with it.
    expect(lineWith('مرحبا')).toContain('3 votes');
    expect(lineWith('مرحبا')).not.toContain('votes 3');
    expect(lineWith('שלום')).toMatch(/Ann · 2 votes\s+—\s+שלום עולם/);
    expect(lineWith('Plain card')).toContain('1 vote');
    expect(lineWith('Plain card')).not.toMatch(/1 ·/);
    // A theme's counts after its name in Arabic: "1 card · 1 vote", not "card · 1 vote 1".
    expect(lineWith('جديدة')).toMatch(/^\s*1 card · 1 vote\s+أفكار جديدة\s*$/);

    // As they stand on the page, left to right: the author, "·", the count, "votes", after the
    // card's words — at the line's left end after an Arabic card, which reads from the right.
    const visual = (word: string) => [...word].reverse().join('');
    const all = await pdfWords(file, content + 1);
    const pool = all.find((w) => w.text === 'pool');
    expect(pool, 'the idea pool’s heading').toBeTruthy();
    const words = all.filter((w) => w.yMin > (pool as Word).yMax);
    const line = (first: string) => {
      const anchor = words.find((w) => w.text === first || w.text === visual(first));
      expect(anchor, `the word “${first}”`).toBeTruthy();
      const mid = (w: Word) => (w.yMin + w.yMax) / 2;
      return words
        .filter((w) => Math.abs(mid(w) - mid(anchor as Word)) < 5)
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => (/[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(w.text) ? visual(w.text) : w.text));
    };
    expect(line('مرحبا')).toEqual(['سارة', '·', '3', 'votes', '—', 'بالعالم', 'مرحبا']);
    expect(line('Plain')).toEqual(['Plain', 'card', '—', 'דוד', '·', '1', 'vote']);

    // The cover's participants, left to right in their order, each name whole with its comma after
    // it: a Hebrew and an Arabic name side by side do not swap places.
    const cover = await pdfWords(file, 1);
    const named = (name: string) =>
      cover.findIndex((w) => w.text.replace(',', '') === name || w.text.replace(',', '') === visual(name));
    const order = ['Ann', 'דוד', 'سارة', 'प्रिया', 'สมชาย'];
    for (const name of order) expect(named(name), name).toBeGreaterThanOrEqual(0);
    const xs = order.map((name) => cover[named(name)]?.xMin ?? 0);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('puts a right-to-left card’s colour swatch on its right, next to its first word, in lists, themes and tables', async () => {
    server ??= await startServer();
    const board = await server.createBoard({ title: 'Swatches', template: 'workshop' });
    await server.app.relay.transact(board.id, (doc) => {
      const b = new WorkshopBuilder(doc);
      b.add(
        b.part('card-sorting', (e) => e.type === 'grid'),
        'pool',
        [
          { text: 'مرحبا بالعالم', color: 'pink' },
          { text: 'Plain card', color: 'yellow' },
        ],
      );
      const theme = b.part('card-sorting', (e) => e.type === 'theme' && e.name === 'Theme B');
      b.add(theme, null, [{ text: 'שלום עולם', color: 'blue' }]);
      b.add(
        b.part('lean-canvas', (e) => e.type === 'grid'),
        'problem',
        [
          { text: 'צוותי מוצר', color: 'orange' },
          { text: 'Teams misalign', color: 'purple' },
        ],
      );
      b.flush();
      elementYMap(doc, theme.id)?.set('name', 'أفكار جديدة');
    });
    const res = await exportPdf(board.id, board.tokens.facilitator);
    const file = await savePdf(server.dir, 'swatches.pdf', res.rawPayload);
    const pages = (await pdfPages(file)).map(unmarked);
    // A content page (the picture pages draw the boxes' names too, not "No cards").
    const pageOf = (text: string) => pages.findIndex((p) => p.includes(text) && p.includes('No cards')) + 1;
    const visual = (word: string) => [...word].reverse().join('');
    /** The colour runs on the line of `word` (its swatch, a theme's bar). */
    const runsBy = async (page: number, word: string, color: string) => {
      const words = await pdfWords(file, page);
      const w = words.find((x) => x.text === word || x.text === visual(word));
      expect(w, `the word “${word}”`).toBeTruthy();
      const { yMin, yMax } = w as Word;
      // The words of its line, in the cards' column of a table (not the row's name).
      const onLine = words.filter(
        (x) =>
          Math.abs((x.yMin + x.yMax) / 2 - (yMin + yMax) / 2) < 4 && x.xMin > 56 + 150 === w!.xMin > 56 + 150,
      );
      const runs = colorRuns(await pdfPixels(file, page), color, yMin, yMax);
      return {
        runs,
        left: Math.min(...onLine.map((x) => x.xMin)),
        right: Math.max(...onLine.map((x) => x.xMax)),
      };
    };
    // The swatch's fill, inside its 0.5 pt border, ends within a pixel or two of its box.
    const right = 595.28 - 56;

    // The list: the Arabic card's swatch at the right margin, after its words; the English one's at the left.
    const sorting = pageOf('Idea pool (not sorted yet)');
    const arabic = await runsBy(sorting, 'مرحبا', STICKY_FILL.pink);
    expect(arabic.runs).toHaveLength(1);
    const [aFrom, aTo] = arabic.runs[0]!;
    expect(aFrom).toBeGreaterThan(arabic.right);
    expect(Math.abs(aTo - right)).toBeLessThan(1.5);
    const plain = await runsBy(sorting, 'Plain', STICKY_FILL.yellow);
    expect(plain.runs).toHaveLength(1);
    expect(Math.abs(plain.runs[0]![0] - 56)).toBeLessThan(1.5);
    expect(plain.runs[0]![1]).toBeLessThan(plain.left);
    // A theme named in Arabic: its colour bar at the right of its name; its Hebrew card's swatch
    // at the right too, indented from it as an English card is from the left.
    // (poppler splits the bold Arabic name after its ج: "ديدة" is a word of its own.)
    const bar = await runsBy(sorting, 'ديدة', ACCENT.green);
    expect(bar.runs).toHaveLength(1);
    expect(bar.runs[0]![0]).toBeGreaterThan(bar.right);
    expect(Math.abs(bar.runs[0]![1] - right)).toBeLessThan(1.5);
    const hebrew = await runsBy(sorting, 'שלום', STICKY_FILL.blue);
    expect(hebrew.runs).toHaveLength(1);
    expect(hebrew.runs[0]![0]).toBeGreaterThan(hebrew.right);
    expect(Math.abs(hebrew.runs[0]![1] - (right - 10))).toBeLessThan(1.5);

    // A table row: the Hebrew card's swatch at the cell's right, clear of its border; the English one's at the left.
    const lean = pageOf('Unfair Advantage');
    const cell = await runsBy(lean, 'צוותי', STICKY_FILL.orange);
    expect(cell.runs).toHaveLength(1);
    expect(cell.runs[0]![0]).toBeGreaterThan(cell.right);
    expect(Math.abs(cell.runs[0]![1] - (right - 8))).toBeLessThan(1.5);
    const english = await runsBy(lean, 'Teams', STICKY_FILL.purple);
    expect(english.runs).toHaveLength(1);
    expect(english.runs[0]![1]).toBeLessThan(english.left);
    expect(Math.abs(english.runs[0]![0] - (56 + 150 + 8))).toBeLessThan(1.5);
  });

  it('writes its own wording left to right around names in Arabic and Hebrew: numbers, headers, footers, labels', async () => {
    server ??= await startServer();
    const board = await server.createBoard({ title: 'خطة الربع', template: 'workshop' });
    await server.app.relay.transact(board.id, (doc) => {
      const b = new WorkshopBuilder(doc);
      const lanes = b.part('road-map', (e) => e.type === 'swimlanes') as ElementOf<'swimlanes'>;
      // Enough cards in one lane for its row to continue on the next page.
      b.add(
        lanes,
        'now',
        Array.from({ length: 70 }, (_, i) => `Step ${i + 1}`),
      );
      // And in a theme, named in Arabic in a frame titled in Arabic.
      const theme = b.part('card-sorting', (e) => e.type === 'theme' && e.name === 'Theme A');
      b.add(
        theme,
        null,
        Array.from({ length: 70 }, (_, i) => `Idea ${i + 1}`),
      );
      const spine = b.part('story-spine', (e) => e.type === 'swimlanes') as ElementOf<'swimlanes'>;
      b.add(spine, 'epics:discover', ['Hear about it']);
      const worst = b.part('worst-solution', (e) => e.type === 'grid');
      const [idea] = b.add(worst, 'worst', [{ text: 'לאבד כל פתק', author: 'Ann' }]);
      const [flip] = b.add(worst, 'instead', [{ text: 'שמירה אוטומטית', author: 'Ann', color: 'green' }]);
      b.link(idea as string, flip as string);
      b.flush();
      updateElement(doc, b.frame('road-map').id, { title: 'خريطة الطريق' });
      updateElement(doc, b.frame('card-sorting').id, { title: 'فرز الأفكار' });
      updateElement(doc, theme.id, { name: 'أفكار جديدة' });
      updateElement(doc, lanes.id, {
        lanes: lanes.lanes.map((l) => (l.id === 'now' ? { ...l, name: 'الآن' } : l)),
      });
      updateElement(doc, spine.id, {
        steps: spine.steps.map((s) => (s.id === 'discover' ? { ...s, name: 'اكتشاف' } : s)),
      });
    });
    const res = await exportPdf(board.id, board.tokens.facilitator);
    const file = await savePdf(server.dir, 'wording.pdf', res.rawPayload);
    const pages = (await pdfPages(file)).map(unmarked);
    const page = (test: (text: string) => boolean) => {
      const i = pages.findIndex(test);
      expect(i).toBeGreaterThanOrEqual(0);
      return i + 1;
    };
    const rtl = (w: Word) => /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(w.text);
    /** The words of the line `anchor` is on, left to right as they stand on the page. */
    const lineOf = async (n: number, anchor: (w: Word) => boolean) => {
      const words = await pdfWords(file, n);
      const at = words.find(anchor);
      expect(at, `a word on page ${n}`).toBeTruthy();
      const mid = (w: Word) => (w.yMin + w.yMax) / 2;
      return words.filter((w) => Math.abs(mid(w) - mid(at as Word)) < 5).sort((a, b) => a.xMin - b.xMin);
    };
    const x = (line: Word[], text: string) => {
      const w = line.find((v) => v.text === text);
      expect(w, `“${text}” in “${line.map((v) => v.text).join(' ')}”`).toBeTruthy();
      return w as Word;
    };
    const arabic = (line: Word[]) => line.filter(rtl);

    // The contents and the chapter's headings: "7." at the left margin, then the title.
    const contents = await lineOf(1, (w) => w.text === '7.');
    expect(x(contents, '7.').xMin).toBeCloseTo(56, 0);
    expect(arabic(contents).length).toBeGreaterThan(0);
    for (const w of arabic(contents)) expect(w.xMin).toBeGreaterThan(x(contents, '7.').xMax);
    const roadMap = page((p) => p.includes('How might we move forward') && /\d+ cards/.test(p));
    const heading = await lineOf(roadMap, (w) => w.text === '7.');
    expect(x(heading, '7.').xMin).toBeCloseTo(56, 0);
    for (const w of arabic(heading)) expect(w.xMin).toBeGreaterThan(x(heading, '7.').xMax);

    // The running header of the lane's continuation: chapter, then block, then "(continued)".
    const continued = page((p) => /Next steps \(continued\)/.test(p));
    const header = await lineOf(continued, (w) => w.text === 'Next');
    expect(header[0]?.text).toBe('7.');
    const [first, ...rest] = arabic(header);
    expect(first?.xMin).toBeGreaterThan(x(header, '7.').xMax);
    for (const w of rest) expect(w.xMax).toBeLessThan(x(header, 'Next').xMin);
    expect(x(header, 'Next').xMax).toBeLessThan(x(header, '(continued)').xMin);

    // A theme named in Arabic, continued, in a chapter titled in Arabic: still "5. <chapter> —
    // <theme> (continued)", left to right, from the left margin.
    const themeContinued = await lineOf(
      page((p) => p.includes('continued') && p.includes('Idea ')),
      (w) => w.text === '(continued)',
    );
    expect(themeContinued[0]?.text).toBe('5.');
    expect(themeContinued[0]?.xMin).toBeCloseTo(56, 0);
    const dash = x(themeContinued, '—');
    const names = arabic(themeContinued);
    expect(names.filter((w) => w.xMax < dash.xMin).length).toBeGreaterThan(0);
    expect(names.filter((w) => w.xMin > dash.xMax).length).toBeGreaterThan(0);
    expect(themeContinued[themeContinued.length - 1]?.text).toBe('(continued)');

    // Every page's footer: the board's title at the left margin, then "— workshop record".
    const footer = await lineOf(2, (w) => w.text === 'workshop');
    expect(footer[0] && rtl(footer[0])).toBe(true);
    expect(footer[0]?.xMin).toBeCloseTo(56, 0);
    for (const w of arabic(footer)) expect(w.xMax).toBeLessThan(x(footer, 'workshop').xMin);

    // The story spine's step: "1." before its name.
    const spine = page((p) => p.includes('User journey') && p.includes('Cards above the line'));
    const step = await lineOf(spine, (w) => w.text === '1.');
    expect(x(step, '1.').xMin).toBeCloseTo(56, 0);
    for (const w of arabic(step)) expect(w.xMin).toBeGreaterThan(x(step, '1.').xMax);

    // The Worst Solution's labels before a Hebrew card, which still reads (and is aligned) right
    // to left: the label at its right, where the card starts, its author at the left end.
    const worst = page((p) => p.includes('Worst ideas and what we do instead'));
    for (const [label, end] of [
      ['Worst', 'idea:'],
      ['Do', 'instead:'],
    ] as const) {
      const line = await lineOf(worst, (w) => w.text === end);
      const hebrew = arabic(line);
      expect(hebrew.length).toBeGreaterThan(0);
      for (const w of hebrew) {
        expect(w.xMax).toBeLessThan(x(line, label).xMin);
        expect(w.xMin).toBeGreaterThan(x(line, 'Ann').xMax);
      }
      expect(line[line.length - 1]?.text).toBe(end);
    }
  });

  it('reads Devanagari and Thai words back as typed, and adds their typed text to those words only', async () => {
    const { file, lineWith } = await scriptsRecord('read-back.pdf');
    // The vowel sign ि after its consonant (it is drawn before it), Thai's ำ once (two glyphs).
    expect(lineWith('नमस्ते')).toMatch(/नमस्ते दुनिया\s+—\s+प्रिया · 4 votes/);
    expect(lineWith('ทำงาน')).toMatch(/ทำงาน\s+—\s+สมชาย/);
    // Only the words whose glyphs do not read back as typed carry their text (/ActualText): not
    // the Latin, Arabic or Hebrew ones, nor Devanagari and Thai words that read back as they are.
    const actual = new Set(await pdfActualTexts(file));
    expect([...actual].sort()).toEqual(['दुनिया', 'प्रिया', 'ทำงาน'].sort());
  });
});
