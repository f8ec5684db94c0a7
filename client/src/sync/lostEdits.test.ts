import { createElement, deleteElements, setText, updateElement } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { lostEditsMessage, OfflineEdits } from './lostEdits';

const ME = { local: true };

/** This browser and the server, in sync on three cards and a frame; this browser then goes offline. */
function setup() {
  const server = new Y.Doc();
  createElement(server, 'sticky', { x: 0, y: 0, text: 'one' }, { id: 'one' });
  createElement(server, 'sticky', { x: 200, y: 0, text: 'two' }, { id: 'two' });
  createElement(server, 'sticky', { x: 400, y: 0, text: 'three' }, { id: 'three' });
  createElement(server, 'frame', { x: 0, y: 400, w: 600, h: 400, title: 'Frame' }, { id: 'frame' });
  const mine = new Y.Doc();
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(server));
  const edits = new OfflineEdits(mine, ME);
  mine.on('afterTransaction', (tx: Y.Transaction) => edits.track(tx));
  // Back online: each side gets what the other has (the sync).
  const reconnect = () => {
    Y.applyUpdate(server, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(server)));
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(server, Y.encodeStateVector(mine)), 'server');
    return edits.settle();
  };
  return { server, mine, edits, reconnect };
}

describe('offline edits to elements someone else deleted', () => {
  it('are counted once after the sync: text and moves on two cards someone deleted', () => {
    const { server, mine, reconnect } = setup();
    setText(mine, 'one', 'one, edited offline', ME);
    updateElement(mine, 'two', { x: 250 }, ME);
    updateElement(mine, 'three', { x: 450 }, ME);
    deleteElements(server, ['one', 'two']);
    const lost = reconnect();
    expect(lost).toEqual({ count: 2, kind: 'card' });
    expect(lostEditsMessage(lost)).toBe(
      'Your changes to 2 cards were not kept: someone deleted them while you were offline.',
    );
    // Said once: the next sync starts afresh.
    expect(reconnect().count).toBe(0);
  });

  it('say nothing when nothing was lost: edits kept, others deleting what this browser did not touch', () => {
    const { server, mine, reconnect } = setup();
    setText(mine, 'one', 'one, edited offline', ME);
    deleteElements(server, ['two']);
    const lost = reconnect();
    expect(lost.count).toBe(0);
    expect(lostEditsMessage(lost)).toBeNull();
  });

  it('do not count what this browser created or deleted itself, nor changes from elsewhere', () => {
    const { server, mine, reconnect } = setup();
    const [created] = [createElement(mine, 'sticky', { x: 0, y: 800, text: 'new' }, { origin: ME })];
    setText(mine, 'two', 'edited, then deleted here', ME);
    deleteElements(mine, ['two'], ME);
    // Someone else's change arriving here is not this browser's to lose.
    updateElement(mine, 'three', { x: 900 }, 'server');
    deleteElements(server, ['two', 'three']);
    expect(reconnect().count).toBe(0);
    expect(mine.getMap('elements').has(created as string)).toBe(true);
  });

  it('name other kinds of elements items', () => {
    const { server, mine, reconnect } = setup();
    updateElement(mine, 'frame', { title: 'Renamed offline' }, ME);
    deleteElements(server, ['frame']);
    const lost = reconnect();
    expect(lost).toEqual({ count: 1, kind: 'item' });
    expect(lostEditsMessage(lost)).toBe(
      'Your changes to 1 item were not kept: someone deleted it while you were offline.',
    );
  });
});
