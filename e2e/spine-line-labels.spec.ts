/**
 * Which side of the story spine's line is core and which mission-critical is written at both
 * ends of the line: zoomed in to work on the first steps, with the workshop panel over the right
 * end, the names are still in sight beside the line.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { covered } from './lib/canvas-boxes.js';

test('the line’s side names are in sight at the journey’s start while the right end is off screen', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { template: 'story-spine', title: 'Spine' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  await expect(fay.page.getByTestId('workshop-panel')).toBeVisible();
  const spine = (await fay.elements()).find((e) => e.type === 'swimlanes') as unknown as {
    x: number;
    y: number;
    w: number;
    h: number;
    line: number;
  };
  const lineY = spine.y + 48 + spine.line * (spine.h - 48);
  // Fay zooms in on the first two steps around the line, as one does to work on them.
  await fay.page.evaluate(
    (r) => {
      const view = window.__truenorth?.viewport as unknown as { fit(r: unknown, max: number): void };
      view.fit(r, 1);
    },
    {
      x: spine.x - 40,
      y: lineY - 300,
      w: spine.w * 0.4,
      h: 600,
    },
  );
  // Each side name drawn on the canvas, and whether it is on screen clear of every panel.
  const labels = async () => {
    const boxes = await fay.page.evaluate(() => {
      type Node = {
        text(): string;
        getClientRect(): { x: number; y: number; width: number; height: number };
      };
      type Stage = { find(sel: string): Node[]; container(): HTMLElement };
      const stage = (window as unknown as { Konva: { stages: Stage[] } }).Konva.stages[0];
      if (!stage) return [];
      const r = stage.container().getBoundingClientRect();
      return stage
        .find('Text')
        .filter((t) => /^[▲▼] /.test(t.text()))
        .map((t) => {
          const b = t.getClientRect();
          return {
            text: t.text(),
            box: { x: r.left + b.x, y: r.top + b.y, width: b.width, height: b.height },
          };
        });
    });
    const seen: string[] = [];
    for (const l of boxes) if ((await covered(fay, l.box)).length === 0) seen.push(l.text);
    return seen.sort();
  };
  await eventually(labels).toEqual(['▲ Core', '▼ Mission-critical']);
});
