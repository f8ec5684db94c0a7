import type { BoardPage } from '../pages/board-page.js';
import { eventually } from './eventually.js';

/**
 * Cuts this browser off the network. Chromium's offline emulation blocks new requests but leaves
 * an open WebSocket alone (and does not reliably stop a reconnect already under way), so the
 * provider is also told to stay disconnected — what a dropped connection looks like to the page.
 */
export async function goOffline(p: BoardPage): Promise<void> {
  await p.page.context().setOffline(true);
  await p.page.evaluate(() => window.__truenorth?.provider.disconnect());
  await eventually(() => p.page.evaluate(() => window.__truenorth?.provider.wsconnected)).toBe(false);
}

/** Back on the network; the provider reconnects as it would after a drop. */
export async function goOnline(p: BoardPage): Promise<void> {
  await p.page.context().setOffline(false);
  await p.page.evaluate(() => window.__truenorth?.provider.connect());
}
