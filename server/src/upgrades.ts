/**
 * Sockets handed over by an HTTP upgrade leave the HTTP server's books: `closeAllConnections()`
 * does not reach them, yet `server.close()` waits for them. `ws` closes the ones it takes — but
 * not one Fastify answered itself: an upgrade that arrives while the app closes (the relay is
 * storing its rooms, so the port still accepts) gets Fastify's 503 written on the raw socket,
 * without the response hooks that would end it, and closing then waited for that socket for
 * good. Found by the cluster fuzz: a client reconnecting to a node being stopped held the node's
 * exit for 30 s.
 *
 * So every upgraded socket is tracked: its side is ended once the peer has ended its own (what
 * `ws` does for the sockets it owns; a WebSocket peer that has sent FIN is gone), and whatever is
 * still open when the stragglers are cut is destroyed with them.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface UpgradeTracker {
  /** Destroy every upgraded socket still open. */
  cut(): void;
}

export function trackUpgrades(server: Server): UpgradeTracker {
  const open = new Set<Duplex>();
  server.prependListener('upgrade', (_request, socket: Duplex) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.once('end', () => socket.end());
  });
  return {
    cut() {
      for (const socket of open) socket.destroy();
      open.clear();
    },
  };
}
