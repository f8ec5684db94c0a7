import { createBoard, eventually, expect, test } from './fixtures.js';

// Enter and Space press the focused button, as everywhere on the web: the board's own uses of
// those keys (Enter edits the selection, Space held pans) give way to it.
test('Enter and Space press the focused button instead of a board shortcut', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Keys' });
  const fay = await openAs(board.links.facilitator, 'Fay Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  const { page } = fay;

  // Enter on "?" opens the shortcuts; Escape gives focus back to the button.
  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await help.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await expect(help).toBeFocused();

  // Space on "Zoom to 100%" zooms to 100 % (the opening view of a workshop board is far smaller).
  const zoom = page.getByTestId('zoom-level');
  await expect(zoom).not.toHaveText('100%');
  await zoom.focus();
  await page.keyboard.press('Space');
  await expect(zoom).toHaveText('100%');

  // The facilitator's timer, from the keyboard: the participant sees it run.
  const fiveMinutes = page.getByRole('group', { name: 'Timer' }).getByRole('button', { name: '5 min' });
  await fiveMinutes.focus();
  await page.keyboard.press('Enter');
  await expect(pat.page.getByTestId('workshop-timer')).toHaveText(/^\d+:\d\d/);
});

test('keys in the outline never change the board behind it: Delete there keeps the card it selected', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'lean-canvas', title: 'Keys' });
  const fay = await openAs(board.links.facilitator, 'Fay Facilitator');
  await fay.shortcut('o');
  await fay.outline.addCard('Lean Canvas › Problem', 'Teams misalign');
  await eventually(() => fay.stickyTexts()).toEqual(['Teams misalign']);
  // Focusing the card's text selects it on the board; then back to the outline's heading, and Delete.
  await fay.page.getByRole('textbox', { name: /^Card: Teams misalign/ }).focus();
  await fay.page.getByRole('heading', { name: 'Outline' }).focus();
  await fay.page.keyboard.press('Delete');
  await fay.page.keyboard.press('Backspace');
  await fay.page.waitForTimeout(300);
  expect(await fay.stickyTexts()).toEqual(['Teams misalign']);
  // Its own Delete button, pressed from the keyboard, does delete it.
  await fay.page.getByRole('button', { name: 'Delete “Teams misalign”' }).focus();
  await fay.page.keyboard.press('Enter');
  await eventually(() => fay.stickyTexts()).toEqual([]);
});

test('a paste past the limits says what it left out', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { title: 'Paste' });
  const pat = await openAs(board.links.participant, 'Pat');
  const text = Array.from({ length: 1200 }, (_, i) => `idea ${i + 1}`).join('\n');
  await pat.canvas.click({ position: { x: 40, y: 40 } });
  await pat.page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
  await expect(pat.page.getByTestId('flash')).toHaveText(
    /Pasted 1,000 of 1,200 lines: one paste makes at most 1,000 notes\./,
  );
  await eventually(async () => (await pat.stickyTexts()).length).toBe(1000);
});
