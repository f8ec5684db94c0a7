/**
 * Dev helper: poke at interactions in two headless Chromium windows and print what happened.
 *   npx tsx client/scripts/check.ts <baseUrl>
 */
import { chromium, type Page } from '@playwright/test';

const base = process.argv[2] ?? 'http://localhost:3111';
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

async function open(url: string, name: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.info(`[${name} pageerror]`, e.message));
  page.on('console', (m) => m.type() === 'error' && console.info(`[${name} console.error]`, m.text()));
  await page.goto(url);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Join board' }).click();
  await page.waitForFunction(() => Boolean(window.__truenorth?.provider?.synced));
  return page;
}
const dump = (p: Page) =>
  p.evaluate(() => {
    const els = window.__truenorth?.doc.getMap('elements');
    return [...(els?.entries() ?? [])].map(([id, v]) => {
      const m = v as { toJSON(): Record<string, unknown> };
      const j = m.toJSON();
      return { id, type: j.type, x: j.x, y: j.y, text: j.text, parent: j.parent, slot: j.slot };
    });
  });

const res = await fetch(`${base}/api/boards`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'Check', template: 'blank' }),
});
const board = (await res.json()) as { links: Record<string, string> };
const a = await open(board.links.facilitator as string, 'Ann');
const b = await open(board.links.participant as string, 'Ben');

// Grid at left, sticky at right; drag the sticky into the first cell.
await a.mouse.move(400, 400);
await a.keyboard.press('g');
await a.mouse.move(1200, 300);
await a.keyboard.press('n');
await a.keyboard.type('drag me');
await a.keyboard.press('Escape');
let els = await dump(a);
const grid = els.find((e) => e.type === 'grid');
const sticky = els.find((e) => e.type === 'sticky');
console.info('created', els.length, grid?.id, sticky?.id);
const p = (await a.evaluate((id) => window.__truenorth?.screenCenterOf(id), sticky?.id as string)) as {
  x: number;
  y: number;
};
await a.mouse.move(p.x, p.y);
await a.mouse.down();
await a.mouse.move(p.x - 500, p.y + 20, { steps: 8 });
await a.mouse.move(200, 300, { steps: 8 });
await a.mouse.up();
await a.waitForTimeout(300);
els = await dump(b);
console.info(
  'after drag (Ben sees)',
  els.find((e) => e.type === 'sticky'),
);

// Both type into the same sticky at once.
const sp = (await a.evaluate((id) => window.__truenorth?.screenCenterOf(id), sticky?.id as string)) as {
  x: number;
  y: number;
};
const bp = (await b.evaluate((id) => window.__truenorth?.screenCenterOf(id), sticky?.id as string)) as {
  x: number;
  y: number;
};
await a.mouse.dblclick(sp.x, sp.y);
await b.mouse.dblclick(bp.x, bp.y);
await a.getByTestId('text-editor').press('End');
await b.getByTestId('text-editor').press('Home');
await Promise.all([
  a.getByTestId('text-editor').pressSequentially(' AAAA', { delay: 20 }),
  b.getByTestId('text-editor').pressSequentially('BBBB ', { delay: 20 }),
]);
await a.waitForTimeout(500);
console.info('A textarea:', await a.getByTestId('text-editor').inputValue());
console.info('B textarea:', await b.getByTestId('text-editor').inputValue());
await a.keyboard.press('Escape');
await b.keyboard.press('Escape');

// Ben adds a sticky; Ann undoes: Ben's stays.
await b.mouse.move(1000, 700);
await b.keyboard.press('n');
await b.keyboard.type('ben note');
await b.keyboard.press('Escape');
await a.waitForTimeout(300);
await a.mouse.click(1300, 850);
await a.keyboard.press('Control+z');
await a.waitForTimeout(300);
els = await dump(b);
console.info(
  'after Ann undo:',
  els.map((e) => `${e.type}:${e.text ?? ''}:${e.parent ?? ''}`),
);

// Offline edit by Ben merges on reconnect.
await b.evaluate(() => window.__truenorth?.provider.disconnect());
await b.waitForTimeout(200);
console.info('Ben status offline?', await b.getByTestId('sync-status').textContent());
await b.mouse.move(700, 700);
await b.keyboard.press('n');
await b.keyboard.type('offline idea');
await b.keyboard.press('Escape');
await b.evaluate(() => window.__truenorth?.provider.connect());
await b.waitForTimeout(1500);
console.info('Ben status', await b.getByTestId('sync-status').textContent());
console.info('Ann sees', (await dump(a)).map((e) => e.text).filter(Boolean));

// Marquee + delete + duplicate + paste lines.
await a.mouse.move(100, 120);
await a.keyboard.press('Control+a');
console.info('selected', await a.getByTestId('selection-count').textContent());
await a.keyboard.press('Escape');
await a.evaluate(() => {
  const dt = new DataTransfer();
  dt.setData('text/plain', 'one\ntwo\nthree');
  document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt }));
});
await a.waitForTimeout(200);
console.info('after paste', (await dump(a)).filter((e) => e.type === 'sticky').length);
// Rename the grid by double-clicking its title band; connect two stickies; resize one.
const gp = (await a.evaluate((id) => window.__truenorth?.screenCenterOf(id), grid?.id as string)) as {
  x: number;
  y: number;
};
const gEl = (await dump(a)).find((e) => e.type === 'grid');
console.info('grid at', gEl?.x, gEl?.y);
await a.keyboard.press('Escape');
await a.keyboard.press('Shift+!');
await a.waitForTimeout(200);
const stickies = (await dump(a)).filter((e) => e.type === 'sticky').map((e) => e.id);
const c1 = (await a.evaluate((id) => window.__truenorth?.screenCenterOf(id), stickies[0] as string)) as {
  x: number;
  y: number;
};
const c2 = (await a.evaluate((id) => window.__truenorth?.screenCenterOf(id), stickies[1] as string)) as {
  x: number;
  y: number;
};
await a.mouse.click(c1.x, c1.y);
await a.keyboard.down('Shift');
await a.mouse.click(c2.x, c2.y);
await a.keyboard.up('Shift');
await a.keyboard.press('c');
console.info('connectors', (await dump(a)).filter((e) => e.type === 'connector').length, 'gp', gp);
await a.screenshot({ path: '/tmp/shots/check.png' });
await browser.close();
