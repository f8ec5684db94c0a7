/**
 * Broadcast without per-client framing. `ws.send` frames every message per socket (a header
 * buffer, an options object, cork + two writes + uncork → writev); a broadcast of one update to
 * N clients does that N times. Here the frame is built once (RFC 6455 §5.2: FIN + binary opcode,
 * unmasked as a server sends it) and the same bytes go to each client's TCP socket in one write.
 *
 * Writing under `ws` is only safe when `ws` itself has nothing queued (its sender queues while it
 * compresses or reads a Blob) and no extension changes the framing (permessage-deflate); the
 * writer checks both before every write and otherwise falls back to `ws.send`, so message order
 * is always kept. `ws` keeps these fields stable across 8.x (pinned in package.json); if they are
 * missing, no direct writer is made and everything goes through `ws.send`.
 */

/** A message with its frame, built once per broadcast. */
export interface PreparedMessage {
  readonly message: Uint8Array;
  readonly frame: Buffer;
}

export function frameBinary(message: Uint8Array): Buffer {
  const frame = allocFrame(message.byteLength);
  frame.set(message, frame.byteLength - message.byteLength);
  return frame;
}

/** A frame's buffer with its header written for a message of `length` bytes, to be filled after it. */
function allocFrame(length: number): Buffer {
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  return frame;
}

export function prepare(message: Uint8Array): PreparedMessage {
  return { message, frame: frameBinary(message) };
}

/**
 * A y-websocket sync message (`[0 sync][step][varuint length][payload]`, what messages.ts's
 * encoders write) built straight into its frame: one buffer from Node's pool per broadcast, no
 * lib0 encoder (a 100-byte buffer outside the heap each) and no copy between the two.
 */
export function prepareSync(step: number, payload: Uint8Array): PreparedMessage {
  const length = payload.byteLength;
  let lengthBytes = 1;
  for (let rest = length >>> 7; rest > 0; rest >>>= 7) lengthBytes++;
  const messageLength = 2 + lengthBytes + length;
  const frame = allocFrame(messageLength);
  let at = frame.byteLength - messageLength;
  const start = at;
  frame[at++] = 0; // MessageType.sync
  frame[at++] = step;
  for (let rest = length; ; ) {
    if (rest < 0x80) {
      frame[at++] = rest;
      break;
    }
    frame[at++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  frame.set(payload, at);
  return { message: frame.subarray(start), frame };
}

/** `ws`'s sender state when it is neither compressing nor reading a Blob (`DEFAULT` in sender.js). */
const SENDER_IDLE = 0;

/** The parts of a `ws` WebSocket this relies on (not part of its typed API). */
interface WsInternals {
  _socket?: { write(data: Uint8Array): boolean } | null;
  _sender?: { _state?: unknown; _queue?: unknown };
  _extensions?: Record<string, unknown>;
}

export interface DirectWriter {
  /** Write the frame now; false when `ws` has something queued (send through `ws` instead). */
  write(frame: Buffer): boolean;
}

/** A direct writer for a server-side `ws` WebSocket, or null when that is not safe. */
export function directWriter(ws: unknown): DirectWriter | null {
  const internals = ws as WsInternals;
  const sender = internals._sender;
  const extensions = internals._extensions;
  if (
    typeof ws !== 'object' ||
    ws === null ||
    !sender ||
    !Array.isArray(sender._queue) ||
    sender._state !== SENDER_IDLE ||
    !extensions ||
    Object.keys(extensions).length > 0 ||
    typeof internals._socket?.write !== 'function'
  ) {
    return null;
  }
  return {
    write(frame) {
      const socket = internals._socket;
      if (!socket || sender._state !== SENDER_IDLE || (sender._queue as unknown[]).length > 0) return false;
      socket.write(frame);
      return true;
    },
  };
}
