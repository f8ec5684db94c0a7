/** Each limit closes only the offending socket with its named code, and is counted. */
import { CloseCode, elementsMap, MessageType, SyncStep } from '@truenorth/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { resolveLimits } from '../../src/relay/limits.js';
import {
  counter,
  type Harness,
  provider,
  RawClient,
  realUpdate,
  startRelay,
  synced,
  syncMessage,
  waitFor,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('limits', () => {
  it('rejects impossible settings by name', () => {
    expect(() => resolveLimits({ unloadAfterMs: 60_000 })).toThrow(/unloadAfterMs/);
    expect(() => resolveLimits({ maxMessageBytes: 0 })).toThrow(/maxMessageBytes/);
    expect(() => resolveLimits({ messageBurst: 1.5 })).toThrow(/messageBurst/);
  });

  it('a connection sending faster than its rate is closed with rateLimited', async () => {
    h = await startRelay({ limits: { messagesPerSecond: 1, messageBurst: 5 } });
    const flood = new RawClient(h, 'rate');
    const calm = new RawClient(h, 'rate');
    await Promise.all([flood.opened, calm.opened]);
    for (let i = 0; i < 20; i++) flood.send(new Uint8Array([MessageType.queryAwareness]));
    expect(await flood.closed).toBe(CloseCode.rateLimited);
    expect(calm.closeCode).toBeNull();
    expect(await counter(h.metrics.closes, { code: 'rateLimited' })).toBe(1);
    calm.ws.terminate();
  });

  it('a full room refuses the next client with roomFull', async () => {
    h = await startRelay({ limits: { maxClientsPerRoom: 2 } });
    const one = new RawClient(h, 'full');
    const two = new RawClient(h, 'full');
    await Promise.all([one.opened, two.opened]);
    await waitFor(() => h!.relay.roomSize('full') === 2, 'two joined');
    const three = new RawClient(h, 'full');
    expect(await three.closed).toBe(CloseCode.roomFull);
    expect(h.relay.roomSize('full')).toBe(2);
    one.ws.terminate();
    two.ws.terminate();
  });

  it('an update that would grow the document past the maximum is refused with docTooLarge', async () => {
    h = await startRelay({ limits: { maxDocBytes: 10_000 } });
    const writer = new RawClient(h, 'big');
    await writer.opened;
    writer.send(syncMessage(SyncStep.update, realUpdate('huge', 'x'.repeat(20_000))));
    expect(await writer.closed).toBe(CloseCode.docTooLarge);
    const reader = provider(h, 'big');
    await synced(reader);
    expect(elementsMap(reader.doc).has('huge')).toBe(false);
    reader.destroy();
  });

  it('a board at the maximum can still be cleared: an update that only deletes is taken', async () => {
    const max = 10_000;
    h = await startRelay({ limits: { maxDocBytes: max } });
    const writer = new RawClient(h, 'full-board');
    const reader = provider(h, 'full-board');
    await Promise.all([writer.opened, synced(reader)]);
    // Thirty people's cards, then one card that fills the board to 3 bytes under the maximum.
    const everyone = new Y.Doc();
    const write = async (key: string, value: string, clientID: number) => {
      const update = realUpdate(key, value, clientID);
      Y.applyUpdate(everyone, update);
      writer.send(syncMessage(SyncStep.update, update));
      await waitFor(() => elementsMap(reader.doc).get(key) === value, `${key} arrived`);
    };
    for (let i = 1; i <= 30; i++) await write(`card${i}`, 'c'.repeat(100), 1000 + i);
    const boardWith = (length: number) => {
      const probe = new Y.Doc();
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(reader.doc));
      Y.applyUpdate(probe, realUpdate('filler', 'x'.repeat(length), 999));
      return Y.encodeStateAsUpdate(probe).byteLength;
    };
    let length = max;
    while (boardWith(length) !== max - 3) length -= boardWith(length) - (max - 3);
    await write('filler', 'x'.repeat(length), 999);

    // Anything more is refused …
    const more = new RawClient(h, 'full-board');
    await more.opened;
    more.send(syncMessage(SyncStep.update, realUpdate('more', 'y')));
    expect(await more.closed).toBe(CloseCode.docTooLarge);
    // … but clearing the board is not, although its update alone is bigger than what is left.
    const updates: Uint8Array[] = [];
    everyone.on('update', (u: Uint8Array) => updates.push(u));
    everyone.transact(() => {
      for (const key of [...elementsMap(everyone).keys()]) elementsMap(everyone).delete(key);
    });
    expect(updates[0]!.byteLength).toBeGreaterThan(30);
    writer.send(syncMessage(SyncStep.update, updates[0]!));
    await waitFor(() => elementsMap(reader.doc).size === 0, 'the board was cleared for everyone');
    expect(writer.closeCode).toBeNull();
    reader.destroy();
    writer.ws.terminate();
  });

  it('what Yjs holds back (items whose dependencies never came) counts toward the maximum', async () => {
    h = await startRelay({ limits: { maxDocBytes: 100_000 } });
    const forger = new RawClient(h, 'pending');
    await forger.opened;
    // Items that build on one the relay never gets: held back, never part of the board.
    const source = new Y.Doc();
    elementsMap(source).set('never-sent', 'a');
    const send = (key: string) => {
      const before = Y.encodeStateVector(source);
      elementsMap(source).set(key, 'z'.repeat(40_000));
      forger.send(syncMessage(SyncStep.update, Y.encodeStateAsUpdate(source, before)));
    };
    send('one');
    send('two');
    send('three');
    expect(await forger.closed).toBe(CloseCode.docTooLarge);
    // An honest writer still writes a small card; the board never held the forged ones.
    const reader = provider(h, 'pending');
    await synced(reader);
    elementsMap(reader.doc).set('honest', 'hello');
    const check = provider(h, 'pending');
    await synced(check);
    await waitFor(() => elementsMap(check.doc).get('honest') === 'hello', 'the honest card arrived');
    expect(elementsMap(check.doc).has('one')).toBe(false);
    reader.destroy();
    check.destroy();
  });

  it('past the maximum, deleting what the board does not have is no way around it', async () => {
    h = await startRelay({ limits: { maxDocBytes: 10_000 } });
    const writer = new RawClient(h, 'unknown-deletes');
    await writer.opened;
    writer.send(syncMessage(SyncStep.update, realUpdate('card', 'x'.repeat(9_000))));
    const reader = provider(h, 'unknown-deletes');
    await synced(reader);
    await waitFor(() => elementsMap(reader.doc).has('card'), 'the card arrived');
    // A delete set for 2,000 ranges of clients the board has never seen: only deletes, but of
    // nothing here (Yjs would hold it back, and send it on to every fresh join).
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0); // no new items
    encoding.writeVarUint(e, 2_000); // clients in the delete set
    for (let client = 1; client <= 2_000; client++) {
      encoding.writeVarUint(e, 900_000 + client);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 1);
    }
    writer.send(syncMessage(SyncStep.update, encoding.toUint8Array(e)));
    expect(await writer.closed).toBe(CloseCode.docTooLarge);
    reader.destroy();
  });

  it('the maximum counts the board, not its log: a card rewritten many times still fits', async () => {
    h = await startRelay({ limits: { maxDocBytes: 10_000 } });
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => updates.push(u));
    const writer = new RawClient(h, 'rewrites');
    const reader = provider(h, 'rewrites');
    await Promise.all([writer.opened, synced(reader)]);
    // Each rewrite replaces the card's 3,000 characters: the log grows by 3 KB a time, the board
    // stays about 3 KB.
    for (let i = 0; i < 6; i++) {
      elementsMap(local).set('card', String(i).repeat(3000));
      writer.send(syncMessage(SyncStep.update, updates[i]!));
      await waitFor(() => elementsMap(reader.doc).get('card') === String(i).repeat(3000), `rewrite ${i}`);
    }
    expect(writer.closeCode).toBeNull();
    reader.destroy();
    writer.ws.terminate();
  });

  it('a frame over the transport maxPayload is closed with 1009 and counted', async () => {
    h = await startRelay({ maxPayload: 1000 });
    const c = new RawClient(h, 'payload');
    await c.opened;
    c.send(syncMessage(SyncStep.update, new Uint8Array(2000)));
    expect(await c.closed).toBe(CloseCode.messageTooBig);
    await waitFor(async () => (await counter(h!.metrics.closes, { code: 'messageTooBig' })) === 1, 'counted');
  });

  it('a reader that stops reading is closed with slowConsumer instead of buffering forever', async () => {
    h = await startRelay({ limits: { maxBufferedBytes: 256 * 1024, maxMessageBytes: 2 * 1024 * 1024 } });
    const slow = new RawClient(h, 'slow');
    await slow.opened;
    await waitFor(() => h!.relay.roomSize('slow') === 1, 'joined');
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = new RawClient(h, 'slow');
    await writer.opened;
    const doc = new Y.Doc();
    const chunk = 'y'.repeat(1024 * 1024);
    for (let i = 0; i < 40 && h.relay.roomSize('slow') > 1; i++) {
      const before = Y.encodeStateVector(doc);
      elementsMap(doc).set(`k${i}`, chunk);
      writer.send(syncMessage(SyncStep.update, Y.encodeStateAsUpdate(doc, before)));
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(
      async () => (await counter(h!.metrics.closes, { code: 'slowConsumer' })) === 1,
      'slow reader closed',
    );
    expect(writer.closeCode).toBeNull();
    writer.ws.terminate();
    slow.ws.terminate();
  });

  it('disconnect cuts off one role at once (token rotation) and leaves the others', async () => {
    h = await startRelay();
    const observer = new RawClient(h, 'rotate', 'observer');
    const participant = new RawClient(h, 'rotate', 'participant');
    await Promise.all([observer.opened, participant.opened]);
    await waitFor(() => h!.relay.roomSize('rotate') === 2, 'joined');
    expect(h.relay.disconnect('rotate', 'observer', CloseCode.unauthorized)).toBe(1);
    expect(await observer.closed).toBe(CloseCode.unauthorized);
    expect(h.relay.roomSize('rotate')).toBe(1);
    expect(participant.closeCode).toBeNull();
    participant.ws.terminate();
  });
});
