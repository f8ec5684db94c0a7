/**
 * Box names a person can read at the zoom that shows a whole exercise (~40 %): the names of a
 * grid's boxes, a story spine's steps and a road map's lanes keep ~12 px on screen, inside the
 * band above the cards; a hint is drawn only at a readable size (after the name in a wide box),
 * and under the name once zoomed in.
 */
import { LABEL_INSET } from '@truenorth/shared';
import { createBoard, eventually, expect, test } from './fixtures.js';
import { frameOf, scaleOf } from './lib/canvas-boxes.js';
import type { BoardPage } from './pages/board-page.js';

interface Drawn {
  text: string;
  /** Font size on screen, in px. */
  px: number;
  /** Where it is drawn on the page. */
  box: { x: number; y: number; width: number; height: number };
}

/** The canvas's drawn texts among `texts`. */
async function drawn(p: BoardPage, texts: string[]): Promise<Drawn[]> {
  return p.page.evaluate((texts) => {
    type Node = {
      text(): string;
      fontSize(): number;
      isVisible(): boolean;
      getAbsoluteScale(): { x: number; y: number };
      getClientRect(): { x: number; y: number; width: number; height: number };
    };
    type Stage = { find(sel: string): Node[]; container(): HTMLElement };
    const stage = (window as unknown as { Konva: { stages: Stage[] } }).Konva.stages[0];
    if (!stage) return [];
    const r = stage.container().getBoundingClientRect();
    return stage
      .find('Text')
      .filter((t) => t.isVisible() && texts.includes(t.text()))
      .map((t) => {
        const b = t.getClientRect();
        return {
          text: t.text(),
          px: t.fontSize() * t.getAbsoluteScale().y,
          box: { x: r.left + b.x, y: r.top + b.y, width: b.width, height: b.height },
        };
      });
  }, texts);
}

/** Shows an exercise's frame whole, as opening it from the run sheet does. */
async function show(p: BoardPage, exercise: string, max = 1) {
  const f = await frameOf(p, exercise);
  await p.page.evaluate(
    ([r, max]) => {
      const view = window.__truenorth?.viewport as unknown as { fit(r: unknown, max: number): void };
      view.fit(r, max);
    },
    [{ x: f.x, y: f.y, w: f.w, h: f.h }, max] as const,
  );
  await settled(p);
}

/** Waits until the view has stopped moving (a fit may glide there). */
async function settled(p: BoardPage) {
  const view = () => p.page.evaluate(() => JSON.stringify(window.__truenorth?.viewport?.get()));
  let last = '';
  await eventually(async () => {
    const now = await view();
    const same = now === last;
    last = now;
    return same;
  }).toBe(true);
}

interface Cell {
  name: string;
  hint: string;
  rect: { x: number; y: number; w: number; h: number };
}

/** Every grid cell in the frame of `exercise`, with where it is in the world. */
async function cellsOf(p: BoardPage, exercise: string): Promise<Cell[]> {
  const frame = await frameOf(p, exercise);
  const grids = (await p.elements()).filter((e) => e.type === 'grid' && e.parent === frame.id) as unknown as {
    x: number;
    y: number;
    w: number;
    h: number;
    cols: number;
    rows: number;
    cells: { name: string; hint: string; col: number; row: number; colSpan: number; rowSpan: number }[];
  }[];
  return grids.flatMap((g) => {
    const cw = g.w / g.cols;
    const ch = (g.h - 48) / g.rows;
    return g.cells.map((c) => ({
      name: c.name,
      hint: c.hint,
      rect: { x: g.x + c.col * cw, y: g.y + 48 + c.row * ch, w: c.colSpan * cw, h: c.rowSpan * ch },
    }));
  });
}

test('at the zoom an exercise is seen whole, its boxes’ names are readable and stay in their label band', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { template: 'workshop', title: 'Labels' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  await expect(fay.page.getByTestId('run-sheet')).toBeVisible();

  for (const exercise of ['introductions', 'elevator-pitch', 'lean-canvas', 'road-map']) {
    await show(fay, exercise);
    await eventually(() => scaleOf(fay)).toBeLessThan(0.5);
    const scale = await scaleOf(fay);
    const cells = await cellsOf(fay, exercise);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      const band = await fay.pagePoint({ x: cell.rect.x, y: cell.rect.y });
      // The one in this box (a one-box grid may be titled as its box is named: Road Map's Vision).
      const name = (await drawn(fay, [cell.name])).find(
        (t) => t.box.y >= band.y - 1 && t.box.x >= band.x - 1 && t.box.x < band.x + cell.rect.w * scale,
      );
      if (!name) throw new Error(`${exercise}: ${cell.name} is not drawn in its box`);
      expect(name.px, `${cell.name} on screen`).toBeGreaterThanOrEqual(11.5);
      const cardsTop = band.y + LABEL_INSET * scale;
      // Inside the box, above where its cards go.
      expect(name.box.y).toBeGreaterThanOrEqual(band.y);
      expect(name.box.y + name.box.height).toBeLessThanOrEqual(cardsTop + 1);
      expect(name.box.width).toBeLessThanOrEqual(cell.rect.w * scale);
      // A hint drawn at all is drawn readable, above the cards too.
      for (const hint of await drawn(fay, [cell.hint])) {
        expect(hint.px, `${cell.hint} on screen`).toBeGreaterThanOrEqual(10.5);
        expect(hint.box.y + hint.box.height).toBeLessThanOrEqual(cardsTop + 1);
      }
    }
  }
  // The pitch's boxes are wide: "For" keeps its "(target customer)", on its line.
  await show(fay, 'elevator-pitch');
  await eventually(async () => (await drawn(fay, ['(target customer)'])).length).toBe(1);

  // Story Spine's steps and its lane, Road Map's lanes: readable too.
  await show(fay, 'story-spine');
  await eventually(async () =>
    (await drawn(fay, ['DISCOVER', 'SIGN UP', 'SHARE', 'Epics / Themes'])).map((t) => t.px >= 11.5),
  ).toEqual([true, true, true, true]);
  await show(fay, 'road-map');
  await eventually(async () => (await drawn(fay, ['Now', 'Next', 'Later'])).map((t) => t.px >= 11.5)).toEqual(
    [true, true, true],
  );
});

test('zoomed in on a box (100 %), its hint is written under its name', async ({ baseURL, openAs }) => {
  const b = await createBoard(baseURL as string, { template: 'workshop', title: 'Labels' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  await expect(fay.page.getByTestId('run-sheet')).toBeVisible();
  const problem = (await cellsOf(fay, 'lean-canvas')).find((c) => c.name === 'Problem');
  if (!problem) throw new Error('no Problem box');
  await fay.page.evaluate(
    (r) => {
      const view = window.__truenorth?.viewport as unknown as { fit(r: unknown, max: number): void };
      view.fit(r, 1);
    },
    { ...problem.rect, h: 400 },
  );
  await settled(fay);
  await eventually(async () => (await drawn(fay, [problem.hint])).length).toBe(1);
  const [name] = await drawn(fay, [problem.name]);
  const [hint] = await drawn(fay, [problem.hint]);
  if (!name || !hint) throw new Error('not drawn');
  expect(hint.box.y).toBeGreaterThanOrEqual(name.box.y + name.box.height - 1);
  expect(hint.px).toBeGreaterThanOrEqual(11);
});
