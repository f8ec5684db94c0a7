/**
 * The three-node sample (`docs/deploy/nginx.conf`) on loopback, with Debian's nginx in front of
 * three nodes on one PostgreSQL schema and one Redis: board creation and live editing go through
 * nginx, and `kill -9` of one node sends its clients through nginx to the others with nothing
 * lost. `.ci/run` installs nginx; elsewhere the test skips when it is missing (in CI it fails).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { Deployment, freePort, keys, unreachableReason, waitFor, writeSteadily } from './cluster.js';
import { nginxBinary, startNginx } from './nginx.js';

const nginx = nginxBinary();
// CI installs nginx (.ci/run): skipping there would hide that the sample is no longer tested.
if (nginx === null && process.env.CI === 'true') {
  throw new Error('nginx is not installed, so the nginx sample cannot be tested in CI (see .ci/run)');
}
const reason =
  (await unreachableReason()) ??
  (nginx === null ? 'nginx is not installed (Debian: apt-get install nginx; or set NGINX_BIN)' : null);
if (reason !== null) console.warn(`Skipping the nginx sample test: ${reason}`);

let deployment: Deployment | undefined;
afterEach(async () => {
  await deployment?.close();
  deployment = undefined;
});

/** Open WebSockets on a node, read from its own /metrics (not through nginx). */
async function connectionsOn(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = /^truenorth_connections (\d+)/m.exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

describe.skipIf(reason !== null)('three nodes behind nginx (docs/deploy/nginx.conf)', () => {
  it('creates boards, converges clients, and survives kill -9 of a node', async () => {
    const d = new Deployment();
    deployment = d;
    const listenPort = await freePort();
    const publicUrl = `http://127.0.0.1:${listenPort}`;
    // As the sample's comment sets up every node.
    const env = { TRUST_PROXY: 'true', PUBLIC_URL: publicUrl };
    const [victim, ...others] = await Promise.all([d.childNode(env), d.node(env), d.node(env)]);
    const otherPorts = others.map((n) => (n.server.app.server.address() as { port: number }).port);
    const proxy = await startNginx(nginx!, { listenPort, upstreamPorts: [victim.port, ...otherPorts] });
    d.defer(() => proxy.stop());

    const res = await fetch(`${publicUrl}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Behind nginx' }),
    });
    expect(res.status).toBe(201);
    const board = (await res.json()) as {
      id: string;
      tokens: { participant: string };
      links: { participant: string };
    };
    expect(board.links.participant.startsWith(`${publicUrl}/`)).toBe(true);
    // Every node answers for the board (round robin spreads these over all three).
    for (let i = 0; i < 3; i++) {
      const meta = await fetch(`${publicUrl}/api/boards/${board.id}`, {
        headers: { authorization: `Bearer ${board.tokens.participant}` },
      });
      expect(meta.status).toBe(200);
    }

    // One at a time, so nginx's round robin spreads them over the three nodes.
    const clients: WebsocketProvider[] = [];
    for (let i = 0; i < 6; i++) {
      const c = d.client(`ws://127.0.0.1:${listenPort}/ws`, board.id, board.tokens.participant);
      await waitFor(() => c.synced, `client ${i} syncing through nginx`);
      clients.push(c);
    }
    const onVictim = await connectionsOn(victim.port);
    expect(onVictim).toBeGreaterThan(0);
    const dropped = new Set<WebsocketProvider>();
    for (const c of clients) c.on('connection-close', () => dropped.add(c));

    const writers = clients.map((c, i) => writeSteadily(c, `c${i}`, 20));
    const seenFromEveryone = (c: WebsocketProvider) =>
      clients.every((_, j) => keys(c).filter((k) => k.startsWith(`c${j}-`)).length >= 10);
    await waitFor(() => clients.every(seenFromEveryone), 'every client seeing everyone write', 20_000);

    const exited = new Promise((resolve) => victim.child.once('exit', resolve));
    victim.child.kill('SIGKILL');
    await exited;
    const seenAtKill = new Set(clients.flatMap(keys));
    await new Promise((r) => setTimeout(r, 400));
    const written = writers.flatMap((w) => w.stop());

    const hasAll = (c: WebsocketProvider) => written.every((k) => c.doc.getMap('elements').has(k));
    await waitFor(
      () => clients.every((c) => c.wsconnected && hasAll(c)),
      'convergence after the kill',
      20_000,
    ).catch((err: Error) => {
      const state = clients.map((c, i) => {
        const missing = written.filter((k) => !c.doc.getMap('elements').has(k));
        return `client ${i}: ${c.wsconnected ? 'connected' : 'disconnected'}, missing ${missing.length} (${missing.slice(0, 3).join(', ')})`;
      });
      throw new Error(`${err.message}\n${state.join('\n')}\nnginx: ${proxy.errors().slice(-1500)}`);
    });
    // The victim's clients were cut off and came back through nginx on another node.
    expect(dropped.size).toBe(onVictim);
    const first = clients[0]!.doc.getMap('elements').toJSON();
    for (const c of clients) {
      expect(c.doc.getMap('elements').toJSON()).toEqual(first);
      expect([...seenAtKill].filter((k) => !c.doc.getMap('elements').has(k))).toEqual([]);
    }
    const survivors = await Promise.all(otherPorts.map(connectionsOn));
    expect(survivors.reduce((a, b) => a + b, 0)).toBe(clients.length);
    expect(proxy.errors()).not.toMatch(/\[(emerg|alert|crit)\]/);
  }, 60_000);
});
