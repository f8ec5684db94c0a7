/**
 * The day before a workshop: a facilitator who has never used Truenorth opens the start page,
 * names tomorrow's workshop and creates it, and finds it again the next morning by that name.
 */
import { expect, test } from './fixtures.js';
import { BoardPage } from './pages/board-page.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

test('a workshop named on the start page carries its name on the board and in the recent boards', async ({
  page,
}) => {
  const name = 'Acme checkout — strategy day';
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Workshop name' }).fill(name);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/prep-start-named.png` });
  await page.getByTestId('new-workshop').click();
  const fran = new BoardPage(page);
  const prompt = page.getByTestId('display-name');
  await expect(prompt).toBeVisible();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await prompt.fill('Fran');
  await prompt.press('Enter');
  await expect(fran.board).toBeVisible();
  await expect(page.getByTestId('board-title')).toHaveText(name);
  await expect(page).toHaveTitle(`${name} · Truenorth`);

  // The next morning, from the start page on a laptop: the board is in sight without scrolling.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  const recent = page.getByRole('region', { name: 'Recent boards' });
  await expect(recent.getByRole('link', { name: new RegExp(name) })).toBeInViewport({ ratio: 1 });
  // Which of several boards is which: when each was last opened here.
  await expect(recent.getByRole('link', { name: new RegExp(name) })).toContainText(/Opened today, \d\d:\d\d/);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/prep-start-recent.png` });
  await recent.getByRole('link', { name: new RegExp(name) }).click();
  await expect(page.getByTestId('board-title')).toHaveText(name);
});
