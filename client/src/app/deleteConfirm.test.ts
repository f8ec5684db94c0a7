import type { Element } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { CONFIRM_DELETE_AT, deletionQuestion } from './deleteConfirm';

const of = (type: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${type}${i}`, type }) as Element);

describe('what deleting asks first', () => {
  it('nothing for a few cards', () => {
    expect(deletionQuestion(of('sticky', 1))).toBeNull();
    expect(deletionQuestion(of('sticky', CONFIRM_DELETE_AT - 1))).toBeNull();
  });
  it('a large selection, with its size', () => {
    expect(deletionQuestion(of('sticky', CONFIRM_DELETE_AT))).toBe(
      `Delete ${CONFIRM_DELETE_AT} items for everyone?`,
    );
  });
  it('any frame — a whole exercise — however small the selection', () => {
    expect(deletionQuestion(of('frame', 1))).toBe('Delete this frame for everyone?');
    expect(deletionQuestion(of('frame', 7))).toBe('Delete 7 frames for everyone?');
    expect(deletionQuestion([...of('frame', 1), ...of('sticky', 2)])).toBe(
      'Delete 3 items, a frame among them, for everyone?',
    );
    expect(deletionQuestion([...of('frame', 7), ...of('grid', 61)])).toBe(
      'Delete 68 items, 7 frames among them, for everyone?',
    );
  });
});
