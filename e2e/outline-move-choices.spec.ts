/**
 * The outline's "Move to" choices are listed under their exercise, each by its box's name alone,
 * so the closed field shows the whole of where a card is, on a desktop and on a phone.
 */
import { createBoard, expect, PHONE, test } from './fixtures.js';

const SHOTS = process.env.UI_SHOTS;

for (const [device, viewport] of [
  ['desktop', undefined],
  ['phone', PHONE],
] as const) {
  test(`on a ${device}, "Move to" lists boxes under their exercise and shows the card's box whole`, async ({
    baseURL,
    openAs,
  }) => {
    const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Offsite' });
    const fran = await openAs(board.links.facilitator, 'Fran', { viewport });
    const { page, outline } = fran;
    await outline.openWithKeyboard();
    await outline.addCard('Lean Canvas › Unique Value Proposition', 'Teams agree in a day');

    const select = outline.root.getByRole('combobox', { name: 'Move “Teams agree in a day” to' });
    const shown = await select.evaluate((s: HTMLSelectElement) => {
      const chosen = s.selectedOptions[0];
      const style = getComputedStyle(s);
      const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return {
        exercises: [...s.querySelectorAll('optgroup')].map((g) => g.label),
        chosen: chosen?.text,
        under: (chosen?.parentElement as HTMLOptGroupElement | null)?.label,
        textWidth: ctx.measureText(chosen?.text ?? '').width,
        // What the closed field has for its text: its width less padding and the arrow (~20 px).
        room:
          s.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - 20,
      };
    });
    expect(shown.exercises).toEqual([
      'Introductions',
      'Elevator Pitch',
      'Lean Business Model Canvas',
      'The Worst Solution',
      'Card Sorting',
      'Story Spine',
      'Road Map',
      'Outside frames',
    ]);
    expect(shown).toMatchObject({ chosen: 'Unique Value Proposition', under: 'Lean Business Model Canvas' });
    expect(shown.textWidth, 'the box name fits the closed field').toBeLessThanOrEqual(shown.room);
    await select.scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/outline-move-${device}.png` });

    // Picked by its name under its exercise, the card moves there.
    await select.selectOption({ label: 'Problem' });
    await expect(outline.cardsIn('Lean Canvas › Problem')).toHaveValue('Teams agree in a day');
    await expect(outline.announcement).toContainText('to Lean Business Model Canvas › Lean Canvas › Problem');
  });
}
