/**
 * "The workshop state of this board was saved at version n" notices across nodes, over Redis
 * pub/sub. The state itself is in storage (the source of truth): a notice only makes the other
 * nodes reload it and send their clients the new views. So a lost notice costs nothing lasting:
 * the next notice, the next command (its save meets a version conflict and reloads) or the node
 * rejoining the board reloads it; after Redis reconnects every board is reloaded, in case.
 */
import type { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { FanoutRoom } from './types.js';

export class ControlBridge {
  private readonly byChannel = new Map<string, FanoutRoom>();
  private readonly channelOf = new Map<string, string>();
  private connectedBefore = false;

  constructor(
    private readonly subscriber: Redis,
    private readonly command: Redis,
    private readonly nodeId: string,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message));
    subscriber.on('ready', () => {
      // Notices sent while this node was cut off are gone: reload every board it serves.
      if (this.connectedBefore) for (const room of this.byChannel.values()) room.controlChanged?.(null);
      this.connectedBefore = true;
    });
  }

  add(room: FanoutRoom, channel: string): void {
    this.byChannel.set(channel, room);
    this.channelOf.set(room.boardId, channel);
    this.subscriber.subscribe(channel).catch(() => {});
  }

  remove(boardId: string): void {
    const channel = this.channelOf.get(boardId);
    if (channel === undefined) return;
    this.channelOf.delete(boardId);
    this.byChannel.delete(channel);
    this.subscriber.unsubscribe(channel).catch(() => {});
  }

  publish(channel: string, version: number): void {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.nodeId);
    encoding.writeVarUint(e, version);
    // Lost while Redis is away: healed as the header says.
    this.command.publish(channel, Buffer.from(encoding.toUint8Array(e))).catch(() => {});
  }

  /** A notice from another node; anything undecodable is dropped. */
  private receive(channel: Buffer, message: Buffer): void {
    const room = this.byChannel.get(channel.toString());
    if (!room) return;
    try {
      const d = decoding.createDecoder(message);
      if (decoding.readVarString(d) === this.nodeId) return;
      room.controlChanged?.(decoding.readVarUint(d));
    } catch {
      // Another node's bug must not cost this one; its next notice or a reload heals it.
    }
  }
}
