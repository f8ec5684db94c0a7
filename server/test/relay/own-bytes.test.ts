/**
 * The relay stores and sends on a client's incremental update as the bytes it came in (room.ts
 * `applyOwnBytes`) instead of the update Yjs would encode again from the transaction. These are
 * the cases where the two could differ: items Yjs holds back, and an update Yjs takes in only
 * part of before it throws.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloseCode, elementsMap, SyncStep } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../src/storage/sqlite.js';
import { slowStorage } from '../fixtures/slow-storage.js';
import {
  type Harness,
  RawClient,
  realUpdate,
  startRelay,
  syncMessage,
  syncPayload,
  waitFor,
} from './harness.js';

let h: Harness | undefined;
const raws: RawClient[] = [];

afterEach(async () => {
  for (const c of raws.splice(0)) c.ws.terminate();
  await h?.close();
  h = undefined;
});

function raw(boardId: string): RawClient {
  const c = new RawClient(h!, boardId);
  raws.push(c);
  return c;
}

/** The payloads of the sync updates (step `update`) a raw client received. */
function updatesReceived(c: RawClient): Uint8Array[] {
  return c.received.flatMap((m) => {
    const payload = syncPayload(m, SyncStep.update);
    return payload ? [payload] : [];
  });
}

function docOf(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/** The board as storage holds it, read into a fresh doc (what a restart would load). */
async function storedBoard(boardId: string): Promise<Y.Doc> {
  const stored = await h!.storage.loadDoc(boardId);
  return docOf(stored.state ? [stored.state, ...stored.updates] : stored.updates);
}

/** A relay, and a writer and a reader on `boardId`, both open. */
async function writerAndReader(boardId: string): Promise<{ writer: RawClient; reader: RawClient }> {
  h = await startRelay();
  const writer = raw(boardId);
  const reader = raw(boardId);
  await Promise.all([writer.opened, reader.opened]);
  return { writer, reader };
}

/** Two cards written one after the other by one client, and each write's own update. */
function twoWrites(): { first: Uint8Array; second: Uint8Array } {
  const source = new Y.Doc();
  source.clientID = 777;
  elementsMap(source).set('first', 'one');
  const afterFirst = Y.encodeStateVector(source);
  const first = Y.encodeStateAsUpdate(source);
  elementsMap(source).set('second', 'two');
  return { first, second: Y.encodeStateAsUpdate(source, afterFirst) };
}

describe("a client's own update bytes", () => {
  it('reach the other clients and storage exactly as the client sent them', async () => {
    const { writer, reader } = await writerAndReader('own');
    const update = realUpdate('card', { text: 'hello' });
    writer.send(syncMessage(SyncStep.update, update));
    await waitFor(() => updatesReceived(reader).length > 0, 'the reader got the update');
    expect(Buffer.from(updatesReceived(reader)[0]!)).toEqual(Buffer.from(update));
    const stored = await h!.storage.loadDoc('own');
    expect(stored.updates.some((u) => Buffer.from(u).equals(Buffer.from(update)))).toBe(true);
    // Not back to its writer (it may get the board's own first changes, made as it loaded).
    for (const u of updatesReceived(writer)) expect(Buffer.from(u).equals(Buffer.from(update))).toBe(false);
  });

  it('a write that changes nothing is neither stored again nor sent on', async () => {
    const { writer, reader } = await writerAndReader('again');
    const update = realUpdate('card', 'once');
    writer.send(syncMessage(SyncStep.update, update));
    await waitFor(() => updatesReceived(reader).length === 1, 'the first write arrived');
    const before = (await h!.storage.loadDoc('again')).updates.length;
    writer.send(syncMessage(SyncStep.update, update));
    writer.send(syncMessage(SyncStep.update, realUpdate('other', 'next', 4343)));
    await waitFor(() => updatesReceived(reader).length === 2, 'the next write arrived');
    expect(Y.decodeUpdate(updatesReceived(reader)[1]!).structs).toHaveLength(1);
    expect((await h!.storage.loadDoc('again')).updates.length).toBe(before + 1);
  });

  it('items held back for a missing one are stored and sent on at once; the board converges when it comes', async () => {
    const { writer, reader } = await writerAndReader('held');
    const { first, second } = twoWrites();
    writer.send(syncMessage(SyncStep.update, second));
    await waitFor(() => updatesReceived(reader).length === 1, 'the held-back write was sent on');
    writer.send(syncMessage(SyncStep.update, first));
    await waitFor(() => updatesReceived(reader).length === 2, 'the missing write was sent on');
    expect(elementsMap(docOf(updatesReceived(reader))).toJSON()).toEqual({ first: 'one', second: 'two' });
    expect(elementsMap(await storedBoard('held')).toJSON()).toMatchObject({ first: 'one', second: 'two' });
  });

  it('items held back from a sync reply are stored with the write that completes them', async () => {
    const { writer, reader } = await writerAndReader('reply');
    const { first, second } = twoWrites();
    // Held back from a sync step 2 (the relay passes those on as Yjs encodes them: nothing yet).
    writer.send(syncMessage(SyncStep.step2, second));
    await new Promise((r) => setTimeout(r, 100));
    // This write's own bytes do not hold `second`: what the relay stores and sends must.
    writer.send(syncMessage(SyncStep.update, first));
    await waitFor(() => updatesReceived(reader).length > 0, 'the completing write was sent on');
    expect(elementsMap(docOf(updatesReceived(reader))).toJSON()).toEqual({ first: 'one', second: 'two' });
    expect(elementsMap(await storedBoard('reply')).toJSON()).toMatchObject({ first: 'one', second: 'two' });
  });

  it('changes an observer makes while a write is applied are stored and reach everyone, the writer too', async () => {
    const { writer, reader } = await writerAndReader('observed');
    // A server-side observer answering a write with a change of its own (a further transaction).
    await h!.relay.withDoc('observed', (doc) => {
      const elements = elementsMap(doc);
      elements.observe((event) => {
        if (event.keysChanged.has('ping') && !elements.has('pong')) elements.set('pong', 'answered');
      });
    });
    writer.send(syncMessage(SyncStep.update, realUpdate('ping', 1)));
    // The keys the updates a client received set (they build on the board's first changes, which
    // a raw client that never asked for the board does not have).
    const has = (c: RawClient, key: string) =>
      updatesReceived(c).some((u) =>
        Y.decodeUpdate(u).structs.some((s) => s instanceof Y.Item && s.parentSub === key),
      );
    await waitFor(
      () => has(reader, 'pong') && has(reader, 'ping'),
      'the reader got the write and the answer',
    );
    await waitFor(() => has(writer, 'pong'), 'the writer got the answer');
    expect(elementsMap(await storedBoard('observed')).toJSON()).toMatchObject({ ping: 1, pong: 'answered' });
  });

  it('written while the disk is busy, own bytes stored with other writes hold only what the board took in', async () => {
    // A slow append keeps the room storing while the next writes arrive: they queue and are stored
    // together, as one merged update.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-own-'));
    h = await startRelay({ dir, storage: slowStorage(openSqliteStorage(dir), { appendMs: 100 }) });
    const writer = raw('busy');
    await writer.opened;
    // One client's two writes, sent as one update with a section for each: applying it keeps only
    // the last section (Yjs reads one per client), which waits for the first; merging keeps both.
    const { first, second } = twoWrites();
    const sections = (u: Uint8Array) => u.subarray(1, u.byteLength - 1); // without count and empty delete set
    const twoSections = new Uint8Array([2, ...sections(first), ...sections(second), 0]);
    writer.send(syncMessage(SyncStep.update, realUpdate('before', 1, 4343)));
    writer.send(syncMessage(SyncStep.update, twoSections));
    writer.send(syncMessage(SyncStep.update, realUpdate('after', 2, 4444)));
    const live = () => h!.relay.withDoc('busy', (doc) => elementsMap(doc).toJSON());
    await waitFor(async () => 'after' in (await live()), 'the last write applied');
    expect(await live()).not.toHaveProperty('second');
    // What a restart would load is what the board holds.
    await waitFor(async () => 'after' in elementsMap(await storedBoard('busy')).toJSON(), 'stored');
    expect(elementsMap(await storedBoard('busy')).toJSON()).toEqual(await live());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an update Yjs takes in only in part (a broken delete set after its items) stores what the board took, never the bytes', async () => {
    const { writer, reader } = await writerAndReader('broken');
    const whole = realUpdate('card', 'kept');
    // `realUpdate` ends with an empty delete set (a single 0): claim one client and stop there.
    expect(whole[whole.byteLength - 1]).toBe(0);
    const broken = new Uint8Array(whole.byteLength);
    broken.set(whole.subarray(0, whole.byteLength - 1));
    broken[whole.byteLength - 1] = 1;
    writer.send(syncMessage(SyncStep.update, broken));
    expect(await writer.closed).toBe(CloseCode.badMessage);
    await waitFor(() => updatesReceived(reader).length > 0, 'what the board took was sent on');
    for (const u of updatesReceived(reader)) expect(Buffer.from(u).equals(Buffer.from(broken))).toBe(false);
    const board = await storedBoard('broken'); // would throw on the broken bytes
    expect(elementsMap(board).get('card')).toBe('kept');
  });
});
