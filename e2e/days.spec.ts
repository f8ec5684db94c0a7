/**
 * The second morning of a workshop: "End of day 1" restored by mistake while people work, then
 * taken back — and a link replaced mid-morning.
 */
import { mkdirSync } from 'node:fs';
import { eventually, expect, test } from './fixtures.js';

const SHOTS = new URL('../.tmp/screens', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

test('a restore made by mistake is taken back without losing what was written after it', async ({
  board,
  openAs,
}) => {
  const fran = await openAs(board.links.facilitator, 'Fran');
  const ann = await openAs(board.links.participant, 'Ann');
  await ann.addSticky('Day 1 idea');

  const history = fran.page.getByTestId('history-panel');
  await fran.page.getByTestId('open-history').click();
  await history.getByTestId('snapshot-name').fill('End of day 1');
  await history.getByTestId('take-snapshot').click();
  await expect(history.getByTestId('history-notice')).toContainText('Snapshot “End of day 1” taken');
  await history.getByRole('button', { name: 'Close history' }).click();

  await ann.addSticky('Day 2 morning');
  await eventually(() => fran.stickyTexts()).toEqual(['Day 1 idea', 'Day 2 morning']);

  // The mistake.
  await fran.page.getByTestId('open-history').click();
  await history
    .getByTestId('snapshot-list')
    .getByRole('button', { name: /End of day 1/ })
    .click();
  await history.getByTestId('restore-snapshot').click();
  await history.getByTestId('confirm-restore').click();
  await expect(history.getByTestId('history-notice')).toContainText('Restored “End of day 1” for everyone');
  await eventually(() => ann.stickyTexts()).toEqual(['Day 1 idea']);

  // Ann, whose note vanished, writes on before the facilitator takes the restore back.
  await ann.addSticky('Written after the restore');
  await eventually(() => fran.stickyTexts()).toEqual(['Day 1 idea', 'Written after the restore']);

  await history.getByTestId('undo-restore').click();
  // Day 2's morning is back (whichever way the undo goes), and Ann's new note stayed.
  await eventually(async () => (await ann.stickyTexts()).includes('Day 2 morning')).toBe(true);
  const all = ['Day 1 idea', 'Day 2 morning', 'Written after the restore'];
  expect(await ann.stickyTexts()).toEqual(all);
  await eventually(() => fran.stickyTexts()).toEqual(all);
  await expect(history.getByTestId('history-notice')).toContainText(
    'Took back the restore for everyone, keeping what people did since it',
  );
  // Ann is told what happened: the restore taken back, not a restore to "Before restoring …".
  await expect(ann.page.getByTestId('restore-notice')).toContainText(
    'A facilitator took back the restore of “End of day 1”, keeping what people did since.',
  );
  await fran.page.screenshot({ path: `${SHOTS}/days-restore-taken-back.png` });

  // The restore point, chosen from the list later, says what restoring it does.
  await history.getByRole('button', { name: 'Close history' }).click();
  await fran.page.getByTestId('open-history').click();
  await history
    .getByTestId('snapshot-list')
    .getByRole('button', { name: /^Before restoring “End of day 1”/ })
    .click();
  await history.getByTestId('restore-snapshot').click();
  await expect(history.getByTestId('confirm-restore-text')).toContainText(
    'Undo that restore for everyone? What people did since it is kept.',
  );
  await fran.page.screenshot({ path: `${SHOTS}/days-restore-point-confirm.png` });
});

test('the participant link replaced mid-morning: those cut off are not told of unsaved changes they do not have', async ({
  board,
  openAs,
}) => {
  const fran = await openAs(board.links.facilitator, 'Fran');
  const ann = await openAs(board.links.participant, 'Ann');
  const pat = await openAs(board.links.participant, 'Pat');
  await ann.addSticky('Saved before the link leaked');
  await expect(ann.status).toHaveText('saved');
  // Pat's last change never reached the server: his network went as the link was replaced.
  await pat.page.context().setOffline(true);
  await pat.page.evaluate(() => window.__truenorth?.provider.disconnect());
  await pat.addSticky('Written offline');

  await fran.page.getByRole('button', { name: 'Share links' }).click();
  const participant = fran.page.getByRole('dialog', { name: 'Share links' }).getByTestId('share-participant');
  await participant.getByRole('button', { name: 'New link for participants' }).click();
  await participant.getByRole('button', { name: 'Replace link' }).click();

  const error = ann.page.getByTestId('error-page');
  // Told what happened, not that the link may have been mistyped.
  await expect(error.getByRole('heading')).toHaveText('The facilitator replaced this link');
  // Everything Ann wrote was saved: nothing to reassure her about.
  await expect(ann.page.getByTestId('error-unsaved')).toHaveCount(0);
  await ann.page.screenshot({ path: `${SHOTS}/days-link-replaced.png` });

  // Pat, back online, is told his change is kept for the new link.
  await pat.page.context().setOffline(false);
  await pat.page.evaluate(() => window.__truenorth?.provider.connect());
  await expect(pat.page.getByTestId('error-unsaved')).toBeVisible({ timeout: 20_000 });
});
