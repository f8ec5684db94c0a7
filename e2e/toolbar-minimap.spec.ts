/**
 * The tools on the left edge keep a gap above the minimap in the bottom-left corner, however
 * short the window: on a 1280×720 laptop they touched it.
 */
import { createBoard, expect, test } from './fixtures.js';
import { box } from './lib/canvas-boxes.js';

for (const size of [
  { width: 1280, height: 720 },
  { width: 1280, height: 640 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}×${size.height} the tools keep clear of the minimap`, async ({ baseURL, openAs }) => {
    const board = await createBoard(baseURL as string, { template: 'workshop' });
    const fran = await openAs(board.links.facilitator, 'Fran', { viewport: size });
    const tools = await box(fran.page.getByRole('toolbar', { name: 'Tools' }));
    const minimap = await box(fran.page.getByTestId('minimap'));
    const canvas = await box(fran.canvas);
    expect(minimap.y - (tools.y + tools.height)).toBeGreaterThanOrEqual(12);
    expect(tools.y).toBeGreaterThanOrEqual(canvas.y + 8);
    // Still the left edge's middle tool strip, not pushed against the top.
    expect(tools.x).toBeLessThan(minimap.x + 20);
  });
}

test('a window too short for both keeps the tools whole and drops the minimap', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop' });
  const fran = await openAs(board.links.facilitator, 'Fran', { viewport: { width: 1280, height: 600 } });
  await expect(fran.page.getByTestId('minimap')).toBeHidden();
  const tools = await box(fran.page.getByRole('toolbar', { name: 'Tools' }));
  const canvas = await box(fran.canvas);
  expect(tools.y).toBeGreaterThanOrEqual(canvas.y + 8);
  expect(tools.y + tools.height).toBeLessThanOrEqual(canvas.y + canvas.height - 8);
});
