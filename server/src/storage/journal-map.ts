/**
 * The journal's optional native part (server/native/journal_map.c, ~50 lines): reserve a file's
 * first bytes on disk (`posix_fallocate`, so no page of it can later fail for want of space) and
 * map them `MAP_SHARED` into an ArrayBuffer. A record stored into that buffer is in the operating
 * system's file cache the moment the store ends — as durable against the process dying as a
 * `write(2)`, without the system call: 0.2 against 2.3 µs per record in a tight loop, and during
 * the relay bench's fan-out a whole journal append took p50 11 µs against 48 µs (docs/benchmarks-history.md).
 *
 * (A copy-on-write file system such as btrfs may still need new blocks for a reserved page when it
 * is written: there a full disk would stop the process, not fail one append. Set
 * `JOURNAL_MMAP=false` when DATA_DIR is on one.)
 *
 * `npm install` builds it (native/build.mjs) where there is a C compiler and Node's headers; without
 * them, or on another platform than Linux, `loadJournalMap` returns null and the journal appends
 * with `write(2)`, as it does with `JOURNAL_MMAP=false`.
 */
import { createRequire } from 'node:module';

export type MapFile = (fd: number, length: number) => ArrayBuffer;

/** Where the addon is built, from this module in src/storage/ or from a bundle in dist*\/. */
const CANDIDATES = ['../../native/build/journal_map.node', '../native/build/journal_map.node'];

let loaded: MapFile | null | undefined;

/** The addon's `map`, or null when it is not built. */
export function loadJournalMap(): MapFile | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  const require = createRequire(import.meta.url);
  for (const candidate of CANDIDATES) {
    try {
      const addon: unknown = require(candidate);
      if (addon && typeof (addon as { map?: unknown }).map === 'function') {
        loaded = (addon as { map: MapFile }).map;
        break;
      }
    } catch {
      // Not built there: try the next place, else write(2).
    }
  }
  return loaded;
}
