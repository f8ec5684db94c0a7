/**
 * The wire messages, decoded and encoded. Decoding never throws: every lib0 read runs inside
 * try/catch and the result is either a typed message or the close code for the sender.
 *
 * A sync update's payload is not decoded here: the room applies it, and Yjs reads every struct
 * of it before integrating any, so a payload that is not a Yjs update throws there and closes the
 * sender without touching the document. (Decoding it here first would read each update twice on
 * the hottest path.) The one partial case — valid structs followed by a broken delete set — leaves
 * a consistent change in the document, which is stored and broadcast like any other.
 */
import { type CloseCodeName, MessageType, SyncStep } from '@truenorth/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  /** The state as sent (JSON text); `null` state means "this client left". */
  json: string;
}

export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | {
      kind: 'syncStep2' | 'update';
      update: Uint8Array;
      /** No structs and no deletions: nothing to apply or store. */
      empty: boolean;
    }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' }
  /** The client reads `stored` acknowledgements (it sends one `stored` message, any content). */
  | { kind: 'wantsAcks' }
  /** A workshop control message: JSON text, parsed by the workshop hub. */
  | { kind: 'control'; text: string };

export type DecodeResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: CloseCodeName; reason: string };

class BadMessage extends Error {
  constructor(
    readonly code: CloseCodeName,
    message: string,
  ) {
    super(message);
  }
}

/** The empty update (no structs, empty delete set): what a peer that has nothing new sends. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

function decodeSync(d: decoding.Decoder): ClientMessage {
  const step = decoding.readVarUint(d);
  const payload = decoding.readVarUint8Array(d);
  switch (step) {
    case SyncStep.step1:
      Y.decodeStateVector(payload);
      return { kind: 'syncStep1', stateVector: payload };
    case SyncStep.step2:
    case SyncStep.update:
      return {
        kind: step === SyncStep.step2 ? 'syncStep2' : 'update',
        update: payload,
        empty: isEmptyUpdate(payload),
      };
    default:
      throw new BadMessage('badMessage', `unknown sync step ${step}`);
  }
}

function decodeAwareness(d: decoding.Decoder): ClientMessage {
  const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
  const count = decoding.readVarUint(inner);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(inner);
    const clock = decoding.readVarUint(inner);
    const json = decoding.readVarString(inner);
    JSON.parse(json);
    entries.push({ clientID, clock, json });
  }
  if (decoding.hasContent(inner)) throw new BadMessage('badMessage', 'trailing bytes in awareness update');
  return { kind: 'awareness', entries };
}

function decodeStoredHello(d: decoding.Decoder): ClientMessage {
  const count = decoding.readVarUint(d);
  for (let i = 0; i < count * 2; i++) decoding.readVarUint(d);
  return { kind: 'wantsAcks' };
}

/** Decode one binary message from a client. */
export function decodeClientMessage(data: Uint8Array): DecodeResult {
  try {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    let message: ClientMessage;
    switch (type) {
      case MessageType.sync:
        message = decodeSync(d);
        break;
      case MessageType.awareness:
        message = decodeAwareness(d);
        break;
      case MessageType.queryAwareness:
        message = { kind: 'queryAwareness' };
        break;
      case MessageType.stored:
        message = decodeStoredHello(d);
        break;
      case MessageType.control:
        message = { kind: 'control', text: decoding.readVarString(d) };
        break;
      default:
        return { ok: false, code: 'unknownMessage', reason: `unknown message type ${type}` };
    }
    if (decoding.hasContent(d)) return { ok: false, code: 'badMessage', reason: 'trailing bytes' };
    return { ok: true, message };
  } catch (err) {
    if (err instanceof BadMessage) return { ok: false, code: err.code, reason: err.message };
    return { ok: false, code: 'badMessage', reason: err instanceof Error ? err.message : 'undecodable' };
  }
}

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncStep.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncStep.step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncStep.update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An awareness message around an update from y-protocols' `encodeAwarenessUpdate`. */
export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
}

/** The inner awareness update for `entries` (the format `applyAwarenessUpdate` reads). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientID);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.json);
    }
  });
}

/** `stored`: these clients' updates below these clocks are durable. */
export function encodeStored(clocks: ReadonlyMap<number, number>): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.stored);
    encoding.writeVarUint(e, clocks.size);
    for (const [client, clock] of clocks) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
    }
  });
}

/** Read a `stored` message (for clients and tests); null when malformed. */
export function decodeStored(data: Uint8Array): Map<number, number> | null {
  try {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== MessageType.stored) return null;
    const count = decoding.readVarUint(d);
    const out = new Map<number, number>();
    for (let i = 0; i < count; i++) out.set(decoding.readVarUint(d), decoding.readVarUint(d));
    return decoding.hasContent(d) ? null : out;
  } catch {
    return null;
  }
}
