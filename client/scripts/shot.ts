/**
 * Dev helper: drive the running app in headless Chromium and save screenshots.
 *   npx tsx client/scripts/shot.ts <baseUrl> <outDir>
 */
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://localhost:3111';
const out = process.argv[3] ?? '/tmp/shots';

const browser = await chromium.launch({
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
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('console', (m) => console.info(`[console.${m.type()}]`, m.text()));
page.on('pageerror', (e) => console.info('[pageerror]', e.message));
await page.goto(base);
await page.screenshot({ path: `${out}/1-landing.png` });
await page.getByRole('button', { name: 'New workshop board' }).click();
await page.getByLabel('Display name').fill('Ada Lovelace');
await page.screenshot({ path: `${out}/2-name.png` });
await page.getByRole('button', { name: 'Join board' }).click();
await page.waitForTimeout(1500);
await page.screenshot({ path: `${out}/3-board.png` });
console.info('url', page.url(), 'status', await page.getByTestId('sync-status').textContent());
await page.keyboard.press('n');
await page.keyboard.type('Hello from Ada');
await page.keyboard.press('Escape');
await page.waitForTimeout(600);
await page.screenshot({ path: `${out}/4-sticky.png` });
console.info('status', await page.getByTestId('sync-status').textContent());
await browser.close();
