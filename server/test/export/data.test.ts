import { readCsv, unguardCell as unguard } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { BOM, CSV_COLUMNS } from '../../src/export/csv.js';
import { CardsExport } from '../../src/export/rows.js';
import { bearer, startServer, type TestServer } from '../http/harness.js';
import { fillWorkshop, WorkshopBuilder } from './workshop.js';

function parseCsv(text: string): string[][] {
  const r = readCsv(text, ',');
  if (!r.ok) throw new Error(r.error);
  return r.rows.map((row) => row.fields);
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TRICKY = [
  'Commas, and "quotes", together',
  'Two\nlines',
  'Windows\r\nline break',
  '=HYPERLINK("http://example.invalid")',
  '+1 more',
  '-minus first',
  '@mention',
  '  leading spaces and trailing  ',
  'Looks like\n---\na heading',
  'Привет, команда',
  '用户旅程',
];

async function board() {
  server = await startServer();
  const created = await server.createBoard({ title: 'Offsite: Day 2', template: 'workshop' });
  await server.app.relay.transact(created.id, (doc) => {
    const b = new WorkshopBuilder(doc);
    fillWorkshop(b);
    b.add(
      b.part('card-sorting', (e) => e.type === 'theme' && e.name === 'Theme C'),
      null,
      TRICKY,
    );
    b.flush();
  });
  const get = (ext: string, role: keyof typeof created.tokens = 'observer') =>
    server!.app.inject({
      method: 'GET',
      url: `/api/boards/${created.id}/export.${ext}`,
      headers: bearer(created.tokens[role]),
    });
  return { created, get };
}

describe('data exports', () => {
  it('CSV: RFC 4180, guarded against formulas, round-trips every text', async () => {
    const { get } = await board();
    const res = await get('csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="offsite-day-2-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.body.startsWith(BOM)).toBe(true);
    expect(res.body.endsWith('\r\n')).toBe(true);

    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual([...CSV_COLUMNS]);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const json = CardsExport.parse((await get('json')).json());
    expect(rows).toHaveLength(json.cards.length);

    // Every cell that a spreadsheet would run as a formula starts with an apostrophe instead.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const texts = rows.map((r) => unguard(r[2] as string));
    expect(texts).toEqual(json.cards.map((c) => c.text));
    for (const t of TRICKY) expect(texts).toContain(t);

    const hyperlink = rows.find((r) => r[2]?.includes('HYPERLINK'));
    expect(hyperlink?.[2]).toBe(`'=HYPERLINK("http://example.invalid")`);
    const voted = rows.find((r) => r[2] === 'Voting with dots');
    expect(voted).toEqual(['Card Sorting', 'Theme A', 'Voting with dots', 'Ann', '5']);
    const lean = rows.find((r) => r[2] === 'Weekly active boards');
    expect(lean).toEqual(['Lean Business Model Canvas', 'Key Metrics', 'Weekly active boards', 'Ann', '0']);
  });

  it('JSON: parses with the schema; exercise, container, votes and spine side per card', async () => {
    const { get } = await board();
    const res = await get('json', 'participant');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const data = CardsExport.parse(res.json());
    expect(data.board.title).toBe('Offsite: Day 2');
    expect(data.snapshot).toBeNull();
    const byText = new Map(data.cards.map((c) => [c.text, c]));
    expect(byText.get('用户旅程')).toMatchObject({
      exercise: 'Story Spine',
      exerciseKind: 'story-spine',
      container: 'Epics / Themes · Discover',
      tag: 'core',
    });
    expect(byText.get('Offline mode')?.tag).toBe('critical');
    expect(byText.get('Anonymous votes')).toMatchObject({ container: 'Theme A', votes: 2 });
    expect(byText.get('Blockchain?')).toMatchObject({ container: 'Parking lot', votes: 0 });
    expect(byText.get('A note far from every frame')).toMatchObject({
      exercise: '',
      exerciseKind: null,
      container: '',
    });
    // Template prompts are not cards.
    expect(data.cards.some((c) => c.text.startsWith('Dump every solution idea'))).toBe(false);
  });

  it('Markdown: exercises and containers as headings, text escaped, line breaks kept inside a bullet', async () => {
    const { get } = await board();
    const res = await get('md');
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const md = res.body;
    expect(md.startsWith('# Offsite: Day 2\n')).toBe(true);
    expect(md).toContain(
      '### Lean Canvas\n\n#### Problem\n\n*Top 3 problems · existing alternatives*\n\n- Teams misalign on goals — *Ann*',
    );
    expect(md).toContain('#### Theme A\n\n*2 cards · 7 votes*\n\n- Voting with dots — *Ann* · 5 votes');
    expect(md).toContain('- Two  \n  lines');
    expect(md).toContain('- -minus first — *Ann*\n');
    // Counts only for cards that got votes.
    expect(md).toContain('- Blockchain? — *Ann*\n');
    expect(md).toContain('## 8. Other cards');
    // No card can open a heading of its own.
    for (const line of md.split('\n')) if (line.startsWith('#')) expect(line).toMatch(/^#{1,5} \S/);
  });

  it('needs a valid token', async () => {
    const { created } = await board();
    for (const ext of ['csv', 'json', 'md']) {
      const res = await server!.app.inject({ method: 'GET', url: `/api/boards/${created.id}/export.${ext}` });
      expect([res.statusCode, res.json().code]).toEqual([401, 'UNAUTHORIZED']);
    }
    const wrong = await server!.app.inject({
      method: 'GET',
      url: `/api/boards/${created.id}/export.csv`,
      headers: bearer('x'.repeat(43)),
    });
    expect(wrong.statusCode).toBe(401);
  });
});
