import { expect, type Locator, type Page } from '@playwright/test';

/** The outline side panel, driven the way a keyboard-only user drives it: Tab, type, Enter, arrows. */
export class OutlinePanel {
  readonly root: Locator;
  readonly announcement: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('outline');
    this.announcement = page.getByTestId('outline-announcement');
  }

  /** Opens the panel with its shortcut (O) from wherever the focus is on the board. */
  async openWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('o');
    await expect(this.root).toBeVisible();
  }

  /** The accessible name of the focused control. */
  focusedName(): Promise<string | null> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      return el.getAttribute('aria-label') ?? el.textContent;
    });
  }

  /**
   * Presses Tab (or Shift+Tab) until the focused control's accessible name matches. Fails when
   * it is not reached within `max` presses — an unreachable control is a keyboard bug.
   */
  async tabTo(name: string | RegExp, opts: { back?: boolean; max?: number } = {}): Promise<void> {
    const matches = (n: string | null) =>
      n !== null && (typeof name === 'string' ? n === name : name.test(n));
    const seen: (string | null)[] = [];
    for (let i = 0; i < (opts.max ?? 80); i++) {
      const current = await this.focusedName();
      if (matches(current)) return;
      seen.push(current);
      await this.page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`could not reach "${name}" with the keyboard; focus went through: ${seen.join(' → ')}`);
  }

  /** Adds a card to a group by typing into its "New card in …" field and pressing Enter. */
  async addCard(groupLabel: string, text: string): Promise<void> {
    await this.tabTo(`New card in ${groupLabel}`);
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    // Long texts are shortened in the announcement; its start and the group are enough.
    await expect(this.announcement).toContainText(`Added “${text.slice(0, 30)}`);
    await expect(this.announcement).toContainText(`to ${groupLabel}`);
  }

  /** Every card's text as the panel shows it, sorted. */
  allCardTexts(): Promise<string[]> {
    return this.root
      .getByRole('textbox', { name: /^Card: / })
      .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value).sort());
  }

  /** A card's text field in the panel, by the card's element id. */
  card(id: string): Locator {
    return this.root.locator(`li[data-card-id="${id}"] textarea`);
  }

  /** A group of cards (a box's part, a theme, "In the frame"), by its heading. */
  group(groupLabel: string): Locator {
    return this.root.getByRole('group', { name: new RegExp(`^${escapeRegExp(groupLabel)} \\(\\d+\\)$`) });
  }

  /** The cards listed under a group, as the panel shows them. */
  cardsIn(groupLabel: string): Locator {
    return this.group(groupLabel).getByRole('textbox', { name: /^Card: / });
  }

  /** Where the focus is: the card (element id) and which of its controls, or null outside cards. */
  focusedCard(): Promise<{ id: string; control: string } | null> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const row = el?.closest<HTMLElement>('[data-card-id]');
      return row && el ? { id: row.dataset.cardId ?? '', control: el.dataset.control ?? '' } : null;
    });
  }

  /** The focused text field's value and selection (null when the focus is not in one). */
  caret(): Promise<{ value: string; start: number; end: number } | null> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)) return null;
      return { value: el.value, start: el.selectionStart ?? -1, end: el.selectionEnd ?? -1 };
    });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
