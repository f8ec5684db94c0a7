/**
 * What the load generator (this process, every thread) itself spent while a server was measured:
 * its CPU time, its garbage-collection pauses and its worst event-loop delay. A figure the generator
 * was too busy to take on time measures the generator, not the server.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/**
 * A counted slice of the fan-out, or a round of the storm, during which the load generator's own
 * event loop was late by more than this is run again (at most `MAX_TRIES` times in all, the last
 * one counted whatever happened): a delivery that arrived during the stall is timed when the
 * generator got to it, and a connect it was due to open then opens late, so what was measured was
 * the generator, not the server. The generator's loop delay is its own — a server that is slow
 * leaves it idle, not late — and the same rule applies to every server.
 */
export const GENERATOR_STALL_MS = 50;
export const MAX_TRIES = 3;

export interface GeneratorUse {
  gcMs: number;
  loopMaxMs: number;
  cpuMicros: number;
}

/** This process's CPU time, GC pauses and worst event-loop delay from now until `stop()`. */
export function generatorWatch(): { stop(): GeneratorUse } {
  const cpu = process.cpuUsage();
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  return {
    stop() {
      gc.disconnect();
      loop.disable();
      const used = process.cpuUsage(cpu);
      return { gcMs, loopMaxMs: loop.max / 1e6, cpuMicros: used.user + used.system };
    },
  };
}
