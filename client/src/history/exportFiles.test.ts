import { describe, expect, it } from 'vitest';
import { fileNameFrom } from './exportFiles';

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name the server sends for non-ASCII titles', () => {
    const header = `attachment; filename="kick-off-2026-11-29.pdf"; filename*=UTF-8''%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82-2026-11-29.pdf`;
    expect(fileNameFrom(header, 'x.pdf')).toBe('Привет-2026-11-29.pdf');
  });
  it('reads the plain form', () => {
    expect(fileNameFrom('attachment; filename="q3-offsite-2026-11-29.csv"', 'x')).toBe(
      'q3-offsite-2026-11-29.csv',
    );
  });
  it('never returns a path and falls back when the header is missing or broken', () => {
    expect(fileNameFrom('attachment; filename="../../etc/passwd"', 'x')).toBe('.._.._etc_passwd');
    expect(fileNameFrom(null, 'board.pdf')).toBe('board.pdf');
    expect(fileNameFrom("attachment; filename*=UTF-8''%E0%A4%A", 'board.md')).toBe('board.md');
  });
});
