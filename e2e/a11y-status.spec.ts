/**
 * The save status with a screen reader: going offline, and being saved again once back, are read
 * out; the saved ↔ syncing flicker every edit makes is not (it talked over everything else).
 */
import { eventually, expect, test } from './fixtures.js';

test('a screen reader hears the connection drop and come back, not every save', async ({ board, openAs }) => {
  const ann = await openAs(board.links.participant, 'Ann');
  const { page } = ann;
  const status = page.getByTestId('status-announcement');
  await expect(status).toHaveRole('status');
  const live = page.locator(':is([role="status"], [role="alert"], [aria-live])');

  // Writing a note makes the status flicker: nothing in a live region says so.
  await ann.addSticky('Quiet saves');
  await expect(ann.status).toHaveText('saved');
  await expect(live.filter({ hasText: /syncing|saved/ })).toHaveCount(0);
  await expect(status).toHaveText('');

  await page.context().setOffline(true);
  await page.evaluate(() => window.__truenorth?.provider.disconnect());
  await eventually(() => page.evaluate(() => window.__truenorth?.provider.wsconnected)).toBe(false);
  await expect(status).toHaveText(
    'Offline. Your changes are kept in this browser and sent when the connection is back.',
  );
  await ann.addSticky('Written offline');

  await page.context().setOffline(false);
  await page.evaluate(() => window.__truenorth?.provider.connect());
  await expect(ann.status).toHaveText('saved');
  await expect(status).toHaveText('Back online: everything is saved.');
});
