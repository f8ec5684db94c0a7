import { CloseCode, LINK_REPLACED_REASON, RotatedToken } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, openSocket, startServer, type TestServer } from './harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('POST /api/boards/:id/tokens/:role/rotate', () => {
  it('replaces the token: the old one stops at once, the new one works', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const res = await server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/participant/rotate`,
      headers: bearer(board.tokens.facilitator),
    });
    expect(res.statusCode).toBe(200);
    const rotated = RotatedToken.strict().parse(res.json());
    expect(rotated.role).toBe('participant');
    expect(rotated.token).not.toBe(board.tokens.participant);
    expect(rotated.link).toContain(`/b/${board.id}?token=`);

    const meta = (token: string) =>
      server!.app.inject({ url: `/api/boards/${board.id}`, headers: bearer(token) });
    expect((await meta(board.tokens.participant)).statusCode).toBe(401);
    expect((await meta(rotated.token)).json()).toMatchObject({ role: 'participant' });
    // The other roles keep their links.
    expect((await meta(board.tokens.observer)).json()).toMatchObject({ role: 'observer' });
  });

  it('is for the facilitator only, and only for participant or observer', async () => {
    server = await startServer();
    const board = await server.createBoard();
    const rotate = (role: string, token: string) =>
      server!.app.inject({
        method: 'POST',
        url: `/api/boards/${board.id}/tokens/${role}/rotate`,
        headers: bearer(token),
      });
    expect((await rotate('observer', board.tokens.participant)).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await rotate('observer', board.tokens.observer)).statusCode).toBe(403);
    expect((await rotate('facilitator', board.tokens.facilitator)).json()).toMatchObject({
      statusCode: 400,
      code: 'BAD_REQUEST',
    });
  });

  it('closes the open sockets of the rotated role with unauthorized, and only those', async () => {
    server = await startServer();
    const host = await server.listen();
    const board = await server.createBoard();
    const url = (token: string) => `ws://${host}/ws/${board.id}?token=${encodeURIComponent(token)}`;
    const participant = await openSocket(url(board.tokens.participant));
    const observer = await openSocket(url(board.tokens.observer));
    // The close's reason tells a replaced link from one that was never valid (the error page's wording).
    const reason = new Promise<string>((done) =>
      participant.socket.once('close', (_code, why) => done(why.toString())),
    );
    // The relay answers with sync step 1 once it has the socket.
    await participant.received(1);
    await observer.received(1);

    const res = await server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/participant/rotate`,
      headers: bearer(board.tokens.facilitator),
    });
    expect(res.statusCode).toBe(200);
    expect(await participant.closed).toBe(CloseCode.unauthorized);
    expect(await reason).toBe(LINK_REPLACED_REASON);
    expect(observer.socket.readyState).toBe(observer.socket.OPEN);

    const rotated = RotatedToken.parse(res.json());
    const again = await openSocket(url(rotated.token));
    await again.received(1);
    again.socket.close();
    observer.socket.close();
  });

  it('answers how many open windows on the old link it disconnected (none when nobody was on it)', async () => {
    server = await startServer();
    const host = await server.listen();
    const board = await server.createBoard();
    const url = (token: string) => `ws://${host}/ws/${board.id}?token=${encodeURIComponent(token)}`;
    const rotate = async (role: string) => {
      const res = await server!.app.inject({
        method: 'POST',
        url: `/api/boards/${board.id}/tokens/${role}/rotate`,
        headers: bearer(board.tokens.facilitator),
      });
      expect(res.statusCode).toBe(200);
      return RotatedToken.parse(res.json());
    };
    const first = await openSocket(url(board.tokens.participant));
    const second = await openSocket(url(board.tokens.participant));
    const observer = await openSocket(url(board.tokens.observer));
    await Promise.all([first.received(1), second.received(1), observer.received(1)]);

    // One node: the count is every socket there was (several nodes would each close their own).
    expect(await rotate('participant')).toMatchObject({ disconnected: 2, otherNodes: false });
    await Promise.all([first.closed, second.closed]);
    expect(await rotate('participant')).toMatchObject({ disconnected: 0, otherNodes: false });
    expect(observer.socket.readyState).toBe(observer.socket.OPEN);
    observer.socket.close();
  });
});
