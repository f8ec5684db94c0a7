/**
 * Renaming a board after creating it: the facilitator clicks the title in the top bar, types,
 * Enter saves; everyone on the board sees the new title live (top bar and browser tab), and the
 * start page remembers the new name. Escape cancels; a bad title says why and keeps the field.
 */
import { expect, test } from './fixtures.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

test('the facilitator renames the board in the top bar and a participant sees it live', async ({
  board,
  openAs,
}) => {
  const fran = await openAs(board.links.facilitator, 'Fran');
  const pat = await openAs(board.links.participant, 'Pat');
  const obs = await openAs(board.links.observer, 'Olga');
  const franTitle = fran.page.getByTestId('board-title');
  await expect(franTitle).toHaveText('E2E board');
  await expect(pat.page.getByTestId('board-title')).toHaveText('E2E board');

  // Participants and observers see the title, nothing to click.
  await expect(pat.page.getByTestId('board-title').getByRole('button')).toHaveCount(0);
  await expect(obs.page.getByTestId('board-title').getByRole('button')).toHaveCount(0);

  // Escape cancels.
  await franTitle.getByRole('button').click();
  const field = fran.page.getByRole('textbox', { name: 'Board title' });
  await expect(field).toBeFocused();
  await field.fill('Not this one');
  await field.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(franTitle).toHaveText('E2E board');

  // A blank title is refused in words, and the field stays open.
  await franTitle.getByRole('button').click();
  await field.fill('   ');
  await field.press('Enter');
  await expect(
    fran.page.getByRole('alert').filter({ hasText: 'A title needs 1 to 200 characters.' }),
  ).toBeVisible();
  await expect(field).toBeVisible();

  // Enter saves; everyone sees it live, the browser tab too.
  const name = 'Acme checkout — day 2';
  await field.fill(name);
  if (SHOTS) await fran.page.screenshot({ path: `${SHOTS}/rename-editing.png` });
  await field.press('Enter');
  await expect(field).toHaveCount(0);
  await expect(franTitle).toHaveText(name);
  await expect(pat.page.getByTestId('board-title')).toHaveText(name);
  await expect(obs.page.getByTestId('board-title')).toHaveText(name);
  await expect(pat.page).toHaveTitle(`${name} · Truenorth`);
  await expect(fran.page).toHaveTitle(`${name} · Truenorth`);
  // With room to spare in the top bar the title is shown whole, not cut short with an ellipsis.
  const cut = (b: typeof fran) =>
    b.page.getByTestId('board-title').evaluate((h) => {
      const el = (h.querySelector('button') ?? h) as HTMLElement;
      return el.scrollWidth > el.clientWidth;
    });
  expect(await cut(fran)).toBe(false);
  expect(await cut(pat)).toBe(false);
  if (SHOTS) await pat.page.screenshot({ path: `${SHOTS}/rename-participant.png` });

  // The participant's start page remembers the board by its new name.
  await pat.page.goto('/');
  const recent = pat.page.getByRole('region', { name: 'Recent boards' });
  await expect(recent.getByRole('link', { name: new RegExp(name) })).toBeVisible();
  // And the name prompt someone new sees when joining carries it (from the stored record).
  const newcomer = await pat.page.context().browser()!.newContext();
  const page = await newcomer.newPage();
  await page.goto(board.links.participant);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await newcomer.close();
});
