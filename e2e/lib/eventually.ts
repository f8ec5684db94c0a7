import { expect } from '@playwright/test';

/**
 * `expect.poll` with short intervals: the documents here converge in tens of milliseconds, and the
 * default back-off (up to a second between tries) would make the suite wait for nothing.
 */
export function eventually<T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) {
  return expect.poll(fn, { intervals: [25, 50, 100, 200, 400], ...opts });
}
