import { elementsMap, MessageType, metaMap, SCHEMA_VERSION, SyncStep } from '@truenorth/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ACK_EVERY_MS } from '../../src/relay/connection.js';
import { decodeStored } from '../../src/relay/messages.js';
import {
  counter,
  type Harness,
  provider,
  RawClient,
  realUpdate,
  startRelay,
  synced,
  syncMessage,
  syncPayload,
  waitFor,
} from './harness.js';

let h: Harness;
const providers: WebsocketProvider[] = [];
const raws: RawClient[] = [];

function open(boardId: string, role: 'facilitator' | 'participant' | 'observer' = 'participant') {
  const p = provider(h, boardId, role);
  providers.push(p);
  return p;
}

function raw(boardId: string, role: 'facilitator' | 'participant' | 'observer' = 'participant') {
  const c = new RawClient(h, boardId, role);
  raws.push(c);
  return c;
}

beforeEach(async () => {
  h = await startRelay({ limits: { unloadAfterMs: 50 } });
});

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const c of raws.splice(0)) c.ws.terminate();
  await h.close();
});

describe('sync', () => {
  it('two providers converge, and the board is migrated once by the server', async () => {
    const a = open('converge');
    const b = open('converge');
    await Promise.all([synced(a), synced(b)]);
    elementsMap(a.doc).set('from-a', 1);
    elementsMap(b.doc).set('from-b', 2);
    await waitFor(() => elementsMap(a.doc).size === 2 && elementsMap(b.doc).size === 2, 'convergence');
    expect(elementsMap(a.doc).toJSON()).toEqual({ 'from-a': 1, 'from-b': 2 });
    expect(metaMap(b.doc).get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('counts messages and bytes in and out, by message type', async () => {
    const c = raw('traffic');
    await c.opened;
    const update = syncMessage(SyncStep.update, realUpdate('t', 1, 4242));
    c.send(update);
    c.send(update);
    const p = open('traffic');
    await synced(p);
    await waitFor(() => elementsMap(p.doc).get('t') === 1, 'update relayed');
    expect(await counter(h.metrics.messagesIn, { type: 'update' })).toBe(2);
    expect(await counter(h.metrics.messagesIn, { type: 'syncStep1' })).toBeGreaterThanOrEqual(1);
    expect(await counter(h.metrics.bytesIn)).toBeGreaterThanOrEqual(2 * update.byteLength);
    // Each client got at least the server's sync step 1; the provider also its sync step 2.
    expect(await counter(h.metrics.messagesOut)).toBeGreaterThanOrEqual(3);
    expect(await counter(h.metrics.bytesOut)).toBeGreaterThan(update.byteLength);
    // Reading twice does not double anything.
    expect(await counter(h.metrics.messagesIn, { type: 'update' })).toBe(2);

    // Store latency renders as a Prometheus histogram: cumulative buckets, +Inf = count.
    const text = await h.metrics.registry.metrics();
    expect(text).toContain('# TYPE truenorth_store_latency_seconds histogram');
    const count = Number(/truenorth_store_latency_seconds_count\{op="append"\} (\d+)/.exec(text)?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    const buckets = [
      ...text.matchAll(/truenorth_store_latency_seconds_bucket\{le="([^"]+)",op="append"\} (\d+)/g),
    ];
    expect(buckets.length).toBe(13);
    const values = buckets.map((m) => Number(m[2]));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(buckets.at(-1)?.[1]).toBe('+Inf');
    expect(values.at(-1)).toBe(count);
  });

  it('a late joiner receives everything already stored', async () => {
    const a = open('late');
    await synced(a);
    for (let i = 0; i < 20; i++) elementsMap(a.doc).set(`k${i}`, i);
    await waitFor(async () => (await h.storage.loadDoc('late')).updates.length >= 2, 'stored updates');
    const b = open('late');
    await synced(b);
    await waitFor(() => elementsMap(b.doc).size === 20, 'late joiner content');
  });

  it('acknowledges stored updates to a client that asks, with its client clock', async () => {
    const c = raw('acks');
    await c.opened;
    c.send(new Uint8Array([MessageType.stored, 0]));
    c.send(syncMessage(SyncStep.update, realUpdate('x', 1, 777)));
    await waitFor(() => c.ofType(MessageType.stored).length > 0, 'stored ack');
    const ack = decodeStored(c.ofType(MessageType.stored)[0]!);
    expect(ack?.get(777)).toBe(1);
    const loaded = await h.storage.loadDoc('acks');
    const doc = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    expect(elementsMap(doc).get('x')).toBe(1);
  });

  it('acknowledges a burst of writes in a few messages, the last naming the highest clock', async () => {
    const c = raw('ack-burst');
    await c.opened;
    c.send(new Uint8Array([MessageType.stored, 0]));
    // One client writing 30 times, 10 ms apart (a drag): clocks 1 … 30.
    const writer = new Y.Doc();
    writer.clientID = 778;
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 30; i++) elementsMap(writer).set(`k${i}`, i);
    const start = performance.now();
    for (const u of updates) {
      c.send(syncMessage(SyncStep.update, u));
      await new Promise((r) => setTimeout(r, 10));
    }
    await waitFor(
      () => c.ofType(MessageType.stored).some((m) => decodeStored(m)?.get(778) === 30),
      'the last write acknowledged',
    );
    const elapsed = performance.now() - start;
    const acks = c.ofType(MessageType.stored).map((m) => decodeStored(m)?.get(778) ?? 0);
    // Not one per write: the first at once, the rest together at the end of each window.
    expect(acks.length).toBeLessThanOrEqual(Math.ceil(elapsed / ACK_EVERY_MS) + 1);
    expect(acks.length).toBeLessThan(15);
    expect(acks).toEqual([...acks].sort((a, b) => a - b));
    // Nothing acknowledged that is not stored.
    const loaded = await h.storage.loadDoc('ack-burst');
    const doc = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    expect(elementsMap(doc).size).toBe(30);
  });

  it('acknowledges a lone write at once, not at the end of a window', async () => {
    const c = raw('ack-lone');
    await c.opened;
    c.send(new Uint8Array([MessageType.stored, 0]));
    c.send(syncMessage(SyncStep.update, realUpdate('a', 1, 779)));
    await waitFor(() => c.ofType(MessageType.stored).length === 1, 'first ack');
    // A second write well after the window: acknowledged on its own, with its clock.
    await new Promise((r) => setTimeout(r, ACK_EVERY_MS * 2));
    const second = new Y.Doc();
    second.clientID = 780;
    elementsMap(second).set('b', 2);
    c.send(syncMessage(SyncStep.update, Y.encodeStateAsUpdate(second)));
    await waitFor(() => c.ofType(MessageType.stored).length === 2, 'second ack');
    expect(decodeStored(c.ofType(MessageType.stored)[1]!)?.get(780)).toBe(1);
  });

  it('says what is stored before a shutdown closes the socket', async () => {
    const c = raw('ack-shutdown');
    await c.opened;
    c.send(new Uint8Array([MessageType.stored, 0]));
    const writer = new Y.Doc();
    writer.clientID = 781;
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    elementsMap(writer).set('a', 1);
    elementsMap(writer).set('b', 2);
    c.send(syncMessage(SyncStep.update, updates[0]!));
    await waitFor(() => c.ofType(MessageType.stored).length === 1, 'first ack');
    // Inside the window: its acknowledgement waits … until the shutdown sends it.
    c.send(syncMessage(SyncStep.update, updates[1]!));
    await waitFor(async () => {
      const stored = await h.storage.loadDoc('ack-shutdown');
      const doc = new Y.Doc();
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      return elementsMap(doc).has('b');
    }, 'second stored');
    await h.relay.shutdown();
    expect(await c.closed).toBe(1001);
    expect(c.ofType(MessageType.stored).map((m) => decodeStored(m)?.get(781))).toEqual([1, 2]);
  });

  it('does not send acks to a stock provider that did not ask', async () => {
    const c = raw('no-acks');
    await c.opened;
    c.send(syncMessage(SyncStep.update, realUpdate('x', 1)));
    const p = open('no-acks');
    await synced(p);
    await waitFor(() => elementsMap(p.doc).get('x') === 1, 'update relayed');
    expect(c.ofType(MessageType.stored)).toHaveLength(0);
  });

  it('answers sync step 1 with the missing state, also to an observer', async () => {
    const writer = open('step1');
    await synced(writer);
    elementsMap(writer.doc).set('k', 'v');
    await waitFor(async () => (await h.storage.loadDoc('step1')).updates.length >= 2, 'stored');
    const c = raw('step1', 'observer');
    await c.opened;
    c.send(syncMessage(SyncStep.step1, Y.encodeStateVector(new Y.Doc())));
    const doc = new Y.Doc();
    await waitFor(() => {
      for (const m of c.received) {
        const update = syncPayload(m, SyncStep.step2);
        if (update) Y.applyUpdate(doc, update);
      }
      return elementsMap(doc).get('k') === 'v';
    }, 'k in step 2');
  });
});

describe('observers', () => {
  it("an observer's raw writes change nothing, are counted, and its awareness still flows", async () => {
    const participant = open('obs');
    await synced(participant);
    const obs = raw('obs', 'observer');
    await obs.opened;
    obs.send(syncMessage(SyncStep.update, realUpdate('evil', 1)));
    obs.send(syncMessage(SyncStep.step2, realUpdate('evil2', 2)));
    const awareness = new (await import('y-protocols/awareness')).Awareness(new Y.Doc());
    awareness.setLocalState({ user: 'watcher' });
    const { encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [awareness.clientID]));
    obs.send(encoding.toUint8Array(e));
    awareness.destroy();

    await waitFor(
      () => participant.awareness.getStates().size === 2,
      'observer awareness reaches participant',
    );
    expect(await counter(h.metrics.droppedWrites, { reason: 'observer' })).toBe(2);
    expect(elementsMap(participant.doc).size).toBe(0);
    const stored = await h.storage.loadDoc('obs');
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(elementsMap(doc).size).toBe(0);
    expect(obs.closeCode).toBeNull();
  });

  it('an observer provider syncs the board but its local edits never reach anyone', async () => {
    const writer = open('obs2', 'facilitator');
    await synced(writer);
    elementsMap(writer.doc).set('a', 1);
    const watcher = open('obs2', 'observer');
    await synced(watcher);
    await waitFor(() => elementsMap(watcher.doc).get('a') === 1, 'observer receives');
    elementsMap(watcher.doc).set('b', 2);
    await waitFor(async () => (await counter(h.metrics.droppedWrites, { reason: 'observer' })) >= 1, 'drop');
    const late = open('obs2');
    await synced(late);
    expect(elementsMap(late.doc).toJSON()).toEqual({ a: 1 });
  });
});

describe('snapshots and restore', () => {
  it('restores a snapshot as a new change a connected client receives, after a restore point', async () => {
    const p = open('restore', 'facilitator');
    await synced(p);
    elementsMap(p.doc).set('keep', 'old');
    elementsMap(p.doc).set('gone', 1);
    await waitFor(() => h.relay.stats().rooms === 1, 'room');
    // The snapshot must see both writes: wait until they are acknowledged through a second client.
    const q = open('restore');
    await synced(q);
    await waitFor(() => elementsMap(q.doc).size === 2, 'second client');
    const snap = await h.relay.snapshot('restore', 'before', 'manual', 'facilitator');
    expect(snap).toMatchObject({ boardId: 'restore', name: 'before', kind: 'manual' });

    elementsMap(p.doc).set('keep', 'new');
    elementsMap(p.doc).delete('gone');
    elementsMap(p.doc).set('added', true);
    await waitFor(() => elementsMap(q.doc).get('added') === true && !elementsMap(q.doc).has('gone'), 'edits');

    const { restorePoint } = await h.relay.restore('restore', snap.id, 'facilitator');
    expect(restorePoint.kind).toBe('restore-point');
    await waitFor(
      () => JSON.stringify(elementsMap(q.doc).toJSON()) === JSON.stringify({ keep: 'old', gone: 1 }),
      'restored state on a connected client',
    );
    expect(elementsMap(p.doc).toJSON()).toEqual({ keep: 'old', gone: 1 });
    const list = await h.storage.listSnapshots('restore');
    expect(list.map((s) => s.kind).sort()).toEqual(['manual', 'restore-point']);
  });
});
