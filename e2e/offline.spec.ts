import { type Element, slotsOf } from '@truenorth/shared';
import { createBoard, eventually, expect, PHONE, test } from './fixtures.js';
import { goOffline, goOnline } from './lib/network.js';
import type { BoardPage, DocElement } from './pages/board-page.js';

/** Both documents' elements, comparable: sorted by id, as JSON. */
async function snapshot(p: BoardPage) {
  return JSON.stringify((await p.elements()).sort((a, b) => a.id.localeCompare(b.id)));
}

test('edits made offline merge with everyone else’s after reconnecting', async ({ board, openAs }) => {
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');
  const shared = await alice.addSticky('Goal:');
  await eventually(() => bob.stickyTexts()).toEqual(['Goal:']);
  await expect(alice.status).toHaveText('saved');

  await goOffline(alice);
  await expect(alice.status).toHaveText('offline');

  // While Alice is away, both edit the same note and each adds one.
  const aliceNew = await alice.addStickyAt(await alice.canvasPoint(0.2, 0.25), 'Written on the train');
  await alice.editSticky(shared, ' grow', { append: true });
  const bobNew = await bob.addStickyAt(await bob.canvasPoint(0.8, 0.7), 'Written in the office');
  await bob.editSticky(shared, ' fast', { append: true });
  await expect(bob.status).toHaveText('saved');
  await expect(alice.status).toHaveText('offline');
  expect(await bob.stickyIds()).not.toContain(aliceNew);
  expect(await alice.stickyIds()).not.toContain(bobNew);

  await goOnline(alice);
  await expect(alice.status).toHaveText('saved', { timeout: 15_000 });
  const texts = ['Written in the office', 'Written on the train'];
  for (const p of [alice, bob]) {
    await eventually(async () => (await p.stickyTexts()).filter((t) => !t.startsWith('Goal:'))).toEqual(
      texts,
    );
  }
  // Both appends survive, in one order or the other, and both documents agree.
  const merged = (await bob.element(shared))?.text ?? '';
  expect(['Goal: grow fast', 'Goal: fast grow']).toContain(merged);
  await eventually(() => snapshot(alice)).toBe(await snapshot(bob));
  await expect(bob.status).toHaveText('saved');

  // The server has all of it: a newcomer with an empty browser gets the merged board.
  const carol = await openAs(board.links.participant, 'Carol Chen');
  await eventually(() => snapshot(carol)).toBe(await snapshot(bob));
});

test('a board opened before reloads while offline, with its notes, and says offline', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.participant, 'Alice Archer');
  await alice.addSticky('Kept in this browser');
  await expect(alice.status).toHaveText('saved');
  // The service worker has taken the page (it claims clients on activation).
  await alice.page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, {
    timeout: 15_000,
  });

  await goOffline(alice);
  await alice.page.reload();
  await expect(alice.board).toBeVisible();
  await eventually(() => alice.stickyTexts()).toEqual(['Kept in this browser']);
  await expect(alice.status).toHaveText('offline');

  await goOnline(alice);
  await expect(alice.status).toHaveText('saved', { timeout: 20_000 });
});

test('after a reload offline, it says saved only once the server has what was written before the reload', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.participant, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');
  await alice.page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, {
    timeout: 15_000,
  });
  await goOffline(alice);
  await alice.addSticky('Written before the reload');
  // What the reloaded page sends of the document (sync step 2, updates) is held back: the server
  // cannot have it yet. Its new client id has written nothing, so its own clock says nothing.
  let holding = true;
  const held: (() => void)[] = [];
  await alice.page.routeWebSocket(/\/ws\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      const bytes = typeof m === 'string' ? Buffer.from(m) : m;
      if (holding && bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2)) held.push(() => server.send(m));
      else server.send(m);
    });
    server.onMessage((m) => ws.send(m));
  });
  await alice.page.reload();
  await expect(alice.board).toBeVisible();
  await expect(alice.status).toHaveText('offline');
  await alice.page.context().setOffline(false);
  await alice.waitSynced();
  await eventually(() => held.length).toBeGreaterThan(0);
  await expect(alice.status).toHaveText('syncing');
  expect(await bob.stickyTexts()).toEqual([]);

  holding = false;
  for (const send of held.splice(0)) send();
  await expect(alice.status).toHaveText('saved');
  await eventually(() => bob.stickyTexts()).toEqual(['Written before the reload']);
});

test('losing the network says offline at once; back online it is saved again', async ({ board, openAs }) => {
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  await alice.addSticky('Before the tunnel');
  await expect(alice.status).toHaveText('saved');
  // Only the network goes (the socket stays open as far as the page can tell).
  await alice.page.context().setOffline(true);
  await expect(alice.status).toHaveText('offline', { timeout: 2_000 });
  await alice.page.context().setOffline(false);
  await expect(alice.status).toHaveText('saved');
});

test('offline, the page says in words that what is written is kept — also on a phone, where the status is a dot — and stops once back', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.participant, 'Alice Archer', { viewport: PHONE });
  const olga = await openAs(board.links.observer, 'Olga Observer');
  const notice = (p: BoardPage) => p.page.getByTestId('connection-notice');
  for (const p of [alice, olga]) {
    await expect(p.status).toHaveText('saved');
    await expect(notice(p)).toHaveCount(0);
    await goOffline(p);
  }
  // Calm: it says what to do and what happens, not that something failed.
  await expect(notice(alice)).toHaveText(
    'You are offline. Keep working: your changes are kept in this browser and sent when the connection is back.',
  );
  await expect(notice(alice)).not.toHaveRole('alert');
  // Someone who only watches is not told about changes they cannot make.
  await expect(notice(olga)).toHaveText(
    'You are offline. The board shows what this browser has, and catches up when the connection is back.',
  );
  await alice.page.screenshot({ path: test.info().outputPath('offline-phone.png') });

  // A reload in the tunnel says it again at once.
  await alice.page.reload();
  await expect(alice.board).toBeVisible();
  await expect(notice(alice)).toContainText('You are offline.');

  for (const p of [alice, olga]) {
    await goOnline(p);
    await expect(p.status).toHaveText('saved', { timeout: 20_000 });
    await expect(notice(p)).toHaveCount(0);
  }
});

test('a damaged record in the browser’s copy is set aside: the board still loads offline, and what is written after it is kept and sent', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.participant, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');
  await alice.addSticky('Kept in this browser');
  await expect(alice.status).toHaveText('saved');
  await alice.page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, {
    timeout: 15_000,
  });
  // Bytes that are not a Yjs update, stored as y-indexeddb stores updates.
  await alice.page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('updates', 'readwrite');
          tx.objectStore('updates').add(new Uint8Array([0xff, 0xff, 0x01, 0x02]));
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    `truenorth:${board.id}`,
  );
  const errors: string[] = [];
  alice.page.on('pageerror', (e) => errors.push(e.message));

  await goOffline(alice);
  await alice.page.reload();
  await expect(alice.page.getByTestId('damaged-copy')).toContainText('1 unreadable change was set aside');
  await eventually(() => alice.stickyTexts()).toEqual(['Kept in this browser']);
  await alice.addSticky('Written after the damage');
  await alice.page.reload();
  await eventually(async () => (await alice.stickyTexts()).sort()).toEqual([
    'Kept in this browser',
    'Written after the damage',
  ]);
  await expect(alice.page.getByTestId('damaged-copy')).toHaveCount(0);

  await goOnline(alice);
  await expect(alice.status).toHaveText('saved', { timeout: 20_000 });
  await eventually(() => bob.stickyTexts()).toContain('Written after the damage');
  expect(errors).toEqual([]);
});

test('an offline edit to a note someone deleted meanwhile is told once when back online; edits kept say nothing', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');
  const doomed = await alice.addStickyAt(await alice.canvasPoint(0.3, 0.3), 'Doomed');
  const kept = await alice.addStickyAt(await alice.canvasPoint(0.6, 0.3), 'Kept');
  await eventually(async () => (await bob.stickyTexts()).sort()).toEqual(['Doomed', 'Kept']);
  await expect(alice.status).toHaveText('saved');

  // First round: Alice edits offline, nothing of hers is deleted — no word about lost changes.
  await goOffline(alice);
  await alice.editSticky(kept, ' (train)', { append: true });
  await goOnline(alice);
  await expect(alice.status).toHaveText('saved', { timeout: 20_000 });
  await alice.page.waitForTimeout(500);
  await expect(alice.page.getByTestId('flash')).toHaveCount(0);

  // Second round: she edits both notes offline while Bob deletes one of them.
  await goOffline(alice);
  await alice.editSticky(doomed, ' — and more', { append: true });
  await alice.editSticky(kept, ' again', { append: true });
  await bob.page.evaluate((id) => {
    const t = window.__truenorth;
    t?.doc.transact(() => t.doc.getMap('elements').delete(id), t.origin);
  }, doomed);
  await eventually(() => bob.stickyTexts()).toEqual(['Kept (train)']);
  await goOnline(alice);
  await expect(alice.status).toHaveText('saved', { timeout: 20_000 });
  await expect(alice.page.getByTestId('flash')).toHaveText(
    'Your changes to 1 card were not kept: someone deleted it while you were offline.',
  );
  await eventually(() => alice.stickyTexts()).toEqual(['Kept (train) again']);
});

test('a participant through a tunnel in card sorting: work done offline and across a reload meets the others’ sorting, for all three', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting', title: 'Tunnel' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const ann = await openAs(board.links.participant, 'Ann Archer');
  const ben = await openAs(board.links.participant, 'Ben Baker');
  const pool = (await ann.elements()).find((e) => e.type === 'grid' && e.title === 'Idea pool');
  const rect = slotsOf(pool as unknown as Element)[0]?.rect as { x: number; y: number };
  const spot = (i: number) =>
    ann.pagePoint({ x: rect.x + 120 + (i % 5) * 200, y: rect.y + 120 + Math.floor(i / 5) * 200 });
  const theme = async (p: BoardPage, name: string) =>
    (await p.elements()).find((e) => e.type === 'theme' && e.name === name) as DocElement;
  const into = (p: BoardPage, t: DocElement, dy: number) => p.pagePoint({ x: t.x + 100, y: t.y + dy });

  const older: string[] = [];
  for (let i = 0; i < 4; i++) older.push(await ann.addStickyAt(await spot(i), `Idea ${i + 1}`));
  const [one, two, three, four] = older as [string, string, string, string];
  await expect(ann.status).toHaveText('saved');
  await ann.page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, {
    timeout: 15_000,
  });

  await goOffline(ann);
  await expect(ann.page.getByTestId('connection-notice')).toContainText('kept in this browser');
  for (let i = 0; i < 6; i++) await ann.addStickyAt(await spot(5 + i), `Train ${i + 1}`);
  await ann.editSticky(one, ' (Ann)', { append: true });
  await ann.editSticky(two, ' (Ann)', { append: true });
  await ann.drag(three, await into(ann, await theme(ann, 'Theme B'), 250));
  await ann.shortcut('Escape');
  const p4 = await ann.screenPoint(four);
  await ann.page.mouse.click(p4.x, p4.y);
  await ann.shortcut('Delete');
  await eventually(() => ann.element(four)).toBeUndefined();

  // Meanwhile: Fran sorts Ann's older notes into Theme A and renames it; Ben edits note 1 too.
  const themeA = await theme(fran, 'Theme A');
  await fran.drag(one, await into(fran, themeA, 250));
  await fran.drag(two, await into(fran, themeA, 450));
  await fran.shortcut('Escape');
  const band = await fran.pagePoint({ x: themeA.x + 60, y: themeA.y + 12 });
  await fran.page.mouse.click(band.x, band.y);
  await fran.page.getByTestId('sort-rename').click();
  await fran.page.getByRole('textbox', { name: 'Theme name' }).fill('Onboarding');
  await fran.page.getByRole('textbox', { name: 'Theme name' }).press('Enter');
  await ben.editSticky(one, ' (Ben)', { append: true });
  for (const p of [fran, ben]) await expect(p.status).toHaveText('saved');
  expect(await fran.stickyTexts()).not.toContain('Train 1');

  // Still in the tunnel, Ann reloads: her work is there.
  const before = await snapshot(ann);
  await ann.page.reload();
  await expect(ann.board).toBeVisible();
  await eventually(() => snapshot(ann)).toBe(before);
  await expect(ann.status).toHaveText('offline');

  await goOnline(ann);
  await expect(ann.status).toHaveText('saved', { timeout: 15_000 });
  for (const p of [fran, ben]) await eventually(() => snapshot(p)).toBe(await snapshot(ann));
  const onboarding = await theme(fran, 'Onboarding');
  // Both appends to note 1 survive, in one order or the other; nothing doubled, nothing lost.
  const texts = await fran.stickyTexts();
  expect(['Idea 1 (Ann) (Ben)', 'Idea 1 (Ben) (Ann)']).toContain(texts[0]);
  expect(texts.slice(1)).toEqual(['Idea 2 (Ann)', 'Idea 3', ...[1, 2, 3, 4, 5, 6].map((i) => `Train ${i}`)]);
  expect((await fran.element(one))?.parent).toBe(onboarding.id);
  expect((await fran.element(two))?.parent).toBe(onboarding.id);
  expect((await fran.element(three))?.parent).toBe((await theme(fran, 'Theme B')).id);
  await expect(ann.page.getByTestId('connection-notice')).toHaveCount(0);
  await expect(ann.page.getByTestId('flash')).toHaveCount(0);
});
