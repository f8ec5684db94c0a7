/**
 * The PDF workshop record: a cover (title, date, participants, contents), then one chapter per
 * exercise frame in agenda order — the frame as a vector picture on its own page, then its content
 * as structured text — with a bookmark per chapter and a footer on every page.
 */

import { ownDirection } from '@truenorth/shared/direction';
import PDFDocument from 'pdfkit';
import { type ExportBoard, participantsOf } from '../board.js';
import { buildChapters, type Chapter, chapterCards } from '../chapters.js';
import {
  cardsLabel,
  chapterHeading,
  participantLabel,
  RECORD_WORDING,
  recordCounts,
  recordWhen,
  skippedNote,
} from '../wording.js';
import { renderBlock, renderMostVotes } from './content.js';
import { A4, BOTTOM, Flow, MARGIN, type Orientation } from './flow.js';
import { Picture, pictureBounds } from './picture.js';
import { ascent, type Doc, MUTED, TextKit } from './text.js';

/**
 * Let the event loop run between chapters of a long export. The route renders on a render thread
 * (`pool.ts`), where this costs next to nothing; it matters when rendering inline (the benchmark's
 * `--inline`).
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function renderRecord(board: ExportBoard): Promise<Buffer> {
  const chapters = buildChapters(board, { emptyCards: false });
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    displayTitle: true,
    info: { Title: board.title, Subject: 'Workshop record', Creator: 'Truenorth', Producer: 'Truenorth' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const kit = new TextKit(doc);
  const flow = new Flow(doc, kit);
  const pageIndex = () => doc.bufferedPageRange().count - 1;

  flow.newPage();
  doc.outline.addItem('Cover');
  const contentsTop = cover(flow, board, chapters);

  const starts: number[] = [];
  for (const [i, chapter] of chapters.entries()) {
    // The record's numbering, then the frame's title in its own direction: "7. خريطة الطريق" read as
    // one right-to-left paragraph would put the number at the right end, as ".7".
    const title = chapterHeading(i, chapter.title, ownDirection);
    const bounds = pictureBounds(chapter.members);
    const orientation: Orientation = bounds && bounds.w < bounds.h ? 'portrait' : 'landscape';
    flow.newPage(orientation);
    starts.push(pageIndex());
    doc.outline.addItem(chapterHeading(i, chapter.title));
    doc.addNamedDestination(`chapter-${i + 1}`);
    flow.heading(title, 18, 8);
    const box = { x: MARGIN, y: flow.y, w: flow.width, h: flow.bottom - flow.y };
    new Picture(doc, kit, board.byId).draw(chapter.members, box);
    await breathe();

    flow.newPage('portrait');
    flow.chapter = null;
    flow.heading(title, 16, 2);
    flow.chapter = title;
    for (const prompt of chapter.prompts) flow.paragraph(prompt, 9);
    flow.paragraph([{ text: cardsLabel(chapterCards(chapter).length), style: { color: MUTED } }], 9);
    flow.space(10);
    renderMostVotes(flow, chapter.mostVotes);
    for (const block of chapter.blocks) renderBlock(flow, block);
    await breathe();
  }

  flow.chapter = null;
  contents(doc, kit, chapters, starts, contentsTop);
  footers(doc, kit, board.title);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The cover; returns where the table of contents goes (written once page numbers are known). */
function cover(flow: Flow, board: ExportBoard, chapters: readonly Chapter[]): number {
  flow.space(90);
  flow.paragraph([{ text: 'WORKSHOP RECORD', style: { bold: true, color: '#0969da' } }], 10);
  flow.space(6);
  flow.heading(board.title, 28, 8);
  flow.paragraph(recordWhen(board), 11);
  const people = participantsOf(board);
  const cards = chapters.reduce((n, c) => n + chapterCards(c).length, 0);
  flow.paragraph(
    [{ text: recordCounts(cards, people.length, chapters.length), style: { color: MUTED } }],
    10,
  );
  if (board.skipped > 0)
    flow.paragraph([{ text: skippedNote(board.skipped), style: { color: '#cf222e' } }], 9);
  flow.space(24);
  flow.rule();
  flow.space(14);
  flow.heading('Participants', 13, 4);
  // Each name in its own direction: two Arabic or Hebrew names side by side would otherwise make
  // one right-to-left run, drawn in the opposite order with the comma between them moved.
  flow.paragraph(
    people.length ? people.map((p) => participantLabel(p, ownDirection)).join(', ') : RECORD_WORDING.nobody,
    10,
  );
  flow.space(24);
  flow.heading('Contents', 13, 6);
  return flow.y;
}

function contents(doc: Doc, kit: TextKit, chapters: readonly Chapter[], starts: number[], top: number): void {
  doc.switchToPage(0);
  const width = A4[0] - 2 * MARGIN;
  let y = top;
  const size = 11;
  for (const [i, chapter] of chapters.entries()) {
    if (y + 18 > A4[1] - BOTTOM) break;
    const page = String((starts[i] ?? 0) + 1);
    const pw = kit.width(page, size);
    const line = kit.wrap(chapterHeading(i, chapter.title, ownDirection), size, width - pw - 20)[0];
    if (line) kit.drawLine(line, MARGIN, y + ascent(size), size);
    const num = kit.wrap(page, size, pw + 1)[0];
    if (num) kit.drawLine(num, MARGIN + width - pw, y + ascent(size), size);
    doc.goTo(MARGIN, y, width, 16, `chapter-${i + 1}`);
    y += 18;
  }
}

function footers(doc: Doc, kit: TextKit, title: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start + 1; i < start + count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const size = 7.5;
    const y = height - BOTTOM / 2 + ascent(size) / 2;
    const right = `${i + 1} / ${count}`;
    const rw = kit.width(right, size);
    const left = kit.wrap(
      // The board's title in its own direction, then the wording, at the left: "خطة — workshop record".
      [{ text: `${ownDirection(title)} — workshop record`, style: { color: MUTED } }],
      size,
      width - 2 * MARGIN - rw - 24,
    )[0];
    if (left) kit.drawLine(left, MARGIN, y, size);
    const num = kit.wrap([{ text: right, style: { color: MUTED } }], size, rw + 1)[0];
    if (num) kit.drawLine(num, width - MARGIN - rw, y, size);
  }
}
