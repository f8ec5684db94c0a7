/**
 * Right-to-left typing in the last fields where a card or a theme is written: a new theme's name
 * (card sorting's "Group as theme") and the CSV import's text and preview read Arabic and Hebrew
 * right to left, as the canvas shows them (the canvas's editors and the outline: ui.spec.ts). On a
 * touch phone, where the theme's name is typed in the selection bar's "More".
 */
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { participantOnTouch, writeNoteByTouch } from './lib/touch.js';

const ARABIC = 'فكرة جديدة للعملاء';
const HEBREW = 'רעיון חדש ללקוחות';

const direction = (field: import('@playwright/test').Locator) =>
  field.evaluate((el) => getComputedStyle(el).direction);

test('on a phone, a new theme named in Hebrew is typed right to left', async ({
  baseURL,
  browser,
  openAs,
}) => {
  const { pat } = await participantOnTouch(browser, openAs, baseURL as string, PHONE, 'card-sorting');
  try {
    const page = pat.page;
    await writeNoteByTouch(pat, 'Sort me');
    const bar = page.getByRole('toolbar', { name: 'Selection' });
    await bar.getByRole('button', { name: 'More actions' }).tap();
    await bar.getByRole('button', { name: 'Group as theme' }).tap();
    const name = page.getByTestId('sort-name');
    await expect(name).toBeFocused();
    await page.keyboard.type(HEBREW);
    expect(await direction(name)).toBe('rtl');
    await page.getByTestId('sort-name-ok').tap();
    await expect
      .poll(async () => (await pat.elements()).some((e) => e.type === 'theme' && e.name === HEBREW))
      .toBe(true);
  } finally {
    await pat.page.context().close();
  }
});

test('the CSV import reads Arabic cards right to left, in its text and its preview', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { title: 'Import board', template: 'lean-canvas' });
  const fay = await openAs(board.links.facilitator, 'Fay');
  await fay.page.getByTestId('open-import').click();
  const dialog = fay.page.getByTestId('import-dialog');
  // A file without a header row: its first line is a card.
  const text = dialog.getByTestId('import-text');
  await text.fill(`${ARABIC},Problem\nEnglish card,Solution\n`);
  expect(await direction(text)).toBe('rtl');
  const cells = dialog.getByTestId('import-row-text');
  await expect(cells).toHaveCount(2);
  expect(await direction(cells.first())).toBe('rtl');
  expect(await direction(cells.last())).toBe('ltr');
});
