import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
  type ViewportSize,
} from '@playwright/test';
import { BoardCreated } from '@truenorth/shared';
import { BoardPage } from './pages/board-page.js';

export interface Board {
  id: string;
  links: BoardCreated['links'];
  tokens: BoardCreated['tokens'];
}

/** Creates a board through the real HTTP API. */
export async function createBoard(
  baseURL: string,
  body: { title?: string; template?: string } = {},
): Promise<Board> {
  const res = await fetch(`${baseURL}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'E2E board', template: 'blank', ...body }),
  });
  expect(res.status).toBe(201);
  return BoardCreated.parse(await res.json());
}

interface Fixtures {
  board: Board;
  /**
   * Opens the board as a new user in a browser context of its own (own storage, own IndexedDB),
   * optionally with a window of another size (a phone: `PHONE`).
   */
  openAs: (
    link: string,
    name: string,
    opts?: { viewport?: ViewportSize; beforeOpen?: (page: Page) => void },
  ) => Promise<BoardPage>;
}

/** An upright phone's window. */
export const PHONE = { width: 390, height: 844 };

async function newUser(browser: Browser, contexts: BrowserContext[], viewport?: ViewportSize) {
  const context = await browser.newContext(viewport ? { viewport } : {});
  contexts.push(context);
  return context.newPage();
}

export const test = base.extend<Fixtures>({
  board: async ({ baseURL }, use) => {
    await use(await createBoard(baseURL as string));
  },
  openAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (link, name, opts = {}) => {
      const page = await newUser(browser, contexts, opts.viewport);
      opts.beforeOpen?.(page);
      const board = new BoardPage(page);
      await board.open(link, name);
      return board;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { eventually } from './lib/eventually.js';
export { expect };
