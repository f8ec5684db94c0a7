/**
 * A big kick-off: fifty people on one board besides the facilitator's browser. The others are
 * real clients of the relay (y-websocket's provider with awareness, as the app's own client
 * publishes it: a name, a colour, a role and a cursor in world coordinates).
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createBoard, eventually, expect, test } from './fixtures.js';

const COLORS = ['#e5484d', '#3e63dd', '#30a46c', '#f76b15', '#8e4ec6', '#0090ff', '#d6409f', '#12a594'];

interface Crowd {
  providers: WebsocketProvider[];
  setCursor(i: number, cursor: { x: number; y: number } | null): void;
  close(): void;
}

/** `count` people on the board with `token`, each with a name, a colour and a role. */
async function crowd(
  baseURL: string,
  boardId: string,
  token: string,
  count: number,
  role: string,
): Promise<Crowd> {
  const url = `${baseURL.replace(/^http/, 'ws')}/ws`;
  const providers: WebsocketProvider[] = [];
  for (let i = 0; i < count; i++) {
    const provider = new WebsocketProvider(url, boardId, new Y.Doc(), {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    // Truenorth's own message types (stored acks, workshop control): not the stock provider's.
    provider.messageHandlers[100] = () => {};
    provider.messageHandlers[101] = () => {};
    provider.awareness.setLocalState({
      user: {
        name: `${role === 'observer' ? 'Watcher' : 'Person'} ${String(i).padStart(2, '0')}`,
        color: COLORS[i % COLORS.length],
      },
      cursor: null,
      selection: [],
      editing: null,
      role,
    });
    providers.push(provider);
  }
  await eventually(() => providers.every((p) => p.synced), { timeout: 20_000 }).toBe(true);
  return {
    providers,
    setCursor(i, cursor) {
      const awareness = providers[i]?.awareness;
      if (awareness) awareness.setLocalState({ ...awareness.getLocalState(), cursor });
    },
    close() {
      for (const p of providers) {
        p.destroy();
        p.doc.destroy();
      }
    },
  };
}

test('with fifty people here, "+N" in the top bar opens the list of everyone, watchers apart', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const people = await crowd(baseURL as string, board.id, board.tokens.participant, 48, 'participant');
  const watchers = await crowd(baseURL as string, board.id, board.tokens.observer, 3, 'observer');
  try {
    const avatars = fran.page.getByTestId('avatars');
    await expect(avatars).toHaveAttribute('aria-label', '52 people here');
    await expect(avatars.getByRole('listitem')).toHaveCount(8);
    const more = fran.page.getByTestId('people-more');
    await expect(more).toHaveText('+44');
    await more.click();
    const list = fran.page.getByTestId('people-list');
    await expect(list).toBeVisible();
    await expect(list.getByTestId('person')).toHaveCount(52);
    await expect(list.getByRole('heading', { name: 'Taking part · 49' })).toBeVisible();
    await expect(list.getByRole('heading', { name: 'Watching · 3' })).toBeVisible();
    await expect(list.getByText('Fran Facilitator (you)')).toBeVisible();
    await expect(list.getByText('Person 47')).toBeAttached();
    // Someone leaves: the list follows.
    people.providers[47]?.destroy();
    await expect(list.getByTestId('person')).toHaveCount(51);
    await fran.page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    await expect(more).toBeFocused();
  } finally {
    people.close();
    watchers.close();
  }
});

test('fifty moving cursors: only those on screen are drawn, with no CSS transitions, and still ones lose their names', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const people = await crowd(baseURL as string, board.id, board.tokens.participant, 50, 'participant');
  try {
    // The world rectangle on Fran's screen.
    const view = await fran.page.evaluate(() => {
      const vp = window.__truenorth?.viewport;
      const v = vp?.get();
      const area = vp?.clearArea?.();
      if (!v || !area) throw new Error('no viewport');
      return {
        x: (area.x - v.x) / v.scale,
        y: (area.y - v.y) / v.scale,
        w: area.w / v.scale,
        h: area.h / v.scale,
      };
    });
    const onScreen = (i: number, t: number) => ({
      x: view.x + view.w * (0.1 + 0.8 * (((i * 37) % 100) / 100)) + 10 * Math.cos(t + i),
      y: view.y + view.h * (0.1 + 0.8 * (((i * 61) % 100) / 100)) + 10 * Math.sin(t + i),
    });
    const farAway = (i: number) => ({ x: view.x + view.w * 20 + i * 50, y: view.y - view.h * 10 });
    // Half of the room works on another exercise, far from what Fran looks at.
    for (let i = 0; i < 50; i++) people.setCursor(i, i < 25 ? onScreen(i, 0) : farAway(i));
    const cursors = fran.page.getByTestId('peer-cursor');
    await expect(cursors).toHaveCount(25);

    // Twenty-five people move for a second: their cursors follow without starting transitions.
    await fran.page.evaluate(() => {
      const w = window as unknown as { transitions: number };
      w.transitions = 0;
      document.addEventListener('transitionrun', () => w.transitions++, true);
    });
    for (let step = 1; step <= 20; step++) {
      for (let i = 0; i < 25; i++) people.setCursor(i, onScreen(i, step / 4));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const last = onScreen(3, 5);
    await eventually(() =>
      fran.page.evaluate((p) => {
        const at = window.__truenorth?.worldToScreen?.(p);
        return [...document.querySelectorAll<HTMLElement>('[data-testid=peer-cursor]')].some((el) => {
          const r = el.getBoundingClientRect();
          return at !== undefined && at !== null && Math.abs(r.left - at.x) < 2 && Math.abs(r.top - at.y) < 2;
        });
      }, last),
    ).toBe(true);
    expect(await fran.page.evaluate(() => (window as unknown as { transitions: number }).transitions)).toBe(
      0,
    );
    await expect(cursors.filter({ hasText: 'Person 03' }).locator('span')).toHaveCSS('opacity', '1');

    // Everyone stops (reading, typing in their card): the names fade, the arrows stay.
    await expect(cursors.and(fran.page.locator('[data-idle]'))).toHaveCount(25, { timeout: 8_000 });
    await expect(cursors.filter({ hasText: 'Person 03' }).locator('span')).toHaveCSS('opacity', '0');
    // One moves again: only that name comes back.
    people.setCursor(3, onScreen(3, 9));
    await expect(cursors.and(fran.page.locator('[data-idle]'))).toHaveCount(24);
    await expect(cursors.filter({ hasText: 'Person 03' }).locator('span')).toHaveCSS('opacity', '1');
  } finally {
    people.close();
  }
});
