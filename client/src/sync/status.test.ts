import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { computeStatus, readServerState, readStored, ServerCopy } from './status';

function payload(pairs: [number, number][], count = pairs.length): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, count);
  for (const [c, k] of pairs) {
    encoding.writeVarUint(e, c);
    encoding.writeVarUint(e, k);
  }
  return encoding.toUint8Array(e);
}

describe('readStored', () => {
  it('reads client/clock pairs', () => {
    const m = readStored(
      decoding.createDecoder(
        payload([
          [12345678, 40],
          [7, 3],
        ]),
      ),
    );
    expect(m).toEqual(
      new Map([
        [12345678, 40],
        [7, 3],
      ]),
    );
  });
  it('keeps the highest clock of a repeated client', () => {
    expect(
      readStored(
        decoding.createDecoder(
          payload([
            [1, 9],
            [1, 4],
          ]),
        ),
      )?.get(1),
    ).toBe(9);
  });
  it('returns null on a truncated payload', () => {
    expect(readStored(decoding.createDecoder(payload([[1, 2]], 3)))).toBeNull();
    expect(readStored(decoding.createDecoder(new Uint8Array([])))).toBeNull();
  });
  it('refuses an absurd count', () => {
    expect(readStored(decoding.createDecoder(payload([], 10_000_000)))).toBeNull();
  });
});

describe('computeStatus', () => {
  const base = { connected: true, synced: true, loaded: true, stored: true };
  it('is offline when disconnected, whatever was acked', () => {
    expect(computeStatus({ ...base, connected: false })).toBe('offline');
  });
  it('is offline as soon as the browser has no network, though the socket still looks open', () => {
    expect(computeStatus({ ...base, online: false })).toBe('offline');
    expect(computeStatus({ ...base, online: true })).toBe('saved');
  });
  it('is syncing until the first sync completes', () => {
    expect(computeStatus({ ...base, synced: false })).toBe('syncing');
  });
  it('is syncing while a change of ours is not stored', () => {
    expect(computeStatus({ ...base, stored: false })).toBe('syncing');
  });
  it('is syncing until the browser’s copy is read: it may hold changes the server lacks', () => {
    expect(computeStatus({ ...base, loaded: false })).toBe('syncing');
  });
  it('is saved when everything of ours is stored', () => {
    expect(computeStatus(base)).toBe('saved');
  });
});

describe('readServerState', () => {
  it('reads the state vector of a sync step 1, and nothing else', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 1);
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(doc));
    const decoder = decoding.createDecoder(encoding.toUint8Array(step1));
    expect(readServerState(decoder)).toEqual(new Map([[doc.clientID, 1]]));
    // Peeked, not read: the sync handler reads the message after it.
    expect(decoder.pos).toBe(0);
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, 1);
    encoding.writeVarUint8Array(step2, Y.encodeStateAsUpdate(doc));
    expect(readServerState(decoding.createDecoder(encoding.toUint8Array(step2)))).toBeNull();
    expect(readServerState(decoding.createDecoder(new Uint8Array([0, 5, 1])))).toBeNull();
  });
});

describe('ServerCopy', () => {
  /** A note written into `doc` by its own client. */
  const write = (doc: Y.Doc, text: string) => doc.getMap('elements').set(text, text);
  const stateOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

  it('covers what this page wrote once the server acknowledged it', () => {
    const doc = new Y.Doc();
    const copy = new ServerCopy(doc);
    expect(copy.covers()).toBe(true);
    write(doc, 'a');
    expect(copy.covers()).toBe(false);
    copy.heard(stateOf(doc));
    expect(copy.covers()).toBe(true);
  });

  it('does not cover what a page before a reload wrote offline until the server has it', () => {
    // The page before the reload wrote a note offline; its copy holds it under its own client.
    const server = new Y.Doc();
    write(server, 'older');
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(server));
    write(before, 'on the train');
    // The reloaded page has a new client id and wrote nothing itself yet.
    const after = new Y.Doc();
    const copy = new ServerCopy(after);
    const loaded = new Y.Doc();
    after.on('afterTransaction', (tx: Y.Transaction) => {
      if (tx.origin === loaded) copy.loaded(tx);
    });
    Y.applyUpdate(after, Y.encodeStateAsUpdate(before), loaded);
    // The server's state at the sync has the older note, not the one from the train.
    copy.heard(stateOf(server));
    expect(copy.covers()).toBe(false);
    // Stored and acknowledged: the server names the old page's client.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(after, Y.encodeStateVector(server)));
    copy.heard(new Map([[before.clientID, Y.getState(server.store, before.clientID)]]));
    expect(copy.covers()).toBe(true);
  });

  it('does not wait for others’ changes it received from the server', () => {
    const server = new Y.Doc();
    write(server, 'theirs');
    const doc = new Y.Doc();
    const copy = new ServerCopy(doc);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), 'provider');
    expect(copy.covers()).toBe(true);
  });

  it('never goes back: an older acknowledgement does not undo a newer one', () => {
    const doc = new Y.Doc();
    const copy = new ServerCopy(doc);
    write(doc, 'a');
    write(doc, 'b');
    copy.heard(stateOf(doc));
    copy.heard(new Map([[doc.clientID, 1]]));
    expect(copy.covers()).toBe(true);
  });
});
