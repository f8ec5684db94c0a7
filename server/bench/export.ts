/**
 * PDF export benchmark (not a test): time and size of the workshop record for boards of 1,000
 * and 5,000 cards, and how long the event loop is held up meanwhile (what every live room's sync
 * waits). By default the record renders the way the route does it: the board encoded as one update
 * on this thread, read and rendered on a render thread (`export/pdf/pool.ts`). `--inline` reads
 * and renders on this thread instead, as before render threads (for comparison).
 *   npx tsx server/bench/export.ts [cards...] [--inline] [--out DIR]
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
import { readExportBoard } from '../src/export/board.js';
import { PdfPool } from '../src/export/pdf/pool.js';
import { crowdTheme, fillWorkshop, WorkshopBuilder } from '../test/export/workshop.js';

const THEMES = ['Theme A', 'Theme B', 'Theme C', 'Parking lot'];

interface Sample {
  wall: number;
  cpu: number;
  main: number;
  worstDelay: number;
  bytes: number;
  pdf: Buffer;
}

async function measure(render: () => Promise<Buffer>): Promise<Sample> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const elu = performance.eventLoopUtilization();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const pdf = await render();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpuStart);
  const main = performance.eventLoopUtilization(elu).active;
  delay.disable();
  return {
    wall,
    cpu: (used.user + used.system) / 1000,
    main,
    worstDelay: delay.max / 1e6,
    bytes: pdf.byteLength,
    pdf,
  };
}

async function run(total: number, inline: boolean, out: string | null) {
  const b = new WorkshopBuilder();
  const base = fillWorkshop(b).reduce((n, c) => n + c.texts.length, 0);
  // The rest spread over the card-sorting themes, as after a big brainstorm.
  const rest = Math.max(0, total - base);
  THEMES.forEach((theme, i) => {
    const share = Math.floor(rest / THEMES.length) + (i < rest % THEMES.length ? 1 : 0);
    crowdTheme(b, share, theme);
  });
  const record = { id: 'bench', title: 'Benchmark board' };
  const pool = inline ? null : new PdfPool({ workers: 1, queue: 8, heapMb: 512 });
  const renderInline = async () => {
    const board = readExportBoard(b.doc, record, new Date(), { kind: 'present' });
    const { renderRecord } = await import('../src/export/pdf/record.js');
    return renderRecord(board);
  };
  const renderOnThread = async () => {
    // As the route: encoded on this thread (in the room's task), transferred to the thread.
    const update = Y.encodeStateAsUpdate(b.doc);
    const job = { update, record, at: new Date(), source: { kind: 'present' } as const };
    return (await pool!.render(job, { transfer: [update.buffer as ArrayBuffer] })).pdf;
  };
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < 4; i++) samples.push(await measure(inline ? renderInline : renderOnThread));
  } finally {
    await pool?.close();
  }
  const [first, ...rest3] = samples as [Sample, ...Sample[]];
  if (out) writeFileSync(path.join(out, `bench-${total}${inline ? '-inline' : ''}.pdf`), first.pdf);
  const median = (pick: (s: Sample) => number) =>
    Math.round([...rest3.map(pick)].sort((x, y) => x - y)[1] ?? 0);
  const show = (s: { wall: number; cpu: number; main: number; worstDelay: number }) =>
    `${Math.round(s.wall)} ms (cpu ${Math.round(s.cpu)} ms, main thread ${Math.round(s.main)} ms, ` +
    `worst event-loop delay ${Math.round(s.worstDelay)} ms)`;
  // CPU time next to wall time: on a shared machine the wall clock also counts waiting for a core.
  console.info(
    `${total} cards${inline ? ' (inline)' : ''}: first ${show(first)}, median ${show({
      wall: median((s) => s.wall),
      cpu: median((s) => s.cpu),
      main: median((s) => s.main),
      worstDelay: median((s) => s.worstDelay),
    })}, ${(first.bytes / 1024 / 1024).toFixed(2)} MiB`,
  );
}

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? (args[outAt + 1] ?? null) : null;
const inline = args.includes('--inline');
const sizes = args.filter((a, i) => /^\d+$/.test(a) && !(outAt >= 0 && i === outAt + 1)).map(Number);
for (const total of sizes.length ? sizes : [1000, 5000]) await run(total, inline, out);
