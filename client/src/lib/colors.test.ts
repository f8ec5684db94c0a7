import { describe, expect, it } from 'vitest';
import { colorFor, contrast, INK, INK_LIGHT, inkOn, PRESENCE_COLORS } from './colors';

describe('presence colours', () => {
  it('carry white names and initials at 4.5:1 or more (WCAG AA for small text)', () => {
    for (const c of PRESENCE_COLORS) {
      expect(contrast(c, INK_LIGHT), c).toBeGreaterThanOrEqual(4.5);
      expect(inkOn(c), c).toBe(INK_LIGHT);
    }
  });

  it('are told apart: no two of them alike', () => {
    expect(new Set(PRESENCE_COLORS.map((c) => c.toLowerCase())).size).toBe(PRESENCE_COLORS.length);
  });

  it('give a name the same colour every time', () => {
    expect(colorFor('Ada')).toBe(colorFor('Ada'));
    expect(PRESENCE_COLORS).toContain(colorFor('Ada'));
  });
});

describe('contrast', () => {
  it('is 21 between black and white and 1 between a colour and itself', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#12a594', '#12a594')).toBeCloseTo(1, 5);
  });

  it('matches the WCAG figure for a known pair', () => {
    // #767676 on white is the classic 4.54:1.
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('inkOn', () => {
  it('writes dark on a light colour another client sent, where white would not read', () => {
    // The palette before the thirty-fourth session: teal and orange carried white at ~3:1.
    for (const c of ['#12a594', '#f76b15', '#30a46c', '#0090ff', '#ffd84d']) {
      expect(inkOn(c), c).toBe(INK);
      expect(contrast(c, inkOn(c)), c).toBeGreaterThan(contrast(c, INK_LIGHT));
    }
  });

  it('keeps white on dark colours and on anything that is not a #rrggbb colour', () => {
    expect(inkOn('#1f2430')).toBe(INK_LIGHT);
    expect(inkOn('#3e63dd')).toBe(INK_LIGHT);
    expect(inkOn('red')).toBe(INK_LIGHT);
    expect(inkOn('#abc')).toBe(INK_LIGHT);
  });
});
