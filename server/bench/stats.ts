/** Small statistics helpers for the bench. */

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const MiB = 1024 * 1024;

/**
 * The servers' order in turn `turn`: rotated by one each turn, so no server always goes first.
 * Going first is not neutral — the load generator's own work from the turn before (and, in the
 * first turn, its JIT warming up) lands on whoever runs next: with a fixed order the first server
 * of the fan-out showed p99 ~2–6× and CPU per delivery ~1.1× whichever server it was.
 */
export function inTurn<T>(items: readonly T[], turn: number): T[] {
  if (items.length === 0) return [];
  const k = turn % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
