/**
 * The client end of the workshop control channel: the latest workshop view from the server
 * (parsed — it came over the network), the last error, and sending commands. The server decides
 * everything; this only shows what it says.
 */
import {
  type ControlCommand,
  ControlServerMessage,
  encodeControl,
  MessageType,
  newId,
  parseJson,
  type WorkshopView,
} from '@truenorth/shared';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';

export interface WorkshopSnapshot {
  view: WorkshopView | null;
  /** Server clock minus ours, in ms, so the timer shows the same on every screen. */
  skewMs: number;
  /** The server's last refusal: of which command (when it said), and when it arrived. */
  error: { code: string; message: string; command: string | null; at: number } | null;
}

const KEY_STORAGE = 'truenorth:workshop-key';

/** A random key naming this browser's ballot (and its private drafts), so a reconnect keeps it. */
export function browserKey(): string {
  try {
    const stored = localStorage.getItem(KEY_STORAGE);
    if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
    const fresh = newId(24);
    localStorage.setItem(KEY_STORAGE, fresh);
    return fresh;
  } catch {
    return newId(24);
  }
}

/** How long the server's refusal of a command stays on screen. */
export const ERROR_SHOWN_MS = 8_000;

/**
 * Whether a refusal still says something about the workshop as it is now: a vote's ("no votes
 * left") ends with the vote, and none outlives ERROR_SHOWN_MS.
 */
export function errorStillApplies(
  error: NonNullable<WorkshopSnapshot['error']>,
  view: WorkshopView | null,
  now: number,
): boolean {
  if (now - error.at >= ERROR_SHOWN_MS) return false;
  if (error.command?.startsWith('vote.') && error.command !== 'vote.start' && !view?.vote) return false;
  return true;
}

export class WorkshopClient {
  private snapshot: WorkshopSnapshot = { view: null, skewMs: 0, error: null };
  private readonly listeners = new Set<() => void>();
  private readonly key = browserKey();

  constructor(private readonly provider: WebsocketProvider) {
    provider.messageHandlers[MessageType.control] = (_encoder, decoder) => this.receive(decoder);
    provider.on('status', this.onStatus);
    if (provider.wsconnected) this.send({ type: 'hello', key: this.key });
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') this.send({ type: 'hello', key: this.key });
  };

  private receive(decoder: decoding.Decoder): void {
    let text: string;
    try {
      text = decoding.readVarString(decoder);
    } catch {
      return;
    }
    const parsed = ControlServerMessage.safeParse(parseJson(text));
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'state') {
      const { error } = this.snapshot;
      this.set({
        view: message.state,
        skewMs: message.state.now - Date.now(),
        error: error && errorStillApplies(error, message.state, Date.now()) ? error : null,
      });
    } else {
      const error = {
        code: message.code,
        message: message.message,
        command: message.command ?? null,
        at: Date.now(),
      };
      this.set({ error });
      setTimeout(() => {
        if (this.snapshot.error === error) this.set({ error: null });
      }, ERROR_SHOWN_MS);
    }
  }

  send(command: ControlCommand): boolean {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(encodeControl(command));
    return true;
  }

  /** Milliseconds left on the timer now (null without a timer). */
  remainingMs(now = Date.now()): number | null {
    const timer = this.snapshot.view?.timer;
    if (!timer) return null;
    if (!timer.running || timer.endsAt === null) return timer.remainingMs ?? 0;
    return Math.max(0, timer.endsAt - (now + this.snapshot.skewMs));
  }

  private set(patch: Partial<WorkshopSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const fn of this.listeners) fn();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): WorkshopSnapshot => this.snapshot;

  destroy(): void {
    this.provider.off('status', this.onStatus);
    this.provider.messageHandlers[MessageType.control] = () => {};
    this.listeners.clear();
  }
}
