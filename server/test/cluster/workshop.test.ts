/**
 * The facilitator's workshop across nodes (real PostgreSQL + Redis): one state per board in
 * storage, and a notice through Redis makes the other nodes reload it and update their clients.
 */
import {
  type ControlServerMessage,
  createElements,
  decodeControlText,
  encodeControl,
  MessageType,
  type WorkshopView,
} from '@truenorth/shared';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Deployment, unreachableReason, waitFor } from './cluster.js';

const reason = await unreachableReason();
if (reason !== null) console.warn(`Skipping the cluster workshop tests: ${reason}`);

let deployment: Deployment | undefined;
afterEach(async () => {
  await deployment?.close();
  deployment = undefined;
});

/** A raw protocol client on one node that said `hello`, recording the views it receives. */
class Person {
  private readonly received: ControlServerMessage[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data);
      if (decoding.readVarUint(decoding.createDecoder(bytes)) !== MessageType.control) return;
      this.received.push(JSON.parse(decodeControlText(bytes) ?? 'null') as ControlServerMessage);
    });
    ws.on('error', () => {});
  }

  static async join(
    d: Deployment,
    url: string,
    boardId: string,
    token: string,
    key: string,
  ): Promise<Person> {
    const ws = new WebSocket(`${url}/${boardId}?token=${token}`);
    const person = new Person(ws);
    d.defer(() => ws.terminate());
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
    });
    ws.send(encodeControl({ type: 'hello', key }));
    await waitFor(() => person.views().length > 0, 'the workshop state after hello');
    return person;
  }

  views(): WorkshopView[] {
    return this.received.flatMap((m) => (m.type === 'state' ? [m.state] : []));
  }

  get view(): WorkshopView {
    const view = this.views().at(-1);
    if (!view) throw new Error('no view yet');
    return view;
  }

  async send(command: object, until: (v: WorkshopView) => boolean, what: string): Promise<void> {
    this.ws.send(encodeControl(command));
    await waitFor(() => this.received.some((m) => m.type === 'error') || until(this.view), what);
    expect(this.received.filter((m) => m.type === 'error')).toEqual([]);
  }
}

describe.skipIf(reason !== null)('the workshop on two nodes', () => {
  it('the timer and the vote started on node A reach node B, and B’s vote counts on A', async () => {
    const d = new Deployment();
    deployment = d;
    const [a, b] = await Promise.all([d.node(), d.node()]);
    const board = await a.server.createBoard({ title: 'Workshop' });
    await a.server.app.relay.transact(board.id, (doc) => {
      createElements(doc, [
        { id: 'f1', kind: 'frame', input: { x: 0, y: 0, title: 'Card Sorting', exercise: 'card-sorting' } },
        { id: 'c1', kind: 'sticky', input: { x: 10, y: 10, parent: 'f1', text: 'one' } },
        { id: 'c2', kind: 'sticky', input: { x: 300, y: 10, parent: 'f1', text: 'two' } },
      ]);
    });
    const fac = await Person.join(d, a.url, board.id, board.tokens.facilitator, 'cluster-facilitator-1');
    const ann = await Person.join(d, b.url, board.id, board.tokens.participant, 'cluster-participant-1');

    await fac.send({ type: 'timer.start', seconds: 600 }, (v) => v.timer !== null, 'timer on A');
    const endsAt = fac.view.timer?.endsAt;
    await waitFor(() => ann.view.timer?.endsAt === endsAt, 'the timer reaching node B');
    expect(ann.view.timer).toMatchObject({ running: true, totalMs: 600_000 });

    await fac.send(
      { type: 'vote.start', scope: { kind: 'frame', frameId: 'f1' }, votesPerPerson: 2 },
      (v) => v.vote?.status === 'open',
      'vote on A',
    );
    await waitFor(() => ann.view.vote?.status === 'open', 'the vote reaching node B');
    expect(ann.view.vote).toMatchObject({ remaining: 2, voters: null, tallies: null });

    await ann.send({ type: 'vote.cast', cardId: 'c2' }, (v) => v.vote?.mine.length === 1, 'vote on B');
    await waitFor(() => fac.view.vote?.voters === 1, 'B’s ballot counted in A’s facilitator view');
    // Still secret: A's facilitator sees how many voted, not for what.
    expect(fac.view.vote).toMatchObject({ mine: [], tallies: null });

    await fac.send({ type: 'vote.reveal' }, (v) => v.vote?.status === 'revealed', 'reveal on A');
    expect(fac.view.vote?.tallies).toEqual({ c1: 0, c2: 1 });
    await waitFor(() => ann.view.vote?.status === 'revealed', 'the reveal reaching node B');
    expect(ann.view.vote?.tallies).toEqual({ c1: 0, c2: 1 });
  });
});
