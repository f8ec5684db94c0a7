/**
 * The workshop state outlives the process: a real SQLite file, a relay closed and a new one built
 * on the same directory, raw protocol clients that reconnect with the same `hello` key. Also: a
 * stored state that does not parse starts afresh (logged, no crash), and two relays on one file
 * (no fan-out between them) settle a lost save by reloading and applying the command once more.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type ControlServerMessage,
  createElements,
  decodeControlText,
  encodeControl,
  MessageType,
  newId,
  type Role,
  type WorkshopView,
} from '@truenorth/shared';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RelayLogger } from '../../src/relay/logger.js';
import { openSqliteStorage, SQLITE_FILE } from '../../src/storage/sqlite.js';
import type { Storage } from '../../src/storage/types.js';
import { type Harness, RawClient, startRelay, waitFor } from '../relay/harness.js';

let dir: string;
const open: Harness[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-workshop-persist-'));
});
afterEach(async () => {
  for (const h of open.splice(0).reverse()) await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

async function relay(logs?: LogEntry[]): Promise<Harness> {
  const logger: RelayLogger | undefined = logs && {
    info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => logs.push({ level: 'error', obj, msg }),
  };
  const h = await startRelay({ dir, limits: { snapshotIntervalMs: 0 }, logger });
  open.push(h);
  return h;
}

async function stop(h: Harness): Promise<void> {
  open.splice(open.indexOf(h), 1);
  await h.close();
}

async function seedBoard(h: Harness, boardId: string): Promise<void> {
  await h.relay.transact(boardId, (doc) => {
    createElements(doc, [
      { id: 'f1', kind: 'frame', input: { x: 0, y: 0, title: 'Introductions', exercise: 'introductions' } },
      { id: 'f2', kind: 'frame', input: { x: 0, y: 2000, title: 'Card Sorting', exercise: 'card-sorting' } },
      { id: 'c1', kind: 'sticky', input: { x: 10, y: 2010, parent: 'f2', text: 'one' } },
      { id: 'c2', kind: 'sticky', input: { x: 300, y: 2010, parent: 'f2', text: 'two' } },
    ]);
  });
}

/** A raw protocol client that said `hello` with a fixed key (so a reconnect is the same person). */
class Person {
  private constructor(readonly client: RawClient) {}

  static async join(h: Harness, boardId: string, role: Role, key: string): Promise<Person> {
    const person = new Person(new RawClient(h, boardId, role));
    await person.client.opened;
    person.client.send(encodeControl({ type: 'hello', key }));
    await waitFor(() => person.views().length > 0, `${role} gets the workshop state`);
    return person;
  }

  private messages(): ControlServerMessage[] {
    return this.client
      .ofType(MessageType.control)
      .map((m) => JSON.parse(decodeControlText(m) ?? 'null') as ControlServerMessage);
  }

  views(): WorkshopView[] {
    return this.messages().flatMap((m) => (m.type === 'state' ? [m.state] : []));
  }

  errors() {
    return this.messages().filter((m) => m.type === 'error');
  }

  get view(): WorkshopView {
    const view = this.views().at(-1);
    if (!view) throw new Error('no view yet');
    return view;
  }

  /** Send a command and wait for the view (or error) it causes. */
  async send(command: object, until: (v: WorkshopView) => boolean, what: string): Promise<void> {
    this.client.send(encodeControl(command));
    await waitFor(() => this.errors().length > 0 || until(this.view), what);
    expect(this.errors()).toEqual([]);
  }
}

const FAC_KEY = 'facilitator-key-0001';
const ANN_KEY = 'participant-ann-0001';
const BOB_KEY = 'participant-bob-0001';

describe('the workshop state survives a restart', () => {
  it('resumes the timer, the secret vote with every ballot, and private mode', async () => {
    const boardId = newId();
    const first = await relay();
    await seedBoard(first, boardId);
    const fac = await Person.join(first, boardId, 'facilitator', FAC_KEY);
    const ann = await Person.join(first, boardId, 'participant', ANN_KEY);
    const bob = await Person.join(first, boardId, 'participant', BOB_KEY);

    await fac.send({ type: 'agenda.start', index: 1 }, (v) => v.current === 1, 'step 2 running');
    await fac.send({ type: 'timer.start', seconds: 600 }, (v) => v.timer?.totalMs === 600_000, 'timer');
    await fac.send(
      { type: 'vote.start', scope: { kind: 'frame', frameId: 'f2' }, votesPerPerson: 2 },
      (v) => v.vote?.status === 'open',
      'vote open',
    );
    await fac.send({ type: 'private.start' }, (v) => v.private.active, 'private mode');
    await ann.send({ type: 'vote.cast', cardId: 'c1' }, (v) => v.vote?.mine.length === 1, 'ann voted');
    await bob.send({ type: 'vote.cast', cardId: 'c2' }, (v) => v.vote?.mine.length === 1, 'bob voted');
    await bob.send({ type: 'vote.cast', cardId: 'c2' }, (v) => v.vote?.mine.length === 2, 'bob voted twice');
    await ann.send({ type: 'done.set', done: true }, (v) => v.done, 'ann done');
    await waitFor(() => fac.view.vote?.voters === 2 && fac.view.doneCount === 1, 'facilitator counts');
    const before = ann.view;
    expect(before.timer?.endsAt).toBeGreaterThan(Date.now());

    await stop(first);
    const second = await relay();
    const ann2 = await Person.join(second, boardId, 'participant', ANN_KEY);
    expect(ann2.view).toMatchObject({
      current: 1,
      timer: { running: true, endsAt: before.timer?.endsAt, totalMs: 600_000 },
      done: true,
      private: { active: true, round: 1 },
      vote: {
        id: before.vote?.id,
        status: 'open',
        mine: ['c1'],
        remaining: 1,
        voters: null,
        tallies: null,
      },
    });
    expect(ann2.view.agenda.map((s) => s.status)).toEqual(['pending', 'active']);

    const fac2 = await Person.join(second, boardId, 'facilitator', FAC_KEY);
    expect(fac2.view.vote).toMatchObject({ voters: 2, tallies: null });
    expect(fac2.view.doneCount).toBe(1);
    // Every ballot was kept: the tally counts the votes cast before the restart.
    await fac2.send({ type: 'vote.reveal' }, (v) => v.vote?.status === 'revealed', 'reveal');
    expect(fac2.view.vote?.tallies).toEqual({ c1: 1, c2: 2 });
    await waitFor(() => ann2.view.vote?.status === 'revealed', 'the reveal reaches ann');
    expect(ann2.view.vote?.tallies).toEqual({ c1: 1, c2: 2 });
  });

  it.each([
    ['text that is not JSON', 'not json {'],
    ['JSON of the wrong shape', JSON.stringify({ agenda: 5, timer: 'soon' })],
    ['a current step outside the agenda', null],
  ])('a stored state that is %s starts afresh, logged, and is replaced by the next save', async (_, raw) => {
    const boardId = newId();
    const first = await relay();
    await seedBoard(first, boardId);
    const fac = await Person.join(first, boardId, 'facilitator', FAC_KEY);
    await fac.send({ type: 'timer.start', seconds: 60 }, (v) => v.timer !== null, 'timer');
    await fac.send({ type: 'private.start' }, (v) => v.private.active, 'private mode');
    await stop(first);

    const db = new Database(path.join(dir, SQLITE_FILE));
    const stored = db.prepare('SELECT state FROM workshops WHERE board_id = ?').get(boardId) as {
      state: string;
    };
    const garbage = raw ?? JSON.stringify({ ...JSON.parse(stored.state), current: 7 });
    db.prepare('UPDATE workshops SET state = ? WHERE board_id = ?').run(garbage, boardId);
    db.close();

    const logs: LogEntry[] = [];
    const second = await relay(logs);
    const ann = await Person.join(second, boardId, 'participant', ANN_KEY);
    expect(ann.view).toMatchObject({ current: null, timer: null, vote: null, private: { active: false } });
    expect(ann.view.agenda.map((s) => s.frameId)).toEqual(['f1', 'f2']);
    const warning = logs.find((l) => l.level === 'warn' && /unreadable/.test(l.msg ?? ''));
    expect(warning?.obj).toMatchObject({ boardId, version: 2 });

    const fac2 = await Person.join(second, boardId, 'facilitator', FAC_KEY);
    await fac2.send({ type: 'timer.start', seconds: 90 }, (v) => v.timer?.totalMs === 90_000, 'timer');
    expect(await second.storage.loadWorkshop(boardId)).toMatchObject({
      version: 3,
      state: { timer: { totalMs: 90_000 } },
    });
  });
});

describe('when the state cannot be stored', () => {
  it('the command is refused with UNAVAILABLE and nobody sees a change', async () => {
    const boardId = newId();
    const sqlite = openSqliteStorage(dir);
    let broken = false;
    const storage: Storage = {
      ...sqlite,
      kind: sqlite.kind,
      async saveWorkshop(id, state, expected) {
        if (broken) throw new Error('disk full');
        return sqlite.saveWorkshop(id, state, expected);
      },
    };
    const h = await startRelay({ dir, storage, limits: { snapshotIntervalMs: 0 } });
    open.push(h);
    await seedBoard(h, boardId);
    const fac = await Person.join(h, boardId, 'facilitator', FAC_KEY);
    const ann = await Person.join(h, boardId, 'participant', ANN_KEY);
    await fac.send({ type: 'timer.start', seconds: 60 }, (v) => v.timer !== null, 'timer');
    await waitFor(() => ann.view.timer !== null, 'ann sees the timer');
    const annViews = ann.views().length;

    broken = true;
    fac.client.send(encodeControl({ type: 'private.start' }));
    await waitFor(() => fac.errors().length > 0, 'an error for the facilitator');
    expect(fac.errors()).toEqual([
      expect.objectContaining({ code: 'UNAVAILABLE', command: 'private.start' }),
    ]);
    expect(h.relay.workshops.peek(boardId)?.private.active).toBe(false);

    broken = false;
    fac.client.send(encodeControl({ type: 'private.start' }));
    await waitFor(() => ann.view.private.active, 'private mode once storage works again');
    expect(ann.views().length).toBe(annViews + 1);
  });
});

describe('two relays on one file, without fan-out', () => {
  it('a save that lost reloads the other relay’s state and applies the command to it', async () => {
    const boardId = newId();
    const a = await relay();
    await seedBoard(a, boardId);
    const fac = await Person.join(a, boardId, 'facilitator', FAC_KEY);
    await fac.send(
      { type: 'vote.start', scope: { kind: 'frame', frameId: 'f2' }, votesPerPerson: 1 },
      (v) => v.vote?.status === 'open',
      'vote open',
    );
    const b = await relay();
    const ann = await Person.join(b, boardId, 'participant', ANN_KEY);
    expect(ann.view.vote?.status).toBe('open');

    // B does not hear of this save; its next save meets version 2 instead of 1.
    await fac.send({ type: 'timer.start', seconds: 300 }, (v) => v.timer !== null, 'timer');
    await ann.send({ type: 'vote.cast', cardId: 'c1' }, (v) => v.vote?.mine.length === 1, 'ann voted');
    expect(ann.view.timer?.endsAt).toBe(fac.view.timer?.endsAt);
    expect(await b.storage.loadWorkshop(boardId)).toMatchObject({ version: 3 });

    // And the other way round: A reveals on top of B's save, so the tally has Ann's vote.
    await fac.send({ type: 'vote.reveal' }, (v) => v.vote?.status === 'revealed', 'reveal');
    expect(fac.view.vote?.tallies).toEqual({ c1: 1, c2: 0 });
    expect(fac.view.timer?.totalMs).toBe(300_000);
  });
});
