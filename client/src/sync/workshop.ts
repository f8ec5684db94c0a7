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
  WorkshopView,
} from '@truenorth/shared';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';

export interface WorkshopSnapshot {
  /**
   * The workshop as the server last said it: live once connected; until then, as this browser
   * last saw it (kept per board), so a page reloaded offline still knows that private
   * brainstorming is on and keeps new notes private.
   */
  view: WorkshopView | null;
  /** Whether `view` came from the server since the page loaded (false: remembered). */
  live: boolean;
  /** Server clock minus ours, in ms, so the timer shows the same on every screen. */
  skewMs: number;
  /** The server's last refusal: of which command (when it said), and when it arrived. */
  error: { code: string; message: string; command: string | null; at: number } | null;
}

const KEY_STORAGE = 'truenorth:workshop-key';
const VIEW_STORAGE = 'truenorth:workshop-view:';

/** The workshop view this browser last received for a board, parsed (localStorage is outside). */
export function rememberedView(boardId: string): { view: WorkshopView; skewMs: number } | null {
  try {
    const raw = parseJson(localStorage.getItem(VIEW_STORAGE + boardId) ?? 'null') as {
      view?: unknown;
      skewMs?: unknown;
    } | null;
    const view = WorkshopView.safeParse(raw?.view);
    if (!view.success) return null;
    return {
      view: view.data,
      skewMs: typeof raw?.skewMs === 'number' && Number.isFinite(raw.skewMs) ? raw.skewMs : 0,
    };
  } catch {
    return null;
  }
}

function remember(boardId: string, view: WorkshopView, skewMs: number): void {
  try {
    localStorage.setItem(VIEW_STORAGE + boardId, JSON.stringify({ view, skewMs }));
  } catch {
    // Storage full or disabled: the page still works, it only forgets on reload.
  }
}

/** What a command sent while the board is not connected is told. */
export const OFFLINE_MESSAGE =
  'Not connected to the board: that was not sent. Try again once it says “saved”.';

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
  private snapshot: WorkshopSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly key = browserKey();

  constructor(private readonly provider: WebsocketProvider) {
    const remembered = rememberedView(provider.roomname);
    this.snapshot = {
      view: remembered?.view ?? null,
      live: false,
      skewMs: remembered?.skewMs ?? 0,
      error: null,
    };
    provider.messageHandlers[MessageType.control] = (_encoder, decoder) => this.receive(decoder);
    provider.on('status', this.onStatus);
    if (provider.wsconnected) this.send({ type: 'hello', key: this.key }, { quiet: true });
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') this.send({ type: 'hello', key: this.key }, { quiet: true });
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
      const skewMs = message.state.now - Date.now();
      remember(this.provider.roomname, message.state, skewMs);
      this.set({
        view: message.state,
        live: true,
        skewMs,
        error: error && errorStillApplies(error, message.state, Date.now()) ? error : null,
      });
    } else {
      this.refuse(message.code, message.message, message.command ?? null);
    }
  }

  /** Show a refusal as the server's are shown (the server's own, or one decided here). */
  refuse(code: string, message: string, command: string | null): void {
    const error = { code, message, command, at: Date.now() };
    this.set({ error });
    setTimeout(() => {
      if (this.snapshot.error === error) this.set({ error: null });
    }, ERROR_SHOWN_MS);
  }

  /**
   * Send a command; false when the board is not connected, and then the user is told (unless
   * `quiet`: what is sent on its own, such as the facilitator's view for followers).
   */
  send(command: ControlCommand, opts: { quiet?: boolean } = {}): boolean {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      if (!opts.quiet) this.refuse('OFFLINE', OFFLINE_MESSAGE, command.type);
      return false;
    }
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
