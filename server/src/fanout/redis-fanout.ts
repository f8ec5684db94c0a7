/**
 * Fan-out over Redis Streams (the y-redis model, with storage as the source of truth): after a
 * node stores an update it appends it to the board's stream; every node serving the board reads
 * the stream and applies what others stored. Plain pub/sub would drop messages on any hiccup
 * (hocuspocus#800, #588); a stream has ids to resume from, and numbered entries reveal a gap,
 * which is then healed by merging the board from storage instead of drifting.
 *
 * Three connections per node: commands (publish, cursors, locks; no offline queue, so a publish
 * while Redis is away fails at once and marks the board), one blocking stream reader, and one
 * pub/sub subscriber for awareness, workshop notices (`control-bridge.ts`) and link rotations
 * (`rotation-bridge.ts`).
 *
 * ioredis is loaded by `openRedisFanout`, not imported here: a node without REDIS_URL never loads
 * it (about 1 MiB of heap, and more RSS as the young generation grows to hold it).
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RelayLogger } from '../relay/logger.js';
import { AwarenessBridge } from './awareness-bridge.js';
import { ControlBridge } from './control-bridge.js';
import {
  type BoardKeys,
  boardKeys,
  CURSOR_SCRIPT,
  type EntryType,
  EntryTypeCode,
  PUBLISH_SCRIPT,
  rotationsChannel,
  UNLOCK_SCRIPT,
} from './keys.js';
import { RotationBridge } from './rotation-bridge.js';
import { type ScriptCaller, StreamReader } from './stream-reader.js';
import type {
  Fanout,
  FanoutCounters,
  FanoutLink,
  FanoutRoom,
  FanoutStatus,
  Rotation,
  RotationListener,
} from './types.js';

export interface RedisFanoutOptions {
  url: string;
  /** Prefix of every key and channel, so deployments (or tests) can share one Redis. */
  keyPrefix?: string;
  logger: RelayLogger;
  /** Approximate entries kept per board stream; a reader further behind re-syncs from storage. */
  maxStreamLength?: number;
  /** Streams of boards nobody writes to expire after this long. */
  streamTtlMs?: number;
  /** Awareness changes are published at most this often per board. */
  awarenessThrottleMs?: number;
  /** A compaction lock not released (node died) expires after this long. */
  lockTtlMs?: number;
  /** How long startup waits for Redis before going on without it (it re-syncs once connected). */
  connectTimeoutMs?: number;
  counters?: FanoutCounters;
}

const DEFAULTS = {
  keyPrefix: 'tn:',
  maxStreamLength: 1000,
  streamTtlMs: 60 * 60_000,
  awarenessThrottleMs: 100,
  lockTtlMs: 60_000,
  connectTimeoutMs: 5000,
};

/** `host:port` of a URL, never its password. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return '(unparsable URL)';
  }
}

function defineScript(redis: Redis, name: string, lua: string, keys: number): ScriptCaller {
  redis.defineCommand(name, { lua, numberOfKeys: keys });
  const fn = (redis as unknown as Record<string, ScriptCaller>)[name];
  if (!fn) throw new Error(`ioredis did not define ${name}`);
  return fn.bind(redis);
}

function waitReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

interface Joined {
  room: FanoutRoom;
  keys: BoardKeys;
  /** An update of this board was stored here but could not be published. */
  unpublished: boolean;
}

export class RedisFanout implements Fanout {
  readonly kind = 'redis';
  /** Identifies this process's entries, so it skips its own. */
  readonly nodeId = randomBytes(8).toString('hex');
  private readonly opts: Required<Omit<RedisFanoutOptions, 'url' | 'logger' | 'counters'>>;
  private readonly command: Redis;
  private readonly reader: Redis;
  private readonly subscriber: Redis;
  private readonly streams: StreamReader;
  private readonly awareness: AwarenessBridge;
  private readonly control: ControlBridge;
  private readonly rotations: RotationBridge;
  private readonly joined = new Map<string, Joined>();
  private readonly publishEntry: ScriptCaller;
  private readonly unlock: ScriptCaller;
  private closed = false;

  private readonly url: string;
  private readonly logger: RelayLogger;
  private readonly counters: FanoutCounters | undefined;

  /** `RedisClient` is ioredis's `Redis` class (see `openRedisFanout`). */
  constructor(options: RedisFanoutOptions, RedisClient: typeof Redis) {
    const { url } = options;
    this.url = url;
    this.logger = options.logger;
    this.counters = options.counters;
    this.opts = {
      keyPrefix: options.keyPrefix ?? DEFAULTS.keyPrefix,
      maxStreamLength: options.maxStreamLength ?? DEFAULTS.maxStreamLength,
      streamTtlMs: options.streamTtlMs ?? DEFAULTS.streamTtlMs,
      awarenessThrottleMs: options.awarenessThrottleMs ?? DEFAULTS.awarenessThrottleMs,
      lockTtlMs: options.lockTtlMs ?? DEFAULTS.lockTtlMs,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    };
    // RESP2 for the well-known reply shapes; reconnect quickly (at most 1 s apart) so boards
    // re-converge within seconds of Redis coming back.
    const base = {
      protocol: 2 as const,
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
      connectTimeout: 2000,
    };
    // Commands fail at once while disconnected (the board is marked, see `unpublished`) rather
    // than queue up and land in a Redis that may have lost everything meanwhile.
    this.command = new RedisClient(url, {
      ...base,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectionName: `truenorth-${this.nodeId}-cmd`,
    });
    this.reader = new RedisClient(url, {
      ...base,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      connectionName: `truenorth-${this.nodeId}-read`,
    });
    this.subscriber = new RedisClient(url, { ...base, connectionName: `truenorth-${this.nodeId}-sub` });
    for (const [role, redis] of [
      ['command', this.command],
      ['reader', this.reader],
      ['subscriber', this.subscriber],
    ] as const) {
      // Without a listener ioredis reports errors on stderr; they are expected while Redis restarts.
      redis.on('error', (err: Error) => this.logger.info({ err: err.message, role }, 'fan-out: redis error'));
    }
    let connectedBefore = false;
    this.command.on('ready', () => {
      if (connectedBefore) this.announceUnpublished();
      connectedBefore = true;
    });

    this.publishEntry = defineScript(this.command, 'truenorthPublish', PUBLISH_SCRIPT, 2);
    const readCursor = defineScript(this.command, 'truenorthCursor', CURSOR_SCRIPT, 2);
    this.unlock = defineScript(this.command, 'truenorthUnlock', UNLOCK_SCRIPT, 1);
    this.streams = new StreamReader(this.reader, this.command, {
      nodeId: this.nodeId,
      blockMs: 2000,
      batch: 256,
      logger: this.logger,
      readCursor,
      counters: this.counters,
    });
    this.control = new ControlBridge(this.subscriber, this.command, this.nodeId);
    this.rotations = new RotationBridge(
      this.subscriber,
      this.command,
      rotationsChannel(this.opts.keyPrefix),
      this.nodeId,
      this.logger,
    );
    this.awareness = new AwarenessBridge(
      this.subscriber,
      this.command,
      this.nodeId,
      this.opts.awarenessThrottleMs,
    );
  }

  /** Wait (bounded) for the first connection; a node without Redis still serves its own clients. */
  async connected(): Promise<boolean> {
    const ready = await Promise.all(
      [this.command, this.reader, this.subscriber].map((r) => waitReady(r, this.opts.connectTimeoutMs)),
    );
    const ok = ready.every(Boolean);
    if (!ok) {
      this.logger.warn(
        { redis: describe(this.url) },
        'fan-out: Redis is not reachable yet; serving local clients and re-syncing once it is',
      );
    }
    return ok;
  }

  status(): FanoutStatus {
    return [this.command, this.reader, this.subscriber].every((r) => r.status === 'ready') ? 'up' : 'down';
  }

  join(room: FanoutRoom): FanoutLink {
    const keys = boardKeys(this.opts.keyPrefix, room.boardId);
    const joined: Joined = { room, keys, unpublished: false };
    this.joined.set(room.boardId, joined);
    const ready = this.streams.add(room, keys);
    this.awareness.add(room, keys.awareness);
    this.control.add(room, keys.control);
    return {
      ready,
      published: (update) => this.publish(joined, 'update', update),
      exclusive: (compact) => this.exclusive(keys, compact),
      publishControl: (version) => this.control.publish(keys.control, version),
      leave: () => {
        if (this.joined.get(room.boardId) !== joined) return;
        this.joined.delete(room.boardId);
        this.streams.remove(room.boardId);
        this.awareness.remove(room.boardId);
        this.control.remove(room.boardId);
      },
    };
  }

  publishRotation(rotation: Rotation): void {
    this.rotations.publish(rotation);
  }

  onRotation(listener: RotationListener): void {
    this.rotations.onRotation(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.streams.close();
    for (const redis of [this.command, this.reader, this.subscriber]) redis.disconnect();
  }

  private publish(joined: Joined, type: EntryType, data: Uint8Array): void {
    const { stream, counter } = joined.keys;
    this.publishEntry(
      stream,
      counter,
      this.opts.maxStreamLength,
      this.opts.streamTtlMs,
      this.nodeId,
      EntryTypeCode[type],
      Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    ).then(
      () => {
        if (type === 'update') this.counters?.fanoutPublished.inc();
      },
      (err: unknown) => {
        // Stored but not fanned out: once Redis is back, tell the other nodes to re-sync.
        joined.unpublished = true;
        this.logger.info({ err, boardId: joined.room.boardId }, 'fan-out: publish failed');
      },
    );
  }

  private announceUnpublished(): void {
    for (const joined of this.joined.values()) {
      if (!joined.unpublished) continue;
      joined.unpublished = false;
      this.publish(joined, 'resync', new Uint8Array());
    }
  }

  private async exclusive(keys: BoardKeys, compact: () => Promise<void>): Promise<boolean> {
    const token = randomBytes(12).toString('hex');
    let locked: boolean;
    try {
      locked = (await this.command.set(keys.lock, token, 'PX', this.opts.lockTtlMs, 'NX')) === 'OK';
    } catch (err) {
      // Redis is away. Compacting anyway is safe (the room merges storage first and compacts only
      // what it holds); skipping would let the log grow for as long as Redis stays away.
      this.logger.info({ err }, 'fan-out: compaction lock unavailable; compacting without it');
      await compact();
      return true;
    }
    if (!locked) return false;
    try {
      await compact();
    } finally {
      await this.unlock(keys.lock, token).catch(() => {});
    }
    return true;
  }
}

/** Connect (waiting a bounded time) and return the fan-out. */
export async function openRedisFanout(options: RedisFanoutOptions): Promise<RedisFanout> {
  const { Redis } = await import('ioredis');
  const fanout = new RedisFanout(options, Redis);
  await fanout.connected();
  return fanout;
}
