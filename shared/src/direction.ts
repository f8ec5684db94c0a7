/**
 * Which way a paragraph reads, decided as the Unicode Bidirectional Algorithm decides it (rules
 * P2–P3): by its first strong character, skipping what sits inside directional isolates. A
 * paragraph whose first letter is Arabic or Hebrew reads right to left; one with no strong
 * character at all (digits, punctuation, emoji) reads left to right. The PDF record and the canvas
 * both ask this, so a card is aligned the same way in both.
 *
 * The characters' bidi classes come from bidi-js (Unicode's data; parsed on first use). Imported
 * as `@truenorth/shared/direction`, not from the package's index: the server's main thread, which
 * loads the index at start, never lays text out (the PDF worker and the canvas do), so bidi-js's
 * code stays out of its memory.
 */
import bidiFactory from 'bidi-js';

export type Direction = 'ltr' | 'rtl';

let instance: ReturnType<typeof bidiFactory> | null = null;
/**
 * The bidi algorithm (character classes, mirroring), for whoever needs more than this; made on
 * first use, so a server that never lays out right-to-left text never builds it.
 */
export function bidi(): ReturnType<typeof bidiFactory> {
  instance ??= bidiFactory();
  return instance;
}

/** A character of each bidi class, in the Basic Multilingual Plane (see `embeddingLevels`). */
const STAND_IN: Partial<Record<string, string>> = {
  L: 'a',
  R: '\u05D0',
  AL: '\u0627',
  EN: '0',
  AN: '\u0660',
  NSM: '\u0300',
  BN: '\u200B',
  WS: ' ',
};

/**
 * The bidi embedding level of each UTF-16 unit of `text` (rules X1–I2; one paragraph, or several
 * split at newlines). bidi-js reads a string unit by unit and so takes the two halves of an
 * astral character (an emoji, Adlam) for left-to-right letters: each such character is handed to
 * it as two units of its own class instead (emoji are neutral), so that an emoji between two
 * Hebrew words stays between them.
 */
export function embeddingLevels(text: string, direction: Direction | 'auto' = 'auto'): Uint8Array {
  let units = text;
  if (/[\uD800-\uDBFF]/.test(text)) {
    units = '';
    for (const ch of text) {
      if (ch.length === 1) units += ch;
      else {
        const stand = STAND_IN[bidi().getBidiCharTypeName(ch)] ?? '!';
        units += stand + stand;
      }
    }
  }
  return bidi().getEmbeddingLevels(units, direction).levels;
}

/**
 * Blocks where right-to-left characters live (Hebrew to Arabic Extended, the presentation forms,
 * the historic right-to-left scripts), RLM, and the embeddings, overrides and isolates that can turn
 * text right to left. Text with none of these reads left to right throughout.
 */
const MAYBE_RTL =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F\u202B\u202E\u2067\u2068]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * Whether `text` may have anything that reads right to left: when false, every character of it
 * is left to right (bidi level 0) and it can be laid out as it is, without the full algorithm.
 */
export function hasRightToLeft(text: string): boolean {
  return MAYBE_RTL.test(text);
}

const LRI = 0x2066;
const FSI = 0x2068;
const PDI = 0x2069;

/**
 * `text` set apart as a left-to-right isolate (LRI…PDI, rules X5a and X6a): wording of the
 * (English) interface, such as "Ann · 3 votes" after a card, that must read left to right in its
 * own order whichever way the text around it reads. From outside, the isolate counts as one
 * neutral character: in an Arabic card it sits at the line's end (its left), whole. Adds no
 * right-to-left character, so Latin text keeps `hasRightToLeft`'s fast path.
 */
export function leftToRight(text: string): string {
  return `\u2066${text}\u2069`;
}

/**
 * `text` as a first-strong isolate (FSI…PDI) when it may read right to left: a name (an author,
 * a theme) inside interface wording keeps its own direction and does not carry the numbers and
 * punctuation next to it along ("سارة · 3 votes" staying "سارة", "·", "3 votes"). A name with no
 * right-to-left character is left as it is: in left-to-right wording it reads left to right anyway.
 */
export function ownDirection(text: string): string {
  return hasRightToLeft(text) ? `\u2068${text}\u2069` : text;
}

/** The direction of one paragraph (no newlines): its first strong character's, else left to right. */
export function paragraphDirection(text: string): Direction {
  if (!hasRightToLeft(text)) return 'ltr';
  let isolated = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= LRI && cp <= FSI) isolated++;
    else if (cp === PDI) isolated = Math.max(0, isolated - 1);
    else if (isolated === 0) {
      const type = bidi().getBidiCharTypeName(ch);
      if (type === 'L') return 'ltr';
      if (type === 'R' || type === 'AL') return 'rtl';
    }
  }
  return 'ltr';
}
