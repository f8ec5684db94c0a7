import { expect, type Locator, type Page } from '@playwright/test';
import { eventually } from '../lib/eventually.js';
import { OutlinePanel } from './outline-panel.js';

/** An element as this browser's document holds it (the Y.Map's JSON; `text` as a string). */
export interface DocElement {
  id: string;
  type: string;
  x: number;
  y: number;
  w?: number;
  h?: number;
  parent?: string | null;
  slot?: string | null;
  text?: string;
  author?: string;
  title?: string;
  exercise?: string | null;
  [key: string]: unknown;
}

export interface Point {
  x: number;
  y: number;
}

/** One user's view of a board: the actions a person takes, and what they can read off the page. */
export class BoardPage {
  readonly status: Locator;
  readonly board: Locator;
  readonly canvas: Locator;
  readonly editor: Locator;
  readonly outline: OutlinePanel;
  name = '';

  constructor(readonly page: Page) {
    this.status = page.getByTestId('sync-status');
    this.board = page.getByTestId('board');
    this.canvas = page.getByTestId('canvas');
    this.editor = page.getByTestId('text-editor');
    this.outline = new OutlinePanel(page);
  }

  /** Opens a board link, answering the first-visit name prompt. */
  async open(link: string, name: string): Promise<void> {
    this.name = name;
    await this.goto(link);
    const prompt = this.page.getByTestId('display-name');
    // A big board on a busy machine can take a while to open the first time.
    await expect(prompt.or(this.board)).toBeVisible({ timeout: 20_000 });
    if (await prompt.isVisible()) {
      await prompt.fill(name);
      await prompt.press('Enter');
    }
    await expect(this.board).toBeVisible();
    await this.waitSynced();
  }

  /**
   * Loads a page of the app. While someone runs `vite build`, client/dist is briefly empty and
   * the server answers 404: that window is retried; a 404 that stays is still a failure.
   */
  async goto(link: string): Promise<void> {
    await expect(async () => {
      const res = await this.page.goto(link);
      expect(res?.status(), `GET ${link}`).not.toBe(404);
    }).toPass({ intervals: [250, 500, 1000], timeout: 15_000 });
  }

  /** The first sync with the server has completed on the current connection. */
  async waitSynced(): Promise<void> {
    await this.page.waitForFunction(() => Boolean(window.__truenorth?.provider?.synced));
  }

  /** Adds a sticky with the toolbar and types its text, as a person would. Returns its id. */
  async addSticky(text: string): Promise<string> {
    const before = new Set(await this.stickyIds());
    await this.page.getByTestId('tool-sticky').click();
    return this.typeIntoNewSticky(before, text);
  }

  /** Adds a sticky by double-clicking empty canvas at a page point, and types its text. */
  async addStickyAt(at: Point, text: string): Promise<string> {
    const before = new Set(await this.stickyIds());
    await this.page.mouse.dblclick(at.x, at.y);
    return this.typeIntoNewSticky(before, text);
  }

  /** Adds a sticky with the N shortcut, with the pointer resting at a page point. */
  async addStickyWithKey(at: Point, text: string): Promise<string> {
    await this.page.mouse.move(at.x, at.y);
    const before = new Set(await this.stickyIds());
    await this.page.keyboard.press('n');
    return this.typeIntoNewSticky(before, text);
  }

  private async typeIntoNewSticky(before: Set<string>, text: string): Promise<string> {
    await expect(this.editor).toBeVisible();
    await this.editor.pressSequentially(text, { delay: 10 });
    await this.editor.press('Escape');
    await expect(this.editor).toBeHidden();
    // Other people may be creating stickies at the same moment: ours is the new one we authored.
    let id: string | undefined;
    await eventually(async () => {
      const mine = (await this.elements()).filter(
        (e) => e.type === 'sticky' && !before.has(e.id) && e.author === this.name && e.text === text,
      );
      id = mine[0]?.id;
      return mine.length;
    }).toBe(1);
    return id as string;
  }

  /** Opens a sticky's text editor by double-clicking it on the canvas. */
  async openEditor(id: string): Promise<void> {
    const p = await this.screenPoint(id);
    await this.page.mouse.dblclick(p.x, p.y);
    await expect(this.editor).toBeVisible();
    await expect(this.editor).toBeFocused();
  }

  /** Opens a sticky's editor (unless it is open), types, and closes it. */
  async editSticky(id: string, text: string, opts: { append?: boolean } = {}): Promise<void> {
    if (!(await this.editor.isVisible())) await this.openEditor(id);
    if (!opts.append) await this.editor.fill('');
    await this.editor.pressSequentially(text, { delay: 10 });
    await this.closeEditor();
  }

  async closeEditor(): Promise<void> {
    await this.editor.press('Escape');
    await expect(this.editor).toBeHidden();
  }

  /** Drags an element with the mouse, from its centre to a page point. */
  async drag(id: string, to: Point): Promise<void> {
    const from = await this.screenPoint(id);
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + 8, from.y + 8, { steps: 2 });
    await this.page.mouse.move(to.x, to.y, { steps: 12 });
    await this.page.mouse.up();
  }

  /** Presses the mouse at one page point, moves it to another in `steps`, and releases it there. */
  async dragBetween(from: Point, to: Point, steps = 12): Promise<void> {
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x, to.y, { steps });
    await this.page.mouse.up();
  }

  /** Selects what lies inside a world rectangle with a marquee `margin` world units around it. */
  async selectAround(rect: { x: number; y: number; w?: number; h?: number }, margin = 150): Promise<void> {
    const from = await this.pagePoint({ x: rect.x - margin, y: rect.y - margin });
    const to = await this.pagePoint({
      x: rect.x + (rect.w ?? 0) + margin,
      y: rect.y + (rect.h ?? 0) + margin,
    });
    await this.dragBetween(from, to, 8);
    await expect(this.page.getByTestId('selection-count')).toContainText('selected');
  }

  /** Presses a shortcut with the focus on the page body (not in a text field). */
  async shortcut(keys: string): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press(keys);
  }

  /** Every element in this browser's copy of the document. */
  elements(): Promise<DocElement[]> {
    return this.page.evaluate(() => {
      const els = window.__truenorth?.doc.getMap('elements');
      if (!els) return [];
      return [...els.entries()].map(([id, v]) => {
        const json = (v as { toJSON?: () => Record<string, unknown> }).toJSON?.() ?? {};
        return { ...json, id } as never;
      });
    });
  }

  async element(id: string): Promise<DocElement | undefined> {
    return (await this.elements()).find((e) => e.id === id);
  }

  /** Element ids of every sticky in this browser's copy of the document. */
  async stickyIds(): Promise<string[]> {
    return (await this.elements()).filter((e) => e.type === 'sticky').map((e) => e.id);
  }

  /** Texts of every sticky in this browser's copy of the document, sorted. */
  async stickyTexts(): Promise<string[]> {
    return (await this.elements())
      .filter((e) => e.type === 'sticky')
      .map((e) => String(e.text ?? ''))
      .sort();
  }

  /** Where an element's centre is on the screen (page coordinates). */
  async screenPoint(id: string): Promise<Point> {
    const p = await this.page.evaluate((elementId) => window.__truenorth?.screenCenterOf?.(elementId), id);
    if (!p) throw new Error(`element ${id} is not on screen`);
    return p;
  }

  /** Where a board (world) point is on the screen (page coordinates). */
  async pagePoint(world: Point): Promise<Point> {
    const p = await this.page.evaluate((w) => window.__truenorth?.worldToScreen?.(w), world);
    if (!p) throw new Error('the board is not open');
    return p;
  }

  /** A page point on the canvas, as a fraction of its box (0..1 each way). */
  async canvasPoint(fx: number, fy: number): Promise<Point> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    return { x: box.x + box.width * fx, y: box.y + box.height * fy };
  }
}
