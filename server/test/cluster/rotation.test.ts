/**
 * Replacing a link cuts off its holders on every node (real PostgreSQL + Redis, two nodes in this
 * process): the rotation requested on node A closes the old link's sockets on node B with
 * `unauthorized`, and node B refuses the old token from then on while the new one works there.
 * Also when the notice is lost on the way: one node's Redis connections run through a TCP proxy
 * the test cuts (every connection dropped, new ones refused) and restores.
 */
import net from 'node:net';
import { CloseCode, RotatedToken } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openPostgresStorage } from '../../src/storage/postgres.js';
import type { Storage } from '../../src/storage/types.js';
import { bearer, openSocket, refusedStatus, startServer, type TestSocket } from '../http/harness.js';
import { DATABASE_URL, Deployment, REDIS_URL, unreachableReason, waitFor } from './cluster.js';

const reason = await unreachableReason();
if (reason !== null) console.warn(`Skipping the cluster rotation tests: ${reason}`);

let deployment: Deployment | undefined;
afterEach(async () => {
  await deployment?.close();
  deployment = undefined;
});

/** The close code, or a failure naming `what` if the socket is still open after `ms`. */
async function closeCode(socket: TestSocket, what: string, ms = 10_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still open after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([socket.closed, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Storage whose next board read, once armed, holds its answer until released: a token check in
 * the middle of its read, with no timing involved. Counts board reads.
 */
function gatedStorage(storage: Storage) {
  let gate: { reached: () => void; opened: Promise<void> } | null = null;
  const state = {
    reads: 0,
    arm(): { reached: Promise<void>; release: () => void } {
      let release!: () => void;
      let reached!: () => void;
      const reachedP = new Promise<void>((r) => {
        reached = r;
      });
      gate = { reached, opened: new Promise<void>((r) => (release = r)) };
      return { reached: reachedP, release };
    },
    storage: {
      ...storage,
      kind: storage.kind,
      async getBoard(id: string) {
        const board = await storage.getBoard(id);
        state.reads++;
        const held = gate;
        gate = null;
        if (held) {
          held.reached();
          await held.opened;
        }
        return board;
      },
    } satisfies Storage,
  };
  return state;
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A TCP proxy to Redis for one node: `cut` drops its connections and refuses new ones. */
async function redisProxy(d: Deployment): Promise<{ url: string; cut(): void; restore(): void }> {
  const target = new URL(REDIS_URL);
  let up = true;
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    if (!up) return void client.destroy();
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  d.defer(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      up = true;
    },
  };
}

describe.skipIf(reason !== null)('rotating a link on a cluster', () => {
  it('closes the old link’s sockets on the other node too, and only that role’s', async () => {
    const d = new Deployment();
    deployment = d;
    const [a, b] = await Promise.all([d.node(), d.node()]);
    const board = await a.server.createBoard({ title: 'Leaked link' });
    const at = (url: string, token: string) => `${url}/${board.id}?token=${encodeURIComponent(token)}`;

    const participant = await openSocket(at(b.url, board.tokens.participant));
    const observer = await openSocket(at(b.url, board.tokens.observer));
    d.defer(() => {
      participant.socket.terminate();
      observer.socket.terminate();
    });
    await participant.received(1);
    await observer.received(1);

    const asked = performance.now();
    const res = await a.server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/participant/rotate`,
      headers: bearer(board.tokens.facilitator),
    });
    expect(res.statusCode).toBe(200);
    const answered = performance.now();
    const rotated = RotatedToken.parse(res.json());

    expect(await closeCode(participant, 'the old participant link on node B')).toBe(CloseCode.unauthorized);
    const closed = performance.now();
    console.info(
      `node B closed the old link ${(closed - asked).toFixed(1)} ms after the rotation was asked ` +
        `(${(closed - answered).toFixed(1)} ms after node A answered)`,
    );
    expect(observer.socket.readyState).toBe(observer.socket.OPEN);

    expect(await refusedStatus(at(b.url, board.tokens.participant))).toBe(401);
    const again = await openSocket(at(b.url, rotated.token));
    d.defer(() => again.socket.terminate());
    await again.received(1);
  });

  it('a socket checked on node B just before the rotation on node A never reaches B’s relay', async () => {
    const d = new Deployment();
    deployment = d;
    const a = await d.node();
    const storage = await openPostgresStorage(`${DATABASE_URL}?schema=${d.schema}`);
    d.defer(() => storage.close());
    const gated = gatedStorage(storage);
    const bServer = await startServer(d.env(), { storage: gated.storage });
    d.defer(() => bServer.close());
    const bUrl = `ws://${await bServer.listen()}/ws`;
    const board = await a.server.createBoard({ title: 'Leaked link' });

    // Node B has read the old link for this upgrade, and holds the answer.
    const gate = gated.arm();
    const upgrade = refusedStatus(
      `${bUrl}/${board.id}?token=${encodeURIComponent(board.tokens.participant)}`,
    );
    upgrade.catch(() => {});
    await gate.reached;
    const reads = gated.reads;
    const res = await a.server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/participant/rotate`,
      headers: bearer(board.tokens.facilitator),
    });
    expect(res.statusCode).toBe(200);
    await waitFor(
      () => gated.reads > reads,
      'node B re-reading the board’s links on hearing of the rotation',
    );
    gate.release();
    expect(await upgrade).toBe(401);
  });

  it('an upgrade whose client leaves while its link is being checked is refused, not an error', async () => {
    const d = new Deployment();
    deployment = d;
    const storage = await openPostgresStorage(`${DATABASE_URL}?schema=${d.schema}`);
    d.defer(() => storage.close());
    const gated = gatedStorage(storage);
    const node = await startServer(d.env(), { storage: gated.storage });
    d.defer(() => node.close());
    const host = await node.listen();
    const board = await node.createBoard({ title: 'Gone' });

    const gate = gated.arm();
    const client = new WebSocket(`ws://${host}/ws/${board.id}?token=${board.tokens.participant}`);
    client.on('error', () => {});
    await gate.reached;
    client.terminate();
    const connections = () =>
      new Promise<number>((resolve) => node.app.server.getConnections((_err, n) => resolve(n ?? 0)));
    await eventually(async () => (await connections()) === 0, 'node noticing the client left');
    gate.release();

    const rejected = async () =>
      (await node.app.inject({ url: '/metrics' })).body
        .split('\n')
        .filter((l) => l.startsWith('truenorth_upgrades_rejected_total{'));
    await eventually(async () => (await rejected()).length > 0, 'the upgrade to be refused');
    const lines = await rejected();
    expect(lines).toEqual(['truenorth_upgrades_rejected_total{reason="unauthorized"} 1']);
  });

  async function participantOnB(
    d: Deployment,
    b: { url: string },
    board: { id: string; tokens: { participant: string } },
  ) {
    const participant = await openSocket(
      `${b.url}/${board.id}?token=${encodeURIComponent(board.tokens.participant)}`,
    );
    d.defer(() => participant.socket.terminate());
    await participant.received(1);
    return participant;
  }

  it('a node whose Redis connection dropped while the notice went out re-checks once it is back', async () => {
    const d = new Deployment();
    deployment = d;
    const proxy = await redisProxy(d);
    const [a, b] = await Promise.all([d.node(), d.node({ REDIS_URL: proxy.url })]);
    const board = await a.server.createBoard({ title: 'Leaked link' });
    const participant = await participantOnB(d, b, board);

    proxy.cut();
    await waitFor(() => b.server.app.fanout.status() === 'down', 'node B losing Redis');
    const res = await a.server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/participant/rotate`,
      headers: bearer(board.tokens.facilitator),
    });
    expect(res.statusCode).toBe(200);
    // Node A published the notice; node B was not listening.
    expect(participant.socket.readyState).toBe(participant.socket.OPEN);

    proxy.restore();
    const back = performance.now();
    expect(await closeCode(participant, 'the old link on node B after Redis came back')).toBe(
      CloseCode.unauthorized,
    );
    console.info(`closed ${(performance.now() - back).toFixed(0)} ms after Redis was reachable again`);
  });

  it('a notice the rotating node could not send goes out once its Redis is back', async () => {
    const d = new Deployment();
    deployment = d;
    const proxy = await redisProxy(d);
    const [a, b] = await Promise.all([d.node({ REDIS_URL: proxy.url }), d.node()]);
    const board = await a.server.createBoard({ title: 'Leaked link' });
    const participant = await participantOnB(d, b, board);

    proxy.cut();
    await waitFor(() => a.server.app.fanout.status() === 'down', 'node A losing Redis');
    const res = await a.server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/participant/rotate`,
      headers: bearer(board.tokens.facilitator),
    });
    // Stored: the link is replaced even though the other nodes cannot be told yet.
    expect(res.statusCode).toBe(200);
    expect(participant.socket.readyState).toBe(participant.socket.OPEN);

    proxy.restore();
    const back = performance.now();
    expect(await closeCode(participant, 'the old link on node B after node A’s Redis came back')).toBe(
      CloseCode.unauthorized,
    );
    console.info(`closed ${(performance.now() - back).toFixed(0)} ms after Redis was reachable again`);
  });

  it('an old link is cut off even when the rotating node died with its notice unsent', async () => {
    const d = new Deployment();
    deployment = d;
    const proxy = await redisProxy(d);
    // Node B re-reads its boards' links every 200 ms (LINK_RECHECK_MS; a minute by default).
    const [a, b] = await Promise.all([d.node({ REDIS_URL: proxy.url }), d.node({ LINK_RECHECK_MS: '200' })]);
    const board = await a.server.createBoard({ title: 'Leaked link' });
    const participant = await participantOnB(d, b, board);

    proxy.cut();
    await waitFor(() => a.server.app.fanout.status() === 'down', 'node A losing Redis');
    const res = await a.server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/participant/rotate`,
      headers: bearer(board.tokens.facilitator),
    });
    expect(res.statusCode).toBe(200);
    // Node A goes down before its Redis comes back: nobody will ever hear its notice.
    await a.server.close();
    expect(await closeCode(participant, 'the old link on node B with the notice lost')).toBe(
      CloseCode.unauthorized,
    );
  });
});
