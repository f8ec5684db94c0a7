/**
 * Export benchmark (not a test): time and size of an export — the workshop record (PDF, default)
 * or a cards export (`--format csv|json|md`) — for boards of 1,000 and 5,000 cards, and how long
 * the event loop is held up meanwhile (what every live room's sync waits). By default the export
 * runs the way the route runs a big board's: the board encoded as one update on this thread, read
 * and rendered on an export thread (`export/pdf/pool.ts`). `--inline` reads and renders on this
 * thread instead, as before export threads (and as the route still does a small board's cards
 * export). `--snapshot` exports the board's bytes as a stored snapshot (decoded, not encoded).
 *   npx tsx server/bench/export.ts [cards...] [--format pdf|csv|json|md] [--snapshot] [--inline] [--out DIR]
 *
 * Per size, three exports: the first (with the render thread starting), then the median of three.
 * - wall: request to file; cpu: the process's CPU (every thread); main: time this thread was busy
 *   (event-loop utilization); worst delay: the longest the event loop could not run (timers,
 *   sockets), from `monitorEventLoopDelay`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { z } from 'zod';
import { readExportBoard, readSnapshotBoard } from '../src/export/board.js';
import { renderData } from '../src/export/data.js';
import type { ExportFormat, ExportJob } from '../src/export/pdf/job.js';
import { ExportPool } from '../src/export/pdf/pool.js';
import { crowdTheme, fillWorkshop, WorkshopBuilder } from '../test/export/workshop.js';

const THEMES = ['Theme A', 'Theme B', 'Theme C', 'Parking lot'];

interface Sample {
  wall: number;
  cpu: number;
  main: number;
  worstDelay: number;
  bytes: number;
  file: Buffer;
}

async function measure(render: () => Promise<Buffer>): Promise<Sample> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // The histogram counts from its first tick on: let it tick before the export starts.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const elu = performance.eventLoopUtilization();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const file = await render();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpuStart);
  const main = performance.eventLoopUtilization(elu).active;
  // One more turn of the event loop: an export made in one synchronous stretch (a cards export
  // inline) shows up as a delay only once the loop gets to run again.
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
  return {
    wall,
    cpu: (used.user + used.system) / 1000,
    main,
    worstDelay: delay.max / 1e6,
    bytes: file.byteLength,
    file,
  };
}

async function run(
  total: number,
  format: ExportFormat,
  snapshot: boolean,
  inline: boolean,
  out: string | null,
) {
  const b = new WorkshopBuilder();
  const base = fillWorkshop(b).reduce((n, c) => n + c.texts.length, 0);
  // The rest spread over the card-sorting themes, as after a big brainstorm.
  const rest = Math.max(0, total - base);
  THEMES.forEach((theme, i) => {
    const share = Math.floor(rest / THEMES.length) + (i < rest % THEMES.length ? 1 : 0);
    crowdTheme(b, share, theme);
  });
  const record = { id: 'bench', title: 'Benchmark board' };
  const source = {
    kind: 'snapshot',
    id: 'snap',
    name: 'Bench',
    createdAt: new Date().toISOString(),
  } as const;
  // A snapshot's bytes as storage hands them over (read before the clock starts).
  const stored = Y.encodeStateAsUpdate(b.doc);
  const pool = inline ? null : new ExportPool({ workers: 1, queue: 8, heapMb: 512 });
  const renderInline = async () => {
    const board = snapshot
      ? readSnapshotBoard(stored, record, source)
      : readExportBoard(b.doc, record, new Date(), { kind: 'present' });
    if (format !== 'pdf') return Buffer.from(renderData(format, board));
    const { renderRecord } = await import('../src/export/pdf/record.js');
    return renderRecord(board);
  };
  const renderOnThread = async () => {
    if (snapshot) {
      // As the route: the stored bytes copied to the thread.
      const job: ExportJob = { format, update: stored, record, at: new Date(source.createdAt), source };
      return (await pool!.render(job)).file;
    }
    // As the route: encoded on this thread (in the room's task), transferred to the thread.
    const update = Y.encodeStateAsUpdate(b.doc);
    const job: ExportJob = { format, update, record, at: new Date(), source: { kind: 'present' } };
    return (await pool!.render(job, { transfer: [update.buffer as ArrayBuffer] })).file;
  };
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < 4; i++) samples.push(await measure(inline ? renderInline : renderOnThread));
  } finally {
    await pool?.close();
  }
  const [first, ...rest3] = samples as [Sample, ...Sample[]];
  const label = `${format}${snapshot ? ' snapshot' : ''}${inline ? ' inline' : ''}`;
  if (out) writeFileSync(path.join(out, `bench-${total}-${label.replace(/ /g, '-')}.${format}`), first.file);
  const median = (pick: (s: Sample) => number) =>
    Math.round([...rest3.map(pick)].sort((x, y) => x - y)[1] ?? 0);
  const show = (s: { wall: number; cpu: number; main: number; worstDelay: number }) =>
    `${Math.round(s.wall)} ms (cpu ${Math.round(s.cpu)} ms, main thread ${Math.round(s.main)} ms, ` +
    `worst event-loop delay ${Math.round(s.worstDelay)} ms)`;
  // CPU time next to wall time: on a shared machine the wall clock also counts waiting for a core.
  console.info(
    `${total} cards (${label}): first ${show(first)}, median ${show({
      wall: median((s) => s.wall),
      cpu: median((s) => s.cpu),
      main: median((s) => s.main),
      worstDelay: median((s) => s.worstDelay),
    })}, ${(first.bytes / 1024 / 1024).toFixed(2)} MiB, board ${(stored.byteLength / 1024).toFixed(0)} KiB`,
  );
}

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? (args[outAt + 1] ?? null) : null;
const formatAt = args.indexOf('--format');
const format = z.enum(['pdf', 'csv', 'json', 'md']).parse(formatAt >= 0 ? args[formatAt + 1] : 'pdf');
const inline = args.includes('--inline');
const snapshot = args.includes('--snapshot');
const sizes = args
  .filter((a, i) => /^\d+$/.test(a) && ![outAt, formatAt].some((at) => at >= 0 && i === at + 1))
  .map(Number);
for (const total of sizes.length ? sizes : [1000, 5000]) await run(total, format, snapshot, inline, out);
