/**
 * Dev helper: a scripted tour of the running app in two headless Chromium windows, with
 * screenshots of each step. Not a test: a way to look at the app as a user would.
 *   npx tsx client/scripts/tour.ts <baseUrl> <outDir>
 */
import { chromium, type Page } from '@playwright/test';

const base = process.argv[2] ?? 'http://localhost:3111';
const out = process.argv[3] ?? '/tmp/shots';
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

const res = await fetch(`${base}/api/boards`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'Kick-off: Project Atlas', template: 'blank' }),
});
const board = (await res.json()) as { links: Record<string, string> };
const ada = await open(board.links.facilitator as string, 'Ada Lovelace');

const at = async (x: number, y: number, key: string) => {
  await ada.mouse.move(x, y);
  await ada.keyboard.press(key);
  await ada.keyboard.press('Escape');
};
await ada.getByTestId('zoom-level').click();
await ada.keyboard.press('-');
await ada.keyboard.press('-');
await at(420, 420, 'g');
await at(1050, 300, 'm');
await at(1050, 700, 'l');
await ada.waitForTimeout(300);
// Stickies by double-click in cells and the theme.
const notes: [number, number, string][] = [
  [260, 300, 'Remote teams lose context'],
  [560, 300, 'Workshops that remember'],
  [260, 560, 'Shared canvas + agenda'],
  [1000, 330, 'Too many tools'],
];
for (const [x, y, text] of notes) {
  await ada.mouse.dblclick(x, y);
  await ada.keyboard.type(text);
  await ada.keyboard.press('Escape');
}
await ada.waitForTimeout(500);
const bob = await open(board.links.participant as string, 'Bob Stone');
await bob.mouse.move(700, 450);
await bob.mouse.move(720, 470, { steps: 4 });
await ada.mouse.click(300, 330);
await ada.waitForTimeout(800);
await ada.screenshot({ path: `${out}/tour-1-ada.png` });
await bob.screenshot({ path: `${out}/tour-2-bob.png` });
await ada.keyboard.press('o');
await ada.waitForTimeout(300);
await ada.screenshot({ path: `${out}/tour-3-outline.png` });
await ada.keyboard.press('Escape');
await ada.getByTestId('open-help').click();
await ada.screenshot({ path: `${out}/tour-4-help.png` });
console.info('ada status', await ada.getByTestId('sync-status').textContent());
const obs = await browser.newContext({ viewport: { width: 1400, height: 900 } }).then((c) => c.newPage());
await obs.goto(board.links.observer as string);
await obs.getByLabel('Display name').fill('Olga');
await obs.getByRole('button', { name: 'Join board' }).click();
await obs.waitForTimeout(1500);
await obs.screenshot({ path: `${out}/tour-5-observer.png` });
await obs.goto(`${base}/b/nope?token=wrong`);
await obs.waitForTimeout(1000);
await obs.screenshot({ path: `${out}/tour-6-badtoken.png` });
await browser.close();
