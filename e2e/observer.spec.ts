import * as Y from 'yjs';
import { eventually, expect, test } from './fixtures.js';
import { docFromStep2, RawYClient } from './lib/y-wire.js';
import type { BoardPage } from './pages/board-page.js';

const HACKS = ['observer-page-new', 'observer-raw-new'];

/** What an observer's forged edits would leave behind, if any got through. */
async function traces(p: BoardPage, stickyId: string) {
  const els = await p.elements();
  const sticky = els.find((e) => e.id === stickyId);
  return {
    hacked: els.filter((e) => HACKS.includes(e.id)).map((e) => e.id),
    text: sticky?.text,
    x: sticky?.x,
  };
}

/** A Y.Doc built from the server's state, with a new element and changes to an existing note. */
function forge(server: Y.Doc, stickyId: string, newId: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(doc);
  const els = doc.getMap<Y.Map<unknown>>('elements');
  doc.transact(() => {
    const hack = new Y.Map<unknown>();
    hack.set('type', 'sticky');
    hack.set('x', 0);
    hack.set('y', 0);
    hack.set('text', new Y.Text('forged'));
    els.set(newId, hack);
    const sticky = els.get(stickyId);
    sticky?.set('x', 4242);
    (sticky?.get('text') as Y.Text | undefined)?.insert(0, 'FORGED ');
  });
  return Y.encodeStateAsUpdate(doc, before);
}

test('an observer link shows no editing tools and cannot change the board, even with forged writes', async ({
  board,
  baseURL,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const stickyId = await alice.addSticky('Real work');
  const olive = await openAs(board.links.observer, 'Olive Observer');
  await eventually(() => olive.stickyTexts()).toEqual(['Real work']);
  const honest = await traces(alice, stickyId);

  // The screen: no tools, a view-only notice, and the usual gestures create nothing.
  await expect(olive.page.getByTestId('view-only')).toBeVisible();
  await expect(olive.page.getByRole('toolbar', { name: 'Tools' })).toHaveCount(0);
  await expect(olive.page.getByTestId('tool-sticky')).toHaveCount(0);
  for (const at of [await olive.canvasPoint(0.15, 0.2), await olive.screenPoint(stickyId)]) {
    await olive.page.mouse.dblclick(at.x, at.y);
  }
  await olive.shortcut('n');
  await expect(olive.editor).toHaveCount(0);
  expect(await olive.stickyIds()).toEqual([stickyId]);

  // Forged write 1: straight into the observer page's own document; its provider sends it.
  await olive.page.evaluate(
    ({ id, newId }) => {
      const els = window.__truenorth?.doc.getMap('elements');
      const sticky = els?.get(id) as Y.Map<unknown> | undefined;
      if (!els || !sticky) throw new Error('no document');
      const MapCtor = sticky.constructor as new () => Y.Map<unknown>;
      const hack = new MapCtor();
      hack.set('type', 'sticky');
      hack.set('x', 0);
      hack.set('y', 0);
      els.set(newId, hack);
      sticky.set('x', 4242);
      (sticky.get('text') as Y.Text).insert(0, 'FORGED ');
    },
    { id: stickyId, newId: 'observer-page-new' },
  );
  expect((await traces(olive, stickyId)).hacked).toEqual(['observer-page-new']);
  // Ask the relay for its document over the observer's own socket: it answers after handling
  // the forged update that went before, so the answer shows whether it was accepted.
  const answer = await olive.page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const ws = window.__truenorth?.provider.ws;
        if (!ws) return reject(new Error('no socket'));
        const timer = setTimeout(() => reject(new Error('no answer')), 5000);
        const onMessage = (e: MessageEvent) => {
          const bytes = new Uint8Array(e.data as ArrayBuffer);
          if (bytes[0] !== 0 || bytes[1] !== 1) return;
          clearTimeout(timer);
          ws.removeEventListener('message', onMessage);
          resolve([...bytes]);
        };
        ws.addEventListener('message', onMessage);
        ws.send(new Uint8Array([0, 0, 1, 0]));
      }),
  );
  const afterPage = docFromStep2(new Uint8Array(answer));
  expect(afterPage.getMap('elements').has('observer-page-new')).toBe(false);
  expect(String((afterPage.getMap('elements').get(stickyId) as Y.Map<unknown>).get('text'))).toBe(
    'Real work',
  );

  // Forged write 2: raw y-protocol frames from Node with the observer token.
  const raw = await RawYClient.connect(baseURL as string, board.id, board.tokens.observer);
  raw.sendUpdate(forge(await raw.fetchDoc(), stickyId, 'observer-raw-new'));
  const afterRaw = await raw.fetchDoc();
  expect(afterRaw.getMap('elements').has('observer-raw-new')).toBe(false);
  expect(raw.open).toBe(true);
  raw.close();

  // Control: the same forged frames with a participant token do get through, so the checks
  // above can tell accepted from dropped. Its write is also the marker: once Alice has it, she
  // has everything the relay accepted before it.
  const participant = await RawYClient.connect(baseURL as string, board.id, board.tokens.participant);
  participant.sendUpdate(forge(await participant.fetchDoc(), 'marker-none', 'participant-raw-new'));
  expect((await participant.fetchDoc()).getMap('elements').has('participant-raw-new')).toBe(true);
  participant.close();
  await eventually(async () => (await alice.stickyIds()).includes('participant-raw-new')).toBe(true);

  expect(await traces(alice, stickyId)).toEqual(honest);
  // A newcomer, and the facilitator after a reload, get the board without any forged change.
  const bob = await openAs(board.links.participant, 'Bob Baker');
  await eventually(async () => (await bob.stickyIds()).includes('participant-raw-new')).toBe(true);
  expect(await traces(bob, stickyId)).toEqual(honest);
  await alice.page.reload();
  await alice.waitSynced();
  await eventually(async () => (await alice.stickyIds()).includes('participant-raw-new')).toBe(true);
  expect(await traces(alice, stickyId)).toEqual(honest);
});
