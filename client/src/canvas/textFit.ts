/**
 * Font size that lets a note's text fit its box, estimated without measuring (an average glyph
 * is ≈ 0.66 em wide at most in common UI fonts) so it is cheap enough for thousands of notes. Wrapping is
 * simulated word by word, and no single word may need breaking.
 */
const EM = 0.66;
const LINE = 1.25;

function linesAt(paragraphs: string[][], perLine: number): number {
  let lines = 0;
  for (const words of paragraphs) {
    let used = 0;
    lines += 1;
    for (const word of words) {
      const len = word.length;
      if (used === 0) used = len;
      else if (used + 1 + len <= perLine) used += 1 + len;
      else {
        lines += 1;
        used = len;
      }
      // A word longer than a line wraps by characters.
      while (used > perLine) {
        lines += 1;
        used -= perLine;
      }
    }
  }
  return lines;
}

export function fitFontSize(text: string, w: number, h: number, max = 28, min = 9): number {
  // Konva's word wrap also breaks after a hyphen, so "per-facilitator" is two words here.
  const paragraphs = text.split('\n').map((p) => p.split(/\s+|(?<=-)/).filter(Boolean));
  const longest = Math.max(1, ...paragraphs.flat().map((word) => word.length));
  for (let size = max; size > min; size -= 1) {
    const perLine = Math.floor(w / (size * EM));
    if (perLine < 1 || (longest > perLine && size > 14)) continue;
    if (linesAt(paragraphs, perLine) * size * LINE <= h) return size;
  }
  return min;
}
