/**
 * Idle rooms: on a fresh server, read the baseline memory, then open N rooms (one client each:
 * connect, sync, leave), give every server the same time to unload them, and read memory again.
 * A GC runs in the server before each reading, for every server alike, so the figure is what the
 * server still holds rather than garbage it has not collected yet (or pages it is about to return).
 */
import { connect, pool, sleep, whenReady } from '../clients.js';
import type { Usage } from '../ipc.js';
import type { ServerHandle } from '../server-handle.js';

export interface IdleOptions {
  rooms: number;
  concurrency: number;
}

export interface IdleResult {
  baseline: Usage;
  after: Usage;
  /** Rooms the server still held when `after` was read. */
  roomsLeft: number;
  failures: number;
}

const READY_TIMEOUT_MS = 15_000;
/** Beyond the unload delay, how long every server gets to let go of its rooms. */
const UNLOAD_GRACE_MS = 3_000;

/**
 * V8 hands the pages a GC freed back to the system on a background thread, shortly after the GC:
 * read right after it, the same server showed 75 or 87 MiB (50 such 256 KiB pages) at random.
 */
const RELEASE_MS = 500;

async function settledUsage(server: ServerHandle): Promise<Usage> {
  await server.gc();
  await sleep(300);
  await server.gc();
  await sleep(RELEASE_MS);
  return server.usage();
}

export async function idleRooms(server: ServerHandle, opts: IdleOptions): Promise<IdleResult> {
  await sleep(1000);
  const baseline = await settledUsage(server);
  let failures = 0;
  const ids = Array.from({ length: opts.rooms }, (_, i) => `idle-${i}`);
  await pool(ids, opts.concurrency, async (room) => {
    const client = connect(server, room);
    try {
      if ((await whenReady(client, 0, READY_TIMEOUT_MS)) === null) failures++;
    } finally {
      client.destroy();
    }
  });
  // The same wait for every server: Truenorth's unload delay plus a grace period, cut short once
  // the server holds no room.
  const deadline = performance.now() + server.settings.unloadAfterMs + UNLOAD_GRACE_MS;
  while (performance.now() < deadline && (await server.usage()).rooms > 0) await sleep(200);
  const after = await settledUsage(server);
  return { baseline, after, roomsLeft: after.rooms, failures };
}
