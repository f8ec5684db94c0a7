import { MessageType, SyncStep } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  decodeClientMessage,
  decodeStored,
  encodeStored,
  encodeSyncStep1,
} from '../../src/relay/messages.js';
import { realUpdate, syncMessage } from './harness.js';

describe('messages', () => {
  it('decodes an update, keeping its payload for the room to apply', () => {
    const update = realUpdate('k', 1, 31);
    const result = decodeClientMessage(syncMessage(SyncStep.update, update));
    expect(result).toMatchObject({ ok: true, message: { kind: 'update', empty: false, update } });
  });

  it('marks an empty sync step 2 as empty', () => {
    const result = decodeClientMessage(syncMessage(SyncStep.step2, Y.encodeStateAsUpdate(new Y.Doc())));
    expect(result).toMatchObject({ ok: true, message: { kind: 'syncStep2', empty: true } });
  });

  it('decodes the sync step 1 it encodes', () => {
    const sv = Y.encodeStateVector(new Y.Doc());
    expect(decodeClientMessage(encodeSyncStep1(sv))).toMatchObject({
      ok: true,
      message: { kind: 'syncStep1' },
    });
  });

  it('a client stored message asks for acks', () => {
    expect(decodeClientMessage(new Uint8Array([MessageType.stored, 0]))).toEqual({
      ok: true,
      message: { kind: 'wantsAcks' },
    });
  });

  it('round-trips stored acks and rejects truncated ones', () => {
    const acks = new Map([
      [1, 10],
      [2 ** 32, 7],
    ]);
    const bytes = encodeStored(acks);
    expect(decodeStored(bytes)).toEqual(acks);
    expect(decodeStored(bytes.subarray(0, bytes.length - 1))).toBeNull();
  });

  it('never throws, whatever the bytes', () => {
    for (let n = 0; n < 2000; n++) {
      const bytes = Uint8Array.from({ length: (n % 40) + 1 }, (_, i) => (n * 31 + i * 17) & 0xff);
      bytes[0] = n % 4;
      expect(() => decodeClientMessage(bytes)).not.toThrow();
    }
  });
});
