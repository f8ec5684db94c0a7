/**
 * A participant on a phone through a running workshop. Joined before the start, their phone shows
 * the step the workshop is on as it starts and moves on — not the board around it — and the step's
 * own action ("Add my card") is in the folded workshop panel beside the step's name, a finger's
 * size, without unfolding the panel over the canvas. Someone writing when the workshop moves on is
 * not pulled away: they are told, and go there when they are ready.
 */
import { createBoard, eventually, expect, PHONE, test } from './fixtures.js';
import { box, frameOf, overlap, worldBox } from './lib/canvas-boxes.js';
import { touchDevice } from './lib/touch.js';
import type { BoardPage } from './pages/board-page.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

/** Whether the exercise's frame is shown whole on the phone, clear of its panels (no minimap there). */
async function showing(p: BoardPage, exercise: string): Promise<boolean> {
  const frame = await worldBox(p, await frameOf(p, exercise));
  const panels = [
    p.page.getByRole('toolbar', { name: 'Tools' }),
    p.page.getByTestId('workshop-panel'),
    p.page.getByRole('group', { name: 'Zoom' }),
  ];
  for (const panel of panels) if (overlap(frame, await box(panel))) return false;
  const canvas = await box(p.canvas);
  return (
    frame.x >= canvas.x &&
    frame.y >= canvas.y &&
    frame.x + frame.width <= canvas.x + canvas.width &&
    frame.y + frame.height <= canvas.y + canvas.height
  );
}

const viewOf = (p: BoardPage) => p.page.evaluate(() => window.__truenorth?.viewport?.get());

test('on a phone, the running step is shown as the workshop moves on, and "Add my card" is in the folded panel', async ({
  baseURL,
  browser,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Offsite' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const pat = await touchDevice(browser, PHONE);
  try {
    await pat.open(board.links.participant, 'Pat');
    const page = pat.page;
    const panel = page.getByTestId('workshop-panel');
    const toggle = panel.getByRole('button', { name: /^Workshop/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await fran.page.getByRole('button', { name: 'Start workshop' }).click();
    await expect(toggle).toHaveText('Workshop · Introductions');
    await eventually(() => showing(pat, 'introductions')).toBe(true);
    // The step's action, beside its name in the folded panel: one tap, a finger's size.
    const add = panel.getByRole('button', { name: 'Add my card' });
    await expect(add).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const size = await add.boundingBox();
    expect(size?.height ?? 0).toBeGreaterThanOrEqual(40);
    expect(size?.width ?? 0).toBeGreaterThanOrEqual(40);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/phone-workshop-start.png` });
    await add.tap();
    await expect(pat.editor).toBeVisible();
    await pat.editor.pressSequentially(' · designer', { delay: 10 });
    await pat.closeEditor();
    await expect(panel.getByRole('button', { name: 'My card' })).toBeVisible();

    // Moved on, from Pat's own card in Introductions: his phone goes with the workshop.
    await fran.page.getByRole('button', { name: 'End step & next' }).click();
    await expect(toggle).toHaveText('Workshop · Elevator Pitch');
    await eventually(() => showing(pat, 'elevator-pitch')).toBe(true);
    await expect(panel.getByRole('button', { name: /my card/i })).toHaveCount(0);
    // Nothing to be told: he is there already.
    await page.waitForTimeout(2000);
    await expect(page.getByTestId('step-notice')).toHaveCount(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/phone-workshop-next.png` });

    // Writing a note when the workshop moves on again: he stays where he writes, and is told.
    await page.getByTestId('tool-sticky').tap();
    await expect(pat.editor).toBeVisible();
    await pat.editor.pressSequentially('For remote teams', { delay: 10 });
    const writing = await viewOf(pat);
    await fran.page.getByRole('button', { name: 'End step & next' }).click();
    const notice = page.getByTestId('step-notice');
    await expect(notice).toHaveText(/Fran moved on to Lean Business Model Canvas/);
    expect(await viewOf(pat)).toEqual(writing);
    await expect(pat.editor).toBeVisible();
    await pat.closeEditor();
    await notice.getByRole('button', { name: 'Go there' }).tap();
    await expect(notice).toHaveCount(0);
    await eventually(() => showing(pat, 'lean-canvas')).toBe(true);
  } finally {
    await pat.page.context().close();
  }
});
