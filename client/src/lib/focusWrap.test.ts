import { describe, expect, it } from 'vitest';
import { wrapTarget } from './focusWrap';

describe('wrapTarget', () => {
  const controls = ['close', 'name', 'save'];

  it('leaves Tab alone between controls inside the dialog', () => {
    expect(wrapTarget(controls, 'close', false, 'dialog')).toBeNull();
    expect(wrapTarget(controls, 'save', true, 'dialog')).toBeNull();
  });

  it('wraps from the last control to the first, and back with Shift+Tab', () => {
    expect(wrapTarget(controls, 'save', false, 'dialog')).toBe('close');
    expect(wrapTarget(controls, 'close', true, 'dialog')).toBe('save');
  });

  it('brings the focus back in from the dialog itself or from outside it', () => {
    expect(wrapTarget(controls, 'dialog', false, 'dialog')).toBe('close');
    expect(wrapTarget(controls, 'dialog', true, 'dialog')).toBe('save');
    expect(wrapTarget(controls, 'toolbar', false, 'dialog')).toBe('close');
    expect(wrapTarget(controls, null, true, 'dialog')).toBe('save');
  });

  it('keeps the focus on the dialog when it has no controls', () => {
    expect(wrapTarget([], 'toolbar', false, 'dialog')).toBe('dialog');
    expect(wrapTarget([], null, true, 'dialog')).toBe('dialog');
  });

  it('wraps onto the one control there is', () => {
    expect(wrapTarget(['close'], 'close', false, 'dialog')).toBe('close');
    expect(wrapTarget(['close'], 'close', true, 'dialog')).toBe('close');
  });
});
