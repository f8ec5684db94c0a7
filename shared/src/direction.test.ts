import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bidi,
  embeddingLevels,
  hasRightToLeft,
  leftToRight,
  ownDirection,
  paragraphDirection,
} from './direction.js';

/** The direction the full algorithm picks for a paragraph left to decide on its own (rule P3). */
function uba(text: string): number {
  // The paragraph level is what a neutral at its very end resolves to (rule N2).
  const levels = embeddingLevels(`${text}!`, 'auto');
  return (levels[levels.length - 1] ?? 0) % 2;
}

describe('a paragraph’s direction', () => {
  it('is its first strong character’s, else left to right', () => {
    expect(paragraphDirection('مرحبا بالعالم 2026')).toBe('rtl');
    expect(paragraphDirection('שלום עולם')).toBe('rtl');
    expect(paragraphDirection('2026: خطة Q1')).toBe('rtl');
    expect(paragraphDirection('Roadmap: خطة 2026 Q1')).toBe('ltr');
    expect(paragraphDirection('नमस्ते दुनिया')).toBe('ltr');
    expect(paragraphDirection('สวัสดีชาวโลก')).toBe('ltr');
    expect(paragraphDirection('١٢٣ 🚀 …')).toBe('ltr');
    expect(paragraphDirection('')).toBe('ltr');
    // What sits inside an isolate does not decide.
    expect(paragraphDirection('\u2067abc\u2069 שלום')).toBe('rtl');
    expect(paragraphDirection('\u2066שלום\u2069 abc')).toBe('ltr');
  });

  it('agrees with the full bidi algorithm on any mix of scripts', () => {
    const pieces = [
      'a',
      'Ж',
      'ש',
      'م',
      'ک',
      'न',
      'ส',
      '字',
      '2',
      '٣',
      ' ',
      '(',
      '!',
      '🚀',
      '\u200f',
      '\u200e',
      '\u064b',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(paragraphDirection(text) === 'rtl' ? 1 : 0).toBe(uba(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every right-to-left character (bidi classes R and AL)', () => {
    const missed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const type = bidi().getBidiCharTypeName(ch);
      if ((type === 'R' || type === 'AL') && !hasRightToLeft(ch)) missed.push(cp.toString(16));
    }
    expect(missed).toEqual([]);
    expect(hasRightToLeft('Roadmap 2026 — नमस्ते สวัสดี 日本 🚀')).toBe(false);
  });

  it('keeps an emoji between the right-to-left words around it', () => {
    // bidi-js alone takes an emoji's two UTF-16 halves for left-to-right letters.
    expect([...embeddingLevels('שלום 🚀 עולם', 'rtl')]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect([...embeddingLevels('abc 🚀', 'rtl')]).toEqual([2, 2, 2, 1, 1, 1]);
  });
});

describe('interface wording inside text of any direction', () => {
  /** The levels of `part`'s characters where it stands in `text`, laid out as a paragraph. */
  const levelsOf = (text: string, part: string) => {
    const levels = embeddingLevels(text, paragraphDirection(text));
    const at = text.lastIndexOf(part);
    return [...levels.slice(at, at + part.length)];
  };

  it('reads left to right, in its order, after a right-to-left card, with a name in any script', () => {
    for (const author of ['سارة', 'דוד', 'Ann', '']) {
      const name = author && ownDirection(author);
      const meta = [name, '3 votes'].filter(Boolean).join(' · ');
      for (const card of ['مرحبا بالعالم 2026', 'שלום עולם', 'Plain card']) {
        const text = `${card}  — ${leftToRight(meta)}`;
        const counted = levelsOf(text, author ? ' · 3 votes' : '3 votes');
        // One even level throughout: drawn left to right as written.
        expect(new Set(counted).size, `${card} / ${author}`).toBe(1);
        expect((counted[0] ?? 1) % 2).toBe(0);
        // The name keeps its own direction.
        if (hasRightToLeft(author)) for (const l of levelsOf(text, author)) expect(l % 2).toBe(1);
      }
    }
    // Without the isolate, the count and "votes" part ways after an Arabic name ("votes 3").
    const bare = levelsOf('مرحبا  — سارة · 3 votes', '3 votes');
    expect(new Set(bare).size).toBeGreaterThan(1);
  });

  it('does not decide a paragraph’s direction, and adds nothing right to left to Latin text', () => {
    expect(paragraphDirection(`שלום ${leftToRight('Ann · 2 votes')}`)).toBe('rtl');
    expect(paragraphDirection(`2026 ${leftToRight('Ann · 2 votes')}`)).toBe('ltr');
    expect(ownDirection('Ann')).toBe('Ann');
    expect(hasRightToLeft(`Plain card — ${leftToRight(`${ownDirection('Ann')} · 1 vote`)}`)).toBe(false);
  });
});
