/**
 * The board's `people`: the server lists each facilitator and participant whose presence shows a
 * name, with the role of their link (not the role they claim), once; observers are not listed.
 */
import { peopleMap, readPeople } from '@truenorth/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Harness, provider, startRelay, synced, waitFor } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startRelay({ limits: { awarenessThrottleMs: 20, snapshotIntervalMs: 100 } });
});
afterEach(async () => {
  await h.close();
});

/**
 * An observer watching `room` and `count` participants, all synced and none named yet; `writes`
 * gets the number of people listed after each write to the board's people, as the observer sees it.
 */
async function newcomers(room: string, count: number) {
  const watcher = provider(h, room, 'observer');
  await synced(watcher);
  const writes: number[] = [];
  const people: unknown = peopleMap(watcher.doc);
  watcher.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if ([...tr.changed.keys()].some((type) => type === people)) writes.push(readPeople(watcher.doc).length);
  });
  const joiners = Array.from({ length: count }, () => provider(h, room, 'participant'));
  await Promise.all(joiners.map((p) => synced(p)));
  return { watcher, joiners, writes };
}

describe('people', () => {
  it('lists facilitators and participants by the role of their link, once, and never observers', async () => {
    const fay = provider(h, 'ppl', 'facilitator');
    const pat = provider(h, 'ppl', 'participant');
    const olga = provider(h, 'ppl', 'observer');
    await Promise.all([synced(fay), synced(pat), synced(olga)]);
    // Whatever loading a new board took as snapshots (its first change is the server's own).
    await new Promise((r) => setTimeout(r, 300));
    const before = (await h.storage.listSnapshots('ppl')).length;
    fay.awareness.setLocalState({ user: { name: 'Fay Facilitator', color: '#0969da' } });
    // A participant claiming to be the facilitator is listed as what their link is.
    pat.awareness.setLocalState({
      user: { name: '  Pat   Participant ', color: '#1a7f37' },
      role: 'facilitator',
    });
    olga.awareness.setLocalState({ user: { name: 'Olga Observer', color: '#cf222e' } });
    await waitFor(() => readPeople(olga.doc).length === 2, 'two people listed');
    // Moving a cursor does not list anyone again.
    for (let i = 0; i < 5; i++) pat.awareness.setLocalStateField('cursor', { x: i, y: i });
    await waitFor(() => olga.awareness.getStates().get(pat.doc.clientID)?.cursor?.x === 4, 'cursors arrive');

    const people = readPeople(olga.doc);
    expect(people.map(({ name, role }) => ({ name, role }))).toEqual([
      { name: 'Fay Facilitator', role: 'facilitator' },
      { name: 'Pat Participant', role: 'participant' },
    ]);
    // Stored like any other change, before anyone received it.
    const stored = await h.storage.loadDoc('ppl');
    const copy = new Y.Doc();
    if (stored.state) Y.applyUpdate(copy, stored.state);
    for (const u of stored.updates) Y.applyUpdate(copy, u);
    expect(readPeople(copy).map((p) => p.name)).toEqual(['Fay Facilitator', 'Pat Participant']);

    // The same person with another case, on a facilitator link, is raised to facilitator once.
    const pat2 = provider(h, 'ppl', 'facilitator');
    await synced(pat2);
    pat2.awareness.setLocalState({ user: { name: 'pat participant', color: '#1a7f37' } });
    await waitFor(
      () => readPeople(olga.doc).find((p) => p.name === 'Pat Participant')?.role === 'facilitator',
      'raised to facilitator',
    );
    expect(readPeople(olga.doc)).toHaveLength(2);
    // People joining is not a change worth an automatic snapshot.
    await new Promise((r) => setTimeout(r, 400));
    expect(await h.storage.listSnapshots('ppl')).toHaveLength(before);
    for (const p of [fay, pat, olga, pat2]) p.destroy();
  });

  it('lists a room filling up together: one write for twenty newcomers, not one each', async () => {
    const { watcher, joiners, writes } = await newcomers('ppl-rush', 20);
    joiners.forEach((p, i) => {
      p.awareness.setLocalState({ user: { name: `Joiner ${i}`, color: '#1a7f37' } });
    });
    await waitFor(() => readPeople(watcher.doc).length === 20, 'all twenty listed');
    // Everyone's name arrived within a few milliseconds: one write, where listing each person on
    // their own made twenty.
    expect(writes).toHaveLength(1);
    // Stored, as every write is before anyone receives it.
    const stored = await h.storage.loadDoc('ppl-rush');
    const copy = new Y.Doc();
    if (stored.state) Y.applyUpdate(copy, stored.state);
    for (const u of stored.updates) Y.applyUpdate(copy, u);
    expect(readPeople(copy)).toHaveLength(20);
    for (const p of [watcher, ...joiners]) p.destroy();
  });

  it('lists a room filling up over a second in one write, once the names stop coming', async () => {
    const { watcher, joiners, writes } = await newcomers('ppl-fill', 20);
    // One name every 40 ms: a batch every 250 ms from its first name made four writes, each sent
    // to everyone in the middle of the others' joins.
    for (const [i, p] of joiners.entries()) {
      p.awareness.setLocalState({ user: { name: `Joiner ${i}`, color: '#1a7f37' } });
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(writes).toEqual([]);
    await waitFor(() => readPeople(watcher.doc).length === 20, 'all twenty listed');
    expect(writes).toEqual([20]);
    for (const p of [watcher, ...joiners]) p.destroy();
  });

  it('lists a steady trickle of newcomers at the latest two seconds after the first of them', async () => {
    const { watcher, joiners, writes } = await newcomers('ppl-trickle', 36);
    // A name every 100 ms for 3.6 s: never 250 ms without one. The first batch waits for more
    // names (not one write per 250 ms) but not for ever: it is written ~2 s after its first name,
    // while the others keep coming.
    for (const [i, p] of joiners.entries()) {
      p.awareness.setLocalState({ user: { name: `Joiner ${i}`, color: '#1a7f37' } });
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitFor(() => readPeople(watcher.doc).length === 36, 'all listed');
    expect(writes[0]).toBeGreaterThanOrEqual(10);
    expect(writes[0]).toBeLessThan(36);
    expect(writes.at(-1)).toBe(36);
    for (const p of [watcher, ...joiners]) p.destroy();
  });

  it('lists someone raised to facilitator within one batch once, as they first came', async () => {
    const pat = provider(h, 'ppl-raise', 'participant');
    const patAgain = provider(h, 'ppl-raise', 'facilitator');
    await Promise.all([synced(pat), synced(patAgain)]);
    pat.awareness.setLocalState({ user: { name: 'Pat Participant', color: '#1a7f37' } });
    await waitFor(
      () => patAgain.awareness.getStates().get(pat.doc.clientID)?.user?.name === 'Pat Participant',
      'the participant seen',
    );
    patAgain.awareness.setLocalState({ user: { name: 'pat  participant', color: '#1a7f37' } });
    await waitFor(() => readPeople(pat.doc).length === 1, 'listed');
    expect(readPeople(pat.doc).map(({ name, role }) => ({ name, role }))).toEqual([
      { name: 'Pat Participant', role: 'facilitator' },
    ]);
    for (const p of [pat, patAgain]) p.destroy();
  });

  it('writes the people still waiting for their batch when the room unloads', async () => {
    await h.close();
    h = await startRelay({ limits: { awarenessThrottleMs: 20, unloadAfterMs: 20 } });
    const pat = provider(h, 'ppl-leave', 'participant');
    await synced(pat);
    pat.awareness.setLocalState({ user: { name: 'Pat Leaving', color: '#1a7f37' } });
    // Gone before the batch is due (250 ms): the unload writes it with the rest of the board.
    await waitFor(() => h.relay.stats().connections === 1, 'connected');
    await new Promise((r) => setTimeout(r, 40));
    pat.destroy();
    await waitFor(
      () => h.relay.stats().rooms === 0 && h.relay.stats().unloading === 0,
      'room unloaded',
      2_000,
    );
    const stored = await h.storage.loadDoc('ppl-leave');
    const copy = new Y.Doc();
    if (stored.state) Y.applyUpdate(copy, stored.state);
    for (const u of stored.updates) Y.applyUpdate(copy, u);
    expect(readPeople(copy).map((p) => p.name)).toEqual(['Pat Leaving']);
  });

  it('lists at most a few names per connection, however often one changes it', async () => {
    const pat = provider(h, 'ppl-flood', 'participant');
    await synced(pat);
    for (let i = 0; i < 20; i++) {
      pat.awareness.setLocalState({ user: { name: `Name ${i}`, color: '#1a7f37' } });
      await new Promise((r) => setTimeout(r, 30));
    }
    await waitFor(() => readPeople(pat.doc).length === 3, 'three names listed');
    await new Promise((r) => setTimeout(r, 200));
    expect(readPeople(pat.doc).map((p) => p.name)).toEqual(['Name 0', 'Name 1', 'Name 2']);
    pat.destroy();
  });
});
