/**
 * Locks over the real relay: a participant's raw protocol writes to locked elements are repaired
 * in the same batch, so the other clients' documents and the stored log keep the locked state.
 */
import {
  createElements,
  deleteElements,
  editText,
  elementYMap,
  moveBy,
  newId,
  readBoard,
  readElement,
  setLocked,
  templateParts,
} from '@truenorth/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  counter,
  type Harness,
  provider,
  RawClient,
  startRelay,
  synced,
  syncMessage,
  waitFor,
} from '../relay/harness.js';

let h: Harness;
let boardId: string;
const open: WebsocketProvider[] = [];

const cells = [
  { id: 'p', name: 'Problem', hint: '', col: 0, row: 0 },
  { id: 's', name: 'Solution', hint: '', col: 1, row: 0 },
];

beforeEach(async () => {
  h = await startRelay({ limits: { snapshotIntervalMs: 0 } });
  boardId = newId();
  await h.relay.transact(boardId, (doc) => {
    createElements(doc, [
      { id: 'frame', kind: 'frame', input: { x: 0, y: 0, w: 2000, h: 1200, exercise: 'lean-canvas' } },
      {
        id: 'grid',
        kind: 'grid',
        input: { x: 40, y: 80, w: 1200, h: 800, cols: 2, rows: 1, cells, parent: 'frame' },
      },
      { id: 'label', kind: 'text', input: { x: 40, y: 20, text: 'Lean canvas', parent: 'frame' } },
      { id: 'card', kind: 'sticky', input: { x: 60, y: 160, text: 'idea', parent: 'grid', slot: 'p' } },
    ]);
    setLocked(doc, templateParts(readBoard(doc).elements, 'frame'), true);
  });
});
afterEach(async () => {
  for (const p of open.splice(0)) p.destroy();
  await h.close();
});

async function watcher(): Promise<Y.Doc> {
  const p = provider(h, boardId, 'observer');
  open.push(p);
  await synced(p);
  return p.doc;
}

/** A participant's raw socket sends the change `mutate` makes to a copy of the server's doc. */
async function rawWrite(mutate: (doc: Y.Doc) => void, role: 'participant' | 'facilitator' = 'participant') {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await h.relay.encodeState(boardId));
  const before = Y.encodeStateVector(doc);
  mutate(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  const raw = new RawClient(h, boardId, role);
  await raw.opened;
  raw.send(syncMessage(2, update));
  return raw;
}

async function storedDoc(): Promise<Y.Doc> {
  const stored = await h.storage.loadDoc(boardId);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

function grid(doc: Y.Doc) {
  const outcome = readElement(doc, 'grid');
  return outcome?.status === 'skipped' ? undefined : outcome?.element;
}

const locked = () => counter(h.metrics.droppedWrites, { reason: 'locked' });

describe('locks', () => {
  it('lock template locks the frame and its parts, not the cards written in it', async () => {
    const doc = await watcher();
    expect(readBoard(doc).byId.get('frame')?.locked).toBe(true);
    expect(readBoard(doc).byId.get('label')?.locked).toBe(true);
    expect(readBoard(doc).byId.get('grid')?.locked).toBe(true);
    expect(readBoard(doc).byId.get('card')?.locked).toBe(false);
  });

  it('a participant moving a locked grid by raw protocol is repaired for everyone and in storage', async () => {
    const doc = await watcher();
    const raw = await rawWrite((d) => {
      // The grid alone: moving the frame would take the grid along.
      elementYMap(d, 'grid')?.set('x', 900);
      elementYMap(d, 'card')?.set('x', 70);
    });
    await waitFor(async () => (await locked()) === 1, 'a repair');
    await waitFor(() => readBoard(doc).byId.get('card')?.x === 70, 'the free card moved');
    expect(grid(doc)).toMatchObject({ x: 40, y: 80, locked: true });
    expect(grid(await storedDoc())).toMatchObject({ x: 40, y: 80, locked: true });
    expect(raw.closeCode).toBeNull();
    await raw.close();
  });

  it('deleting or unlocking a locked grid is repaired; its fields come back under the same id', async () => {
    const doc = await watcher();
    await (await rawWrite((d) => deleteElements(d, ['grid']))).close();
    await waitFor(async () => (await locked()) === 1, 'the delete repaired');
    await (await rawWrite((d) => setLocked(d, ['grid'], false))).close();
    await waitFor(async () => (await locked()) === 2, 'the unlock repaired');
    for (const d of [doc, await storedDoc()]) {
      expect(grid(d)).toMatchObject({ x: 40, y: 80, w: 1200, locked: true, parent: 'frame' });
      const g = grid(d);
      expect(g?.type === 'grid' ? g.cells.map((c) => c.name) : null).toEqual(['Problem', 'Solution']);
    }
  });

  it('text in a locked element cannot be edited; a participant cannot lock anything either', async () => {
    const doc = await watcher();
    await (
      await rawWrite((d) => {
        editText(d, 'label', 0, 4, 'Mean');
        setLocked(d, ['card'], true);
        moveBy(d, ['frame'], 500, 0);
      })
    ).close();
    await waitFor(async () => (await locked()) >= 3, 'the repairs');
    const stored = await storedDoc();
    for (const d of [doc, stored]) {
      const { byId } = readBoard(d);
      expect(byId.get('label')).toMatchObject({ text: 'Lean canvas', locked: true });
      expect(byId.get('card')?.locked).toBe(false);
      expect(byId.get('frame')).toMatchObject({ x: 0, locked: true });
      expect(byId.get('grid')).toMatchObject({ x: 40 });
    }
    // The free card moved along with the frame: that part of the write stands.
    expect(readBoard(doc).byId.get('card')?.x).toBe(560);
  });

  it('the facilitator may move, unlock and delete locked elements', async () => {
    const doc = await watcher();
    await (await rawWrite((d) => elementYMap(d, 'grid')?.set('x', 900), 'facilitator')).close();
    await waitFor(() => grid(doc)?.x === 900, 'the facilitator moved the grid');
    await (await rawWrite((d) => setLocked(d, ['grid'], false), 'facilitator')).close();
    await waitFor(() => grid(doc)?.locked === false, 'the facilitator unlocked it');
    // Unlocked now: a participant may move it.
    await (await rawWrite((d) => elementYMap(d, 'grid')?.set('x', 100))).close();
    await waitFor(() => grid(doc)?.x === 100, 'the participant moved the unlocked grid');
    expect(await locked()).toBe(0);
  });

  it('a participant provider converges on the repaired state after trying', async () => {
    const p = provider(h, boardId, 'participant');
    open.push(p);
    await synced(p);
    const other = await watcher();
    elementYMap(p.doc, 'grid')?.set('y', 999);
    deleteElements(p.doc, ['label']);
    await waitFor(async () => (await locked()) >= 2, 'the repairs');
    await waitFor(() => grid(p.doc)?.y === 80 && readBoard(p.doc).byId.has('label'), 'the writer repaired');
    await waitFor(
      () => Y.encodeStateVector(p.doc).toString() === Y.encodeStateVector(other).toString(),
      'the watcher has everything',
    );
    expect(grid(other)?.y).toBe(80);
    expect(readBoard(other).byId.get('label')).toMatchObject({ text: 'Lean canvas', locked: true });
  });
});
