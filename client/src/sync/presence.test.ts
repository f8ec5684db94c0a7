import { describe, expect, it } from 'vitest';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type PresenceSender, participantsHere, readPeers, rosterKey, sendOnlyOwnPresence } from './presence';

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

describe('sendOnlyOwnPresence', () => {
  function setup() {
    const awareness = new Awareness(new Y.Doc());
    const sent: number[][] = [];
    const provider: PresenceSender = {
      awareness,
      _awarenessUpdateHandler: ({ added, updated, removed }) => sent.push([...added, ...updated, ...removed]),
    };
    awareness.on('update', provider._awarenessUpdateHandler);
    sendOnlyOwnPresence(provider);
    // What the relay sends: other people's states, applied with the provider as origin.
    const fromRelay = (from: Awareness, ids: number[]) =>
      applyAwarenessUpdate(awareness, encodeAwarenessUpdate(from, ids), provider);
    return { awareness, provider, sent, fromRelay };
  }

  it('sends this browser’s own changes, not the states others sent it', () => {
    const { awareness, sent, fromRelay } = setup();
    awareness.setLocalState({ user: { name: 'Ada' } });
    expect(sent).toEqual([[awareness.clientID]]);
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ cursor: { x: 1, y: 2 } });
    fromRelay(other, [other.clientID]);
    other.setLocalState({ cursor: { x: 3, y: 4 } });
    fromRelay(other, [other.clientID]);
    removeAwarenessStates(other, [other.clientID], 'left');
    fromRelay(other, [other.clientID]);
    expect(awareness.getStates().has(other.clientID)).toBe(false);
    expect(sent).toEqual([[awareness.clientID]]);
  });

  it('answers the relay’s removal of its own state with that state, newer', () => {
    const { awareness, sent, fromRelay } = setup();
    awareness.setLocalState({ user: { name: 'Ada' } });
    const clock = awareness.meta.get(awareness.clientID)?.clock ?? 0;
    // The relay's copy of this browser's state, removed when its connection dropped.
    const relay = new Awareness(new Y.Doc());
    applyAwarenessUpdate(relay, encodeAwarenessUpdate(awareness, [awareness.clientID]), 'client');
    removeAwarenessStates(relay, [awareness.clientID], 'left');
    fromRelay(relay, [awareness.clientID]);
    expect(sent).toEqual([[awareness.clientID], [awareness.clientID]]);
    expect(awareness.getLocalState()).toEqual({ user: { name: 'Ada' } });
    expect(awareness.meta.get(awareness.clientID)?.clock).toBeGreaterThan(clock);
  });

  it('is taken off with the provider’s own handler', () => {
    const { awareness, provider, sent } = setup();
    awareness.off('update', provider._awarenessUpdateHandler);
    awareness.setLocalState({ user: { name: 'Ada' } });
    expect(sent).toEqual([]);
  });
});
