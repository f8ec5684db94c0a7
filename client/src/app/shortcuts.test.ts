import { describe, expect, it } from 'vitest';
import { matchShortcut, SHORTCUTS, tooltip } from './shortcuts';

const press = (
  key: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
) =>
  matchShortcut({
    key,
    ctrlKey: !!mods.ctrl,
    metaKey: !!mods.meta,
    shiftKey: !!mods.shift,
    altKey: !!mods.alt,
  });

describe('matchShortcut', () => {
  it('maps single keys to tools', () => {
    expect(press('n')).toBe('sticky');
    expect(press('N', { shift: true })).toBeNull();
    expect(press('Delete')).toBe('delete');
  });
  it('tells undo from redo', () => {
    expect(press('z', { ctrl: true })).toBe('undo');
    expect(press('Z', { ctrl: true, shift: true })).toBe('redo');
    expect(press('z', { meta: true, shift: true })).toBe('redo');
    expect(press('y', { ctrl: true })).toBe('redo');
  });
  it('does not fire a tool on a modified key', () => {
    expect(press('n', { ctrl: true })).toBeNull();
    expect(press('d')).toBeNull();
    expect(press('d', { ctrl: true })).toBe('duplicate');
  });
  it('reads shifted symbols', () => {
    expect(press('?', { shift: true })).toBe('help');
    expect(press('!', { shift: true })).toBe('zoomFit');
  });
  it('has unique ids and a tooltip naming the key', () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
    expect(tooltip('sticky')).toBe('Sticky note (N)');
  });
});
