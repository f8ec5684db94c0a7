/**
 * Which automatic snapshots a board lets go of. A board edited for days gets an automatic
 * snapshot every `snapshotIntervalMs` while it changes — 48 a working day at 10 minutes — and
 * without thinning its history list and its storage would grow with time alone. So, like a
 * backup schedule:
 *
 * - every automatic snapshot younger than `keepAllMs` stays (default: the last 24 hours);
 * - younger than `keepHourlyMs`, the newest of each hour stays (default: the last 7 days, which
 *   covers a two- or three-day workshop and the week after it);
 * - older, the newest of each day (UTC) stays, for good.
 *
 * Only `periodic` snapshots are ever let go: named ones, the agenda's per-step ones and restore
 * points are what people asked for, and stay. The newest automatic snapshot always stays, and so
 * does one a restore point names (`restoreOf`): restoring that point undoes its restore keeping
 * what people did since, which needs the snapshot that restore brought (relay.ts `restore`).
 *
 * Also here: whether a board's automatic snapshot is due at all (`tookOneLately`). Pure: the room
 * lists, asks, takes and deletes.
 */
import type { SnapshotMeta } from '../storage/types.js';

export interface RetentionPolicy {
  keepAllMs: number;
  keepHourlyMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The ids of the automatic snapshots to delete, given every snapshot of one board. */
export function snapshotsToPrune(
  snapshots: readonly (Pick<SnapshotMeta, 'id' | 'kind' | 'createdAt'> & { restoreOf?: string | null })[],
  now: number,
  policy: RetentionPolicy,
): string[] {
  const restored = new Set<string>();
  for (const s of snapshots) if (s.kind === 'restore-point' && s.restoreOf) restored.add(s.restoreOf);
  const periodic = snapshots
    .filter((s) => s.kind === 'periodic')
    .map((s) => ({ id: s.id, at: Date.parse(s.createdAt) }))
    .filter((s) => Number.isFinite(s.at)) // a time that does not read is left alone
    .sort((a, b) => b.at - a.at);
  // Hours and days that already keep a (newer) snapshot.
  const hours = new Set<number>();
  const days = new Set<number>();
  const prune: string[] = [];
  for (const s of periodic) {
    const hour = Math.floor(s.at / HOUR);
    const day = Math.floor(s.at / DAY);
    const age = now - s.at;
    const covered = restored.has(s.id)
      ? false
      : age < policy.keepAllMs
        ? false
        : age < policy.keepHourlyMs
          ? hours.has(hour)
          : days.has(day);
    if (covered) {
      prune.push(s.id);
      continue;
    }
    hours.add(hour);
    days.add(day);
  }
  return prune;
}

/**
 * Whether an automatic snapshot was taken less than half an interval ago. With several nodes,
 * every node whose clients write a board arms its own timer: the first to fire takes the snapshot
 * and the others, seeing it, skip theirs. (On one node the newest is always at least an interval
 * old when the timer fires.) One dated ahead by more than an interval — a node whose clock is far
 * off — holds nobody back.
 */
export function tookOneLately(
  snapshots: readonly Pick<SnapshotMeta, 'kind' | 'createdAt'>[],
  now: number,
  intervalMs: number,
): boolean {
  const newest = snapshots.find((s) => s.kind === 'periodic'); // listed newest first
  if (!newest) return false;
  const age = now - Date.parse(newest.createdAt);
  return age > -intervalMs && age < intervalMs / 2;
}
