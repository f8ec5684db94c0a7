/**
 * Right-to-left cards and small screens in the panels: every field where someone writes a card
 * reads the way the canvas draws it; on a phone the private-writing banner keeps to a line or
 * two and a notice shown with the outline open stays in sight.
 */
import type { Locator } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { participantOnTouch, TABLET } from './lib/touch.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;
const ARABIC = 'فكرة جديدة للعملاء';
const HEBREW = 'רעיון חדש ללקוחות';

const direction = (field: Locator) => field.evaluate((el) => getComputedStyle(el).direction);

test('Arabic and Hebrew read right to left in every field where a card is written', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fay = await openAs(board.links.facilitator, 'Fay');
  const page = fay.page;
  // A theme's name, edited on the canvas.
  const theme = (await fay.elements()).find((e) => e.type === 'theme' && e.name === 'Theme A');
  if (!theme) throw new Error('no Theme A');
  const at = await fay.pagePoint({ x: theme.x + 40, y: theme.y + 12 });
  // The canvas answers pointers again once the opening view has come to rest.
  await expect
    .poll(() =>
      page.evaluate((p) => {
        type Stage = {
          container(): HTMLElement;
          getIntersection(p: { x: number; y: number }): { name(): string } | null;
        };
        const stage = (window as unknown as { Konva: { stages: Stage[] } }).Konva.stages[0];
        const r = stage?.container().getBoundingClientRect();
        return r ? (stage?.getIntersection({ x: p.x - r.left, y: p.y - r.top })?.name() ?? null) : null;
      }, at),
    )
    .toBe('handle');
  await page.mouse.dblclick(at.x, at.y);
  const title = page.getByRole('textbox', { name: 'Theme name' });
  await expect(title).toBeFocused();
  await title.fill(ARABIC);
  expect(await direction(title)).toBe('rtl');
  await title.press('Escape');

  await fay.shortcut('o');
  const outline = page.getByTestId('outline');
  await expect(outline).toBeVisible();

  // The outline's field for a new card, while it is being written.
  const add = outline.getByRole('textbox', { name: 'New card in Theme A' });
  await add.fill(ARABIC);
  expect(await direction(add)).toBe('rtl');
  await add.press('Enter');
  await add.fill('An English idea');
  expect(await direction(add)).toBe('ltr');
  await add.press('Enter');
  await add.fill(HEBREW);
  await add.press('Enter');

  // The cards' own fields: right to left for Arabic and Hebrew, left to right for English.
  const card = (text: string) => outline.getByRole('textbox', { name: `Card: ${text}` });
  await expect(card(ARABIC)).toHaveValue(ARABIC);
  expect(await direction(card(ARABIC))).toBe('rtl');
  expect(await direction(card(HEBREW))).toBe('rtl');
  expect(await direction(card('An English idea'))).toBe('ltr');
  // Typing changes it as the text does: a card that now starts with a Latin letter reads left to right.
  await card(HEBREW).press('Home');
  await card(HEBREW).press('Control+Home');
  await page.keyboard.type('OK ');
  await expect(card(`OK ${HEBREW}`)).toHaveValue(`OK ${HEBREW}`);
  expect(await direction(card(`OK ${HEBREW}`))).toBe('ltr');

  // A participant's private note, during private brainstorming.
  await page.getByTestId('private-toggle').click();
  const pat = await openAs(board.links.participant, 'Pat');
  await expect(pat.page.getByTestId('private-banner')).toBeVisible();
  await pat.page.getByTestId('tool-sticky').click();
  const draft = pat.page.getByTestId('draft-text');
  await expect(draft).toBeFocused();
  await pat.page.keyboard.type(HEBREW);
  expect(await direction(draft)).toBe('rtl');
});

/** How many lines of text a block shows (the distinct rows its text's boxes sit on). */
const linesOf = (el: Locator) =>
  el.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const rows: number[] = [];
    for (const r of range.getClientRects()) {
      if (r.width > 0 && !rows.some((top) => Math.abs(top - r.top) < r.height / 2)) rows.push(r.top);
    }
    return rows.length;
  });

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, v: { width: number; height: number }) =>
  a.x >= 0 && a.y >= 0 && a.x + a.width <= v.width + 0.5 && a.y + a.height <= v.height + 0.5;

test('on a phone the private-writing banner says it in a line or two, clear of the workshop panel', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fay = await openAs(board.links.facilitator, 'Fay');
  await fay.page.getByTestId('private-toggle').click();

  // A wide window keeps the whole sentence, on one line.
  const wide = await openAs(board.links.participant, 'Wes');
  const wideBanner = wide.page.getByTestId('private-banner');
  await expect(wideBanner).toHaveText(
    'Private brainstorming · your new notes stay on your screen until the reveal',
    { useInnerText: true },
  );
  expect(await linesOf(wideBanner)).toBe(1);
  if (SHOTS) await wide.page.screenshot({ path: `${SHOTS}/private-banner-wide.png` });

  for (const [link, name, says] of [
    [board.links.participant, 'Pat', 'Your notes are private until the facilitator reveals them'],
    [board.links.observer, 'Olive', 'Participants’ notes appear when the facilitator reveals them'],
    [board.links.facilitator, 'Fran', 'Private brainstorming · your notes are public'],
  ] as const) {
    const phone = await openAs(link, name, { viewport: PHONE });
    const banner = phone.page.getByTestId('private-banner');
    await expect(banner).toBeVisible();
    expect(await linesOf(banner), `${name}'s banner`).toBeLessThanOrEqual(2);
    const b = await banner.boundingBox();
    const panel = await phone.page.getByTestId('workshop-panel').boundingBox();
    if (!b || !panel) throw new Error('not shown');
    expect(inside(b, PHONE), `${name}'s banner within the window`).toBe(true);
    expect(intersects(b, panel), `${name}'s banner clear of the workshop panel`).toBe(false);
    // What it says, as shown (the wide window's wording is not read out twice).
    await expect(banner).toHaveText(says, { useInnerText: true });
    if (SHOTS) await phone.page.screenshot({ path: `${SHOTS}/private-banner-${name}.png` });
  }
});

test('on a phone with the outline open, a notice shows in full, clear of the outline', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Offsite' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  const pat = await openAs(board.links.participant, 'Pat', { viewport: PHONE });
  const page = pat.page;
  // Pat looks ahead at the Road Map: when the workshop moves on he is told, not taken along.
  await page.getByRole('button', { name: /^Workshop/ }).click();
  await page.getByTestId('run-sheet').getByRole('button', { name: 'Road Map' }).click();
  await expect(page.getByTestId('run-sheet')).toBeHidden();
  const outlineButton = page.getByRole('button', { name: 'Outline panel' });
  await outlineButton.scrollIntoViewIfNeeded();
  await outlineButton.click();
  const outline = page.getByTestId('outline');
  await expect(outline).toBeVisible();

  /** The notice is whole in the window, and the outline (still open) covers none of it. */
  const clear = async (notice: Locator, what: string) => {
    await expect(notice).toBeVisible();
    await expect(outline).toBeVisible();
    const n = await notice.boundingBox();
    const o = await outline.boundingBox();
    if (!n || !o) throw new Error(`${what}: not shown`);
    expect(inside(n, PHONE), `${what} within the window`).toBe(true);
    expect(intersects(n, o), `${what} clear of the outline`).toBe(false);
    // The one on top at its centre is the notice itself, not the outline.
    const top = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="outline"]') !== null,
      { x: n.x + n.width / 2, y: n.y + n.height / 2 },
    );
    expect(top, `${what} not under the outline`).toBe(false);
  };

  // The facilitator moves the workshop on: Pat is told, in the outline too.
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  const step = page.getByTestId('step-notice');
  await expect(step).toHaveText(/Fran moved on to Elevator Pitch/);
  await clear(step, 'the step notice');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/outline-step-notice-phone.png` });

  // A restore everyone is told about, and a flash about what Pat just did, stack with it.
  const auth = { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' };
  const made = await fetch(`${baseURL}/api/boards/${board.id}/snapshots`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'Before lunch' }),
  });
  const { id } = (await made.json()) as { id: string };
  const restored = await fetch(`${baseURL}/api/boards/${board.id}/snapshots/${id}/restore`, {
    method: 'POST',
    headers: { authorization: auth.authorization },
  });
  expect(restored.status).toBe(200);
  await clear(page.getByTestId('restore-notice'), 'the restore notice');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, 'x'.repeat(20_050));
  await clear(page.getByTestId('flash'), 'the flash');
  await clear(step, 'the step notice');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/outline-notices-phone.png` });

  // Dismissed, they give the outline its room back.
  const before = await outline.boundingBox();
  await step.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByTestId('restore-notice').getByRole('button', { name: 'Dismiss' }).click();
  await expect(step).toHaveCount(0);
  await expect
    .poll(async () => (await outline.boundingBox())?.height ?? 0)
    .toBeGreaterThan((before?.height ?? 0) + 60);
  await clear(page.getByTestId('flash'), 'the flash, alone');
});

/** A phone and a tablet, held upright, with a touch screen (a coarse pointer). */
const TOUCH = [
  ['phone', PHONE],
  ['tablet', TABLET],
] as const;

/** The controls in `within` a finger would find too small: under 40 px either way. */
async function smallTargets(within: Locator): Promise<string[]> {
  return within.evaluate((root) => {
    const small: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('button, select, input, textarea, a[href]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (el as HTMLButtonElement).disabled) continue;
      if (r.width < 39.5 || r.height < 39.5) {
        const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName;
        small.push(`${name} (${Math.round(r.width)}×${Math.round(r.height)})`);
      }
    }
    return small;
  });
}

for (const [device, viewport] of TOUCH) {
  test(`on a ${device}'s touch screen the controls a participant uses are big enough for a finger`, async ({
    baseURL,
    browser,
    openAs,
  }) => {
    const { fran, pat } = await participantOnTouch(browser, openAs, baseURL as string, viewport);
    try {
      const page = pat.page;
      await page.getByTestId('tool-sticky').tap();
      await expect(pat.editor).toBeVisible();
      await page.keyboard.type('Written on a touch screen');
      await pat.closeEditor();
      const toggle = page.getByTestId('workshop-panel').getByRole('button', { name: /^Workshop/ });
      if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.tap();
      await expect(page.getByTestId('run-sheet')).toBeVisible();
      const bar = page.getByRole('toolbar', { name: 'Selection' });
      await expect(bar).toBeVisible();
      // Its rows stay within the window and clear of the timer in the corner.
      const barBox = await bar.boundingBox();
      const timer = await page.getByTestId('workshop-timer').boundingBox();
      if (!barBox || !timer) throw new Error('no selection bar or timer');
      expect(inside(barBox, viewport), 'the selection bar within the window').toBe(true);
      if (device === 'tablet')
        expect(intersects(barBox, timer), 'the selection bar clear of the timer').toBe(false);
      const small = {
        'top bar': await smallTargets(page.locator('header.topbar')),
        tools: await smallTargets(page.getByRole('toolbar', { name: 'Tools' })),
        selection: await smallTargets(page.getByRole('toolbar', { name: 'Selection' })),
        zoom: await smallTargets(page.getByRole('group', { name: 'Zoom' })),
        workshop: await smallTargets(page.getByTestId('workshop-panel')),
      };
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/touch-${device}-board.png` });

      // The outline, during a vote.
      await fran.page.getByRole('button', { name: 'Start vote' }).click();
      await expect(page.getByTestId('vote-banner')).toBeVisible();
      const outlineButton = page.getByRole('button', { name: 'Outline panel' });
      await outlineButton.scrollIntoViewIfNeeded();
      await outlineButton.tap();
      const outline = page.getByTestId('outline');
      await expect(outline.getByRole('button', { name: /^Vote for/ })).toBeVisible();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/touch-${device}-outline.png` });
      expect({ ...small, outline: await smallTargets(outline) }).toEqual({
        'top bar': [],
        tools: [],
        selection: [],
        zoom: [],
        workshop: [],
        outline: [],
      });
    } finally {
      await pat.page.context().close();
    }
  });
}

for (const [device, viewport] of TOUCH) {
  test(`on a ${device}, a note made with the sticky tool lands in the exercise on screen`, async ({
    baseURL,
    browser,
    openAs,
  }) => {
    const { pat } = await participantOnTouch(browser, openAs, baseURL as string, viewport);
    try {
      // The opening view shows the workshop's step, Introductions, clear of the panels.
      await pat.page.getByTestId('tool-sticky').tap();
      await expect(pat.editor).toBeVisible();
      await pat.page.keyboard.type('Hello');
      await pat.closeEditor();
      const frame = (await pat.elements()).find((e) => e.type === 'frame' && e.exercise === 'introductions');
      const note = (await pat.elements()).find((e) => e.type === 'sticky' && e.text === 'Hello');
      if (!frame || !note) throw new Error('no frame or note');
      const centre = { x: note.x + (note.w ?? 0) / 2, y: note.y + (note.h ?? 0) / 2 };
      expect(
        centre.x > frame.x &&
          centre.x < frame.x + (frame.w ?? 0) &&
          centre.y > frame.y &&
          centre.y < frame.y + (frame.h ?? 0),
        'in the Introductions frame',
      ).toBe(true);
    } finally {
      await pat.page.context().close();
    }
  });
}
