import { describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import WebSocket, { WebSocketServer } from 'ws';
import { directTarget, frameBinary, prepare, prepareSync, writeDirect } from '../../src/relay/frames.js';
import { encodeSyncStep2, encodeUpdate } from '../../src/relay/messages.js';

/** ws's own framing (exported at runtime, not in its types). */
const { Sender } = wsModule as unknown as {
  Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] };
};

describe('frames', () => {
  it('frames a binary message exactly as ws does, at every length boundary', () => {
    for (const length of [0, 1, 125, 126, 127, 65_535, 65_536, 70_000]) {
      const message = new Uint8Array(length).map((_, i) => i % 251);
      const parts = Sender.frame(Buffer.from(message), {
        fin: true,
        rsv1: false,
        opcode: 2,
        mask: false,
        readOnly: false,
      });
      expect(frameBinary(message), `length ${length}`).toEqual(Buffer.concat(parts));
    }
  });

  it('builds a sync message into its frame byte for byte as the encoders and framing do', () => {
    // Lengths around each varuint and frame-header boundary.
    for (const length of [0, 1, 122, 123, 124, 127, 128, 16_383, 16_384, 65_530, 65_531, 65_536, 70_000]) {
      const payload = new Uint8Array(length).map((_, i) => (i * 7) % 256);
      for (const [step, encode] of [
        [2, encodeUpdate],
        [1, encodeSyncStep2],
      ] as const) {
        const expected = prepare(encode(payload));
        const built = prepareSync(step, payload);
        expect(Buffer.compare(built.frame, expected.frame), `step ${step}, length ${length}`).toBe(0);
        expect(
          Buffer.compare(built.message, expected.message),
          `message, step ${step}, length ${length}`,
        ).toBe(0);
      }
    }
  });

  it('reaches a real client in order, interleaved with ws.send', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const port = (wss.address() as { port: number }).port;
    const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: number[] = [];
    client.on('message', (data: Buffer) => received.push(data.readUInt32LE(0)));
    await new Promise((resolve) => client.once('open', resolve));
    const ws = await serverSide;

    const target = directTarget(ws);
    expect(target).not.toBeNull();
    const { tcp, sender } = target!;
    const message = (n: number) => {
      const bytes = Buffer.alloc(n % 3 === 0 ? 70_000 : 8);
      bytes.writeUInt32LE(n, 0);
      return bytes;
    };
    for (let n = 0; n < 300; n++) {
      if (n % 2 === 0) expect(writeDirect(tcp, sender, prepare(message(n)).frame)).toBe(true);
      else ws.send(message(n));
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${received.length} arrived`)), 10_000);
      const check = () => {
        if (received.length < 300) {
          setTimeout(check, 10);
          return;
        }
        clearTimeout(timer);
        resolve();
      };
      check();
    });
    expect(received).toEqual(Array.from({ length: 300 }, (_, n) => n));
    client.close();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it('writes nothing directly while ws holds a message back (compressing, reading a Blob, queued)', () => {
    const written: Uint8Array[] = [];
    const tcp = { write: (data: Uint8Array) => written.push(data) > 0, writableLength: 0 };
    const frame = prepare(new Uint8Array([1, 2, 3])).frame;
    // ws's DEFLATING (1) and GET_BLOB_DATA (2) states, and bytes it counts as held back.
    expect(writeDirect(tcp, { _state: 1, _bufferedBytes: 0, _queue: [] }, frame)).toBe(false);
    expect(writeDirect(tcp, { _state: 2, _bufferedBytes: 10, _queue: [] }, frame)).toBe(false);
    expect(writeDirect(tcp, { _state: 0, _bufferedBytes: 10, _queue: [[]] }, frame)).toBe(false);
    expect(written).toEqual([]);
    expect(writeDirect(tcp, { _state: 0, _bufferedBytes: 0, _queue: [] }, frame)).toBe(true);
    expect(written).toEqual([frame]);
  });

  it('makes no direct writer for a socket with permessage-deflate (ws frames those itself)', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: true });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const port = (wss.address() as { port: number }).port;
    const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: true });
    await new Promise((resolve) => client.once('open', resolve));
    expect(directTarget(await serverSide)).toBeNull();
    expect(directTarget({})).toBeNull();
    client.close();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
});
