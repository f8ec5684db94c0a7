/**
 * The workshop over real sockets: raw protocol clients for a facilitator, two participants and
 * an observer. What each socket received is inspected, not only the server's state.
 */
import {
  CloseCode,
  type ControlServerMessage,
  createElements,
  decodeControlText,
  encodeControl,
  MessageType,
  newId,
  readElement,
  type WorkshopView,
} from '@truenorth/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counter, type Harness, RawClient, startRelay, waitFor } from '../relay/harness.js';

let h: Harness;
let boardId: string;

beforeEach(async () => {
  h = await startRelay({ limits: { snapshotIntervalMs: 0 } });
  boardId = newId();
  await h.relay.transact(boardId, (doc) => {
    createElements(doc, [
      { id: 'f1', kind: 'frame', input: { x: 0, y: 0, title: 'Introductions', exercise: 'introductions' } },
      { id: 'f2', kind: 'frame', input: { x: 0, y: 2000, title: 'Card Sorting', exercise: 'card-sorting' } },
      { id: 'c1', kind: 'sticky', input: { x: 10, y: 2010, parent: 'f2', text: 'one' } },
      { id: 'c2', kind: 'sticky', input: { x: 300, y: 2010, parent: 'f2', text: 'two' } },
      { id: 'c0', kind: 'sticky', input: { x: 10, y: 10, parent: 'f1', text: 'elsewhere' } },
    ]);
  });
});
afterEach(async () => {
  await h.close();
});

function controls(c: RawClient): ControlServerMessage[] {
  return c.ofType(MessageType.control).map((m) => JSON.parse(decodeControlText(m) ?? 'null'));
}
function states(c: RawClient): WorkshopView[] {
  return controls(c).flatMap((m) => (m.type === 'state' ? [m.state] : []));
}
function errors(c: RawClient) {
  return controls(c).filter((m) => m.type === 'error');
}
const last = (c: RawClient) => states(c).at(-1);

async function join(role: 'facilitator' | 'participant' | 'observer'): Promise<RawClient> {
  const c = new RawClient(h, boardId, role);
  await c.opened;
  // Control messages are opt-in: nothing arrives before `hello`.
  await new Promise((r) => setTimeout(r, 50));
  expect(controls(c)).toEqual([]);
  c.send(encodeControl({ type: 'hello', key: `key-${role}-${Math.random().toString(36).slice(2)}` }));
  await waitFor(() => states(c).length > 0, `${role} gets the workshop state`);
  return c;
}

async function command(c: RawClient, value: unknown, until: () => boolean, what: string): Promise<void> {
  c.send(encodeControl(value));
  await waitFor(until, what);
}

describe('workshop control over the relay', () => {
  it('a participant cannot run the workshop; the facilitator timer reaches everyone', async () => {
    const fac = await join('facilitator');
    const ann = await join('participant');
    const obs = await join('observer');
    expect(last(ann)?.agenda.map((s) => s.frameId)).toEqual(['f1', 'f2']);

    for (const type of ['timer.start', 'vote.reveal']) {
      const before = fac.ofType(MessageType.control).length;
      const n = errors(ann).length;
      await command(
        ann,
        type === 'timer.start' ? { type, seconds: 60 } : { type },
        () => errors(ann).length > n,
        'error',
      );
      expect(errors(ann).at(-1)).toMatchObject({ code: 'FORBIDDEN', command: type });
      expect(fac.ofType(MessageType.control).length).toBe(before);
    }
    await command(obs, { type: 'vote.cast', cardId: 'c1' }, () => errors(obs).length > 0, 'observer error');
    expect(errors(obs)[0]).toMatchObject({ code: 'FORBIDDEN' });
    expect(h.relay.workshops.peek(boardId)?.timer).toBe(null);
    expect(await counter(h.metrics.droppedWrites, { reason: 'control-forbidden' })).toBe(3);

    await command(
      fac,
      { type: 'timer.start', seconds: 300 },
      () => [fac, ann, obs].every((c) => last(c)?.timer),
      'timer',
    );
    for (const c of [fac, ann, obs])
      expect(last(c)?.timer).toMatchObject({ running: true, totalMs: 300_000 });
  });

  it('votes stay secret until reveal, then the tally is on the cards for everyone', async () => {
    const fac = await join('facilitator');
    const ann = await join('participant');
    const bob = await join('participant');
    await command(
      fac,
      { type: 'vote.start', scope: { kind: 'frame', frameId: 'f2' }, votesPerPerson: 2 },
      () => [ann, bob].every((c) => last(c)?.vote),
      'vote open',
    );
    expect(last(ann)?.vote).toMatchObject({ cardIds: ['c1', 'c2'], remaining: 2, mine: [] });
    await command(
      ann,
      { type: 'vote.cast', cardId: 'c1' },
      () => last(ann)?.vote?.mine.length === 1,
      'ann 1',
    );
    await command(
      ann,
      { type: 'vote.cast', cardId: 'c1' },
      () => last(ann)?.vote?.mine.length === 2,
      'ann 2',
    );
    await command(
      bob,
      { type: 'vote.cast', cardId: 'c2' },
      () => last(bob)?.vote?.mine.length === 1,
      'bob 1',
    );
    await command(bob, { type: 'vote.cast', cardId: 'c0' }, () => errors(bob).length > 0, 'out of scope');
    expect(errors(bob)[0]).toMatchObject({ code: 'NOT_FOUND' });
    await waitFor(() => last(fac)?.vote?.voters === 2, 'facilitator sees two voters');

    // Before the reveal: no socket saw a tally or anyone else's votes; the document has none.
    for (const [c, own] of [
      [fac, []],
      [ann, ['c1', 'c1']],
      [bob, ['c2']],
    ] as const) {
      for (const s of states(c)) {
        expect(s.vote?.tallies ?? null).toBe(null);
        for (const id of s.vote?.mine ?? []) expect(own).toContain(id);
      }
    }
    expect(await h.relay.withDoc(boardId, (doc) => readElement(doc, 'c1'))).toMatchObject({
      element: { votes: 0 },
    });

    await command(
      fac,
      { type: 'vote.reveal' },
      () => [fac, ann, bob].every((c) => last(c)?.vote?.tallies),
      'reveal',
    );
    for (const c of [fac, ann, bob]) expect(last(c)?.vote?.tallies).toEqual({ c1: 2, c2: 1 });
    const votes = await h.relay.withDoc(boardId, (doc) =>
      ['c1', 'c2', 'c0'].map((id) => {
        const out = readElement(doc, id);
        return out?.status === 'ok' && out.element.type === 'sticky' ? out.element.votes : -1;
      }),
    );
    expect(votes).toEqual([2, 1, 0]);
  });

  it('ending an agenda step takes a named snapshot', async () => {
    const fac = await join('facilitator');
    await command(fac, { type: 'agenda.start' }, () => last(fac)?.current === 0, 'started');
    await command(fac, { type: 'agenda.next' }, () => last(fac)?.current === 1, 'next');
    const snaps = await h.storage.listSnapshots(boardId);
    expect(snaps.map((s) => [s.name, s.kind])).toContainEqual(['Introductions — end', 'agenda']);
    expect(last(fac)?.agenda.map((s) => s.status)).toEqual(['done', 'active']);
  });

  it('a bad command gets an error; a control frame that is not JSON closes the socket', async () => {
    const ann = await join('participant');
    await command(ann, { type: 'timer.explode' }, () => errors(ann).length > 0, 'bad command');
    expect(errors(ann)[0]).toMatchObject({ code: 'BAD_COMMAND' });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.control);
    encoding.writeVarString(e, '{not json');
    ann.send(encoding.toUint8Array(e));
    expect(await ann.closed).toBe(CloseCode.badMessage);
  });

  it('hello keeps a ballot across a reconnect', async () => {
    const fac = await join('facilitator');
    await command(
      fac,
      { type: 'vote.start', scope: { kind: 'themes', themeIds: ['none'] }, votesPerPerson: 1 },
      () => errors(fac).length > 0,
      'empty scope refused',
    );
    await command(
      fac,
      { type: 'vote.start', scope: { kind: 'frame', frameId: 'f2' }, votesPerPerson: 1 },
      () => !!last(fac)?.vote,
      'vote',
    );
    const key = 'browser-key-0123456789';
    const first = await join('participant');
    await command(first, { type: 'hello', key }, () => states(first).length > 1, 'hello');
    await command(
      first,
      { type: 'vote.cast', cardId: 'c1' },
      () => last(first)?.vote?.remaining === 0,
      'cast',
    );
    await first.close();
    const again = await join('participant');
    await command(again, { type: 'hello', key }, () => states(again).length > 1, 'hello again');
    expect(last(again)?.vote).toMatchObject({ mine: ['c1'], remaining: 0 });
  });
});

describe('workshop memory', () => {
  it('frees a board’s workshop state when its room unloads', async () => {
    await h.close();
    h = await startRelay({ limits: { snapshotIntervalMs: 0, unloadAfterMs: 30 } });
    await h.relay.transact(boardId, (doc) => {
      createElements(doc, [{ id: 'f1', kind: 'frame', input: { x: 0, y: 0, exercise: 'introductions' } }]);
    });
    const f = await join('facilitator');
    expect(h.relay.workshops.loadedBoards).toBe(1);
    f.ws.close();
    await waitFor(() => h.relay.stats().rooms === 0, 'room unloaded');
    expect(h.relay.workshops.loadedBoards).toBe(0);
  });
});
