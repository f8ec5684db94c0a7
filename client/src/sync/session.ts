/**
 * One open board: the Y.Doc, its browser copy (IndexedDB), the relay connection, the local undo
 * history, and the sync status. React reads it through `subscribe`/`getSnapshot`.
 */
import {
  CloseCode,
  ErrorCode,
  elementsMap,
  errorCodeOfClose,
  FATAL_CLOSE_CODES,
  MessageType,
} from '@truenorth/shared';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { getBoard } from '../lib/api';
import { flash } from '../lib/flash';
import { HEARTBEAT_EVERY_MS, heartbeatStep } from './heartbeat';
import { repairLocalCopy } from './localCopy';
import { lostEditsMessage, OfflineEdits } from './lostEdits';
import { type ConnectionNotice, noticeAfterClose, UNREACHABLE, UNREACHABLE_AFTER_MS } from './notice';
import { sendOnlyOwnPresence } from './presence';
import { computeStatus, readServerState, readStored, ServerCopy, type SyncStatus } from './status';

export interface SessionSnapshot {
  status: SyncStatus;
  /** The browser copy has been loaded (the board can be drawn even while offline). */
  loaded: boolean;
  /** The server refused this link for good; reconnecting will not help. */
  fatal: {
    code: number;
    /** The error's code in the HTTP API's form (`UNAUTHORIZED`), whichever way it came. */
    error: string;
    reason: string;
    /** Changes this browser holds that the server has not stored (kept here, in IndexedDB). */
    unsaved: boolean;
  } | null;
  /** Why the relay last closed the connection, until everything is saved again. */
  notice: ConnectionNotice | null;
  /** Unreadable records found in this browser's copy of the board and set aside (0: none). */
  damaged: number;
  /** The browser says this device has no network (`navigator.onLine` is false). */
  networkDown: boolean;
}

/** Marks transactions made by this user, so undo tracks only them. */
export interface LocalOrigin {
  readonly local: true;
}

const QUERY_AWARENESS = new Uint8Array([MessageType.queryAwareness]);

export function wsBase(loc: { protocol: string; host: string }): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
}

export class BoardSession {
  readonly doc = new Y.Doc();
  readonly origin: LocalOrigin = { local: true };
  readonly provider: WebsocketProvider;
  private readonly persistence: Promise<IndexeddbPersistence>;
  readonly undo: Y.UndoManager;
  /** What of this browser's changes the server has said it stores: what "saved" rests on. */
  private readonly serverCopy = new ServerCopy(this.doc);
  /** This page has been in step with the server once: what it loaded was offered to it. */
  private everSynced = false;
  /** Connection attempts that failed in a row with the network up (`checkLink`). */
  private failedConnects = 0;
  private destroyed = false;
  private unreachableTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly heartbeat = setInterval(() => this.checkHeard(), HEARTBEAT_EVERY_MS);
  /** When this page asked the server for a sign of life that has not come yet. */
  private askedAt: number | undefined;
  private snapshot: SessionSnapshot = {
    status: 'offline',
    loaded: false,
    fatal: null,
    notice: null,
    damaged: 0,
    networkDown: false,
  };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly boardId: string,
    private readonly token: string,
  ) {
    // The browser's copy is read once what it holds that is not a Yjs update is set aside.
    const name = `truenorth:${boardId}`;
    this.persistence = repairLocalCopy(name).then((removed) => {
      if (removed > 0) this.set({ damaged: removed });
      const persistence = new IndexeddbPersistence(name, this.doc);
      if (this.destroyed) void persistence.destroy();
      const loaded = () => {
        this.set({ loaded: true });
        this.refresh();
      };
      persistence.whenSynced.then(loaded, loaded);
      return persistence;
    });
    // No copy to read (IndexedDB unavailable): nothing of ours waits in it.
    this.persistence.catch(() => {
      this.set({ loaded: true });
      this.refresh();
    });
    this.provider = new WebsocketProvider(wsBase(location), boardId, this.doc, {
      params: { token },
      // Another tab of this browser may hold a different role's link: everything goes through
      // the server, which enforces roles.
      disableBc: true,
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
      maxBackoffTime: this.jitteredBackoff(),
    });
    this.provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
      const acks = readStored(decoder);
      if (!acks) return;
      this.serverCopy.heard(acks);
      this.refresh();
    };
    // The server's sync step 1 says what it had stored when this connection opened: changes of
    // ours from before a reload that it already has are not waited for.
    const sync = this.provider.messageHandlers[MessageType.sync];
    this.provider.messageHandlers[MessageType.sync] = (encoder, decoder, provider, emitSynced, type) => {
      const state = readServerState(decoder);
      if (state) this.serverCopy.heard(state);
      sync?.(encoder, decoder, provider, emitSynced, type);
    };
    // Control messages are read by features that need them; unknown ones must not log errors.
    this.provider.messageHandlers[MessageType.control] = () => {};
    sendOnlyOwnPresence(this.provider);
    this.provider.on('status', ({ status }) => {
      // Ask the relay for `stored` acknowledgements on every new connection: a stock client
      // never sends this, so the relay only acks clients that can read them.
      if (status === 'connected') {
        this.failedConnects = 0;
        clearTimeout(this.unreachableTimer);
        this.unreachableTimer = undefined;
        this.sendAckHello();
      }
      this.refresh();
    });
    // What this browser changes while not in sync with the server, checked once it is again: an
    // edit to an element someone deleted meanwhile does not survive the merge — say so, once.
    const offlineEdits = new OfflineEdits(this.doc, this.origin);
    this.doc.on('afterTransaction', (tx: Y.Transaction) => {
      // What the browser's copy brings back may be ours, written before a reload.
      if (tx.origin instanceof IndexeddbPersistence) this.serverCopy.loaded(tx);
      if (!this.provider.synced) offlineEdits.track(tx);
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.everSynced = true;
      if (synced && offlineEdits.pending > 0) {
        const message = lostEditsMessage(offlineEdits.settle());
        if (message) flash.show(message);
      }
      this.refresh();
    });
    this.provider.on('connection-close', (event) => {
      // Spread reconnects out so a restarted server is not hit by every client at once.
      this.provider.maxBackoffTime = this.jitteredBackoff();
      // A link refused for good gets the error page ('closed'), not a notice.
      if (!event || FATAL_CLOSE_CODES.has(event.code)) return;
      const notice = noticeAfterClose(event.code);
      if (notice !== undefined) this.set({ notice });
      else this.watchReachable();
    });
    this.provider.on('closed', (event) => this.refused(event.code, event.reason));
    // A refused upgrade (a link replaced while this browser was offline) is only a failed
    // connection to the page — the browser hides the HTTP status. After a few in a row with the
    // network up, ask the HTTP API whether the link still works.
    this.provider.on('connection-error', () => {
      if (this.provider.wsconnected || (typeof navigator !== 'undefined' && !navigator.onLine)) return;
      this.failedConnects++;
      this.watchReachable();
      if (this.failedConnects === 2 || this.failedConnects % 10 === 0) void this.checkLink();
    });
    this.doc.on('update', () => this.refresh());
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    this.undo = new Y.UndoManager(elementsMap(this.doc), {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 400,
    });
    // The persistence may have loaded before we listened; the provider may be connecting.
    this.refresh();
  }

  /**
   * Run a discrete command (create, delete, group, merge, park…) as its own undo step. Typing and
   * drags still merge within the UndoManager's capture timeout; a command never merges with them
   * or with the command before it.
   */
  step<T>(fn: () => T): T {
    this.undo.stopCapturing();
    try {
      return fn();
    } finally {
      this.undo.stopCapturing();
    }
  }

  /**
   * A gesture that writes as it goes — a drag everyone watches move — but is undone as one step,
   * however long it pauses: its writes merge with each other and with nothing before or after.
   * Returns its end (idempotent); a new gesture ends the one before.
   */
  beginGesture(): () => void {
    this.endGesture?.();
    this.undo.stopCapturing();
    const timeout = this.undo.captureTimeout;
    this.undo.captureTimeout = Number.POSITIVE_INFINITY;
    const end = () => {
      if (this.endGesture !== end) return;
      this.endGesture = null;
      this.undo.captureTimeout = timeout;
      this.undo.stopCapturing();
    };
    this.endGesture = end;
    return end;
  }

  private endGesture: (() => void) | null = null;

  private sendAckHello(): void {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.stored);
    encoding.writeVarUint(e, 0);
    ws.send(encoding.toUint8Array(e));
  }

  /** Ask for a sign of life when the server has been silent; drop a connection that never answers. */
  private checkHeard(): void {
    const ws = this.provider.ws;
    const step = heartbeatStep({
      open: this.provider.wsconnected && ws?.readyState === WebSocket.OPEN,
      heardAt: this.provider.wsLastMessageReceived,
      askedAt: this.askedAt,
      now: Date.now(),
    });
    this.askedAt = step.askedAt;
    if (step.action === 'ask') ws?.send(QUERY_AWARENESS);
    if (step.action === 'drop') {
      this.provider.disconnect();
      this.provider.connect();
      this.watchReachable();
    }
  }

  private jitteredBackoff(): number {
    return 2000 + Math.round(Math.random() * 3000);
  }

  private set(patch: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const fn of this.listeners) fn();
  }

  private refresh(): void {
    const online = typeof navigator === 'undefined' || navigator.onLine;
    if (this.snapshot.networkDown === online) this.set({ networkDown: !online });
    const status = computeStatus({
      connected: this.provider.wsconnected,
      online,
      synced: this.provider.synced,
      loaded: this.snapshot.loaded,
      stored: this.serverCopy.covers(),
    });
    // Saved again: whatever the relay closed the connection for is behind us.
    if (status !== this.snapshot.status) this.set(status === 'saved' ? { status, notice: null } : { status });
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /**
   * Let go of what this browser holds that the server never took (a change it refuses), and open
   * the board again from the server. Only this browser's copy is cleared.
   */
  async discardUnsaved(): Promise<void> {
    this.provider.disconnect();
    await (await this.persistence).clearData();
    location.reload();
  }

  /**
   * The connection dropped without a close frame: if the network is up and nothing has been said
   * about it, and the server still does not answer a moment later, say so — the status alone
   * ("offline") reads as if this browser's network were down.
   */
  private watchReachable(): void {
    if (this.unreachableTimer !== undefined) return;
    this.unreachableTimer = setTimeout(() => {
      this.unreachableTimer = undefined;
      const online = typeof navigator === 'undefined' || navigator.onLine;
      if (this.provider.wsconnected || !online || this.snapshot.notice || this.snapshot.fatal) return;
      if (!this.provider.shouldConnect) return;
      this.set({ notice: UNREACHABLE });
    }, UNREACHABLE_AFTER_MS);
  }

  /** The link was refused for good: stop reconnecting and say so (the error page). */
  private refused(code: number, reason: string, error = errorCodeOfClose(code)): void {
    this.provider.shouldConnect = false;
    // Not confirmed saved: there may be changes only this browser has (kept in IndexedDB). Not the
    // status, which the close itself has just turned to "offline" for everyone cut off.
    const unsaved = !this.everSynced || !this.serverCopy.covers();
    this.set({ fatal: { code, error, reason, unsaved } });
  }

  private async checkLink(): Promise<void> {
    const answer = await getBoard(this.boardId, this.token);
    if (answer.ok || answer.kind === 'network' || this.snapshot.fatal) return;
    const code =
      answer.status === 401
        ? CloseCode.unauthorized
        : answer.status === 403
          ? CloseCode.forbidden
          : answer.status === 404
            ? CloseCode.boardNotFound
            : null;
    if (code === null) return;
    this.provider.disconnect();
    // The answer's own code (BOARD_NOT_FOUND, not any 404's), in the form the socket's would be.
    const known = Object.values(ErrorCode) as string[];
    this.refused(code, answer.message, known.includes(answer.code) ? answer.code : errorCodeOfClose(code));
  }

  /** The browser lost or found its network: say so at once (refresh reads `navigator.onLine`). */
  private readonly onNetwork = (): void => this.refresh();

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.unreachableTimer);
    clearInterval(this.heartbeat);
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    this.listeners.clear();
    this.undo.destroy();
    this.provider.destroy();
    void this.persistence.then((p) => p.destroy());
    this.doc.destroy();
  }
}
