import { describe, expect, it } from 'vitest';
import { ErrorCode } from './api.js';
import { CloseCode, errorCodeOfClose } from './protocol.js';

describe('errorCodeOfClose', () => {
  it('names a refusal on the socket with the code an HTTP answer gives for it', () => {
    expect(errorCodeOfClose(CloseCode.unauthorized)).toBe(ErrorCode.unauthorized);
    expect(errorCodeOfClose(CloseCode.forbidden)).toBe(ErrorCode.forbidden);
    expect(errorCodeOfClose(CloseCode.boardNotFound)).toBe(ErrorCode.boardNotFound);
    expect(errorCodeOfClose(CloseCode.rateLimited)).toBe(ErrorCode.rateLimited);
    expect(errorCodeOfClose(CloseCode.roomFull)).toBe(ErrorCode.roomFull);
  });

  it('gives every close code a code in that one form', () => {
    for (const code of Object.values(CloseCode)) expect(errorCodeOfClose(code)).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
    expect(errorCodeOfClose(4999)).toBe('CLOSE_4999');
  });
});
