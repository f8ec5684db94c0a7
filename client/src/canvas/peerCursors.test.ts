import { describe, expect, it } from 'vitest';
import type { Peer } from '../sync/presence';
import { CURSOR_IDLE_MS, type CursorSeen, cursorsToDraw, nextIdleIn, noteCursors } from './peerCursors';

const peer = (clientId: number, cursor: { x: number; y: number } | null): Peer => ({
  clientId,
  user: { name: `P${clientId}`, color: '#112233' },
  cursor,
  selection: [],
  editing: null,
  role: 'participant',
});
const SIZE = { width: 1000, height: 800 };
const VIEW = { x: 0, y: 0, scale: 1 };

describe('cursorsToDraw', () => {
  it('draws only the cursors on (or just beside) the screen', () => {
    const peers = [
      peer(1, { x: 500, y: 400 }),
      peer(2, { x: 5000, y: 400 }),
      peer(3, { x: -900, y: -900 }),
      peer(4, null),
    ];
    const seen = noteCursors(new Map(), peers, 0);
    expect(cursorsToDraw(peers, seen, VIEW, SIZE, 0).map((c) => c.peer.clientId)).toEqual([1]);
    // Panned and zoomed out: the far one comes into view, at its screen position.
    const shown = cursorsToDraw(peers, seen, { x: 0, y: 0, scale: 0.1 }, SIZE, 0);
    expect(shown.map((c) => [c.peer.clientId, c.x, c.y])).toEqual([
      [1, 50, 40],
      [2, 500, 40],
      [3, -90, -90],
    ]);
  });

  it('fades the name of a cursor that stopped moving, and brings it back when it moves', () => {
    const seen = new Map<number, CursorSeen>();
    let peers = [peer(1, { x: 10, y: 10 }), peer(2, { x: 20, y: 20 })];
    noteCursors(seen, peers, 0);
    peers = [peer(1, { x: 10, y: 10 }), peer(2, { x: 25, y: 20 })];
    noteCursors(seen, peers, 2000);
    const idle = (now: number) =>
      cursorsToDraw(peers, seen, VIEW, SIZE, now)
        .filter((c) => c.idle)
        .map((c) => c.peer.clientId);
    expect(idle(CURSOR_IDLE_MS - 1)).toEqual([]);
    expect(nextIdleIn(cursorsToDraw(peers, seen, VIEW, SIZE, 2500), seen, 2500)).toBe(CURSOR_IDLE_MS - 2500);
    expect(idle(CURSOR_IDLE_MS)).toEqual([1]);
    expect(idle(2000 + CURSOR_IDLE_MS)).toEqual([1, 2]);
    expect(nextIdleIn(cursorsToDraw(peers, seen, VIEW, SIZE, 9000), seen, 9000)).toBeNull();
    // The same state sent again (a heartbeat, a selection change) is not a move.
    noteCursors(seen, peers, 9000);
    expect(idle(9000)).toEqual([1, 2]);
    peers = [peer(1, { x: 11, y: 10 }), peer(2, { x: 25, y: 20 })];
    noteCursors(seen, peers, 9000);
    expect(idle(9000)).toEqual([2]);
  });

  it('forgets people who left or hid their cursor', () => {
    const seen = noteCursors(new Map(), [peer(1, { x: 0, y: 0 }), peer(2, { x: 0, y: 0 })], 0);
    noteCursors(seen, [peer(1, null)], 5000);
    expect([...seen.keys()]).toEqual([]);
    // Back again: moving, with its name.
    const peers = [peer(1, { x: 0, y: 0 })];
    noteCursors(seen, peers, 6000);
    expect(cursorsToDraw(peers, seen, VIEW, SIZE, 6000)[0]?.idle).toBe(false);
  });
});
