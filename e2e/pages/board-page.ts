import { expect, type Locator, type Page } from '@playwright/test';

/** One user's view of a board: the actions a person takes, and what they can read off the page. */
export class BoardPage {
  readonly status: Locator;
  readonly board: Locator;
  readonly editor: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('sync-status');
    this.board = page.getByTestId('board');
    this.editor = page.getByTestId('text-editor');
  }

  /** Opens a board link, answering the first-visit name prompt. */
  async open(link: string, name: string): Promise<void> {
    await this.page.goto(link);
    const prompt = this.page.getByTestId('display-name');
    await expect(prompt.or(this.board)).toBeVisible();
    if (await prompt.isVisible()) {
      await prompt.fill(name);
      await this.page.getByRole('button', { name: 'Join board' }).click();
    }
    await expect(this.board).toBeVisible();
    await this.page.waitForFunction(() => Boolean(window.__truenorth?.provider?.synced));
  }

  /** Adds a sticky with the toolbar and types its text, as a person would. */
  async addSticky(text: string): Promise<void> {
    const before = await this.stickyIds();
    await this.page.getByTestId('tool-sticky').click();
    await expect.poll(async () => (await this.stickyIds()).length).toBe(before.length + 1);
    const id = (await this.stickyIds()).find((i) => !before.includes(i)) as string;
    await this.editSticky(id, text);
  }

  /** Opens a sticky's text editor by double-clicking it on the canvas, types, and closes it. */
  async editSticky(id: string, text: string, opts: { append?: boolean } = {}): Promise<void> {
    if (!(await this.editor.isVisible())) {
      const p = await this.screenPoint(id);
      await this.page.mouse.dblclick(p.x, p.y);
    }
    await expect(this.editor).toBeVisible();
    if (!opts.append) await this.editor.fill('');
    await this.editor.pressSequentially(text, { delay: 10 });
    await this.editor.press('Escape');
    await expect(this.editor).toBeHidden();
  }

  /** Element ids of every sticky in this browser's copy of the document. */
  stickyIds(): Promise<string[]> {
    return this.page.evaluate(() => {
      const els = window.__truenorth?.doc.getMap('elements');
      if (!els) return [];
      return [...els.entries()]
        .filter(([, v]) => (v as { get?: (k: string) => unknown }).get?.('type') === 'sticky')
        .map(([k]) => k);
    });
  }

  /** Texts of every sticky in this browser's copy of the document, sorted. */
  stickyTexts(): Promise<string[]> {
    return this.page.evaluate(() => {
      const els = window.__truenorth?.doc.getMap('elements');
      if (!els) return [];
      return [...els.values()]
        .map((v) => v as { get(k: string): unknown })
        .filter((v) => v.get('type') === 'sticky')
        .map((v) => String(v.get('text') ?? ''))
        .sort();
    });
  }

  /** Where an element's centre is on the screen (page coordinates). */
  async screenPoint(id: string): Promise<{ x: number; y: number }> {
    const p = await this.page.evaluate((elementId) => window.__truenorth?.screenCenterOf?.(elementId), id);
    if (!p) throw new Error(`element ${id} is not on screen`);
    return p;
  }
}
