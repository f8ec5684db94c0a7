/**
 * A TCP proxy in front of the server that can go quiet: every byte stops, both ways, and no
 * connection is closed — what a train tunnel or a shut laptop lid does to an open WebSocket.
 * Chromium's `context.setOffline(true)` silences an open WebSocket too (before the quiet sweep the
 * others saw the person for ~32 s), but it also tells the page it is offline; in a tunnel the
 * browser often still believes it has a network, and this keeps that case honest.
 */
import net from 'node:net';

export class QuietProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private quiet = false;
  url = '';

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.pipe(to);
        from.on('error', () => to.destroy());
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
        if (this.quiet) from.pause();
      }
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** Nothing goes through any more, either way; every connection stays open. */
  goQuiet(): void {
    this.quiet = true;
    for (const s of this.sockets) s.pause();
  }

  /** Out of the tunnel: what waited goes through. */
  resume(): void {
    this.quiet = false;
    for (const s of this.sockets) s.resume();
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
