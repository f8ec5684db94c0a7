/**
 * Voting on a phone. Following the facilitator into an exercise, a phone shows the whole frame with
 * its cards a few pixels across: too small to read or to tap. The vote banner's "Vote from a list"
 * opens the outline at the exercise being voted on, where each card reads in full beside a Vote
 * button of a finger's size; a vote there counts as one on the canvas does.
 */
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { touchDevice } from './lib/touch.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

test('on a phone, "Vote from a list" opens the voted exercise as a list with Vote buttons to tap', async ({
  baseURL,
  browser,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Offsite' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  // On to Card Sorting, the fifth exercise: far down the outline, after four others.
  for (let i = 0; i < 4; i++) await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(fran.page.getByTestId('workshop-panel')).toContainText('Card Sorting');
  const ideas = ['Offline mode', 'Dark theme', 'Weekly digest', 'Faster search', 'Shared templates'];
  for (const idea of ideas) {
    await fran.addSticky(idea);
    await fran.page.keyboard.press('Escape');
  }
  await fran.page.getByRole('button', { name: 'Follow me' }).click();
  await fran.page.getByRole('button', { name: 'Start vote' }).click();

  const pat = await touchDevice(browser, PHONE);
  try {
    await pat.open(board.links.participant, 'Pat');
    const page = pat.page;
    const banner = page.getByTestId('vote-banner');
    await expect(banner).toContainText('3 left');
    await expect(page.getByTestId('follow-banner')).toHaveText('Following the facilitator');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/phone-vote-canvas.png` });

    await banner.getByRole('button', { name: 'Vote from a list' }).tap();
    const outline = page.getByTestId('outline');
    await expect(outline).toBeVisible();
    // It opens at the exercise being voted on, not at the top of the board's first exercise.
    const heading = outline.getByRole('heading', { name: /^Card Sorting/, level: 3 });
    await expect(heading).toBeFocused();
    await expect(heading).toBeInViewport();
    const vote = outline.getByRole('button', { name: /^Vote for “/ }).first();
    await expect(vote).toBeInViewport();
    // A finger's target, with the card's text readable beside it.
    const size = await vote.boundingBox();
    expect(size?.height ?? 0).toBeGreaterThanOrEqual(40);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/phone-vote-list.png` });

    await vote.tap();
    await expect(outline.getByTestId('outline-votes-left')).toHaveText('Dot voting: 2 of 3 votes left');
    await expect(outline.getByRole('button', { name: /^Remove vote from “/ })).toHaveCount(1);
    await expect(fran.page.getByTestId('voters')).toHaveText('1 voted');

    // Back on the canvas the banner counts the vote, and offers the list again.
    await outline.getByRole('button', { name: 'Close outline' }).tap();
    await expect(banner).toContainText('2 left');
    await expect(banner.getByRole('button', { name: 'Vote from a list' })).toBeVisible();
  } finally {
    await pat.page.context().close();
  }
});
