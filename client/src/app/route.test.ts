import { describe, expect, it } from 'vitest';
import { boardPath, parseRoute } from './route';

describe('parseRoute', () => {
  it('reads the home page', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'home' });
  });
  it('reads a board link with its token', () => {
    expect(parseRoute('/b/abc_12', '?token=t0k')).toEqual({ page: 'board', boardId: 'abc_12', token: 't0k' });
  });
  it('keeps a board without a token (it may be remembered)', () => {
    expect(parseRoute('/b/abc', '')).toEqual({ page: 'board', boardId: 'abc', token: null });
  });
  it('rejects ids the server would reject', () => {
    expect(parseRoute('/b/a%20b', '?token=x')).toEqual({ page: 'not-found' });
    expect(parseRoute('/b/%E0%A4%A', '')).toEqual({ page: 'not-found' });
    expect(parseRoute('/elsewhere', '')).toEqual({ page: 'not-found' });
  });
  it('round-trips a link', () => {
    const path = boardPath('b1', 'a+b/c');
    const url = new URL(path, 'http://x');
    expect(parseRoute(url.pathname, url.search)).toEqual({ page: 'board', boardId: 'b1', token: 'a+b/c' });
  });
});
