/**
 * The day before: the facilitator copies the participant link from Share, checks it in a second
 * browser, then replaces it (it was pasted into the wrong channel) and is told that it worked and
 * whom it cut off.
 */
import { expect, test } from './fixtures.js';
import { BoardPage } from './pages/board-page.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

test('replacing the participant link says it worked and how many were disconnected', async ({
  page,
  openAs,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Workshop name' }).fill('Checkout strategy');
  await page.getByTestId('new-workshop').click();
  const prompt = page.getByTestId('display-name');
  await prompt.fill('Fran');
  await prompt.press('Enter');
  const fran = new BoardPage(page);
  await expect(fran.board).toBeVisible();

  await page.getByRole('button', { name: 'Share links' }).click();
  const share = page.getByRole('dialog', { name: 'Share links' });
  const row = share.getByTestId('share-participant');
  await row.getByRole('button', { name: 'Copy link for participants' }).click();
  const oldLink = await page.evaluate(() => navigator.clipboard.readText());
  const pat = await openAs(oldLink, 'Pat');
  await expect(pat.page.getByTestId('role-badge')).toHaveText('participant');

  await row.getByRole('button', { name: 'New link for participants' }).click();
  await row.getByRole('button', { name: 'Replace link' }).click();
  await expect(pat.page.getByTestId('error-page')).toBeVisible();
  const done = row.getByRole('status');
  await expect(done).toHaveText(
    'Replaced: the old participant link no longer works. 1 open window on it was disconnected.',
  );
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/prep-share-replaced.png` });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: `${SHOTS}/prep-share-replaced-laptop.png` });
  }
  await row.getByRole('button', { name: 'Copy link for participants' }).click();
  const newLink = await page.evaluate(() => navigator.clipboard.readText());
  expect(newLink).not.toBe(oldLink);

  // Replaced again with nobody on it: said so, not "0 windows".
  await row.getByRole('button', { name: 'New link for participants' }).click();
  await row.getByRole('button', { name: 'Replace link' }).click();
  await expect(done).toHaveText('Replaced: the old participant link no longer works. Nobody was on it.');
});
