import { describe, expect, it } from 'vitest';
import { changesSelectValue, neighbourOf, short } from './outlineNav';

describe('neighbourOf', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('takes the next card that is still there', () => {
    expect(neighbourOf(ids, 'b', (id) => id !== 'b')).toBe('c');
    // Gone together with its next neighbour: the one after.
    expect(neighbourOf(ids, 'b', (id) => id === 'a' || id === 'd')).toBe('d');
  });
  it('falls back to the previous card when it was the last', () => {
    expect(neighbourOf(ids, 'd', (id) => id !== 'd')).toBe('c');
    expect(neighbourOf(ids, 'd', (id) => id === 'a')).toBe('a');
  });
  it('finds none when the group is left empty', () => {
    expect(neighbourOf(['a'], 'a', () => false)).toBeNull();
    expect(neighbourOf([], 'a', () => true)).toBeNull();
  });
  it('takes the first card left when the gone one was not listed', () => {
    expect(neighbourOf(ids, 'x', (id) => id !== 'a')).toBe('b');
  });
});

describe('changesSelectValue', () => {
  const key = (k: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) =>
    changesSelectValue({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });
  it('is true for the keys that step through the options', () => {
    for (const k of [
      'ArrowDown',
      'ArrowUp',
      'ArrowLeft',
      'ArrowRight',
      'Home',
      'End',
      'PageDown',
      'PageUp',
    ]) {
      expect(key(k)).toBe(true);
    }
    expect(key('l')).toBe(true);
    expect(key('É')).toBe(true);
  });
  it('is false for keys that open the list, commit, leave or do nothing', () => {
    for (const k of ['Enter', ' ', 'Escape', 'Tab', 'Shift', 'F4']) expect(key(k)).toBe(false);
    expect(key('ArrowDown', { altKey: true })).toBe(false);
    expect(key('a', { ctrlKey: true })).toBe(false);
  });
});

describe('short', () => {
  it('puts a card on one line and shortens long ones', () => {
    expect(short('  two\nlines ')).toBe('two lines');
    expect(short('x'.repeat(50))).toBe(`${'x'.repeat(39)}…`);
    expect(short('   ')).toBe('empty card');
  });
});
