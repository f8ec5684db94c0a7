/**
 * Every limit the relay enforces, as a named whole-number setting with a default. The config
 * derives one environment variable per key (`maxMessageBytes` → `MAX_MESSAGE_BYTES`), so every
 * value here must stay a non-negative integer. What each one does when passed:
 *
 *   maxMessageBytes        close 1009 (messageTooBig), only that socket
 *   maxDocBytes            close 4010 (docTooLarge); the update is not applied
 *   maxClientsPerRoom      close 4009 (roomFull) right after the upgrade
 *   messagesPerSecond/
 *   messageBurst           token bucket per connection over every message; close 4008 (rateLimited)
 *   awarenessThrottleMs    awareness changes are coalesced and broadcast at most this often
 *   maxAwarenessStateBytes a bigger awareness state is dropped (dropped_writes_total)
 *   maxAwarenessClients    awareness client ids one connection may control; more are dropped
 *   maxBufferedBytes       a socket whose send buffer passes this is closed 4011 (slowConsumer)
 */
export interface Limits {
  maxMessageBytes: number;
  maxDocBytes: number;
  maxClientsPerRoom: number;
  messagesPerSecond: number;
  messageBurst: number;
  awarenessThrottleMs: number;
  maxAwarenessStateBytes: number;
  maxAwarenessClients: number;
  maxBufferedBytes: number;
  /**
   * Merge the update log into one state after this many appended updates at the most. Replaying
   * a log costs little (~3 µs an update: 5,000 small ones load in ~15 ms); writing the whole
   * state costs a board's size each time, so a small board is compacted by this count. With
   * several nodes at most every `SHARED_COMPACT_EVERY` updates: there each room reads the whole
   * log again every `storageResyncMs`, and a longer log costs more there than compacting does.
   */
  compactEvery: number;
  /**
   * …or once the updates appended since the last merge hold this many bytes, or as many as that
   * merged state when it is bigger: a big board is rewritten only after as many bytes of edits as
   * it has (a load reads at most about twice its size), a small one after this many bytes.
   */
  compactLogBytes: number;
  /** Store and unload a room this long after its last client left (at most 30 s). */
  unloadAfterMs: number;
  /** While a board changes, snapshot it this often (kind `periodic`); 0 turns it off. */
  snapshotIntervalMs: number;
  /** Automatic snapshots younger than this all stay; older ones are thinned (snapshot-retention.ts). */
  snapshotKeepAllMs: number;
  /** Automatic snapshots younger than this keep the newest of each hour; older, of each day. */
  snapshotKeepHourlyMs: number;
  /** Ping every connection this often; one that did not answer the previous ping is dropped. */
  pingIntervalMs: number;
  /**
   * A connection nothing was heard from (no message, no pong) for about this long loses its
   * presence — its cursor and avatar — while the socket itself is kept until `pingIntervalMs`
   * drops it: a laptop lid shut or a train tunnel leaves no one frozen on the others' screens.
   * Checked by one sweep every third of it, which pings the connections it has not heard from
   * since the sweep before: the presence goes between all of it and four thirds of it after the
   * last thing heard. A pong slower than two thirds of it counts as quiet. 0 turns it off. The
   * default, 12 s, pings a connection that only reads every 8 s: 6 s (pings every 4 s) measured
   * a few per cent more server CPU in the relay bench's fan-out, where nine in ten clients only
   * read, and wakes a phone's radio twice as often, for a cursor gone 6 s sooner.
   */
  quietPresenceMs: number;
  /**
   * With several nodes: while a room has clients, merge what storage holds this often (and
   * shortly after clients join), so an update stored on one node but never fanned out — a node
   * killed between storing and publishing — still reaches everyone. 0 turns it off.
   */
  storageResyncMs: number;
  /**
   * With several nodes: re-read the links of every board with sockets on this node this often, so
   * a replaced link's sockets are cut off even when the rotation's notice was lost for good (its
   * node died before its Redis came back). 0 turns it off.
   */
  linkRecheckMs: number;
}

const MiB = 1024 * 1024;

/** `compactEvery`'s bound when several nodes share the storage (see there). */
export const SHARED_COMPACT_EVERY = 500;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxMessageBytes: 16 * MiB,
  maxDocBytes: 64 * MiB,
  maxClientsPerRoom: 500,
  messagesPerSecond: 300,
  messageBurst: 1000,
  awarenessThrottleMs: 50,
  maxAwarenessStateBytes: 4096,
  maxAwarenessClients: 4,
  maxBufferedBytes: 8 * MiB,
  compactEvery: 5000,
  compactLogBytes: 1 * MiB,
  unloadAfterMs: 10_000,
  snapshotIntervalMs: 10 * 60_000,
  snapshotKeepAllMs: 24 * 3_600_000,
  snapshotKeepHourlyMs: 7 * 24 * 3_600_000,
  pingIntervalMs: 30_000,
  quietPresenceMs: 12_000,
  storageResyncMs: 10_000,
  linkRecheckMs: 60_000,
};

/** Problems with a set of limits (empty when usable), phrased with the limit's key. */
export function limitProblems(limits: Limits): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 0) problems.push(`${key}: expected a whole number ≥ 0`);
  }
  const positive: (keyof Limits)[] = [
    'maxMessageBytes',
    'maxDocBytes',
    'maxClientsPerRoom',
    'messagesPerSecond',
    'messageBurst',
    'maxAwarenessClients',
    'maxBufferedBytes',
    'compactEvery',
    'compactLogBytes',
    'pingIntervalMs',
  ];
  for (const key of positive) if (limits[key] === 0) problems.push(`${key}: must be at least 1`);
  if (limits.unloadAfterMs > 30_000) problems.push('unloadAfterMs: at most 30000 (rooms unload within 30 s)');
  return problems;
}

export function resolveLimits(partial: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS, ...partial };
  const problems = limitProblems(limits);
  if (problems.length > 0) throw new Error(`Invalid relay limits: ${problems.join('; ')}`);
  return limits;
}
