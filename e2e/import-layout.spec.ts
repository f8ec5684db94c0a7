/**
 * Where imported cards land on the canvas: a facilitator imports a few hundred ideas into Card
 * Sorting's idea pool the day before, and every card is on the canvas beside the others — none
 * hidden under another, all inside the pool (which grows to hold them).
 */
import { writeFile } from 'node:fs/promises';
import { createBoard, eventually, expect, test } from './fixtures.js';
import { type Box, overlap, worldBox } from './lib/canvas-boxes.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

const SAYINGS = [
  'Onboarding takes too long',
  'Self-serve trial with sample data, so a team sees value on day one',
  'Pricing page',
  'Fewer clicks to invite the team; today it takes an admin, a ticket and two days',
  'SSO',
  'Export to slides',
];

/** A spreadsheet export of n ideas: a BOM, semicolons, quoted line breaks, an empty row, colours. */
function messyIdeas(n: number, box = ''): string {
  const colors = ['', 'Pink', 'blue', '', 'GREEN'];
  const lines = ['Idea;Theme;Author;Colour;Votes', ''];
  for (let i = 1; i <= n; i++) {
    const said = i % 9 === 0 ? `${SAYINGS[i % 6]};\nsee notes ${i}` : `${SAYINGS[i % 6]} (${i})`;
    // As a spreadsheet saves it: quoted where it holds the separator or a line break.
    const text = /[;\n]/.test(said) ? `"${said}"` : said;
    lines.push(`${text};${box};Person ${i % 7};${colors[i % 5]};${i % 4}`);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Pairs of on-screen boxes that cover each other by more than rounding. */
function overlaps(boxes: readonly Box[]): [number, number][] {
  const shrink = (b: Box) => ({ x: b.x + 0.5, y: b.y + 0.5, width: b.width - 1, height: b.height - 1 });
  const out: [number, number][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlap(shrink(boxes[i] as Box), shrink(boxes[j] as Box))) out.push([i, j]);
  return out;
}

const SIZES = SHOTS ? [30, 200, 500] : [200];

for (const n of SIZES) {
  test(`${n} imported ideas lie side by side inside Card Sorting’s idea pool`, async ({
    baseURL,
    openAs,
  }, testInfo) => {
    test.setTimeout(120_000);
    const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Prep' });
    const fran = await openAs(board.links.facilitator, 'Fran');
    const page = fran.page;
    const file = testInfo.outputPath('ideas.csv');
    await writeFile(file, messyIdeas(n));

    await page.getByTestId('open-import').click();
    await page.getByTestId('import-frame').selectOption({ label: 'Card Sorting' });
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('import-summary')).toContainText(`${n} cards ready for “Card Sorting”`);
    if (n > 36) {
      // Told before importing: smaller cards, and a pool that grows to hold them.
      await expect(page.getByTestId('import-fit')).toContainText('the box grows taller to hold them');
    }
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/import-${n}-preview.png` });
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-dialog')).toBeHidden();
    await eventually(async () => (await fran.stickyIds()).length).toBe(n);
    await page.keyboard.press('Escape');

    const elements = await fran.elements();
    const pool = elements.find((e) => e.type === 'grid' && e.title === 'Idea pool');
    if (!pool) throw new Error('no idea pool');
    const cards = elements.filter((e) => e.type === 'sticky');
    // Where the canvas draws them: every card's box on the page.
    const boxes: Box[] = [];
    for (const c of cards)
      boxes.push(await worldBox(fran, c as { x: number; y: number; w: number; h: number }));
    const poolBox = await worldBox(fran, pool as { x: number; y: number; w: number; h: number });
    expect(overlaps(boxes)).toEqual([]);
    const outside = boxes.filter(
      (b) =>
        b.x < poolBox.x - 0.5 ||
        b.y < poolBox.y - 0.5 ||
        b.x + b.width > poolBox.x + poolBox.width + 0.5 ||
        b.y + b.height > poolBox.y + poolBox.height + 0.5,
    );
    expect(outside).toEqual([]);
    // No card over a theme or the parking lot beside the pool.
    const themes = elements.filter((e) => e.type === 'theme');
    for (const t of themes) {
      const tb = await worldBox(fran, t as { x: number; y: number; w: number; h: number });
      expect(boxes.filter((b) => overlap(b, tb))).toEqual([]);
    }

    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/import-${n}-done.png` });
      const res = await fetch(`${baseURL}/api/boards/${board.id}/export.pdf`, {
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
      });
      expect(res.status).toBe(200);
      await writeFile(`${SHOTS}/import-${n}.pdf`, Buffer.from(await res.arrayBuffer()));
    }
  });
}

test('a Lean Canvas box that cannot hold 200 readable cards says so before importing', async ({
  baseURL,
  openAs,
}, testInfo) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Prep' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const page = fran.page;
  const file = testInfo.outputPath('ideas.csv');
  await writeFile(file, messyIdeas(200, 'Problem'));
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-frame').selectOption({ label: 'Lean Business Model Canvas' });
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-fit')).toContainText('too small to read');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/import-lean-preview.png` });
  await page.getByTestId('import-confirm').click();
  await eventually(async () => (await fran.stickyIds()).length).toBe(200);
  await page.keyboard.press('Escape');
  const elements = await fran.elements();
  const cards = elements.filter((e) => e.type === 'sticky');
  const boxes: Box[] = [];
  for (const c of cards)
    boxes.push(await worldBox(fran, c as { x: number; y: number; w: number; h: number }));
  expect(overlaps(boxes)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/import-lean-done.png` });
});
