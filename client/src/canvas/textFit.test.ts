import { describe, expect, it } from 'vitest';
import { estimate, fitFontSize, READABLE_MIN } from './textFit';

/** The text box of a 180 × 180 sticky (14 px padding, a 14 px author line). */
const W = 152;
const H = 138;

describe('fitFontSize', () => {
  it('uses the largest size for short text', () => {
    expect(fitFontSize('Hi', 160, 120)).toBe(28);
    expect(fitFontSize('Short idea', W, H)).toBe(28);
  });
  it('shrinks as text grows, never below the minimum', () => {
    const short = fitFontSize('a short idea', 160, 120);
    const long = fitFontSize('a much longer idea that goes on and on about many things'.repeat(2), 160, 120);
    expect(long).toBeLessThan(short);
    expect(long).toBeLessThan(READABLE_MIN);
    expect(fitFontSize('x'.repeat(10_000), 160, 120)).toBe(9);
  });
});

describe('fitFontSize with words', () => {
  it('does not break a word that would fit at a smaller size', () => {
    const size = fitFontSize('Workshops that remember', 152, 124);
    expect(Math.floor(152 / (size * 0.66))).toBeGreaterThanOrEqual('Workshops'.length);
  });
  it('fits every line of a multi-line note', () => {
    const size = fitFontSize('one\ntwo\nthree\nfour\nfive', 152, 124);
    expect(5 * size * 1.25).toBeLessThanOrEqual(124);
  });
  it('breaks after hyphens as Konva does, instead of shrinking for a long compound word', () => {
    const hyphenated = fitFontSize('Per-facilitator subscription', 152, 124);
    const widest = 'subscription'.length;
    expect(Math.floor(152 / (hyphenated * 0.66))).toBeGreaterThanOrEqual(widest);
    expect(hyphenated).toBeGreaterThan(fitFontSize('Perxfacilitator subscription', 152, 124));
  });
});

describe('fitFontSize with a word too long for the note', () => {
  it.each([
    'internationalisation',
    'Our internationalisation plan',
    'Supercalifragilisticexpialidocious',
    'https://example.com/a/very/long/path',
  ])('keeps %j readable and breaks the word instead', (text) => {
    expect(fitFontSize(text, W, H)).toBe(READABLE_MIN);
  });

  it('shrinks for a long word as long as the text stays readable', () => {
    // "subscription" fits whole at 19 px with the estimate, 23 px with narrower glyphs.
    expect(fitFontSize('subscription', W, H)).toBe(19);
    expect(fitFontSize('subscription', W, H, 28, 9, (s) => s.length * 0.55)).toBe(23);
    expect(fitFontSize('Our subscription model', W, H)).toBeGreaterThan(READABLE_MIN);
  });

  it('counts the lines a broken word takes', () => {
    // At 18 px a line holds 12 estimated characters: 60 characters are 5 lines (112.5 px) — it fits;
    // 80 are 7 lines (157.5 px) — it does not, so the text shrinks below the readable size.
    expect(fitFontSize('x'.repeat(60), W, H)).toBe(18);
    const size = fitFontSize('x'.repeat(80), W, H);
    expect(size).toBeLessThan(18);
    const perLine = Math.floor(W / (size * 0.66));
    expect(Math.ceil(80 / perLine) * size * 1.25).toBeLessThanOrEqual(H);
  });

  it('starts a broken word on its own line, after the words before it', () => {
    // At 18 px: "Our" | "internationa" | "lisation is" — the word's rest shares its last line.
    const threeLines = 3 * 18 * 1.25;
    expect(fitFontSize('Our internationalisation is', W, threeLines)).toBe(18);
    expect(fitFontSize('Our internationalisation is', W, threeLines - 1)).toBeLessThan(18);
    // "lisation" + " plan" is 13 characters: a fourth line.
    expect(fitFontSize('Our internationalisation plan', W, threeLines)).toBeLessThan(18);
  });

  it('measures with the given widths', () => {
    const narrow = (s: string) => s.length * 0.4;
    expect(fitFontSize('internationalisation', W, H, 28, 9, narrow)).toBe(19);
    expect(fitFontSize('internationalisation', W, H, 28, 9, estimate)).toBe(18);
  });
});
