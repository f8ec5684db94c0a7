/**
 * The Story Spine's steps and the Road Map's lanes from the outline, with the keyboard alone: a
 * step or lane is renamed in a field of its own (Enter saves, Escape cancels), another is added
 * after it (its name opens for writing), an empty one is removed — and one with cards, or the
 * last one, is not, saying why as the canvas does. Everyone on the board sees it live.
 */
import { createBoard, eventually, expect, PHONE, test } from './fixtures.js';
import type { BoardPage, DocElement } from './pages/board-page.js';

type Lanes = DocElement & { steps: { id: string; name: string }[]; lanes: { id: string; name: string }[] };

async function swimlanes(p: BoardPage): Promise<Lanes> {
  return (await p.elements()).find((e) => e.type === 'swimlanes') as Lanes;
}

const STEP = (name: string) => `User journey › Epics / Themes · ${name}`;
const LANE = (name: string) => `Next steps › ${name}`;

test('a story spine step is renamed, added and removed from the outline with the keyboard; another browser sees it live', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { template: 'story-spine', title: 'Clinic app' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  const bob = await openAs(b.links.participant, 'Bob');
  for (const who of [fay, bob]) await who.outline.openWithKeyboard();
  await bob.outline.addCard(STEP('Sign up'), 'Pick a time slot');
  const { page, outline } = fay;
  await expect(outline.cardsIn(STEP('Sign up'))).toHaveValue('Pick a time slot');

  // Rename: a field with the name in it, chosen whole, so typing replaces it; Enter saves.
  await outline.tabTo('Rename step “Sign up”');
  await page.keyboard.press('Enter');
  const field = outline.root.getByRole('textbox', { name: 'Step name' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Sign up');
  await page.keyboard.type('Book a visit');
  await page.keyboard.press('Enter');
  await expect(field).toHaveCount(0);
  await expect(outline.announcement).toHaveText('Renamed step “Sign up” to “Book a visit”');
  // The focus is back where the rename started, under the new name.
  await eventually(() => outline.focusedName()).toBe('Rename step “Book a visit”');
  // Bob sees it at once, his card still in the step.
  await expect(bob.outline.cardsIn(STEP('Book a visit'))).toHaveValue('Pick a time slot');
  await eventually(async () => (await swimlanes(bob)).steps.map((s) => s.name)).toEqual([
    'Discover',
    'Book a visit',
    'First use',
    'Habit',
    'Share',
  ]);

  // Escape gives up the new name, and leaves the outline open.
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  await page.keyboard.type('Nope');
  await page.keyboard.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(outline.root).toBeVisible();
  await eventually(() => outline.focusedName()).toBe('Rename step “Book a visit”');
  expect((await swimlanes(fay)).steps[1]?.name).toBe('Book a visit');

  // Add a step after it: its name opens for writing at once.
  await outline.tabTo('Add a step after “Book a visit”');
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('New step');
  await page.keyboard.type('Compare prices');
  await page.keyboard.press('Enter');
  await eventually(() => outline.focusedName()).toBe('Rename step “Compare prices”');
  await eventually(async () => (await swimlanes(bob)).steps.map((s) => s.name)).toEqual([
    'Discover',
    'Book a visit',
    'Compare prices',
    'First use',
    'Habit',
    'Share',
  ]);
  await expect(bob.outline.group(STEP('Compare prices'))).toBeVisible();

  // A step with a card in it stays, and says why in the canvas's words, aloud and on screen.
  await outline.tabTo('Remove step “Book a visit”', { back: true });
  const reason = 'Move the card out of this step before removing it.';
  await expect(page.getByRole('button', { name: 'Remove step “Book a visit”' })).toHaveAccessibleDescription(
    reason,
  );
  await page.keyboard.press('Enter');
  await expect(outline.announcement).toHaveText(reason);
  await expect(page.getByTestId('flash')).toHaveText(reason);
  expect((await swimlanes(fay)).steps).toHaveLength(6);

  // The empty one goes; the focus goes to the step before it.
  await outline.tabTo('Remove step “Compare prices”');
  await page.keyboard.press('Enter');
  await expect(outline.announcement).toHaveText('Removed step “Compare prices”');
  await eventually(() => outline.focusedName()).toBe('Rename step “Book a visit”');
  await eventually(async () => (await swimlanes(bob)).steps.map((s) => s.name)).toEqual([
    'Discover',
    'Book a visit',
    'First use',
    'Habit',
    'Share',
  ]);
  await expect(bob.outline.group(STEP('Compare prices'))).toHaveCount(0);
  expect((await bob.elements()).find((e) => e.text === 'Pick a time slot')?.slot).toBe('epics:sign-up');
});

test('road map lanes from the outline: a participant renames and removes lanes, the last one stays; observers and locked lanes offer nothing', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { template: 'road-map', title: 'Plan' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  const bob = await openAs(b.links.participant, 'Bob', { viewport: PHONE });
  const olive = await openAs(b.links.observer, 'Olive');
  for (const who of [bob, olive]) await who.outline.openWithKeyboard();
  const { page, outline } = bob;

  await outline.tabTo('Rename lane “Next”');
  await page.keyboard.press('Enter');
  const field = outline.root.getByRole('textbox', { name: 'Lane name' });
  await expect(field).toBeFocused();
  await page.keyboard.type('Q3');
  await page.keyboard.press('Enter');
  await expect(olive.outline.group(LANE('Q3'))).toBeVisible();
  await eventually(async () => (await swimlanes(fay)).lanes.map((l) => l.name)).toEqual([
    'Now',
    'Q3',
    'Later',
  ]);

  // Removing the first lane hands the focus to the one now first.
  await outline.tabTo('Remove lane “Now”', { back: true });
  await page.keyboard.press('Enter');
  await expect(outline.announcement).toHaveText('Removed lane “Now”');
  await eventually(() => outline.focusedName()).toBe('Rename lane “Q3”');
  await outline.tabTo('Remove lane “Later”');
  await page.keyboard.press('Enter');
  await eventually(async () => (await swimlanes(fay)).lanes.map((l) => l.name)).toEqual(['Q3']);
  await page.screenshot({ path: test.info().outputPath('phone-road-map-lanes.png') });

  // The last lane cannot go.
  await outline.tabTo('Remove lane “Q3”', { back: true });
  await page.keyboard.press('Enter');
  await expect(outline.announcement).toHaveText('The only lane cannot be removed.');
  await expect(page.getByTestId('flash')).toHaveText('The only lane cannot be removed.');
  expect((await swimlanes(fay)).lanes).toHaveLength(1);

  // An observer is offered none of it.
  await expect(olive.outline.group(LANE('Q3'))).toBeVisible();
  await expect(
    olive.outline.root.getByRole('button', { name: /^(Rename|Remove) lane|^Add a lane/ }),
  ).toHaveCount(0);

  // Locked by the facilitator: the lanes are hers alone.
  const lanes = await swimlanes(fay);
  const title = await fay.pagePoint({ x: lanes.x + 40, y: lanes.y + 20 });
  await fay.page.mouse.click(title.x, title.y);
  await fay.page.getByTestId('lock').click();
  await eventually(async () => (await swimlanes(bob)).locked).toBe(true);
  await expect(outline.root.getByRole('button', { name: 'Rename lane “Q3”' })).toHaveCount(0);
  await expect(outline.group(LANE('Q3'))).toBeVisible();
  await fay.shortcut('o');
  await expect(fay.outline.root).toBeVisible();
  await expect(fay.outline.root.getByRole('button', { name: 'Rename lane “Q3”' })).toBeVisible();
});
