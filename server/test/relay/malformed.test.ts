/**
 * Each malformed input closes only the offending socket, with its named code; the process stays
 * up and a healthy client keeps syncing everything.
 */
import { CloseCode, elementsMap, MessageType, SyncStep } from '@truenorth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
} from './harness.js';

const MAX_MESSAGE = 64 * 1024;

/** Deterministic bytes (mulberry32) so a failure reproduces. */
function seededBytes(seed: number, length: number): Uint8Array {
  let a = seed;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const cases: { name: string; payload: () => Uint8Array | string; codes: number[] }[] = [
  { name: 'a text frame', payload: () => 'hello', codes: [CloseCode.unsupportedData] },
  { name: 'an empty binary frame', payload: () => new Uint8Array(0), codes: [CloseCode.badMessage] },
  { name: 'a truncated varint', payload: () => new Uint8Array([0x80]), codes: [CloseCode.badMessage] },
  {
    name: 'a varint past 53 bits',
    payload: () => new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
    codes: [CloseCode.badMessage, CloseCode.unknownMessage],
  },
  {
    name: 'an absurd length prefix',
    payload: () => new Uint8Array([MessageType.sync, SyncStep.update, 0xff, 0xff, 0xff, 0x7f, 1, 2]),
    codes: [CloseCode.badMessage],
  },
  {
    name: 'an unknown message type',
    payload: () => new Uint8Array([42, 0]),
    codes: [CloseCode.unknownMessage],
  },
  {
    name: 'an unknown sync step',
    payload: () => new Uint8Array([MessageType.sync, 9, 0]),
    codes: [CloseCode.badMessage],
  },
  {
    name: 'an update that is not a Yjs update',
    payload: () => syncMessage(SyncStep.update, new Uint8Array([5, 200, 1, 2, 3, 4, 9, 9, 9])),
    codes: [CloseCode.badMessage],
  },
  {
    name: 'a sync step 2 that is not a Yjs update',
    payload: () => syncMessage(SyncStep.step2, seededBytes(7, 40)),
    codes: [CloseCode.badMessage],
  },
  {
    // Yjs reads all structs before integrating, so this one applies its structs and then fails:
    // the sender is closed and what was applied is an ordinary, consistent change.
    name: 'valid structs followed by a broken delete set',
    payload: () => {
      const doc = new Y.Doc();
      doc.getMap('scratch').set('partial', 1);
      const update = Y.encodeStateAsUpdate(doc);
      // The empty delete set is the last byte (0 clients): claim one client and end there.
      return syncMessage(SyncStep.update, new Uint8Array([...update.subarray(0, -1), 1]));
    },
    codes: [CloseCode.badMessage],
  },
  {
    name: 'awareness with a state that is not JSON',
    payload: () => new Uint8Array([MessageType.awareness, 6, 1, 1, 1, 2, 123, 120]),
    codes: [CloseCode.badMessage],
  },
  {
    name: 'trailing bytes after a message',
    payload: () => new Uint8Array([MessageType.queryAwareness, 0, 0]),
    codes: [CloseCode.badMessage],
  },
  {
    name: 'an oversized message',
    payload: () => syncMessage(SyncStep.update, new Uint8Array(MAX_MESSAGE + 10)),
    codes: [CloseCode.messageTooBig],
  },
  ...[1, 2, 3, 4, 5].map((seed) => ({
    name: `random bytes (seed ${seed})`,
    payload: () => seededBytes(seed, 64),
    codes: [CloseCode.badMessage, CloseCode.unknownMessage],
  })),
];

describe('malformed input', () => {
  let h: Harness;
  let healthy: WebsocketProvider;

  beforeAll(async () => {
    h = await startRelay({ limits: { maxMessageBytes: MAX_MESSAGE } });
    healthy = provider(h, 'board');
    await synced(healthy);
  });

  afterAll(async () => {
    healthy.destroy();
    await h.close();
  });

  for (const [i, c] of cases.entries()) {
    it(`${c.name} closes only that socket`, async () => {
      const bad = new RawClient(h, 'board');
      await bad.opened;
      bad.send(c.payload());
      const code = await bad.closed;
      expect(c.codes).toContain(code);

      elementsMap(healthy.doc).set(`after-${i}`, i);
      const late = provider(h, 'board');
      await synced(late);
      await waitFor(() => elementsMap(late.doc).get(`after-${i}`) === i, 'healthy client still syncs');
      expect(elementsMap(late.doc).size).toBe(i + 1);
      expect(healthy.wsconnected).toBe(true);
      late.destroy();
    });
  }

  it('counted every close by its code name', async () => {
    expect(await counter(h.metrics.closes, { code: 'unsupportedData' })).toBe(1);
    expect(await counter(h.metrics.closes, { code: 'messageTooBig' })).toBe(1);
    expect(await counter(h.metrics.closes, { code: 'badMessage' })).toBeGreaterThanOrEqual(7);
  });
});
