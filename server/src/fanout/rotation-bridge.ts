/**
 * "This board's participant (or observer) link was replaced" notices across nodes, over Redis
 * pub/sub on one channel per deployment (`rotationsChannel`). A notice carries no secret: the
 * receiving node re-reads the board's token hashes from storage (the truth) and cuts off the
 * sockets whose link is gone. So what matters is that no notice is lost for good:
 *
 * - a notice that could not be sent (Redis away from this node) is sent again once it is back;
 * - a node whose subscriber (re)connects may have missed notices meanwhile: once the channel is
 *   subscribed again its listeners hear `null`, "re-check every board".
 */
import { BoardId, RotatableRole } from '@truenorth/shared';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RelayLogger } from '../relay/logger.js';
import type { Rotation, RotationListener } from './types.js';

/** The notice on the wire (JSON); `node` lets the sender skip its own. */
const RotationNotice = z.object({
  node: z.string().min(1).max(64),
  board: BoardId,
  role: RotatableRole,
});

export class RotationBridge {
  private readonly listeners: RotationListener[] = [];
  /** Notices not sent yet (Redis was away), one per board and role. */
  private readonly unsent = new Map<string, Rotation>();
  private readonly channelBytes: Buffer;

  constructor(
    subscriber: Redis,
    private readonly command: Redis,
    private readonly channel: string,
    private readonly nodeId: string,
    private readonly logger: RelayLogger,
  ) {
    this.channelBytes = Buffer.from(channel);
    subscriber.on('messageBuffer', (from: Buffer, message: Buffer) => {
      // Shares the subscriber with awareness and workshop notices: only this channel's are ours.
      if (from.equals(this.channelBytes)) this.receive(message);
    });
    // Every time, not only after the first: a node that started while Redis was away may already
    // hold sockets. ioredis resubscribes before 'ready'; subscribing again is a no-op whose reply
    // says the channel is live, and only then can a re-read of storage miss nothing.
    subscriber.on('ready', () => {
      subscriber.subscribe(channel).then(
        () => this.emit(null),
        () => {}, // gone again: the next 'ready' does it
      );
    });
    command.on('ready', () => this.sendUnsent());
    subscriber.subscribe(channel).catch(() => {});
  }

  onRotation(listener: RotationListener): void {
    this.listeners.push(listener);
  }

  publish(rotation: Rotation): void {
    const notice = JSON.stringify({ node: this.nodeId, board: rotation.boardId, role: rotation.role });
    this.command.publish(this.channel, notice).catch((err: unknown) => {
      // Stored already; the other nodes must still hear of it, however late.
      this.unsent.set(`${rotation.role}:${rotation.boardId}`, rotation);
      this.logger.info({ err, boardId: rotation.boardId }, 'fan-out: rotation notice not sent yet');
    });
  }

  private sendUnsent(): void {
    const pending = [...this.unsent.values()];
    this.unsent.clear();
    for (const rotation of pending) this.publish(rotation);
  }

  private receive(message: Buffer): void {
    let parsed: z.infer<typeof RotationNotice>;
    try {
      const result = RotationNotice.safeParse(JSON.parse(message.toString('utf8')));
      if (!result.success) throw result.error;
      parsed = result.data;
    } catch (err) {
      // Some link was replaced, but which is unreadable (another version's notice?): re-check all.
      this.logger.warn({ err }, 'fan-out: unreadable rotation notice; re-checking every board');
      this.emit(null);
      return;
    }
    if (parsed.node === this.nodeId) return;
    this.emit({ boardId: parsed.board, role: parsed.role });
  }

  private emit(rotation: Rotation | null): void {
    for (const listener of this.listeners) {
      try {
        listener(rotation);
      } catch (err) {
        this.logger.error({ err }, 'fan-out: rotation listener failed');
      }
    }
  }
}
