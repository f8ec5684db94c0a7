import { describe, expect, it } from 'vitest';
import { participantsHere, readPeers, rosterKey } from './presence';

describe('readPeers', () => {
  it('keeps valid peers, drops self and malformed states', () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: 'Me', color: '#112233' } }],
      [2, { user: { name: 'Zoe', color: '#aabbcc' }, cursor: { x: 1, y: 2 }, selection: ['a'] }],
      [3, { user: { name: '', color: '#aabbcc' } }],
      [4, { user: { name: 'Bob', color: 'red' } }],
      [5, 'garbage'],
      [6, { user: { name: 'Ann', color: '#000000' }, cursor: { x: 'NaN' }, selection: 'x' }],
    ]);
    const peers = readPeers(states, 1);
    expect(peers.map((p) => p.user.name)).toEqual(['Ann', 'Zoe']);
    expect(peers[0]?.cursor).toBeNull();
    expect(peers[0]?.selection).toEqual([]);
    expect(peers[1]?.cursor).toEqual({ x: 1, y: 2 });
  });
});

describe('rosterKey', () => {
  const state = (name: string, cursor: { x: number; y: number } | null, selection: string[] = []) => ({
    user: { name, color: '#112233' },
    cursor,
    selection,
    role: 'participant',
  });
  it('changes when someone joins, leaves or renames, not when cursors or selections move', () => {
    const key = (states: [number, unknown][]) => rosterKey(readPeers(new Map(states), 0));
    const before = key([
      [1, state('Ann', { x: 1, y: 1 })],
      [2, state('Bob', null)],
    ]);
    expect(
      key([
        [1, state('Ann', { x: 50, y: 9 }, ['card'])],
        [2, state('Bob', { x: 3, y: 4 })],
      ]),
    ).toBe(before);
    expect(key([[1, state('Ann', null)]])).not.toBe(before);
    expect(
      key([
        [1, state('Ann', null)],
        [2, state('Bobby', null)],
      ]),
    ).not.toBe(before);
  });
});

describe('participantsHere', () => {
  it('counts the people taking part by name: two windows are one person, watchers and the facilitator none', () => {
    const at = (name: string, role: string) => ({ user: { name, color: '#112233' }, role });
    const peers = readPeers(
      new Map<number, unknown>([
        [1, at('Ann', 'participant')],
        [2, at(' ann ', 'participant')],
        [3, at('Bob', 'participant')],
        [4, at('Fran', 'facilitator')],
        [5, at('Olga', 'observer')],
        [6, at('Cy', '')],
      ]),
      0,
    );
    expect(participantsHere(peers)).toBe(2);
    expect(participantsHere([])).toBe(0);
  });
});
