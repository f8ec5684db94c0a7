/**
 * Dev helper: fill a board with N stickies (by pasting lines) and time frames while panning and
 * zooming. Not the benchmark — a quick look while working on the canvas.
 *   npx tsx client/scripts/perf.ts <baseUrl> <count>
 */
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://localhost:3111';
const count = Number(process.argv[3] ?? 5000);
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('pageerror', (e) => console.info('[pageerror]', e.message));
const res = await fetch(`${base}/api/boards`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'Perf', template: 'blank' }),
});
const board = (await res.json()) as { links: Record<string, string> };
await page.goto(board.links.facilitator as string);
await page.getByLabel('Display name').fill('Perf');
await page.getByRole('button', { name: 'Join board' }).click();
await page.waitForFunction(() => Boolean(window.__truenorth?.provider?.synced));
const t0 = Date.now();
for (let done = 0, k = 0; done < count; k++) {
  const n = Math.min(1000, count - done);
  await page.mouse.move(300 + (k % 3) * 300, 300 + Math.floor(k / 3) * 300);
  await page.evaluate(
    ({ n, k }) => {
      const dt = new DataTransfer();
      dt.setData(
        'text/plain',
        Array.from({ length: n }, (_, i) => `Idea ${k}-${i} about something`).join('\n'),
      );
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt }));
    },
    { n, k },
  );
  done += n;
}
console.info('inserted', count, 'in', Date.now() - t0, 'ms');
await page.keyboard.press('Escape');
await page.keyboard.press('Shift+!');
await page.waitForTimeout(1000);
await page.screenshot({ path: '/tmp/shots/perf-fit.png' });

async function frames(label: string, step: () => Promise<void>, n = 60) {
  // A string, so the bundler's helper names do not leak into the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  for (let i = 0; i < n; i++) await step();
  const f = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(2);
  });
  f.sort((a, b) => a - b);
  const q = (p: number) => f[Math.min(f.length - 1, Math.floor(p * f.length))]?.toFixed(1);
  console.info(`${label}: frames=${f.length} median=${q(0.5)}ms p95=${q(0.95)}ms`);
}
await page.mouse.move(700, 450);
await frames('pan (fit, all visible)', () => page.mouse.wheel(15, 10));
await page.keyboard.press('Shift+)');
await page.waitForTimeout(500);
await frames('pan (100%)', () => page.mouse.wheel(25, 15));
await frames('zoom', async () => {
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -8);
  await page.keyboard.up('Control');
});
await page.screenshot({ path: '/tmp/shots/perf-zoom.png' });
await browser.close();
