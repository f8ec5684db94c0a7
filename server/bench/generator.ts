/**
 * What the load generator (this process, every thread) itself spent while a server was measured:
 * its CPU time, its garbage-collection pauses and its worst event-loop delay. A figure the generator
 * was too busy to take on time measures the generator, not the server.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface GeneratorUse {
  gcMs: number;
  loopMaxMs: number;
  cpuMicros: number;
}

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
