/**
 * Redis keys and server-side scripts of the fan-out. Every key of a board carries the board id
 * as a hash tag (`{id}`), so a board's keys live on one shard and the scripts stay legal on a
 * Redis Cluster.
 */

export interface BoardKeys {
  /** The board's update stream. */
  stream: string;
  /** How many entries were ever added: numbers the entries 1, 2, 3… in stream order. */
  counter: string;
  /** The compaction lock (`SET NX PX` with a random token). */
  lock: string;
  /** Pub/sub channel for awareness. */
  awareness: string;
  /** Pub/sub channel for "the workshop state was saved" notices. */
  control: string;
}

export function boardKeys(prefix: string, boardId: string): BoardKeys {
  const base = `${prefix}board:{${boardId}}`;
  return {
    stream: `${base}:updates`,
    counter: `${base}:count`,
    lock: `${base}:compact-lock`,
    awareness: `${base}:awareness`,
    control: `${base}:control`,
  };
}

/**
 * Pub/sub channel for "a board's link was replaced" notices: one per deployment, not per board,
 * because a node must hear of a rotation of a board it has not loaded yet (a socket of that board
 * may be between its token check and the relay). Rotations are rare; every node takes them all.
 */
export function rotationsChannel(prefix: string): string {
  return `${prefix}rotations`;
}

/** Stream entry fields. */
export const Field = { number: 'n', origin: 'o', type: 't', data: 'd' } as const;

/** An update a node stored, or a hint to re-sync from storage (its updates did not go out). */
export type EntryType = 'update' | 'resync';
export const EntryTypeCode: Record<EntryType, string> = { update: 'u', resync: 'r' };

/**
 * XADD numbered by an INCR in the same script, so numbers follow stream order without holes: a
 * reader that sees n+2 after n missed an entry (trimmed, deleted, or Redis lost its data) and
 * re-syncs from storage. KEYS: stream, counter. ARGV: maxlen, ttl ms, origin, type, data.
 */
export const PUBLISH_SCRIPT = `
local n = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'n', n, 'o', ARGV[3], 't', ARGV[4], 'd', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return n
`;

/** Where a reader starts: the last entry's id and number, read together. KEYS: stream, counter. */
export const CURSOR_SCRIPT = `
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local n = redis.call('GET', KEYS[2]) or '0'
if last[1] then return {last[1][1], n} end
return {'0-0', n}
`;

/** Delete the lock only if it still holds our token. KEYS: lock. ARGV: token. */
export const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
