/**
 * Presence that tells the truth when someone's connection goes quiet without closing (a train
 * tunnel, a laptop lid): within a few seconds the others no longer see their cursor frozen in
 * place nor count them here — while someone who is only reading stays — and their own page stops
 * saying "saved". One browser reaches the server through a proxy that can stop every byte without
 * closing anything.
 */
import { expect, test } from './fixtures.js';
import { QuietProxy } from './lib/quiet-proxy.js';

test('a participant whose connection goes quiet leaves the others’ screens within seconds, and comes back', async ({
  baseURL,
  board,
  openAs,
}) => {
  // Reading past the server's bound, then going quiet for up to the bound again.
  test.setTimeout(90_000);
  const server = new URL(baseURL as string);
  const proxy = new QuietProxy({ host: server.hostname, port: Number(server.port) });
  await proxy.start();
  try {
    const fran = await openAs(board.links.facilitator, 'Fran');
    const pat = await openAs(board.links.participant.replace(server.origin, proxy.url), 'Pat');
    const avatars = fran.page.getByTestId('avatars');
    const cursor = fran.page.getByTestId('peer-cursor');
    await expect(avatars).toHaveAttribute('aria-label', '2 people here');
    const at = await pat.canvasPoint(0.5, 0.5);
    await pat.page.mouse.move(at.x, at.y);
    await expect(cursor).toHaveCount(1);
    await expect(cursor).toContainText('Pat');

    // Reading, not moving, for longer than the server's bound: still here (the name fades, the
    // arrow stays; the server's pings are answered).
    await fran.page.waitForTimeout(18_000);
    await expect(avatars).toHaveAttribute('aria-label', '2 people here');
    await expect(cursor).toHaveCount(1);
    await expect(cursor).toHaveAttribute('data-idle', 'true');

    // The tunnel: the socket stays open, nothing goes through. The server's bound is 12–16 s.
    proxy.goQuiet();
    const quietAt = Date.now();
    await expect(avatars).toHaveAttribute('aria-label', '1 person here', { timeout: 18_000 });
    await expect(cursor).toHaveCount(0);
    expect(Date.now() - quietAt).toBeLessThan(18_000);
    await fran.page.screenshot({ path: test.info().outputPath('quiet.png') });
    // Pat's own page no longer says "saved" either: it asks when the server is silent, and drops
    // a connection that does not answer within 12 s (y-websocket alone waits 30 s).
    await expect(pat.page.getByTestId('sync-status')).toHaveText('offline', { timeout: 18_000 });
    const patSawAt = Date.now() - quietAt;
    expect(patSawAt).toBeLessThan(18_000);
    await expect(pat.page.getByTestId('connection-notice')).toContainText('Cannot reach the server', {
      timeout: 10_000,
    });
    await pat.page.screenshot({ path: test.info().outputPath('quiet-self.png') });

    // Out of the tunnel: back without a reload, and saved again.
    proxy.resume();
    await expect(avatars).toHaveAttribute('aria-label', '2 people here', { timeout: 10_000 });
    await expect(pat.page.getByTestId('sync-status')).toHaveText('saved', { timeout: 10_000 });
    await pat.page.mouse.move(at.x + 40, at.y + 20);
    await expect(cursor).toHaveCount(1);
  } finally {
    await proxy.close();
  }
});
