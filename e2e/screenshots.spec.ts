/**
 * Screenshots for people to look at (not assertions on pixels): the README's picture of a
 * workshop board with a filled-in Lean Canvas, and the whole workshop zoomed out.
 */
import { fileURLToPath } from 'node:url';
import { createBoard, eventually, expect, test } from './fixtures.js';
import type { BoardPage } from './pages/board-page.js';

const README_SHOT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const SHOTS = fileURLToPath(new URL('../.tmp/e2e-screenshots', import.meta.url));

/** In the outline's order of the boxes, so Tab only ever moves forward. */
const LEAN_CANVAS: [box: string, text: string, color?: string][] = [
  ['Problem', 'Workshops lose their output in slide decks'],
  ['Problem', 'Remote teams cannot see the whole picture', 'pink'],
  ['Problem', 'Decisions are not traceable'],
  ['Customer Segments', 'Strategy consultants'],
  ['Customer Segments', 'Product leadership teams', 'blue'],
  ['Unique Value Proposition', 'One live board from kick-off to road map', 'green'],
  ['Solution', 'Guided exercise templates'],
  ['Solution', 'Live cursors and outline view', 'orange'],
  ['Channels', 'Facilitator communities', 'blue'],
  ['Revenue Streams', 'Per-facilitator subscription', 'green'],
  ['Cost Structure', 'Hosting and support'],
  ['Key Metrics', 'Boards reused next quarter'],
  ['Unfair Advantage', 'Facilitator playbooks built in', 'purple'],
];

async function colour(p: BoardPage, text: string, color: string) {
  const id = (await p.elements()).find((e) => e.text === text)?.id as string;
  await p.outline.card(id).focus();
  await p.page.getByRole('button', { name: `Colour ${color}` }).click();
  await eventually(async () => (await p.elements()).find((e) => e.text === text)?.color).toBe(color);
}

test('screenshot: a workshop board with a filled-in Lean Canvas', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, {
    template: 'workshop',
    title: 'Acme strategy offsite',
  });
  const ada = await openAs(board.links.facilitator, 'Ada Lovelace');

  await ada.shortcut('o');
  for (const [box, text] of LEAN_CANVAS) await ada.outline.addCard(`Lean Canvas › ${box}`, text);
  for (const [, text, color] of LEAN_CANVAS) if (color) await colour(ada, text, color);
  await ada.page.getByRole('button', { name: 'Close outline' }).click();
  await expect(ada.outline.root).toHaveCount(0);

  // Zoom to the Lean Canvas frame: select it with a marquee around it, then "zoom to selection".
  const frame = (await ada.elements()).find((e) => e.type === 'frame' && e.exercise === 'lean-canvas');
  if (!frame) throw new Error('no Lean Canvas frame');
  await ada.shortcut('Shift+1');
  await ada.selectAround(frame);
  await ada.shortcut('Shift+2');
  await ada.shortcut('Escape');
  await expect(ada.page.getByTestId('selection-count')).toHaveCount(0);

  // A second person, pointing at a note: Ada sees Ben's cursor where Ben points.
  const ben = await openAs(board.links.participant, 'Ben Okafor');
  // Ben's board opens on the first exercise: he zooms out to the whole workshop.
  await ben.shortcut('Shift+1');
  const uvp = (await ben.elements()).find((e) => e.text === 'One live board from kick-off to road map');
  if (!uvp) throw new Error('no UVP note');
  const tip = { x: uvp.x + (uvp.w ?? 0) * 0.7, y: uvp.y + (uvp.h ?? 0) * 0.85 };
  const at = await ben.pagePoint(tip);
  await ben.page.mouse.move(at.x, at.y, { steps: 4 });
  const want = await ada.pagePoint(tip);
  await eventually(async () => {
    const box = await ada.page.getByTestId('peer-cursor').boundingBox();
    // Ben's view is zoomed far out: one of his pixels is several of Ada's.
    return box !== null && Math.hypot(box.x - want.x, box.y - want.y) < 8;
  }).toBe(true);
  await expect(ada.page.getByTestId('peer-cursor')).toContainText('Ben Okafor');
  await expect(ada.status).toHaveText('saved');

  await ada.page.mouse.move(5, 300);
  await ada.page.screenshot({ path: README_SHOT });
  await ada.shortcut('Shift+1');
  await ada.page.screenshot({ path: `${SHOTS}/workshop-overview.png` });
});
