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
 * points are what people asked for, and stay. The newest automatic snapshot always stays. Pure:
 * the room lists, asks and deletes.
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
  snapshots: readonly Pick<SnapshotMeta, 'id' | 'kind' | 'createdAt'>[],
  now: number,
  policy: RetentionPolicy,
): string[] {
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
    const covered =
      age < policy.keepAllMs ? false : age < policy.keepHourlyMs ? hours.has(hour) : days.has(day);
    if (covered) {
      prune.push(s.id);
      continue;
    }
    hours.add(hour);
    days.add(day);
  }
  return prune;
}
