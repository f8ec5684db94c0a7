import { defineConfig } from '@playwright/test';
import { serverRuntime } from '../server/scripts/runtime.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3199);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/** The server as `npm start` runs it: built into plain JavaScript, with its Node flags and env. */
const { nodeFlags, env: serverEnvDefaults } = serverRuntime();

/** Real Chromium (Debian's) against the real server on one port, with a throwaway data dir. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: '../.tmp/e2e-results',
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1400, height: 900 },
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
    },
  },
  webServer: {
    // Its own output directory, so a test run never replaces the files of a server running from
    // server/dist.
    command: `node ../server/scripts/build.mjs --out=dist-e2e && node ${nodeFlags.join(' ')} ../server/dist-e2e/main.mjs`,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      ...serverEnvDefaults,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: `../.tmp/e2e-data-${process.pid}`,
      SERVICE_TOKEN: 'e2e-service-token',
      LOG_LEVEL: 'warn',
      // Automatic snapshots every 1.5 s instead of 10 minutes, so a test sees several taken
      // while people work (history.spec.ts) and every test runs with them being taken.
      SNAPSHOT_INTERVAL_MS: '1500',
    },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
