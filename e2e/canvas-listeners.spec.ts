/**
 * The canvas renders with every change to the board. Its wheel and touch listeners (non-passive,
 * so that a wheel or a pinch moves the board rather than the page) were removed and added again on
 * each of those renders: ten listener calls per change, many a second while someone drags a card.
 * They are added once, and keep working while the board changes.
 */

import { expect, test } from './fixtures.js';

test('the canvas keeps its wheel listener while the board changes, without adding it again', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  // From now on, count the non-passive wheel listeners Alice's page adds anywhere.
  await alice.page.evaluate(() => {
    const counts = { wheel: 0 };
    (window as unknown as { __wheelListenersAdded: typeof counts }).__wheelListenersAdded = counts;
    const add = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (
      this: EventTarget,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ) {
      if (type === 'wheel' && typeof options === 'object' && options.passive === false) counts.wheel++;
      return add.call(this, type, listener, options);
    };
  });

  // Bob writes three notes; Alice's canvas renders with each change.
  const texts = ['First thought', 'Second thought', 'Third thought'];
  for (const text of texts) await bob.addSticky(text);
  await expect.poll(() => alice.stickyTexts()).toEqual(expect.arrayContaining(texts));
  const added = await alice.page.evaluate(
    () => (window as unknown as { __wheelListenersAdded: { wheel: number } }).__wheelListenersAdded.wheel,
  );
  expect(added).toBe(0);

  // The listener added when the board opened still zooms Alice's view (Ctrl + wheel).
  const scale = () => alice.page.evaluate(() => window.__truenorth?.viewport?.get().scale ?? Number.NaN);
  const before = await scale();
  const at = await alice.canvasPoint(0.5, 0.5);
  await alice.page.mouse.move(at.x, at.y);
  await alice.page.keyboard.down('Control');
  await alice.page.mouse.wheel(0, -300);
  await alice.page.keyboard.up('Control');
  await expect.poll(scale).toBeGreaterThan(before * 1.1);
});
