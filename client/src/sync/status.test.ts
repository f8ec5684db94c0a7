import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { computeStatus, readStored } from './status';

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
  const base = { connected: true, synced: true, localClock: 5, ackedClock: 5 };
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
  it('is syncing while our latest change is not stored', () => {
    expect(computeStatus({ ...base, ackedClock: 4 })).toBe('syncing');
  });
  it('is saved when the ack covers our clock, including a fresh client with no changes', () => {
    expect(computeStatus(base)).toBe('saved');
    expect(computeStatus({ ...base, localClock: 0, ackedClock: 0 })).toBe('saved');
  });
});
