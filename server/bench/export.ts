/**
 * PDF export benchmark (not a test): time and size of the workshop record for boards of 1,000
 * and 5,000 cards, rendered from a Y.Doc the way the route does (read, then render).
 *   npx tsx server/bench/export.ts [cards...] [--out DIR]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readExportBoard } from '../src/export/board.js';
import { renderRecord } from '../src/export/pdf/record.js';
import { crowdTheme, fillWorkshop, WorkshopBuilder } from '../test/export/workshop.js';

const THEMES = ['Theme A', 'Theme B', 'Theme C', 'Parking lot'];

async function run(total: number, out: string | null) {
  const b = new WorkshopBuilder();
  const base = fillWorkshop(b).reduce((n, c) => n + c.texts.length, 0);
  // The rest spread over the card-sorting themes, as after a big brainstorm.
  const rest = Math.max(0, total - base);
  THEMES.forEach((theme, i) => {
    const share = Math.floor(rest / THEMES.length) + (i < rest % THEMES.length ? 1 : 0);
    crowdTheme(b, share, theme);
  });
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  let pdf: Buffer | null = null;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const board = readExportBoard(b.doc, { id: 'bench', title: 'Benchmark board' }, new Date(), {
      kind: 'present',
    });
    pdf = await renderRecord(board);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    bytes = pdf.byteLength;
  }
  if (out && pdf) writeFileSync(path.join(out, `bench-${total}.pdf`), pdf);
  const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[1] ?? 0);
  // CPU time next to wall time: on a shared machine the wall clock also counts waiting for a core.
  console.info(
    `${total} cards: first ${Math.round(times[0] ?? 0)} ms (cpu ${Math.round(cpu[0] ?? 0)} ms), ` +
      `median ${median(times)} ms (cpu ${median(cpu)} ms), ${(bytes / 1024 / 1024).toFixed(2)} MiB`,
  );
}

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? (args[outAt + 1] ?? null) : null;
const sizes = args.filter((a, i) => /^\d+$/.test(a) && !(outAt >= 0 && i === outAt + 1)).map(Number);
for (const total of sizes.length ? sizes : [1000, 5000]) await run(total, out);
