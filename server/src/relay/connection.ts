/**
 * One client's socket: its role, its rate limit, sending with a bound on the send buffer, and
 * closing with a named code. Everything that arrives is checked here first (binary, size, rate,
 * decodable); only a decoded `ClientMessage` goes on to the room.
 */
import { CloseCode, type CloseCodeName, closeCodeName, type Role } from '@truenorth/shared';
import type { RawData, WebSocket } from 'ws';
import type { Metrics, Traffic } from '../metrics.js';
import { directTarget, type PreparedMessage, type TcpSocket, type WsSender, writeDirect } from './frames.js';
import type { Limits } from './limits.js';
import { type ClientMessage, decodeClientMessage, encodeStored } from './messages.js';
import { TokenBucket } from './token-bucket.js';

/** What the relay needs of a socket: the server side of a `ws` WebSocket fits. */
export type RelaySocket = Pick<
  WebSocket,
  'readyState' | 'bufferedAmount' | 'send' | 'close' | 'terminate' | 'ping' | 'on' | 'off'
>;

export interface ConnectionContext {
  boardId: string;
  role: Role;
  ip: string;
  /** A label for logs (e.g. the user's display name); never trusted for anything. */
  name?: string;
  /** Send `stored` acknowledgements from the start (otherwise after the client asks for them). */
  acks?: boolean;
}

export interface ConnectionEvents {
  message(conn: Connection, message: ClientMessage): void;
  closed(conn: Connection): void;
}

const OPEN = 1;
/** A socket asked to close that does not finish the closing handshake is cut after this. */
const TERMINATE_AFTER_MS = 2000;
/**
 * `stored` acknowledgements go to one connection at most this often. The first after a pause goes
 * at once (a single edit reads "saved" as soon as it is stored); the rest of a burst — a drag writes
 * 30–60 times a second — go together at the end of the window, as one message naming the highest
 * clocks. One socket write per window instead of one per write: for a dragging client that was one
 * write in twenty of the room's fan-out.
 */
export const ACK_EVERY_MS = 100;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

let nextId = 1;

export class Connection {
  readonly id = nextId++;
  /** Awareness client ids this connection controls (removed when it leaves). */
  readonly awarenessIds = new Set<number>();
  wantsAcks: boolean;
  /** Set when a ping went out; cleared by the pong. */
  awaitingPong = false;
  /**
   * Something (a message, a pong) arrived since the relay's last quiet sweep, which clears it.
   * A flag, not a time: the per-message cost is one store, and the sweep counts the rest.
   */
  heard = true;
  /** Quiet sweeps in a row that heard nothing from this connection. */
  quietSweeps = 0;
  private closed = false;
  private terminateTimer: NodeJS.Timeout | undefined;
  private readonly bucket: TokenBucket;
  private readonly traffic: Traffic;
  /**
   * The TCP socket under `ws` and its sender, where prepared frames go straight to the socket
   * (frames.ts); null when `ws` must frame everything itself. Fields of the connection rather than
   * an object of their own: a broadcast reads them for every client, and each object a delivery
   * reads is one more the cache may have lost since that client's last delivery.
   */
  private readonly tcp: TcpSocket | null;
  private readonly sender: WsSender | null;
  /** Stored clocks not yet acknowledged (the highest per client), waiting for `ackTimer`. */
  private ackClocks: Map<number, number> | null = null;
  private ackTimer: NodeJS.Timeout | undefined;
  private lastAckAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly socket: RelaySocket,
    readonly ctx: Readonly<ConnectionContext>,
    private readonly limits: Limits,
    private readonly metrics: Metrics,
    private readonly events: ConnectionEvents,
  ) {
    this.wantsAcks = ctx.acks === true;
    this.traffic = metrics.traffic;
    const direct = directTarget(socket);
    this.tcp = direct?.tcp ?? null;
    this.sender = direct?.sender ?? null;
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    socket.on('message', this.onMessage);
    socket.on('close', this.onClose);
    socket.on('error', this.onError);
    socket.on('pong', this.onPong);
  }

  get role(): Role {
    return this.ctx.role;
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === OPEN;
  }

  send(data: Uint8Array): void {
    this.deliver(data, null);
  }

  /** Send a message framed once for many clients (see frames.ts). */
  sendPrepared(prepared: PreparedMessage): void {
    this.deliver(prepared.message, prepared.frame);
  }

  /** Write `message` (its ready-made frame when there is one and `ws` allows it), bounded. */
  private deliver(message: Uint8Array, frame: Buffer | null): void {
    if (!this.isOpen) return;
    const { tcp, sender } = this;
    // What `ws`'s bufferedAmount adds up, from the fields this already holds.
    const buffered =
      tcp !== null && sender !== null
        ? tcp.writableLength + (sender._bufferedBytes as number)
        : this.socket.bufferedAmount;
    if (buffered + message.byteLength > this.limits.maxBufferedBytes) {
      this.close('slowConsumer');
      return;
    }
    try {
      // No per-send callback (a closure per message per client on the fan-out path): write
      // errors reach `onError`, and sends after close are skipped by `isOpen` above.
      if (frame === null || tcp === null || sender === null || !writeDirect(tcp, sender, frame))
        this.socket.send(message);
      this.traffic.messagesOut++;
      this.traffic.bytesOut += message.byteLength;
    } catch {
      this.close('internalError');
    }
  }

  /**
   * Tell the client its updates up to these clocks are stored (only call once they are): now, or
   * merged with the next ones at the end of the window (`ACK_EVERY_MS`).
   */
  acknowledge(clocks: ReadonlyMap<number, number>): void {
    if (!this.isOpen || clocks.size === 0) return;
    const pending = this.ackClocks ?? new Map<number, number>();
    for (const [client, clock] of clocks) {
      if (clock > (pending.get(client) ?? 0)) pending.set(client, clock);
    }
    this.ackClocks = pending;
    if (this.ackTimer !== undefined) return;
    const wait = this.lastAckAt + ACK_EVERY_MS - performance.now();
    if (wait <= 0) {
      this.sendAcks();
      return;
    }
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      this.sendAcks();
    }, wait);
    this.ackTimer.unref();
  }

  private sendAcks(): void {
    const clocks = this.ackClocks;
    this.ackClocks = null;
    if (!clocks) return;
    this.lastAckAt = performance.now();
    this.send(encodeStored(clocks));
  }

  /** Close with a named code; counts the close and detaches at once (the socket may linger). */
  close(code: CloseCodeName, reason: string = code): void {
    if (this.closed) return;
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    // A restart or an unload: say what is stored before the socket goes (the client reads "saved").
    if (code === 'goingAway' || code === 'normal') this.sendAcks();
    // Sending can find the socket too slow and close it.
    if (this.closed) return;
    this.finish(code);
    try {
      this.socket.close(CloseCode[code], reason.slice(0, 120));
    } catch {
      // already closed: nothing to tell the peer
    }
    this.terminateTimer = setTimeout(() => this.socket.terminate(), TERMINATE_AFTER_MS);
    this.terminateTimer.unref();
  }

  /** Drop a peer that stopped answering pings: no closing handshake is possible. */
  terminate(): void {
    if (this.closed) return;
    clearTimeout(this.ackTimer);
    this.finish('pingTimeout');
    this.socket.terminate();
  }

  ping(): void {
    if (this.closed) return;
    // A socket that closed without us hearing of it must not keep its room loaded.
    if (this.socket.readyState !== OPEN) {
      this.terminate();
      return;
    }
    this.awaitingPong = true;
    try {
      this.socket.ping();
    } catch {
      this.terminate();
    }
  }

  /**
   * A ping that only asks "still there?" for the quiet sweep: its pong sets `heard`. Unlike
   * `ping`, a missing answer does not drop the socket — it only loses its presence.
   */
  probe(): void {
    if (this.closed || this.socket.readyState !== OPEN) return;
    try {
      this.socket.ping();
    } catch {
      // A socket that cannot take a ping is dropped by the next `ping`.
    }
  }

  private finish(label: string): void {
    this.closed = true;
    this.metrics.closes.inc({ code: label });
    this.events.closed(this);
  }

  private check(bytes: Uint8Array, isBinary: boolean): { code: CloseCodeName; reason?: string } | null {
    if (!isBinary) return { code: 'unsupportedData', reason: 'text frames are not part of the protocol' };
    if (bytes.byteLength > this.limits.maxMessageBytes) return { code: 'messageTooBig' };
    if (!this.bucket.take()) return { code: 'rateLimited' };
    return null;
  }

  private readonly onMessage = (data: RawData, isBinary: boolean): void => {
    if (this.closed) return;
    this.heard = true;
    try {
      const bytes = toBytes(data);
      this.traffic.bytesIn += bytes.byteLength;
      const problem = this.check(bytes, isBinary);
      if (problem) {
        this.close(problem.code, problem.reason);
        return;
      }
      const result = decodeClientMessage(bytes);
      if (!result.ok) {
        this.close(result.code, result.reason);
        return;
      }
      this.traffic.countIn(result.message.kind);
      this.events.message(this, result.message);
    } catch {
      // A bug in handling must cost this socket, never the process.
      this.close('internalError');
    }
  };

  private readonly onClose = (code: number): void => {
    clearTimeout(this.terminateTimer);
    clearTimeout(this.ackTimer);
    this.socket.off('message', this.onMessage);
    this.socket.off('pong', this.onPong);
    if (!this.closed) this.finish(closeCodeName(code));
  };

  private readonly onError = (err: Error & { code?: string }): void => {
    // `ws` reports a frame over its maxPayload here and then closes the socket with 1009 itself.
    this.close(err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'messageTooBig' : 'badMessage');
  };

  private readonly onPong = (): void => {
    this.awaitingPong = false;
    this.heard = true;
  };
}
