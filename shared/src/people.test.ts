import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initials } from './people.js';

describe('initials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['ada  lovelace ', 'AL'],
    ['Pat', 'PA'],
    ['Ada Augusta King Lovelace', 'AL'],
    ['Fran (facilitator)', 'FR'],
    ['(PM) Sam Rivera', 'SR'],
    ['Jean-Luc Picard', 'JP'],
    ["O'Brien", 'OB'],
    ['@sam', 'SA'],
    ['Émile Zola', 'ÉZ'],
    ['Zoë', 'ZO'],
    ['🌟 Maya', 'MA'],
    ['Maya 🌟', 'MA'],
    ['🦊', '🦊'],
    ['👩🏽‍💻 🚀', '👩🏽‍💻'],
    ['خالد أحمد', 'خأ'],
    ['王小明', '王小'],
    ['R2 D2', 'RD'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('keeps a letter and its combining accent together', () => {
    // "é" written as e + U+0301: one character on screen, two code points.
    expect(initials('e\u0301mile')).toBe('E\u0301M');
  });

  it('never cuts a character in half: no lone surrogate, at most two characters', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const out = initials(name);
        expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        // Upper-casing may turn one character into two (ß → SS, ᾀ → ἈΙ); otherwise two at most.
        const count = (text: string) => [...segmenter.segment(text)].length;
        const expands = [...segmenter.segment(name)].some(({ segment }) => count(segment.toUpperCase()) > 1);
        if (!expands) expect(count(out)).toBeLessThanOrEqual(2);
        if (name.trim() !== '') expect(out).not.toBe('');
      }),
    );
  });
});
