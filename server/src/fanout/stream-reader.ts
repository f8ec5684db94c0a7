/**
 * Reads every loaded board's stream on ONE blocking connection per node (`XREAD BLOCK … STREAMS
 * k1 k2 …`), not one per room: a node with a thousand boards loaded would otherwise hold a
 * thousand Redis connections. A board joining while the read blocks interrupts it
 * (`CLIENT UNBLOCK`) so it is read from at once.
 *
 * Each board has a cursor: the last entry id and entry number seen. Re-sync from storage (merge
 * `loadDoc`, idempotent in Yjs) happens whenever continuity is not certain: a number that is not
 * the next one (trimmed or deleted entries, Redis restarted with empty data), a `resync` entry
 * (another node's updates did not go out), an update that does not decode, and every reconnect.
 *
 * Continuous numbers are not enough: an update another node published may build on one that was
 * stored but never published (a node killed between storing and publishing; a node that merged it
 * from storage, as compaction does, does not publish it again). Yjs then keeps the newer update
 * pending, invisible to this node's clients for good. So after applying a batch the reader checks
 * that the document holds no pending updates, and merges storage (which has the missing part:
 * whatever a node published an update on top of, it had stored or received first) when it does.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RelayLogger } from '../relay/logger.js';
import { type BoardKeys, EntryTypeCode, Field } from './keys.js';
import type { FanoutCounters, FanoutRoom, ResyncReason } from './types.js';

export type ScriptCaller = (...args: (string | Buffer | number)[]) => Promise<unknown>;

interface Cursor {
  room: FanoutRoom;
  keys: BoardKeys;
  /** Null until the starting point was read from Redis. */
  lastId: string | null;
  lastNumber: number;
  /** Re-sync from storage once the cursor is set again (it was lost or never set in time). */
  resyncWhenSet: boolean;
  /** Set while the starting point is being read. */
  setting: Promise<void> | null;
  markReady: () => void;
}

/** Replies are data from outside the process: checked before use. */
const XReadReply = z
  .array(
    z.tuple([z.instanceof(Buffer), z.array(z.tuple([z.instanceof(Buffer), z.array(z.instanceof(Buffer))]))]),
  )
  .nullable();
const CursorReply = z.tuple([
  z.union([z.string(), z.instanceof(Buffer)]),
  z.union([z.string(), z.instanceof(Buffer)]),
]);

export interface StreamReaderOptions {
  nodeId: string;
  /** How long one XREAD blocks when nothing arrives. */
  blockMs: number;
  /** Entries read per stream per call. */
  batch: number;
  logger: RelayLogger;
  /** The cursor script (keys: stream, counter), run on the command connection. */
  readCursor: ScriptCaller;
  counters?: Pick<FanoutCounters, 'fanoutReceived' | 'fanoutResyncs'>;
}

export class StreamReader {
  private readonly cursors = new Map<string, Cursor>();
  private readonly byStream = new Map<string, Cursor>();
  private closed = false;
  private blocking = false;
  private readerId: number | null = null;
  private wake: (() => void) | null = null;
  private readonly loop: Promise<void>;

  constructor(
    private readonly reader: Redis,
    private readonly command: Redis,
    private readonly opts: StreamReaderOptions,
  ) {
    reader.on('close', () => {
      this.readerId = null;
    });
    // A reconnect may have happened between two reads without failing either: data may be gone.
    let connectedBefore = false;
    reader.on('ready', () => {
      if (connectedBefore) this.lostEverything();
      connectedBefore = true;
    });
    this.loop = this.run();
  }

  /** Start reading the board; the promise resolves once its cursor is set (or setting it failed). */
  add(room: FanoutRoom, keys: BoardKeys): Promise<void> {
    return new Promise<void>((resolve) => {
      const cursor: Cursor = {
        room,
        keys,
        lastId: null,
        lastNumber: 0,
        resyncWhenSet: false,
        setting: null,
        markReady: resolve,
      };
      this.cursors.set(room.boardId, cursor);
      this.byStream.set(keys.stream, cursor);
      // Set at once on the command connection, not by the read loop: the room waits for it.
      this.setCursor(cursor)
        .catch(() => {})
        .finally(() => this.interrupt());
    });
  }

  remove(boardId: string): void {
    const cursor = this.cursors.get(boardId);
    if (!cursor) return;
    cursor.markReady();
    this.cursors.delete(boardId);
    this.byStream.delete(cursor.keys.stream);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const cursor of this.cursors.values()) cursor.markReady();
    this.interrupt();
    await this.loop;
  }

  /** Every cursor is void: read them again and re-sync every board. */
  private lostEverything(): void {
    for (const cursor of this.cursors.values()) {
      cursor.lastId = null;
      cursor.resyncWhenSet = true;
    }
    this.interrupt();
  }

  private interrupt(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
    if (this.blocking && this.readerId !== null) {
      this.command.call('CLIENT', 'UNBLOCK', this.readerId).catch(() => {});
    }
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      try {
        await this.setCursors();
        const live = [...this.cursors.values()].filter((c) => c.lastId !== null);
        if (live.length === 0) {
          await this.idle(1000);
          continue;
        }
        if (this.readerId === null) this.readerId = Number(await this.reader.call('CLIENT', 'ID'));
        this.blocking = true;
        let raw: unknown;
        try {
          raw = await this.reader.callBuffer(
            'XREAD',
            'COUNT',
            this.opts.batch,
            'BLOCK',
            this.opts.blockMs,
            'STREAMS',
            ...live.map((c) => c.keys.stream),
            ...live.map((c) => c.lastId!),
          );
        } finally {
          this.blocking = false;
        }
        this.deliver(XReadReply.parse(raw));
      } catch (err) {
        if (this.closed) break;
        this.opts.logger.warn({ err }, 'fan-out: reading the streams failed; will re-sync every board');
        this.lostEverything();
        await this.idle(250);
      }
    }
  }

  /** Set the cursor of every board that has none (lost with the connection). */
  private async setCursors(): Promise<void> {
    for (const cursor of [...this.cursors.values()]) {
      if (cursor.lastId === null && !this.closed) await this.setCursor(cursor);
    }
  }

  private setCursor(cursor: Cursor): Promise<void> {
    cursor.setting ??= this.readStart(cursor).finally(() => {
      cursor.setting = null;
    });
    return cursor.setting;
  }

  private async readStart(cursor: Cursor): Promise<void> {
    try {
      const [id, n] = CursorReply.parse(await this.opts.readCursor(cursor.keys.stream, cursor.keys.counter));
      cursor.lastId = String(id);
      cursor.lastNumber = Number(String(n));
    } catch (err) {
      // Redis is away: the room loads from storage meanwhile and re-syncs once the cursor is set.
      cursor.resyncWhenSet = true;
      throw err;
    } finally {
      cursor.markReady();
    }
    if (cursor.resyncWhenSet && this.cursors.get(cursor.room.boardId) === cursor) {
      cursor.resyncWhenSet = false;
      this.resync(cursor, 'reconnect');
    }
  }

  private resync(cursor: Cursor, reason: ResyncReason): void {
    this.opts.counters?.fanoutResyncs.inc({ reason });
    void cursor.room.resync();
  }

  private deliver(reply: z.infer<typeof XReadReply>): void {
    for (const [stream, entries] of reply ?? []) {
      const cursor = this.byStream.get(stream.toString());
      if (!cursor || cursor.lastId === null) continue;
      let resync: ResyncReason | null = null;
      const missingBefore = missingOf(cursor.room);
      for (const [id, fields] of entries) {
        const entry = new Map<string, Buffer>();
        for (let i = 0; i + 1 < fields.length; i += 2) entry.set(fields[i]!.toString(), fields[i + 1]!);
        const n = Number(entry.get(Field.number)?.toString());
        if (n !== cursor.lastNumber + 1) resync ??= 'gap';
        cursor.lastId = id.toString();
        cursor.lastNumber = Number.isSafeInteger(n) ? n : 0;
        if (entry.get(Field.origin)?.toString() === this.opts.nodeId) continue;
        const type = entry.get(Field.type)?.toString();
        const data = entry.get(Field.data);
        if (type === EntryTypeCode.update && data) {
          cursor.room.applyRemote(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
          this.opts.counters?.fanoutReceived.inc();
        } else {
          resync ??= type === EntryTypeCode.resync ? 'resync-entry' : 'bad-entry';
        }
      }
      // Only a hole these entries opened: one that was there before is being merged already, or
      // is a local client's (an update sent ahead of its sync reply on reconnect), which fills
      // itself when that reply arrives.
      const missing = missingOf(cursor.room);
      if (missing !== null && missing !== missingBefore) resync ??= 'incomplete';
      if (resync) this.resync(cursor, resync);
    }
  }

  /** Wait for `ms`, or less when a board joins or the reader closes. */
  private idle(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * What the room's document waits for before it can integrate updates it holds (Yjs keeps an update
 * pending until every update it builds on arrived), as a comparable key; null when nothing.
 */
function missingOf(room: FanoutRoom): string | null {
  const { pendingStructs, pendingDs } = room.doc.store;
  if (pendingStructs === null && pendingDs === null) return null;
  const clocks = pendingStructs
    ? [...pendingStructs.missing].map(([client, clock]) => `${client}:${clock}`)
    : [];
  return `${clocks.sort().join(',')}${pendingDs ? '+ds' : ''}`;
}
