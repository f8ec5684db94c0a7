/** Small statistics helpers for the client bench. */

/** Nearest-rank percentile; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

export interface FrameStats {
  median: number;
  p95: number;
  frames: number;
  /** Frames per second over the phase (frames ÷ time they covered). */
  fps: number;
}

export function frameStats(deltas: readonly number[]): FrameStats {
  const ms = deltas.reduce((a, b) => a + b, 0);
  return {
    median: median(deltas),
    p95: percentile(deltas, 0.95),
    frames: deltas.length,
    fps: ms > 0 ? (deltas.length * 1000) / ms : Number.NaN,
  };
}
