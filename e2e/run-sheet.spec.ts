/**
 * The facilitator sets the run-sheet's time boxes in the workshop panel; everyone sees them; the
 * workshop's timer runs for them; changing one while the workshop runs keeps its progress.
 */
import { createBoard, expect, test } from './fixtures.js';

test('the facilitator changes a time box, everyone sees it, and the step runs for it', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  const patIntro = pat.page
    .getByTestId('run-sheet')
    .getByRole('listitem')
    .filter({ hasText: 'Introductions' });
  await expect(patIntro).toContainText('15 min');
  // Participants read the time boxes; only the facilitator can change them.
  await expect(pat.page.getByTestId('run-sheet').getByRole('spinbutton')).toHaveCount(0);

  const minutes = fran.page.getByRole('spinbutton', { name: 'Minutes for Introductions' });
  await expect(minutes).toHaveValue('15');
  await minutes.fill('25');
  await minutes.press('Enter');
  await expect(patIntro).toContainText('25 min');
  await expect(fran.page.getByTestId('agenda-error')).toHaveCount(0);

  // Not a whole number of minutes from 1 to 1440: said so, and nothing is sent.
  await minutes.fill('0');
  await minutes.press('Enter');
  await expect(fran.page.getByTestId('agenda-error')).toHaveText(
    'A time box is a whole number of minutes from 1 to 1440.',
  );
  await expect(minutes).toHaveAttribute('aria-invalid', 'true');
  await minutes.press('Tab');
  await expect(minutes).toHaveValue('25');
  await expect(patIntro).toContainText('25 min');
  // Escape puts back the saved value without sending anything.
  await minutes.fill('90');
  await minutes.press('Escape');
  await expect(minutes).toHaveValue('25');
  await expect(fran.page.getByTestId('agenda-error')).toHaveCount(0);

  // The server keeps it.
  await fran.page.reload();
  await expect(fran.page.getByRole('spinbutton', { name: 'Minutes for Introductions' })).toHaveValue('25');

  // The first step's timer runs for the time box set.
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  await expect(pat.page.getByTestId('workshop-timer')).toHaveText(/^2[45]:\d\d$/);

  // A time box changed while the workshop runs: everyone sees it, the run goes on.
  const roadMap = fran.page.getByRole('spinbutton', { name: 'Minutes for Road Map' });
  await roadMap.fill('50');
  await roadMap.press('Enter');
  await expect(
    pat.page.getByTestId('run-sheet').getByRole('listitem').filter({ hasText: 'Road Map' }),
  ).toContainText('50 min');
  await expect(pat.page.getByTestId('workshop-timer')).toHaveText(/^2[345]:\d\d$/);
  await expect(patIntro).toHaveAttribute('aria-current', 'step');

  // The running step's time box: its timer moves by the difference, for everyone.
  const intro = fran.page.getByRole('spinbutton', { name: 'Minutes for Introductions' });
  await intro.fill('40');
  await intro.press('Enter');
  await expect(patIntro).toContainText('40 min');
  await expect(pat.page.getByTestId('workshop-timer')).toHaveText(/^(39|40):\d\d$/);
  await expect(patIntro).toHaveAttribute('aria-current', 'step');
});

test('on a laptop every step of the run-sheet reads in at most two lines, the running one too', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop' });
  const fran = await openAs(board.links.facilitator, 'Fran', { viewport: { width: 1280, height: 800 } });
  const sheet = fran.page.getByTestId('run-sheet');
  const twoLines = async () => {
    const heights = await sheet
      .locator('.run-title')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(heights.length).toBe(7);
    // One line is the shortest title's height ("Road Map" never wraps).
    const line = Math.min(...heights);
    for (const h of heights) expect(h / line).toBeLessThanOrEqual(2.05);
  };
  await twoLines();
  // The Lean Canvas running (its name in bold).
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  for (let i = 0; i < 2; i++) await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(sheet.locator('.run-step').nth(2)).toHaveAttribute('aria-current', 'step');
  await twoLines();
});
