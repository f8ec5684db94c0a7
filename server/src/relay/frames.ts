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

/** A `ws` sender's fields this relies on (not part of its typed API). */
export interface WsSender {
  _state?: unknown;
  /** Bytes of the messages it holds back (queued behind a compression or a Blob read). */
  _bufferedBytes?: unknown;
  _queue?: unknown;
}

/** The TCP socket under a `ws` WebSocket. */
export interface TcpSocket {
  write(data: Uint8Array): boolean;
  readonly writableLength: number;
}

/** The parts of a `ws` WebSocket this relies on (not part of its typed API). */
interface WsInternals {
  _socket?: TcpSocket | null;
  _sender?: WsSender | null;
  _extensions?: Record<string, unknown>;
}

/**
 * What a direct write needs of a server-side `ws` WebSocket: its TCP socket and its sender, read
 * once when the connection opens (`ws` sets both before it hands the socket over and never
 * replaces them). Null when writing under `ws` is not safe. A connection keeps the two as fields
 * of its own: each delivery then reads no object beyond those the write itself needs.
 */
export function directTarget(ws: unknown): { tcp: TcpSocket; sender: WsSender } | null {
  if (typeof ws !== 'object' || ws === null) return null;
  const { _socket: tcp, _sender: sender, _extensions: extensions } = ws as WsInternals;
  if (
    !sender ||
    !Array.isArray(sender._queue) ||
    sender._state !== SENDER_IDLE ||
    typeof sender._bufferedBytes !== 'number' ||
    !extensions ||
    Object.keys(extensions).length > 0 ||
    !tcp ||
    typeof tcp.write !== 'function' ||
    typeof tcp.writableLength !== 'number'
  ) {
    return null;
  }
  return { tcp, sender };
}

/**
 * Write `frame` straight to the TCP socket, unless `ws` has something of its own in flight (a
 * message queued behind a compression or a Blob read, which would then arrive after it): false,
 * send through `ws` instead. `ws` queues a message only while its sender is not idle and sends
 * the queue the moment it is idle again, counting what it holds back in `_bufferedBytes`: the two
 * fields say what the queue would, without reading the array on every delivery.
 */
export function writeDirect(tcp: TcpSocket, sender: WsSender, frame: Buffer): boolean {
  if (sender._state !== SENDER_IDLE || sender._bufferedBytes !== 0) return false;
  tcp.write(frame);
  return true;
}
