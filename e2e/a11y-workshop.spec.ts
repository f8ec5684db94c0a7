/**
 * A workshop followed with a screen reader: what changes under a participant (the step, a private
 * round, a vote, the timer) is read out from a polite live region that stays on the page, and the
 * countdown only at its last minute and its end. The facilitator runs it from the keyboard.
 */
import type { Locator, Page } from '@playwright/test';
import { createBoard, expect, test } from './fixtures.js';
import type { BoardPage } from './pages/board-page.js';

/** The workshop's live region: on the page from the start (one added with its text may be missed). */
async function workshopRegion(page: Page): Promise<Locator> {
  const region = page.getByTestId('workshop-announcement');
  await expect(region).toBeAttached();
  await expect(region).toHaveAttribute('aria-live', 'polite');
  return region;
}

/**
 * Sends a timer command the way the panel's "5 min" button does, over the facilitator's own
 * connection, with a length the panel has no button for (a countdown that reaches its last minute
 * within seconds).
 */
async function startTimer(p: BoardPage, seconds: number): Promise<void> {
  await p.page.evaluate(
    (json) => {
      const bytes = new TextEncoder().encode(json);
      const len: number[] = [];
      let n = bytes.length;
      while (n > 0x7f) {
        len.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
      }
      len.push(n);
      // 101: a control frame (shared/src/protocol.ts), then the JSON as a length-prefixed string.
      window.__truenorth?.provider.ws?.send(new Uint8Array([101, ...len, ...bytes]));
    },
    JSON.stringify({ type: 'timer.start', seconds }),
  );
}

test('a participant hears the workshop move on, private rounds, dot votes and the timer', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Strategy days' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const bob = await openAs(board.links.participant, 'Bob');
  const heard = await workshopRegion(bob.page);
  const franHeard = await workshopRegion(fran.page);
  const panel = fran.page.getByRole('region', { name: 'Workshop' });

  await panel.getByRole('button', { name: 'Start workshop' }).click();
  await expect(heard).toHaveText('The workshop started: step 1 of 7, Introductions. Time box: 15 minutes.');
  await panel.getByRole('button', { name: 'End step & next' }).click();
  await expect(heard).toHaveText(
    'The workshop moved on to step 2 of 7, Elevator Pitch. Time box: 20 minutes.',
  );
  await expect(franHeard).toHaveText(/^The workshop moved on to step 2 of 7, Elevator Pitch/);

  // Bob reacts from the outline, with the keyboard alone.
  await bob.page.keyboard.press('o');
  await expect(bob.outline.root).toBeVisible();
  await bob.outline.addCard('Team reactions › Reactions', 'Clear who it is for');

  await panel.getByRole('button', { name: 'Private brainstorming' }).click();
  await expect(heard).toHaveText(
    'Private brainstorming: your new notes stay private, on your screen only, until the facilitator reveals them.',
  );
  await expect(franHeard).toHaveText(/^Private brainstorming started: .* Your notes are public\.$/);
  await panel.getByRole('button', { name: 'Reveal private notes' }).click();
  await expect(heard).toHaveText(
    'The facilitator revealed the private notes: yours are on the board now, for everyone.',
  );

  await panel.getByRole('button', { name: 'Start vote' }).click();
  await expect(heard).toHaveText('Dot voting started: 3 votes each.');
  await bob.page.getByRole('button', { name: /^Vote for “Clear who it is for/ }).click();
  await expect(fran.page.getByTestId('voters')).toHaveText('1 voted');
  await panel.getByRole('button', { name: 'Reveal votes' }).click();
  await expect(heard).toHaveText('Votes revealed: each card shows its count.');
  await panel.getByRole('button', { name: 'End vote' }).click();
  await expect(heard).toHaveText('Dot voting ended.');

  await panel.getByRole('button', { name: 'Pause' }).click();
  // A whole number of minutes is said as words ("20 minutes"), any other time as 19:58.
  await expect(heard).toHaveText(/^Timer paused with ((19|20):\d\d|20 minutes) left\.$/);
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(heard).toHaveText(/^Timer resumed: ((19|20):\d\d|20 minutes) left\.$/);
  await panel.getByRole('button', { name: '+1 min' }).click();
  await expect(heard).toHaveText(/^1 minute added to the timer: ((20|21):\d\d|21 minutes) left\.$/);

  await panel.getByRole('button', { name: 'End step & next' }).click();
  await expect(heard).toHaveText(/^The workshop moved on to step 3 of 7, Lean Business Model Canvas/);
});

test('the timer is read out at its last minute and its end, not every second', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const bob = await openAs(board.links.participant, 'Bob');
  const heard = await workshopRegion(bob.page);
  const timer = bob.page.getByRole('timer');

  await startTimer(fran, 62);
  await expect(heard).toHaveText('Timer started: 1:02.');
  await expect(timer).toHaveText(/^1:0[012]$/);
  // The countdown itself is not a live region: each second would be read out.
  await expect(timer).not.toHaveAttribute('aria-live', /polite|assertive/);
  await expect(heard).toHaveText('One minute left on the timer.');
  await expect(timer).toHaveText(/^0:5\d$/);
  await expect(heard).toHaveText('One minute left on the timer.');

  await startTimer(fran, 2);
  await expect(heard).toHaveText('Timer started: 2 seconds.');
  await expect(heard).toHaveText('Time’s up.');
  await expect(timer).toHaveText("Time's up");
});

test('the facilitator runs the agenda from the keyboard, and the focus stays on the controls', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  await fran.addSticky('Offline mode');
  await fran.page.keyboard.press('Escape');
  const { page } = fran;
  const heard = await workshopRegion(page);
  const focused = (name: string) => expect(page.getByRole('button', { name, exact: true })).toBeFocused();
  await page.locator('body').focus();

  await fran.outline.tabTo('Start workshop');
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText(/^The workshop started: step 1 of 1, Card Sorting/);
  await focused('End workshop');

  await fran.outline.tabTo('Pause');
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText(/^Timer paused with/);
  await focused('Resume');
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText(/^Timer resumed/);
  await focused('Pause');

  await fran.outline.tabTo('Private brainstorming');
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText(/^Private brainstorming started/);
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText('The private notes are revealed: they are on the board now.');

  await fran.outline.tabTo('Start vote');
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText('Dot voting started: 3 votes each.');
  // "Reveal votes" takes the place of "Start vote": a second Enter reveals nothing while nobody
  // has voted (it says why, and keeps the focus).
  const reveal = page.getByRole('button', { name: 'Reveal votes', exact: true });
  await expect(reveal).toHaveAttribute('aria-disabled', 'true');
  await expect(reveal).toHaveAttribute('title', 'Nobody has voted yet');
  await focused('Reveal votes');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('voters')).toHaveText('0 voted');
  await expect(page.getByTestId('vote-banner')).toBeVisible();
  // Once someone has voted, it reveals.
  const card = (await fran.elements()).find((e) => e.type === 'sticky');
  const p = await fran.screenPoint(card?.id ?? '');
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('voters')).toHaveText('1 voted');
  await expect(reveal).toHaveAttribute('aria-disabled', 'false');
  await fran.outline.tabTo('Reveal votes', { back: true });
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText('Votes revealed: each card shows its count.');
  await fran.outline.tabTo('End vote');
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText('Dot voting ended.');
  // Its button is gone with the vote: the focus is on the next vote's, not lost on the page.
  await focused('Start vote');
  await page.screenshot({ path: test.info().outputPath('facilitator-keyboard.png') });
});
