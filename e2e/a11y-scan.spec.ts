/**
 * An automated accessibility check (axe-core, WCAG 2.1 A and AA) of the pages and states people
 * spend a workshop in: the start page, the name prompt, a refused link; the board as facilitator
 * with a note selected, the share links, the export menu, the keyboard shortcuts, History, a CSV
 * import with problems in it, a vote running and the outline; a participant, an observer, a phone;
 * and the notices of a running workshop (following, a timer, a step the participant missed,
 * private writing, a restore, offline). What is on the canvas itself (a <canvas>) is out of axe's
 * reach; the outline is its accessible counterpart and is checked here.
 *
 * Found when it was added: white initials and names on presence colours at 3.0–4.1:1, red error
 * text and the danger button at 3.9:1, muted text on tinted rows at 4.0–4.4:1, and buttons named
 * otherwise than they read — the zoom button "Zoom to 100%" while it shows "43%", the share links'
 * "Copy link" named "Copy participant link" (a voice user says what they see).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Found {
  state: string;
  rule: string;
  impact: string;
  help: string;
  where: string[];
}

/** axe's violations on `page` now, as lines a failing test can print. */
async function scan(page: Page, state: string): Promise<Found[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map((v) => ({
    state,
    rule: v.id,
    impact: v.impact ?? '',
    help: v.help,
    where: v.nodes
      .slice(0, 5)
      .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
  }));
}

test('the start page, the name prompt and a refused link pass an automated accessibility check', async ({
  page,
  baseURL,
}) => {
  const found: Found[] = [];
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  found.push(...(await scan(page, 'start page')));

  const board = await createBoard(baseURL as string, { template: 'workshop' });
  await page.goto(board.links.participant);
  await expect(page.getByPlaceholder('e.g. Ada Lovelace')).toBeVisible();
  found.push(...(await scan(page, 'name prompt')));

  await page.goto(`/b/${board.id}?token=not-a-token`);
  await expect(page.getByTestId('error-page')).toBeVisible();
  found.push(...(await scan(page, 'refused link')));
  expect(found).toEqual([]);
});

test('the board as facilitator, with its panels and dialogs open, passes an automated accessibility check', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop' });
  const ada = await openAs(board.links.facilitator, 'Ada');
  const pat = await openAs(board.links.participant, 'Pat');
  const { page } = ada;
  const found: Found[] = [];
  await pat.addStickyAt(await pat.canvasPoint(0.4, 0.5), 'Ship offline mode');
  const note = await ada.addStickyAt(await ada.canvasPoint(0.55, 0.5), 'Interview five customers');
  await expect(page.getByTestId('avatars').getByRole('listitem')).toHaveCount(2);
  found.push(...(await scan(page, 'board')));

  await ada.canvas.click({ position: await ada.screenPoint(note).then((p) => ({ x: p.x, y: p.y })) });
  found.push(...(await scan(page, 'a note selected')));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Share links' }).click();
  await expect(page.getByRole('dialog', { name: 'Share links' })).toBeVisible();
  found.push(...(await scan(page, 'share links')));
  await page.keyboard.press('Escape');

  await page.getByTestId('open-export').click();
  await expect(page.getByTestId('export-menu')).toBeVisible();
  found.push(...(await scan(page, 'export menu')));
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  found.push(...(await scan(page, 'keyboard shortcuts')));
  await page.keyboard.press('Escape');

  await page.getByTestId('open-history').click();
  await expect(page.getByTestId('history-panel')).toBeVisible();
  await page.getByTestId('snapshot-name').fill('Before lunch');
  await page.getByTestId('take-snapshot').click();
  await expect(page.getByTestId('history-notice')).toBeVisible();
  found.push(...(await scan(page, 'history')));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Import cards from CSV' }).click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await dialog.locator('textarea').fill('text,color\nA fine card,yellow\n,blue\nAnother,nocolor\n');
  await expect(dialog.getByTestId('import-row-text').first()).toBeVisible();
  found.push(...(await scan(page, 'CSV import with problems')));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Start workshop' }).click();
  await page.getByRole('button', { name: 'Start vote' }).click();
  await expect(pat.page.getByTestId('vote-banner')).toBeVisible();
  found.push(...(await scan(page, 'vote running (facilitator)')));
  found.push(...(await scan(pat.page, 'vote running (participant)')));

  await page.getByRole('button', { name: 'Outline panel' }).click();
  await expect(page.getByTestId('outline')).toBeVisible();
  found.push(...(await scan(page, 'outline')));
  expect(found).toEqual([]);
});

test('an observer and a participant on a phone pass an automated accessibility check', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop' });
  const olga = await openAs(board.links.observer, 'Olga');
  const found: Found[] = [];
  found.push(...(await scan(olga.page, 'observer')));
  const pat = await openAs(board.links.participant, 'Pat', { viewport: PHONE });
  found.push(...(await scan(pat.page, 'participant on a phone')));
  expect(found).toEqual([]);
});

test('the notices of a running workshop pass an automated accessibility check', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const pat = await openAs(board.links.participant, 'Pat');
  const found: Found[] = [];
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  await fran.page.getByRole('button', { name: '5 min' }).click();
  await fran.page.getByRole('button', { name: 'Follow me' }).click();
  await expect(pat.page.getByTestId('follow-banner')).toBeVisible();
  found.push(...(await scan(pat.page, 'following, a timer running')));

  // Pat looks elsewhere; the facilitator moves on: Pat is told, with a way there.
  await pat.page.getByTestId('run-sheet').getByRole('button', { name: 'Road Map' }).click();
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(pat.page.getByTestId('step-notice')).toBeVisible();
  found.push(...(await scan(pat.page, 'step notice')));

  await fran.page.getByRole('button', { name: 'Private brainstorming' }).click();
  await expect(pat.page.getByText(/private/i).first()).toBeVisible();
  found.push(...(await scan(pat.page, 'private brainstorming (participant)')));
  found.push(...(await scan(fran.page, 'private brainstorming (facilitator)')));

  // A restore, seen by Pat.
  await fran.page.getByTestId('open-history').click();
  const history = fran.page.getByTestId('history-panel');
  await history.getByTestId('snapshot-name').fill('Before cleanup');
  await history.getByTestId('take-snapshot').click();
  await history.getByRole('button', { name: /Before cleanup/ }).click();
  await history.getByTestId('restore-snapshot').click();
  found.push(...(await scan(fran.page, 'restore asked')));
  await history.getByTestId('confirm-restore').click();
  await expect(pat.page.getByTestId('restore-notice')).toBeVisible();
  found.push(...(await scan(pat.page, 'restore notice')));

  await pat.page.context().setOffline(true);
  await expect(pat.status).toHaveText('offline');
  found.push(...(await scan(pat.page, 'offline')));
  await pat.page.context().setOffline(false);
  expect(found).toEqual([]);
});
