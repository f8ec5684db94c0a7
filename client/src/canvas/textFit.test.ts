import { describe, expect, it } from 'vitest';
import { fitFontSize } from './textFit';

describe('fitFontSize', () => {
  it('uses the largest size for short text', () => {
    expect(fitFontSize('Hi', 160, 120)).toBe(28);
  });
  it('shrinks as text grows, never below the minimum', () => {
    const short = fitFontSize('a short idea', 160, 120);
    const long = fitFontSize('a much longer idea that goes on and on about many things'.repeat(2), 160, 120);
    expect(long).toBeLessThan(short);
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
