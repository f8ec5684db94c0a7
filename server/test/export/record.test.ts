/**
 * The record as a facilitator reads it — the PDF's text and the Markdown — made directly from a
 * workshop board (no server): what each exercise's section says, and what it leaves out.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Element, recordPerson, updateElement } from '@truenorth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ExportBoard, readExportBoard } from '../../src/export/board.js';
import { renderData } from '../../src/export/data.js';
import { renderRecord } from '../../src/export/pdf/record.js';
import { pdfPages, savePdf, squash } from './pdf-tools.js';
import { fillWorkshop, WorkshopBuilder } from './workshop.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'record-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const themeNamed = (name: string) => (e: Element) => e.type === 'theme' && e.name === name;

function exportBoard(b: WorkshopBuilder): ExportBoard {
  b.flush();
  return readExportBoard(b.doc, { id: 'b', title: 'Offsite' }, new Date('2026-11-30T10:00:00Z'), {
    kind: 'present',
  });
}

/** The text of one chapter's content pages in the PDF, whitespace removed. */
async function pdfChapter(board: ExportBoard, title: string, name: string): Promise<string> {
  const pages = await pdfPages(await savePdf(dir, name, await renderRecord(board)));
  // A chapter's heading is on its picture page and again on its content pages (which have a count).
  return squash(
    pages
      .slice(1)
      .filter((p) => p.includes(title) && /\d+ cards?\b/.test(p))
      .join('\n'),
  );
}

/** One `## ` section of the Markdown (chapters are numbered, as in the PDF). */
function mdSection(md: string, title: string): string {
  const start = md.search(new RegExp(`\n## \\d+\\. ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end < 0 ? undefined : end);
}

/**
 * What each chapter of the full workshop (`fillWorkshop`) is made of, as both the PDF and the
 * Markdown must name it: its blocks, and the boxes, lanes, themes or steps within them.
 */
const OUTLINE: Record<string, string[]> = {
  Introductions: ['Our team'],
  'Elevator Pitch': [
    'The pitch',
    'For',
    'Who',
    'The … is a',
    'That',
    'Unlike',
    'Our product',
    'Team reactions',
  ],
  'Lean Business Model Canvas': [
    'Lean Canvas',
    'Problem',
    'Customer Segments',
    'Unique Value Proposition',
    'Solution',
    'Channels',
    'Revenue Streams',
    'Cost Structure',
    'Key Metrics',
    'Unfair Advantage',
  ],
  'The Worst Solution': ['Worst ideas and what we do instead', 'Do instead (not linked to a worst idea)'],
  // Votes were revealed here only: what got the most comes first.
  'Card Sorting': ['Most votes', 'Idea pool (not sorted yet)', 'Themes', 'Theme A', 'Theme B', 'Parking lot'],
  'Story Spine': ['User journey', '1. Discover', '2. Sign up', '3. First use', '4. Habit', '5. Share'],
  'Road Map': [
    'Vision',
    'Next steps',
    'Now',
    'Next',
    'Later',
    'Broad goals',
    'Success metrics',
    'What we test first',
  ],
  'Other cards': ['Cards'],
};

describe('the Markdown and the PDF', () => {
  it('name the same blocks and parts, in the same order, in every chapter — and count cards and votes alike', async () => {
    const b = new WorkshopBuilder(new Y.Doc());
    const expected = fillWorkshop(b);
    const board = exportBoard(b);
    const md = renderData('md', board);
    const pages = await pdfPages(await savePdf(dir, 'outline.pdf', await renderRecord(board)));
    const pdf = squash(pages.slice(1).join('\n'));
    expect(expected.map((c) => c.title)).toEqual(Object.keys(OUTLINE));
    for (const [i, { title }] of expected.entries()) {
      const outline = OUTLINE[title] ?? [];
      // The Markdown: the chapter numbered as in the PDF, its blocks and parts as headings.
      const section = mdSection(md, title);
      expect(section.startsWith(`\n## ${i + 1}. ${title}\n`), title).toBe(true);
      const headings = [...section.matchAll(/^#{3,5} (.*)$/gm)].map((m) => m[1]);
      expect(headings, title).toEqual(outline);
      // The PDF: the same names in the same order on the chapter's content pages.
      const heading = squash(`${i + 1}. ${title}`);
      let at = pdf.indexOf(heading, pdf.indexOf(heading) + heading.length);
      expect(at, `content of ${title}`).toBeGreaterThan(0);
      for (const name of outline) {
        const next = pdf.indexOf(squash(name), at);
        expect(next, `“${name}” in ${title}, after what comes before it`).toBeGreaterThan(at);
        at = next;
      }
    }
    // Each theme's cards and votes, under its name in both.
    const sorting = mdSection(md, 'Card Sorting');
    for (const [theme, counts] of [
      ['Theme A', '2 cards · 7 votes'],
      ['Theme B', '1 card · 1 vote'],
      ['Parking lot', '1 card · 0 votes'],
    ]) {
      expect(sorting).toContain(`#### ${theme}\n\n*${counts}*\n`);
      expect(pdf).toContain(squash(`${theme} ${counts}`));
    }
    // An empty box says so in both.
    expect(mdSection(md, 'Lean Business Model Canvas')).toContain(
      '#### Solution\n\n*Top 3 features*\n\n*No cards*',
    );
    expect(pdf).toContain(squash('Solution No cards Top 3 features'));
    // The Road Map's boxes keep the hints the board shows under their names.
    const roadMap = mdSection(md, 'Road Map');
    for (const [box, hint] of [
      ['Vision', 'Where we are headed, in a sentence or two'],
      ['Broad goals', 'What we want to achieve'],
      ['What we test first', 'The riskiest assumption, tested immediately'],
    ] as const) {
      expect(roadMap).toContain(`### ${box}\n\n*${hint}*`);
      expect(pdf).toContain(squash(hint));
    }
  });
});

describe('the cover', () => {
  it('Markdown: opens as the PDF’s cover does — when, counts and who took part, facilitators marked', async () => {
    const b = new WorkshopBuilder(new Y.Doc());
    fillWorkshop(b);
    recordPerson(
      b.doc,
      { name: 'Dana', role: 'facilitator', at: Date.parse('2026-11-30T09:00:00Z') },
      'test',
    );
    const board = exportBoard(b);
    const md = renderData('md', board);
    const cover = [
      '# Offsite',
      'Workshop record · As of 30 November 2026 at 10:00 UTC',
      '*31 cards · 5 participants · 8 chapters*',
      '**Participants**',
      ['- Ann', '- Bo', '- Dana (facilitator)', '- Kenji', '- Борис'].join('\n'),
      '## 1. Introductions',
    ].join('\n\n');
    expect(md.startsWith(cover), md.slice(0, 300)).toBe(true);
    const [page] = await pdfPages(await savePdf(dir, 'cover.pdf', await renderRecord(board)));
    for (const line of ['As of 30 November 2026 at 10:00 UTC', '31 cards · 5 participants · 8 chapters'])
      expect(page).toContain(line);
    expect(page).toContain('Ann, Bo, Dana (facilitator), Kenji, Борис');
  });
});

describe('the card sorting chapter', () => {
  function sorted() {
    const b = new WorkshopBuilder(new Y.Doc());
    b.add(b.part('card-sorting', themeNamed('Theme A')), null, [{ text: 'Voting with dots', votes: 2 }]);
    // Theme B renamed by the team but left empty; Theme C untouched; the parking lot empty.
    updateElement(b.doc, b.part('card-sorting', themeNamed('Theme B')).id, { name: 'Distribution' });
    return exportBoard(b);
  }

  it('Markdown: lists a theme the team named (and the parking lot) with "No cards", not an untouched starter theme', () => {
    const md = mdSection(renderData('md', sorted()), 'Card Sorting');
    expect(md).toContain('#### Theme A\n\n*1 card · 2 votes*\n\n- Voting with dots — *Ann* · 2 votes\n');
    expect(md).toContain('#### Distribution\n\n*0 cards · 0 votes*\n\n*No cards*\n');
    expect(md).toContain('#### Parking lot\n\n*0 cards · 0 votes*\n\n*No cards*');
    expect(md).not.toContain('Theme C');
    // In the record's order: named themes, then the parking lot.
    expect(md.indexOf('Distribution')).toBeGreaterThan(md.indexOf('Theme A'));
    expect(md.indexOf('Parking lot')).toBeGreaterThan(md.indexOf('Distribution'));
  });

  it('PDF: the same themes, empty ones marked "No cards"; the untouched starter theme left out', async () => {
    const text = await pdfChapter(sorted(), 'Card Sorting', 'themes.pdf');
    expect(text).toContain(squash('Distribution 0 cards · 0 votes No cards'));
    expect(text).toContain(squash('Parking lot 0 cards · 0 votes No cards'));
    expect(text).not.toContain('ThemeC');
  });
});

describe('the "Most votes" list', () => {
  const advantage =
    'Ten years of running strategy workshops for product teams, and every template carries what ' +
    'we learned about which questions work';

  function canvasVote() {
    const b = new WorkshopBuilder(new Y.Doc());
    const lean = b.part('lean-canvas', (e) => e.type === 'grid' && e.title === 'Lean Canvas');
    b.add(lean, 'problem', [
      { text: 'Teams misalign on goals', votes: 3 },
      { text: 'Workshops leave no record', votes: 0 },
    ]);
    b.add(lean, 'unfair-advantage', [{ text: advantage, votes: 4 }]);
    // A story spine vote spread thin: six cards with one vote each.
    const spine = b.part('story-spine', (e) => e.type === 'swimlanes');
    b.add(
      spine,
      'epics:discover',
      ['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map((text) => ({ text, votes: 1 })),
    );
    return exportBoard(b);
  }
  const shortened = 'Ten years of running strategy workshops for product teams, and every template carries…';

  it('Markdown: quotes a long card shortened at a word, leaves out what got no votes, never cuts a tie', () => {
    const md = renderData('md', canvasVote());
    expect(mdSection(md, 'Lean Business Model Canvas')).toContain(
      `### Most votes\n\n- **4 votes** ${shortened} — *Unfair Advantage*\n` +
        '- **3 votes** Teams misalign on goals — *Problem*\n\n### Lean Canvas',
    );
    // Six tied at the top: more than the list holds, so it says so rather than pick five.
    expect(mdSection(md, 'Story Spine')).toContain(
      '### Most votes\n\n*6 tied with 1 vote each*\n\n### User journey',
    );
  });

  it('PDF: the same', async () => {
    const board = canvasVote();
    expect(await pdfChapter(board, 'Lean Business Model Canvas', 'most-canvas.pdf')).toContain(
      squash(
        `Most votes 4 votes ${shortened} — Unfair Advantage 3 votes Teams misalign on goals — Problem Lean Canvas`,
      ),
    );
    expect(await pdfChapter(board, 'Story Spine', 'most-spine.pdf')).toContain(
      squash('Most votes 6 tied with 1 vote each User journey'),
    );
  });
});

describe('the story spine chapter', () => {
  function spine() {
    const b = new WorkshopBuilder(new Y.Doc());
    const lanes = b.part('story-spine', (e) => e.type === 'swimlanes');
    b.add(lanes, 'epics:discover', [
      { text: 'Hear about the product' },
      { text: 'Sign up with SSO', side: 'critical' },
    ]);
    b.add(lanes, 'epics:share', [{ text: 'Invite the team' }]);
    return exportBoard(b);
  }

  it('Markdown: says which cards are core and which mission-critical, as the PDF does', () => {
    const md = mdSection(renderData('md', spine()), 'Story Spine');
    expect(md).toContain('*Cards above the line are Core; below it, Mission-critical.*');
    expect(md).toContain(
      '#### 1. Discover\n\n**Core**\n\n- Hear about the product — *Ann*\n\n' +
        '**Mission-critical**\n\n- Sign up with SSO — *Ann*\n',
    );
    expect(md).toContain(
      '#### 5. Share\n\n**Core**\n\n- Invite the team — *Ann*\n\n**Mission-critical**\n\n*No cards*',
    );
  });

  it('PDF: the same split (both read it from the shared splitByLine)', async () => {
    const text = await pdfChapter(spine(), 'Story Spine', 'spine.pdf');
    expect(text).toContain(
      squash('1. Discover Core Hear about the product — Ann Mission-critical Sign up with SSO — Ann'),
    );
    expect(text).toContain(squash('5. Share Core Invite the team — Ann Mission-critical No cards'));
  });
});

describe('the worst solution chapter', () => {
  function worst() {
    const b = new WorkshopBuilder(new Y.Doc());
    const grid = b.part('worst-solution', (e) => e.type === 'grid');
    // Side by side on the board: each row's do-instead card level with a worst idea, as if it
    // answered it — only the first row's is linked; the second idea has two, the third none.
    const [hide, lose, silence] = b.add(grid, 'worst', ['Hide the agenda', 'Lose every sticky', 'Never ask']);
    const [share, autosave, unlinked, history] = b.add(grid, 'instead', [
      { text: 'Share the agenda up front', color: 'green' },
      { text: 'Autosave everything', color: 'green' },
      { text: 'Ask the room\nevery hour', color: 'green' },
      { text: 'Keep every snapshot', color: 'green' },
    ]);
    b.link(hide as string, share as string);
    b.link(lose as string, autosave as string);
    b.link(lose as string, history as string);
    void silence;
    void unlinked;
    return exportBoard(b);
  }

  it('Markdown: writes each worst idea with the do-instead cards flipped from it; the others on their own', () => {
    const md = mdSection(renderData('md', worst()), 'The Worst Solution');
    expect(md).toContain(
      [
        '### Worst ideas and what we do instead',
        '',
        '- **Worst idea:** Hide the agenda — *Ann*',
        '  - **Do instead:** Share the agenda up front — *Ann*',
        '- **Worst idea:** Lose every sticky — *Ann*',
        '  - **Do instead:** Autosave everything — *Ann*',
        '  - **Do instead:** Keep every snapshot — *Ann*',
        '- **Worst idea:** Never ask — *Ann*',
        '',
        '#### Do instead (not linked to a worst idea)',
        '',
        '- Ask the room  \n  every hour — *Ann*',
      ].join('\n'),
    );
    // Each card once.
    expect(md.match(/Autosave everything/g)).toHaveLength(1);
  });

  it('PDF: the same pairs and the same unlinked card (both from the chapter’s worst block)', async () => {
    const text = await pdfChapter(worst(), 'The Worst Solution', 'worst.pdf');
    expect(text).toContain(
      squash(
        'Worst ideas and what we do instead Worst idea: Hide the agenda — Ann Do instead: Share the agenda up front — Ann ' +
          'Worst idea: Lose every sticky — Ann Do instead: Autosave everything — Ann Do instead: Keep every snapshot — Ann ' +
          'Worst idea: Never ask — Ann Do instead (not linked to a worst idea) Ask the room every hour — Ann',
      ),
    );
  });
});

describe('empty cards', () => {
  function worst() {
    const b = new WorkshopBuilder(new Y.Doc());
    const grid = b.part('worst-solution', (e) => e.type === 'grid');
    const [hide, silence] = b.add(grid, 'worst', ['Hide the agenda', 'Never talk to marketing']);
    const [share, blank] = b.add(grid, 'instead', [
      { text: 'Share the agenda up front', color: 'green' },
      { text: '', color: 'green' },
    ]);
    b.add(grid, 'instead', [{ text: '  \n ', color: 'green' }]);
    b.link(hide as string, share as string);
    // Flipped into a do-instead card that was never filled in.
    b.link(silence as string, blank as string);
    b.add(b.part('card-sorting', themeNamed('Parking lot')), null, ['']);
    return exportBoard(b);
  }

  it('Markdown leaves them out — a flipped Worst Solution card never filled in, a blank sticky in a theme', () => {
    const md = renderData('md', worst());
    expect(md).not.toContain('(empty card)');
    expect(md).toContain('3 cards');
    const section = mdSection(md, 'The Worst Solution');
    expect(section).toContain('- **Worst idea:** Never talk to marketing — *Ann*');
    expect(section.match(/^\s*- /gm)).toHaveLength(3);
    expect(mdSection(md, 'Card Sorting')).toContain('#### Parking lot\n\n*0 cards*\n\n*No cards*');
  });

  it('PDF leaves them out alike: no "(empty card)", no "Do instead:" for the unfilled flip, counts without them', async () => {
    const text = await pdfChapter(worst(), 'The Worst Solution', 'empty.pdf');
    expect(text).not.toContain(squash('(empty card)'));
    expect(text).toContain(
      squash(
        '3 cards Worst ideas and what we do instead Worst idea: Hide the agenda — Ann Do instead: Share the agenda up front — Ann Worst idea: Never talk to marketing — Ann',
      ),
    );
    expect(text).not.toContain(squash('not linked to a worst idea'));
  });

  it('the data exports keep them: one CSV/JSON row per card of the board', () => {
    const board = worst();
    const json = JSON.parse(renderData('json', board)) as { cards: { exercise: string; text: string }[] };
    expect(json.cards.filter((c) => c.text.trim() === '')).toHaveLength(3);
    expect(json.cards).toHaveLength(6);
    // Header line, six rows, final line break.
    expect(renderData('csv', board).split('\r\n')).toHaveLength(8);
  });
});
