/**
 * The wire protocol between clients and the relay.
 *
 * Message types 0–3 are the y-websocket protocol (y-protocols sync, awareness, auth,
 * query-awareness) so the stock `WebsocketProvider` works unchanged. Truenorth's own messages use
 * type numbers from 100 up, which the stock provider ignores.
 */
export const MessageType = {
  /** y-protocols sync: step 1 (state vector), step 2 (missing updates), update. */
  sync: 0,
  /** y-protocols awareness update. */
  awareness: 1,
  /** y-protocols auth (permission denied + reason). */
  auth: 2,
  /** Ask the other side to send its full awareness state. */
  queryAwareness: 3,
  /**
   * Server → client: "your updates are stored up to here". Payload: varUint count, then
   * `count` pairs of varUint clientID, varUint clock. Everything a client wrote with that
   * clientID below that clock is durable on the server.
   *
   * Client → server: a `stored` message (e.g. count 0) asks for these acknowledgements on this
   * connection. The relay sends them only after that request, because the stock provider logs an
   * error for every message type it does not know. After each batch of a connection's writes is
   * stored, it gets one ack (possibly with count 0: a delete-only update advances no clock), listing
   * the clients its updates carried and the awareness client ids it controls.
   */
  stored: 100,
  /** Server → client: a JSON control message (UTF-8 string, parsed by `ControlMessage`). */
  control: 101,
} as const;
export type MessageTypeName = keyof typeof MessageType;

/** y-protocols sync sub-types. */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

/**
 * WebSocket close codes. 1xxx are RFC 6455; 4xxx are Truenorth's own. Every close the relay
 * makes uses one of these names, and the metrics count closes by name.
 */
export const CloseCode = {
  normal: 1000,
  /** Server shutting down or restarting: reconnect (to this or another node). */
  goingAway: 1001,
  /** Text frame or otherwise unusable frame. */
  unsupportedData: 1003,
  policyViolation: 1008,
  /** A single message larger than the configured maximum. */
  messageTooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
  /** Binary message that could not be decoded (truncated varint, bad length, not a Yjs update…). */
  badMessage: 4000,
  /** Token missing, invalid, or rotated away while connected. Do not retry with the same token. */
  unauthorized: 4001,
  /** The role may not do what it tried. */
  forbidden: 4003,
  boardNotFound: 4004,
  /** Too many updates per second from this connection. */
  rateLimited: 4008,
  /** The room already has the maximum number of clients. */
  roomFull: 4009,
  /** Applying the update would grow the document past the maximum size. */
  docTooLarge: 4010,
  /** The client does not read fast enough; its send buffer passed the bound. */
  slowConsumer: 4011,
  /** Message type unknown to the server. */
  unknownMessage: 4012,
} as const;
export type CloseCodeName = keyof typeof CloseCode;

/**
 * The reason an `unauthorized` close gives when the facilitator replaced the link while the socket
 * was open (any other `unauthorized` close: a token that was never, or is no longer, valid).
 */
export const LINK_REPLACED_REASON = 'link replaced';

const closeNames = new Map<number, CloseCodeName>(
  Object.entries(CloseCode).map(([name, code]) => [code, name as CloseCodeName]),
);

/** The name of a close code, or `unknown`. */
export function closeCodeName(code: number): CloseCodeName | 'unknown' {
  return closeNames.get(code) ?? 'unknown';
}

/** Close codes after which a client must not reconnect with the same link. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.unauthorized,
  CloseCode.boardNotFound,
  CloseCode.forbidden,
]);

/**
 * The error code (`ApiError.code`'s form: `UNAUTHORIZED`, `BOARD_NOT_FOUND`) a close stands for,
 * so a page says the same code however the refusal reached it — an HTTP answer or a closed
 * socket. Each close name is the code's camelCase: `boardNotFound` is `BOARD_NOT_FOUND`.
 */
export function errorCodeOfClose(code: number): string {
  const name = closeCodeName(code);
  return name === 'unknown' ? `CLOSE_${code}` : name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}
