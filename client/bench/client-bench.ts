/**
 * bench:client — a benchmark, not a test: it asserts nothing. In one headless Chromium, for
 * Truenorth (the real server and built client) and for tldraw (its stock editor, built here with
 * Vite), on boards of the same cards:
 *   - frame times (median, p95) while panning at 100%, panning the whole-board overview, and
 *     zooming 100% → whole board → 100%, with the camera moved every frame by each app's API;
 *   - time from navigation to the first full render of the board (all cards drawn).
 *
 *   npm run bench:client [-- --repeats=3 --sizes=1000,5000 --quick --rebuild --json=out.json]
 */
import { writeFileSync } from 'node:fs';
import { type Browser, chromium } from '@playwright/test';
import { boardBounds } from './cards';
import { type AppKind, type PhaseName, phaseScript, renderWatcher } from './in-page';
import { type FrameStats, frameStats, median } from './stats';
import { buildTldrawPage, serveTldraw, tldrawVersion } from './tldraw-page';
import { ensureClientBuild, startTruenorth } from './truenorth-server';

const argv = process.argv.slice(2);
const flag = (name: string) =>
  argv.includes(`--${name}`) || process.env[`BENCH_${name.toUpperCase()}`] === '1';
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const quick = flag('quick');
const repeats = Math.max(1, Math.min(10, Number(option('repeats') ?? (quick ? 1 : 3))));
const sizes = (option('sizes') ?? '1000,5000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n <= 20_000);
const PHASES: { name: PhaseName; ms: number }[] = [
  { name: 'pan 100%', ms: 2000 },
  { name: 'pan overview', ms: 2000 },
  { name: 'zoom', ms: 2500 },
];
const VIEWPORT = { width: 1280, height: 800 };
const APPS: AppKind[] = ['truenorth', 'tldraw'];
const LABEL: Record<AppKind, string> = { truenorth: 'Truenorth', tldraw: 'tldraw' };
const log = (s: string) => console.info(`[bench:client] ${s}`);

interface RunResult {
  app: AppKind;
  n: number;
  repeat: number;
  firstRenderMs: number;
  phases: Record<string, FrameStats>;
}

async function runOne(
  browser: Browser,
  app: AppKind,
  url: string,
  n: number,
  repeat: number,
): Promise<RunResult> {
  // A fresh context each time: nothing cached in IndexedDB, the board comes from the server.
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(() => localStorage.setItem('truenorth:name', JSON.stringify('Bench')));
    await context.addInitScript(renderWatcher(app, n));
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`${app} page error: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(() => (window as { __renderedAt?: number }).__renderedAt !== undefined, null, {
      timeout: 120_000,
      polling: 250,
    });
    const firstRenderMs = await page.evaluate(() => (window as { __renderedAt?: number }).__renderedAt ?? -1);
    const board = boardBounds(n);
    const fit = Math.min(VIEWPORT.width / board.w, (VIEWPORT.height - 60) / board.h) * 0.9;
    const phases: Record<string, FrameStats> = {};
    const all: number[] = [];
    for (const phase of PHASES) {
      const deltas = (await page.evaluate(
        phaseScript({ kind: app, phase: phase.name, board, fit, durationMs: phase.ms }, 600),
      )) as number[];
      phases[phase.name] = frameStats(deltas);
      all.push(...deltas);
    }
    phases.all = frameStats(all);
    if (process.env.BENCH_SHOTS)
      await page.screenshot({ path: `${process.env.BENCH_SHOTS}/${app}-${n}.png` });
    return { app, n, repeat, firstRenderMs, phases };
  } finally {
    await context.close();
  }
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '—');
const ratio = (tl: number, tn: number) => (tn > 0 && Number.isFinite(tl) ? `${(tl / tn).toFixed(2)}×` : '—');

function report(results: RunResult[]): string {
  const lines = [
    `Frame times in ms (requestAnimationFrame deltas; 16.7 ms = 60 fps). Each figure is the median over ${repeats} run(s).`,
    'Ratio: tldraw ÷ Truenorth for times, Truenorth ÷ tldraw for fps — above 1× Truenorth is smoother (or faster).',
    '',
    '| cards | what | Truenorth median / p95 · fps | tldraw median / p95 · fps | ratio (median / p95) |',
    '|---:|---|---:|---:|---:|',
  ];
  for (const n of sizes) {
    const of = (app: AppKind) => results.filter((r) => r.app === app && r.n === n);
    const agg = (app: AppKind, phase: string) => {
      const pick = (f: (s: FrameStats) => number) =>
        median(of(app).map((r) => (r.phases[phase] ? f(r.phases[phase]) : Number.NaN)));
      return { median: pick((s) => s.median), p95: pick((s) => s.p95), fps: pick((s) => s.fps) };
    };
    for (const phase of PHASES.map((p) => p.name)) {
      const tn = agg('truenorth', phase);
      const tl = agg('tldraw', phase);
      lines.push(
        `| ${n.toLocaleString('en')} | ${phase} | ${fmt(tn.median)} / ${fmt(tn.p95)} · ${tn.fps.toFixed(0)} | ${fmt(tl.median)} / ${fmt(tl.p95)} · ${tl.fps.toFixed(0)} | ${ratio(tl.median, tn.median)} / ${ratio(tl.p95, tn.p95)} |`,
      );
    }
    // Pooled frame medians would favour whichever app drew more (short) frames: compare rates.
    const tn = agg('truenorth', 'all');
    const tl = agg('tldraw', 'all');
    lines.push(
      `| ${n.toLocaleString('en')} | **all phases** (fps) | ${tn.fps.toFixed(1)} | ${tl.fps.toFixed(1)} | ${ratio(tn.fps, tl.fps)} |`,
    );
    const first = (app: AppKind) => median(of(app).map((r) => r.firstRenderMs));
    lines.push(
      `| ${n.toLocaleString('en')} | first full render (ms from navigation) | ${fmt(first('truenorth'))} | ${fmt(first('tldraw'))} | ${ratio(first('tldraw'), first('truenorth'))} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const started = performance.now();
  ensureClientBuild(log, flag('rebuild'));
  const tldrawDir = await buildTldrawPage(log);
  const truenorth = await startTruenorth();
  const tldraw = await serveTldraw(tldrawDir);
  let browser: Browser | undefined;
  try {
    const boards = new Map<number, string>();
    for (const n of sizes) {
      log(`seeding a Truenorth board of ${n} stickies …`);
      boards.set(n, await truenorth.seedBoard(n));
    }
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Loopback only: tldraw's default fonts live on a CDN; fail those at once, not by timeout.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
    log(
      `Chromium ${browser.version()}, tldraw ${tldrawVersion()}, ${repeats} repeat(s), boards ${sizes.join(', ')}`,
    );
    const results: RunResult[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const n of sizes) {
        // Alternate which app goes first, so slow drift on a shared machine hits both alike.
        const order = repeat % 2 === 0 ? APPS : [...APPS].reverse();
        for (const app of order) {
          const url = app === 'truenorth' ? (boards.get(n) as string) : `${tldraw.url}/?n=${n}`;
          const r = await runOne(browser, app, url, n, repeat);
          results.push(r);
          const all = r.phases.all as FrameStats;
          log(
            `run ${repeat + 1}/${repeats} ${LABEL[app]} ${n}: first render ${fmt(r.firstRenderMs)} ms, ${all.fps.toFixed(1)} fps over all phases (${all.frames} frames)`,
          );
        }
      }
    }
    const table = report(results);
    console.info(`\n${table}\n`);
    const json = option('json');
    if (json) writeFileSync(json, JSON.stringify({ repeats, sizes, results }, null, 2));
    log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser?.close();
    await tldraw.close();
    await truenorth.close();
  }
}

await main();
