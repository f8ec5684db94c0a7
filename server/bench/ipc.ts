/** Messages between the bench (parent) and a server under test (child process). */

/** `base`: Truenorth built from another checkout (`BENCH_BASE`), to tell a change from the noise. */
export type ServerKind = 'truenorth' | 'yws' | 'hocuspocus' | 'base';

export const SERVER_KINDS: readonly ServerKind[] = [
  'truenorth',
  'yws',
  'hocuspocus',
  ...(process.env.BENCH_BASE ? (['base'] as const) : []),
];

export const SERVER_NAMES: Readonly<Record<ServerKind, string>> = {
  truenorth: 'Truenorth',
  yws: 'y-websocket server',
  hocuspocus: 'Hocuspocus',
  base: 'Truenorth (base)',
};

/** Truenorth, this checkout's or the base's: its URL, token and message types. */
export function isTruenorth(kind: ServerKind): boolean {
  return kind === 'truenorth' || kind === 'base';
}

/** What the child measures of itself. */
export interface Usage {
  /** User + system CPU time of the process since it started, in microseconds. */
  cpuMicros: number;
  /** CPU time of the main thread alone (from /proc; NaN where that is not readable). */
  mainThreadCpuMicros: number;
  /** The system (kernel) part of `cpuMicros`: socket writes, page faults, the journal's file. */
  systemCpuMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Documents the server still holds in memory. */
  rooms: number;
  /** The server's event-loop delay since the previous `usage` request (how long it was blocked). */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Garbage collections of the main thread since start, and their summed pauses. */
  gcCount: number;
  gcMs: number;
  /** How many of those were mark-compacts (full collections); absent from a base built before the count. */
  gcMajorCount?: number;
}

export type Request = { id: number; op: 'usage' | 'gc' | 'stop' };

export type Reply =
  | { op: 'ready'; port: number }
  | { op: 'usage'; id: number; usage: Usage }
  | { op: 'done'; id: number }
  | { op: 'error'; id?: number; message: string };
