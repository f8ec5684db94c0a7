import { elementsMap } from '@truenorth/shared';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Harness, provider, startRelay, synced, waitFor } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('compacts the log every N updates while keeping everything', async () => {
  h = await startRelay({ limits: { compactEvery: 5 } });
  const p = provider(h, 'compact');
  await synced(p);
  for (let i = 0; i < 23; i++) {
    elementsMap(p.doc).set(`k${i}`, i);
    await new Promise((r) => setTimeout(r, 2));
  }
  await waitFor(async () => {
    const stored = await h!.storage.loadDoc('compact');
    const doc = new Y.Doc();
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    return elementsMap(doc).size === 23 && stored.state !== null && stored.updates.length < 5;
  }, 'compacted log with all content');
  p.destroy();
});

it('snapshots a changing board periodically', async () => {
  h = await startRelay({ limits: { snapshotIntervalMs: 30 } });
  const p = provider(h, 'periodic');
  await synced(p);
  elementsMap(p.doc).set('a', 1);
  // Loading may itself change the doc (migration) and arm an earlier snapshot without 'a':
  // wait for the one taken after the change.
  const hasA = async () => {
    for (const meta of await h!.storage.listSnapshots('periodic')) {
      expect(meta.kind).toBe('periodic');
      const snap = await h!.storage.getSnapshot('periodic', meta.id);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, snap!.update);
      if (elementsMap(doc).get('a') === 1) return true;
    }
    return false;
  };
  await waitFor(hasA, 'periodic snapshot holding the change');
  p.destroy();
});
