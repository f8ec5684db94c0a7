/**
 * Each malformed input closes only the offending socket, with its named code; the process stays
 * up and a healthy client keeps syncing everything.
 */
import { elementsMap } from '@truenorth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { malformedInputs } from '../fixtures/malformed-inputs.js';
import { counter, type Harness, provider, RawClient, startRelay, synced, waitFor } from './harness.js';

const MAX_MESSAGE = 64 * 1024;

const cases = malformedInputs(MAX_MESSAGE);

describe('malformed input', () => {
  let h: Harness;
  let healthy: WebsocketProvider;

  beforeAll(async () => {
    h = await startRelay({ limits: { maxMessageBytes: MAX_MESSAGE } });
    healthy = provider(h, 'board');
    await synced(healthy);
  });

  afterAll(async () => {
    healthy.destroy();
    await h.close();
  });

  for (const [i, c] of cases.entries()) {
    it(`${c.name} closes only that socket`, async () => {
      const bad = new RawClient(h, 'board');
      await bad.opened;
      bad.send(c.payload());
      const code = await bad.closed;
      expect(c.codes).toContain(code);

      elementsMap(healthy.doc).set(`after-${i}`, i);
      const late = provider(h, 'board');
      await synced(late);
      await waitFor(() => elementsMap(late.doc).get(`after-${i}`) === i, 'healthy client still syncs');
      expect(elementsMap(late.doc).size).toBe(i + 1);
      expect(healthy.wsconnected).toBe(true);
      late.destroy();
    });
  }

  it('counted every close by its code name', async () => {
    expect(await counter(h.metrics.closes, { code: 'unsupportedData' })).toBe(1);
    expect(await counter(h.metrics.closes, { code: 'messageTooBig' })).toBe(1);
    expect(await counter(h.metrics.closes, { code: 'badMessage' })).toBeGreaterThanOrEqual(7);
  });
});
