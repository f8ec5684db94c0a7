import { describe, expect, it } from 'vitest';
import { readPeers } from './presence';

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
