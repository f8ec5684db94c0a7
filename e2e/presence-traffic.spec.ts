/**
 * Presence traffic: a browser sends the server its own presence only. The stock y-websocket
 * provider sends back every awareness change it is given — in a room of twenty, each cursor
 * broadcast came back nineteen times for the server to discard.
 */

import type { Page } from '@playwright/test';
import { MessageType } from '@truenorth/shared';
import { expect, test } from './fixtures.js';

/** Awareness messages this page's sockets sent and received, from the moment it opens. */
function countAwareness(page: Page) {
  const counts = { sent: 0, received: 0 };
  const isAwareness = (payload: string | Buffer) =>
    typeof payload !== 'string' && payload.byteLength > 0 && payload[0] === MessageType.awareness;
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      if (isAwareness(payload)) counts.sent++;
    });
    ws.on('framereceived', ({ payload }) => {
      if (isAwareness(payload)) counts.received++;
    });
  });
  return counts;
}

test('a browser sends only its own presence, not everyone else’s cursor moves back', async ({
  board,
  openAs,
}) => {
  let bobsTraffic = { sent: 0, received: 0 };
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob', {
    beforeOpen: (page) => {
      bobsTraffic = countAwareness(page);
    },
  });
  const cursor = bob.page.getByTestId('peer-cursor');
  const from = await alice.canvasPoint(0.3, 0.4);
  await alice.page.mouse.move(from.x, from.y);
  await expect(cursor).toHaveCount(1);
  await bob.page.waitForTimeout(500);
  const before = { ...bobsTraffic };

  // Alice's cursor crosses the board while Bob watches (his own mouse stays still).
  for (let i = 1; i <= 20; i++) {
    await alice.page.mouse.move(from.x + i * 20, from.y + i * 5);
    await alice.page.waitForTimeout(80);
  }
  // Until Bob has her last position.
  const alicesCursor = await alice.page.evaluate(() =>
    JSON.stringify(window.__truenorth?.provider.awareness.getLocalState()?.cursor),
  );
  await expect
    .poll(() =>
      bob.page.evaluate(() =>
        [...(window.__truenorth?.provider.awareness.getStates().values() ?? [])].map((s) =>
          JSON.stringify(s.cursor),
        ),
      ),
    )
    .toContain(alicesCursor);
  await bob.page.waitForTimeout(500);

  const received = bobsTraffic.received - before.received;
  const sent = bobsTraffic.sent - before.sent;
  expect(received).toBeGreaterThanOrEqual(8);
  // Its own state may go out once (y-protocols renews it every 15 s); the echoes were one each.
  expect(sent).toBeLessThanOrEqual(1);
});
