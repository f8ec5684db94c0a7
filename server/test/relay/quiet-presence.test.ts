/**
 * A connection that goes quiet without closing (a train tunnel, a laptop lid) loses its presence
 * within `quietPresenceMs`, while one that is only idle keeps it, and a quiet one that is heard
 * again comes back by itself — with stock y-websocket clients on the other end.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { awarenessMessage, type Harness, provider, startRelay, synced, waitFor } from './harness.js';

const QUIET_MS = 600;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The TCP socket under a `ws` client (what a tunnel stops). */
function tcp(ws: unknown): { pause(): void; resume(): void } {
  return (ws as { _socket: { pause(): void; resume(): void } })._socket;
}

let h: Harness;
beforeEach(async () => {
  h = await startRelay({ limits: { quietPresenceMs: QUIET_MS, awarenessThrottleMs: 20 } });
});
afterEach(async () => {
  await h.close();
});

describe('quiet presence', () => {
  it('a connection that stops answering loses its presence within the bound; its socket stays', async () => {
    const watcher = provider(h, 'quiet');
    await synced(watcher);
    // A client that never answers a ping: a socket whose network went away.
    const silent = new WebSocket(`${h.url}/quiet?role=participant`, { autoPong: false });
    silent.on('error', () => {});
    let closed = false;
    silent.on('close', () => {
      closed = true;
    });
    await new Promise((resolve) => silent.once('open', resolve));
    silent.send(awarenessMessage(7001, 1, { user: { name: 'Tunnel' } }));
    await waitFor(() => watcher.awareness.getStates().has(7001), 'state arrives');
    const lastHeard = Date.now();
    await waitFor(() => !watcher.awareness.getStates().has(7001), 'quiet state removed', 5_000);
    const after = Date.now() - lastHeard;
    // Between the bound and four thirds of it (plus the broadcast throttle and slack).
    expect(after).toBeGreaterThanOrEqual(QUIET_MS - 50);
    expect(after).toBeLessThan((QUIET_MS * 4) / 3 + 250);
    expect(closed).toBe(false);
    expect(h.relay.roomSize('quiet')).toBe(2);
    silent.terminate();
    watcher.destroy();
  });

  it('an idle stock client (it only answers pings) keeps its presence', async () => {
    const watcher = provider(h, 'idle');
    const reader = provider(h, 'idle');
    reader.awareness.setLocalState({ user: { name: 'Reader' } });
    await Promise.all([synced(watcher), synced(reader)]);
    const id = reader.awareness.clientID;
    await waitFor(() => watcher.awareness.getStates().has(id), 'reader arrives');
    let removed = false;
    watcher.awareness.on('change', ({ removed: gone }: { removed: number[] }) => {
      if (gone.includes(id)) removed = true;
    });
    await sleep(QUIET_MS * 4);
    expect(removed).toBe(false);
    expect(watcher.awareness.getStates().get(id)).toEqual({ user: { name: 'Reader' } });
    reader.destroy();
    watcher.destroy();
  });

  it('a stock client whose connection went quiet comes back by itself when it is heard again', async () => {
    const watcher = provider(h, 'back');
    const traveller = provider(h, 'back');
    traveller.awareness.setLocalState({ user: { name: 'Traveller' } });
    await Promise.all([synced(watcher), synced(traveller)]);
    const id = traveller.awareness.clientID;
    await waitFor(() => watcher.awareness.getStates().has(id), 'traveller arrives');
    // The tunnel: nothing the server sends is read, so no pong goes back.
    tcp(traveller.ws).pause();
    await waitFor(() => !watcher.awareness.getStates().has(id), 'traveller gone', 5_000);
    expect(traveller.wsconnected).toBe(true);
    // Out of the tunnel: the client reads its own removal and says it is still here.
    tcp(traveller.ws).resume();
    await waitFor(() => watcher.awareness.getStates().has(id), 'traveller back', 5_000);
    expect(watcher.awareness.getStates().get(id)).toEqual({ user: { name: 'Traveller' } });
    traveller.destroy();
    watcher.destroy();
  });
});
