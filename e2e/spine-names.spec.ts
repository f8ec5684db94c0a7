/**
 * A team walks its own user's journey: the Story Spine's steps ("Discover", "Sign up"…) and the
 * Road Map's lanes (Now / Next / Later) are a starting point, renamed in place by a double click
 * on the name. Everyone sees the new name live; the cards in the step stay in it.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { goOffline, goOnline } from './lib/network.js';
import type { BoardPage, DocElement } from './pages/board-page.js';

type Lanes = DocElement & {
  w: number;
  h: number;
  steps: { id: string; name: string }[];
  lanes: { id: string; name: string }[];
};
const HEADER = 48;

async function swimlanes(p: BoardPage): Promise<Lanes> {
  return (await p.elements()).find((e) => e.type === 'swimlanes') as Lanes;
}

/** Texts drawn on `p`'s canvas (Konva), for what a person reads there. */
function canvasTexts(p: BoardPage): Promise<string[]> {
  return p.page.evaluate(() => {
    type Stage = { find(sel: string): { text(): string }[] };
    const stage = (window as unknown as { Konva: { stages: Stage[] } }).Konva.stages[0];
    return stage?.find('Text').map((t) => t.text()) ?? [];
  });
}

/** Where a world point is on the page once the view has come to rest (it may glide to an edit). */
async function restingPoint(p: BoardPage, world: { x: number; y: number }) {
  let last = await p.pagePoint(world);
  await expect(async () => {
    await p.page.waitForTimeout(150);
    const now = await p.pagePoint(world);
    const moved = Math.hypot(now.x - last.x, now.y - last.y);
    last = now;
    expect(moved).toBeLessThan(0.5);
  }).toPass();
  return last;
}

/**
 * A Story Spine with Fay (facilitator) and Bob (participant) on it, and Bob's card "Pick a time
 * slot" in its second step, "Sign up".
 */
async function spineWithCard(baseURL: string, openAs: (link: string, name: string) => Promise<BoardPage>) {
  const b = await createBoard(baseURL, { template: 'story-spine', title: 'Clinic app' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  const bob = await openAs(b.links.participant, 'Bob');
  const spine = await swimlanes(fay);
  const card = await bob.addStickyAt(
    await bob.pagePoint({ x: spine.x + (spine.w / spine.steps.length) * 1.5, y: spine.y + HEADER + 200 }),
    'Pick a time slot',
  );
  await eventually(async () => (await bob.element(card))?.slot).toBe('epics:sign-up');
  return { fay, bob, spine, card };
}

test('a story spine step is renamed by double-clicking its name; everyone sees it and its cards stay', async ({
  baseURL,
  openAs,
}) => {
  const { fay, bob, spine, card } = await spineWithCard(baseURL as string, openAs);
  const stepW = spine.w / spine.steps.length;

  // The title band's left end, away from the step names, still edits the title.
  const title = await fay.pagePoint({ x: spine.x + 40, y: spine.y + HEADER / 2 });
  await fay.page.mouse.dblclick(title.x, title.y);
  await expect(fay.page.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await fay.page.keyboard.press('Escape');

  // A step's name (the view may have zoomed in to edit: where it is now).
  const stepName = () => restingPoint(fay, { x: spine.x + stepW * 1.5, y: spine.y + HEADER / 2 });
  let name = await stepName();
  await fay.page.mouse.dblclick(name.x, name.y);
  const field = fay.page.getByRole('textbox', { name: 'Step name' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Sign up');
  await field.fill('Book a visit');
  await field.press('Enter');
  await expect(field).toHaveCount(0);

  await eventually(async () => (await swimlanes(bob)).steps.map((s) => s.name)).toEqual([
    'Discover',
    'Book a visit',
    'First use',
    'Habit',
    'Share',
  ]);
  await eventually(async () => (await canvasTexts(bob)).includes('BOOK A VISIT')).toBe(true);
  // The title was not touched, and the card is still in the step.
  expect((await swimlanes(bob)).title).toBe('User journey');
  expect((await bob.element(card))?.slot).toBe('epics:sign-up');

  // Escape leaves the name as it was.
  name = await stepName();
  await fay.page.mouse.dblclick(name.x, name.y);
  await expect(field).toBeFocused();
  await field.fill('Nope');
  await field.press('Escape');
  await expect(field).toHaveCount(0);
  expect((await swimlanes(fay)).steps[1]?.name).toBe('Book a visit');
});

/**
 * Fay double-clicks the name of the Story Spine's second step, running `between` after each press
 * and before its release: the step's name field opens on "Sign up", and no note is made there.
 */
async function doubleClickSignUp(
  baseURL: string,
  openAs: (link: string, name: string) => Promise<BoardPage>,
  between: (fay: BoardPage, clickCount: number) => Promise<void>,
) {
  const b = await createBoard(baseURL, { template: 'story-spine', title: 'Clinic app' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  const spine = await swimlanes(fay);
  const stepW = spine.w / spine.steps.length;
  const at = await restingPoint(fay, { x: spine.x + stepW * 1.5, y: spine.y + HEADER / 2 });
  const notes = async () => (await fay.elements()).filter((e) => e.type === 'sticky').length;
  const before = await notes();
  await fay.page.mouse.move(at.x, at.y);
  for (const clickCount of [1, 2]) {
    await fay.page.mouse.down({ clickCount });
    await between(fay, clickCount);
    await fay.page.mouse.up({ clickCount });
  }
  const field = fay.page.getByRole('textbox', { name: 'Step name' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Sign up');
  await field.press('Escape');
  // No note was made where the name is.
  expect(await notes()).toBe(before);
}

test('a double click on a step’s name renames it even when the canvas’s hit graphs are off', async ({
  baseURL,
  openAs,
}) => {
  // The canvas turns its hit graphs off while the view moves (BoardCanvas), and Konva redraws them
  // a frame after the first click re-renders the spine: on a busy machine both releases of a quick
  // double click can meet the bare stage. Here they are off under each release, every time.
  await doubleClickSignUp(baseURL as string, openAs, (fay) =>
    fay.page.evaluate(() => {
      type Layer = { hasName(n: string): boolean; listening(on: boolean): void };
      const stage = (window as unknown as { Konva: { stages: { getLayers(): Layer[] }[] } }).Konva.stages[0];
      for (const layer of stage?.getLayers() ?? []) if (layer.hasName('content')) layer.listening(false);
    }),
  );
});

test('a double click on a step’s name renames it when the view moves under its second release', async ({
  baseURL,
  openAs,
}) => {
  // The view moves by a pixel between the second press and its release (a wheel here; in a
  // workshop the facilitator's "follow me" or the opening fit): the canvas turns its hit graphs off
  // while the view moves, so that release alone would meet the bare stage, and Konva fires no
  // double click at all when a click ends on another shape than it began on.
  await doubleClickSignUp(baseURL as string, openAs, async (fay, clickCount) => {
    if (clickCount === 2) await fay.page.mouse.wheel(0, 1);
  });
});

test('a road map lane is renamed by double-clicking its name', async ({ baseURL, openAs }) => {
  const b = await createBoard(baseURL as string, { template: 'road-map', title: 'Plan' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  const bob = await openAs(b.links.participant, 'Bob');
  const lanes = await swimlanes(fay);
  const laneW = lanes.w / lanes.lanes.length;
  const name = await restingPoint(bob, { x: lanes.x + laneW + 30, y: lanes.y + HEADER + 20 });
  await bob.page.mouse.dblclick(name.x, name.y);
  const field = bob.page.getByRole('textbox', { name: 'Lane name' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Next');
  await field.fill('Q3');
  await field.press('Enter');
  await eventually(async () => (await swimlanes(fay)).lanes.map((l) => l.name)).toEqual([
    'Now',
    'Q3',
    'Later',
  ]);
  await eventually(async () => (await canvasTexts(fay)).includes('Q3')).toBe(true);
});

test('two people rename two lanes while one of them is offline: both names stay, for everyone', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { template: 'road-map', title: 'Plan' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  const bob = await openAs(b.links.participant, 'Bob');
  const lanes = await swimlanes(fay);
  // Road map lanes stand side by side; a lane's name is at the top of its column.
  const laneW = lanes.w / lanes.lanes.length;
  const nameOf = (lane: number) => ({ x: lanes.x + laneW * lane + 30, y: lanes.y + HEADER + 20 });
  const rename = async (p: BoardPage, lane: number, name: string) => {
    const at = await restingPoint(p, nameOf(lane));
    await p.page.mouse.dblclick(at.x, at.y);
    const field = p.page.getByRole('textbox', { name: 'Lane name' });
    await expect(field).toBeFocused();
    await field.fill(name);
    await field.press('Enter');
    await expect(field).toHaveCount(0);
  };

  // Bob's train goes into a tunnel; he renames "Later" while Fay renames "Now" and adds a lane.
  await goOffline(bob);
  await expect(bob.status).toHaveText('offline');
  await rename(bob, 2, 'Someday');
  await rename(fay, 0, 'This sprint');
  const after = await restingPoint(fay, nameOf(1));
  await fay.page.mouse.dblclick(after.x, after.y);
  await fay.page.getByRole('button', { name: 'Add a lane after this one' }).click();
  const field = fay.page.getByRole('textbox', { name: 'Lane name' });
  await expect(field).toHaveValue('New lane');
  await field.fill('Q3');
  await field.press('Enter');
  await expect(fay.status).toHaveText('saved');

  await goOnline(bob);
  await expect(bob.status).toHaveText('saved', { timeout: 15_000 });
  const want = ['This sprint', 'Next', 'Q3', 'Someday'];
  for (const p of [fay, bob]) {
    await eventually(async () => (await swimlanes(p)).lanes.map((l) => l.name)).toEqual(want);
    await eventually(async () => (await canvasTexts(p)).filter((t) => want.includes(t)).sort()).toEqual(
      [...want].sort(),
    );
  }
});

test('a story spine gets another step from the selection bar; its cards keep their steps; an empty step is removed', async ({
  baseURL,
  openAs,
}) => {
  const { fay, bob, spine, card } = await spineWithCard(baseURL as string, openAs);

  // Select the spine by its title band; "Add step" adds one at the end and opens its name.
  const title = await restingPoint(fay, { x: spine.x + 40, y: spine.y + HEADER / 2 });
  await fay.page.mouse.click(title.x, title.y);
  await fay.page.getByTestId('add-lane').click();
  const field = fay.page.getByRole('textbox', { name: 'Step name' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('New step');
  await field.fill('Tell a friend');
  await field.press('Enter');
  await expect(field).toHaveCount(0);
  await eventually(async () => (await swimlanes(bob)).steps.map((s) => s.name)).toEqual([
    'Discover',
    'Sign up',
    'First use',
    'Habit',
    'Share',
    'Tell a friend',
  ]);
  // The spine kept its width; Bob's card is still inside "Sign up", now a narrower column.
  const after = await swimlanes(bob);
  expect(after.w).toBe(spine.w);
  const moved = (await bob.element(card)) as DocElement & { w: number };
  const mid = moved.x + moved.w / 2;
  expect(mid).toBeGreaterThan(after.x + after.w / 6);
  expect(mid).toBeLessThan(after.x + (after.w / 6) * 2);
  expect(moved.slot).toBe('epics:sign-up');
  await eventually(async () => (await canvasTexts(bob)).includes('TELL A FRIEND')).toBe(true);

  // A step with a card in it stays, and says why (the whole spine in view again first).
  await fay.page.getByRole('button', { name: 'Zoom to fit' }).click();
  const stepName = (i: number) =>
    restingPoint(fay, { x: after.x + (after.w / 6) * (i + 0.5), y: after.y + HEADER / 2 });
  let name = await stepName(1);
  await fay.page.mouse.dblclick(name.x, name.y);
  await expect(field).toHaveValue('Sign up');
  const remove = fay.page.getByRole('button', { name: 'Remove this step' });
  await expect(remove).toHaveAttribute('aria-disabled', 'true');
  // Pressed anyway (Playwright waits for an aria-disabled button to be enabled: force the click).
  await remove.click({ force: true });
  await expect(fay.page.getByTestId('flash')).toContainText(
    'Move the card out of this step before removing it.',
  );
  expect((await swimlanes(fay)).steps).toHaveLength(6);
  await field.press('Escape');

  // The new, empty one goes; the others widen again.
  await fay.page.getByRole('button', { name: 'Zoom to fit' }).click();
  name = await stepName(5);
  await fay.page.mouse.dblclick(name.x, name.y);
  await expect(field).toHaveValue('Tell a friend');
  await fay.page.getByRole('button', { name: 'Remove this step' }).click();
  await expect(field).toHaveCount(0);
  await eventually(async () => (await swimlanes(bob)).steps.map((s) => s.name)).toEqual([
    'Discover',
    'Sign up',
    'First use',
    'Habit',
    'Share',
  ]);
  expect((await bob.element(card))?.slot).toBe('epics:sign-up');
});

test('a road map lane is added after another from its name, and named at once', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { template: 'road-map', title: 'Plan' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  const lanes = await swimlanes(fay);
  const name = await restingPoint(fay, { x: lanes.x + 30, y: lanes.y + HEADER + 20 });
  await fay.page.mouse.dblclick(name.x, name.y);
  const field = fay.page.getByRole('textbox', { name: 'Lane name' });
  await expect(field).toHaveValue('Now');
  await fay.page.getByRole('button', { name: 'Add a lane after this one' }).click();
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('New lane');
  await field.pressSequentially('Soon');
  await field.press('Enter');
  await eventually(async () => (await swimlanes(fay)).lanes.map((l) => l.name)).toEqual([
    'Now',
    'Soon',
    'Next',
    'Later',
  ]);
  // One undo takes the lane away again (the rename, then the lane, as two steps).
  await fay.shortcut('Control+z');
  await fay.shortcut('Control+z');
  await eventually(async () => (await swimlanes(fay)).lanes.map((l) => l.name)).toEqual([
    'Now',
    'Next',
    'Later',
  ]);
});
