/**
 * A simulated network of peers, each with its own Y.Doc. Updates a peer makes are queued for
 * every other connected peer and delivered in random order. A disconnected peer neither sends
 * nor receives (its queue is dropped); on reconnect it does a state-vector sync with every
 * connected peer, as a y-websocket client does with the relay.
 */
import * as Y from 'yjs';
import type { Rng } from './prng.js';

const REMOTE = Symbol('remote');

export interface Peer {
  index: number;
  doc: Y.Doc;
  online: boolean;
  inbox: Uint8Array[];
}

export class Network {
  readonly peers: Peer[];

  constructor(
    count: number,
    private readonly rng: Rng,
  ) {
    this.peers = Array.from({ length: count }, (_, index) => {
      const doc = new Y.Doc();
      // Fixed client ids: Yjs breaks ties by client id, so a seed must always mean the same ids.
      doc.clientID = index + 1;
      return { index, doc, online: true, inbox: [] };
    });
    for (const peer of this.peers) {
      peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE || !peer.online) return;
        for (const other of this.peers) if (other !== peer && other.online) other.inbox.push(update);
      });
    }
  }

  /** Deliver up to `count` queued updates, each a random one from a random peer's queue. */
  deliver(count: number): void {
    for (let i = 0; i < count; i++) {
      const peer = this.rng.pick(this.peers.filter((p) => p.inbox.length > 0));
      if (!peer) return;
      const [update] = peer.inbox.splice(this.rng.int(0, peer.inbox.length - 1), 1);
      if (update) Y.applyUpdate(peer.doc, update, REMOTE);
    }
  }

  disconnect(peer: Peer): void {
    peer.online = false;
    peer.inbox = [];
  }

  reconnect(peer: Peer): void {
    if (peer.online) return;
    peer.online = true;
    for (const other of this.peers) {
      if (other === peer || !other.online) continue;
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(other.doc)), REMOTE);
      Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc)), REMOTE);
    }
  }

  /** Bring everyone back and deliver everything still in flight. */
  settle(): void {
    for (const peer of this.peers) this.reconnect(peer);
    this.deliver(Number.POSITIVE_INFINITY);
  }
}
