/**
 * `--pin`: the load generator on one CPU, every server under test on another (`taskset`, Linux's
 * util-linux). On a machine with two cores the generator and the server otherwise share both, and
 * the generator's own bursts (a GC, a batch of deliveries) land in the server's latency tail; pinned,
 * each has a core of its own, the nearest this machine comes to a generator on another machine.
 * Each server's threads (V8's GC helpers, libuv's pool) share its one core.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

export interface Pinning {
  generator: number;
  servers: number;
}

let pinning: Pinning | undefined;

/** Pin this process (every thread) to one CPU and the servers started from now on to another. */
export function pinGeneratorAndServers(): Pinning {
  const count = os.cpus().length;
  if (count < 2) throw new Error('--pin needs two CPUs or more');
  const wanted = { generator: 0, servers: 1 };
  pinProcess(process.pid, wanted.generator);
  pinning = wanted;
  return wanted;
}

/** Pin a server under test to the servers' CPU, when `--pin` asked for it. */
export function pinServer(pid: number | undefined): void {
  if (pinning && pid !== undefined) pinProcess(pid, pinning.servers);
}

function pinProcess(pid: number, cpu: number): void {
  const result = spawnSync('taskset', ['--all-tasks', '--pid', '--cpu-list', String(cpu), String(pid)], {
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`--pin: taskset could not run (${result.error.message})`);
  if (result.status !== 0) throw new Error(`--pin: taskset failed for ${pid}: ${result.stderr.trim()}`);
}
