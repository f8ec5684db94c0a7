import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { appLoggerOptions, redactTokens } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { bearer, startServer, type TestServer } from './harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('logs', () => {
  it('redact tokens from query strings', () => {
    expect(redactTokens('/ws/abc?token=s3cret&name=Ann')).toBe('/ws/abc?token=[redacted]&name=Ann');
    expect(redactTokens('/b/x?a=1&TOKEN=s3cret')).toBe('/b/x?a=1&TOKEN=[redacted]');
  });

  it('never contain a token, whether sent in the query or the header', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'info' });
    server = await startServer({ LOG_LEVEL: 'info' }, { logger: { ...appLoggerOptions(config), stream } });
    const board = await server.createBoard();
    await server.app.inject({ url: `/api/boards/${board.id}?token=${board.tokens.observer}` });
    await server.app.inject({ url: `/api/boards/${board.id}`, headers: bearer(board.tokens.participant) });
    await server.app.inject({ url: `/api/boards/${board.id}?token=wrong-token-value` });
    const log = lines.join('');
    expect(log).toContain(`/api/boards/${board.id}?token=[redacted]`);
    for (const secret of [board.tokens.observer, board.tokens.participant, 'wrong-token-value']) {
      expect(log).not.toContain(secret);
    }
  });
});
