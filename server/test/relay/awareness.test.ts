/** Awareness: coalesced, capped, owned by the connection that introduced it, removed when it leaves. */
import { MessageType } from '@truenorth/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  awarenessMessage,
  counter,
  type Harness,
  provider,
  RawClient,
  startRelay,
  synced,
  waitFor,
} from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startRelay({ limits: { maxAwarenessStateBytes: 200, awarenessThrottleMs: 50 } });
});
afterEach(async () => {
  await h.close();
});

describe('awareness', () => {
  it('reaches others, and is removed when its connection drops without saying goodbye', async () => {
    const watcher = provider(h, 'aw');
    await synced(watcher);
    const cursor = new RawClient(h, 'aw');
    await cursor.opened;
    cursor.send(awarenessMessage(9001, 1, { cursor: { x: 1, y: 2 } }));
    await waitFor(() => watcher.awareness.getStates().has(9001), 'state arrives');
    cursor.ws.terminate();
    await waitFor(() => !watcher.awareness.getStates().has(9001), 'state removed on disconnect');
    watcher.destroy();
  });

  it('answers every query for the room’s presence, with no one’s state in an empty room', async () => {
    // Truenorth's page asks when the server has been silent a while: no answer means a dead link.
    const c = new RawClient(h, 'aw-query');
    await c.opened;
    const answers = () => c.ofType(MessageType.awareness);
    const before = answers().length;
    c.send(new Uint8Array([MessageType.queryAwareness]));
    await waitFor(() => answers().length === before + 1, 'an answer in an empty room');
    // Type, then the update's length, then its count of states: none.
    expect([...answers().at(-1)!]).toEqual([MessageType.awareness, 1, 0]);
    c.send(awarenessMessage(7007, 1, { user: { name: 'Ada' } }));
    await waitFor(() => answers().length > before + 1, 'its own state coming back');
    const seen = answers().length;
    c.send(new Uint8Array([MessageType.queryAwareness]));
    await waitFor(() => answers().length === seen + 1, 'an answer holding the state');
    expect(new TextDecoder().decode(answers().at(-1)!)).toContain('Ada');
    c.ws.terminate();
  });

  it('a state over the size cap is dropped and counted', async () => {
    const watcher = provider(h, 'aw-big');
    await synced(watcher);
    const c = new RawClient(h, 'aw-big');
    await c.opened;
    c.send(awarenessMessage(9002, 1, { blob: 'z'.repeat(500) }));
    c.send(awarenessMessage(9003, 1, { small: true }));
    await waitFor(() => watcher.awareness.getStates().has(9003), 'small state arrives');
    expect(watcher.awareness.getStates().has(9002)).toBe(false);
    expect(await counter(h.metrics.droppedWrites, { reason: 'awareness-too-large' })).toBe(1);
    expect(c.closeCode).toBeNull();
    c.ws.terminate();
    watcher.destroy();
  });

  it('a connection cannot overwrite a client id another connection controls', async () => {
    const watcher = provider(h, 'aw-own');
    await synced(watcher);
    const owner = new RawClient(h, 'aw-own');
    const thief = new RawClient(h, 'aw-own');
    await Promise.all([owner.opened, thief.opened]);
    owner.send(awarenessMessage(9004, 1, { name: 'owner' }));
    await waitFor(() => watcher.awareness.getStates().get(9004)?.name === 'owner', 'owner state');
    // Relative to what the shared relay counted before (other tests may drop for this reason).
    const before = await counter(h.metrics.droppedWrites, { reason: 'awareness-not-owned' });
    thief.send(awarenessMessage(9004, 5, { name: 'thief' }));
    await waitFor(
      async () => (await counter(h.metrics.droppedWrites, { reason: 'awareness-not-owned' })) > before,
      'drop',
    );
    expect(watcher.awareness.getStates().get(9004)?.name).toBe('owner');
    owner.ws.terminate();
    thief.ws.terminate();
    watcher.destroy();
  });

  it('a stock provider sending back the states it was given is not counted as dropping anything', async () => {
    // y-websocket's provider broadcasts every awareness change it sees, others' included.
    const watcher = provider(h, 'aw-echo');
    await synced(watcher);
    const mover = new RawClient(h, 'aw-echo');
    await mover.opened;
    const before = await counter(h.metrics.droppedWrites, { reason: 'awareness-not-owned' });
    const echoes = () => counter(h.metrics.messagesIn, { type: 'awareness' });
    const sent = await echoes();
    for (let i = 1; i <= 4; i++) {
      mover.send(awarenessMessage(9010, i, { x: i }));
      await waitFor(() => watcher.awareness.getStates().get(9010)?.x === i, `move ${i} seen`);
    }
    mover.ws.terminate();
    await waitFor(() => !watcher.awareness.getStates().has(9010), 'removal seen');
    // The mover's four and the watcher's copies of each change (its provider sends them back).
    await waitFor(async () => (await echoes()) >= sent + 8, 'the watcher sent them back');
    expect(await counter(h.metrics.droppedWrites, { reason: 'awareness-not-owned' })).toBe(before);
    watcher.destroy();
  });

  it('someone whose connection dropped and came back is seen again without changing anything', async () => {
    // y-websocket#122: the relay removed the state at the clock the client comes back with, and
    // the removal wins that tie: a stock client stayed invisible until it changed its state.
    const watcher = provider(h, 'aw-back');
    const returning = provider(h, 'aw-back');
    await Promise.all([synced(watcher), synced(returning)]);
    returning.awareness.setLocalStateField('user', { name: 'Ada' });
    const id = returning.awareness.clientID;
    await waitFor(() => watcher.awareness.getStates().get(id)?.user?.name === 'Ada', 'seen');
    returning.disconnect();
    await waitFor(() => !watcher.awareness.getStates().has(id), 'gone while away');
    returning.connect();
    await waitFor(() => watcher.awareness.getStates().get(id)?.user?.name === 'Ada', 'seen again', 3000);
    returning.destroy();
    watcher.destroy();
  });

  it('a burst of cursor moves is coalesced into few broadcasts carrying the latest state', async () => {
    const listener = new RawClient(h, 'aw-burst');
    const mover = new RawClient(h, 'aw-burst');
    await Promise.all([listener.opened, mover.opened]);
    await waitFor(() => h.relay.roomSize('aw-burst') === 2, 'joined');
    for (let i = 1; i <= 50; i++) mover.send(awarenessMessage(9005, i, { x: i }));
    const watcher = provider(h, 'aw-burst');
    await synced(watcher);
    await waitFor(() => watcher.awareness.getStates().get(9005)?.x === 50, 'latest state');
    await waitFor(() => listener.ofType(MessageType.awareness).length > 0, 'listener got awareness');
    expect(listener.ofType(MessageType.awareness).length).toBeLessThan(25);
    listener.ws.terminate();
    mover.ws.terminate();
    watcher.destroy();
  });
});
