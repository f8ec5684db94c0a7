/**
 * Fonts for the PDF record. PDF viewers only show glyphs the file carries, so every script a card
 * may be written in needs an embedded font: Noto Sans (Latin, Cyrillic, Greek), Noto Sans Math
 * (arrows, geometric shapes, check marks and other symbols Noto Sans lacks), Noto Sans SC
 * (Chinese, Japanese kana and kanji), Noto Sans KR (Hangul), Noto Sans Arabic, Hebrew, Devanagari
 * and Thai (each with its bold cut) and monochrome Noto Emoji. Text is cut into runs, each drawn
 * with the first face that has its glyphs; pdfkit embeds only the glyphs used (a subset), so the
 * CJK fonts cost kilobytes per document, not megabytes.
 *
 * The font files are read and parsed once per process, each only when a character first needs
 * it, and the parsed fontkit fonts are shared by every document: pdfkit accepts a parsed font and
 * keeps the subset per document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type Face =
  | 'sans'
  | 'bold'
  | 'symbols'
  | 'cjk'
  | 'korean'
  | 'arabic'
  | 'arabicBold'
  | 'hebrew'
  | 'hebrewBold'
  | 'devanagari'
  | 'devanagariBold'
  | 'thai'
  | 'thaiBold'
  | 'emoji';

const FONT_FILES: Record<Face, string> = {
  sans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  symbols: '@expo-google-fonts/noto-sans-math/400Regular/NotoSansMath_400Regular.ttf',
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  korean: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  arabicBold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  hebrew: '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf',
  hebrewBold: '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf',
  devanagari: '@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf',
  devanagariBold: '@expo-google-fonts/noto-sans-devanagari/700Bold/NotoSansDevanagari_700Bold.ttf',
  thai: '@expo-google-fonts/noto-sans-thai/400Regular/NotoSansThai_400Regular.ttf',
  thaiBold: '@expo-google-fonts/noto-sans-thai/700Bold/NotoSansThai_700Bold.ttf',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
};
export const FACES = Object.keys(FONT_FILES) as readonly Face[];

/**
 * Faces tried in order for a character; bold text falls back to the regular symbol and CJK faces
 * (the script fonts have a bold cut of their own). The symbols (1 MB) come before the CJK fonts
 * (6–11 MB, parsed in full): an arrow in a card, or the story spine's "◂ ▸" in the picture, would
 * otherwise load the Chinese font into every export of the workshop.
 */
const FALLBACK: Record<'regular' | 'bold', readonly Face[]> = {
  regular: ['sans', 'symbols', 'cjk', 'korean', 'emoji', 'arabic', 'hebrew', 'devanagari', 'thai'],
  bold: [
    'bold',
    'symbols',
    'cjk',
    'korean',
    'emoji',
    'arabicBold',
    'hebrewBold',
    'devanagariBold',
    'thaiBold',
  ],
};

/**
 * Scripts with a font of their own: their characters (and those the script shares, as the Arabic
 * comma or the Devanagari danda) go to it before the fallback list. Noto Sans has Devanagari too,
 * but a word shaped in one font keeps its conjuncts and matras together, and an Arabic or Thai
 * card never loads the CJK fonts.
 */
const SCRIPT_FACES: readonly { script: RegExp; regular: Face; bold: Face }[] = [
  { script: /\p{Script_Extensions=Arabic}/u, regular: 'arabic', bold: 'arabicBold' },
  { script: /\p{Script_Extensions=Hebrew}/u, regular: 'hebrew', bold: 'hebrewBold' },
  { script: /\p{Script_Extensions=Devanagari}/u, regular: 'devanagari', bold: 'devanagariBold' },
  { script: /\p{Script_Extensions=Thai}/u, regular: 'thai', bold: 'thaiBold' },
];

const require = createRequire(import.meta.url);
const parsed = new Map<Face, fontkit.Font>();

/** The faces parsed so far in this process (each costs memory from then on). */
export function parsedFaces(): Face[] {
  return [...parsed.keys()];
}

/** The parsed font of a face (read from its package on first use). */
export function fontOf(face: Face): fontkit.Font {
  let font = parsed.get(face);
  if (!font) {
    const file = readFileSync(require.resolve(FONT_FILES[face]));
    const created = fontkit.create(file);
    if (!('hasGlyphForCodePoint' in created)) throw new Error(`${FONT_FILES[face]} is a font collection`);
    font = face === 'emoji' ? created : withPlainLayout(created);
    parsed.set(face, font);
  }
  return font;
}

/**
 * Scripts drawn one glyph per character with no shaping: Latin, Greek, Cyrillic, punctuation,
 * arrows, CJK and Hangul syllables. (Combining marks, Indic or Arabic text and emoji sequences need
 * the font's substitution and positioning rules and go through fontkit's full layout.)
 */
const PLAIN =
  /^[\u0020-\u007e\u00a0-\u02ff\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff\u2000-\u2bff\u3000-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]*$/;

type Layout = fontkit.Font['layout'];

/**
 * The font with a fast path for plain text: glyph by code point and its advance, skipping
 * fontkit's shaping engine, which costs ~0.1 ms per distinct word and dominated big exports.
 * Only kerning is lost (a fraction of a point per pair). Everything else is the font itself.
 *
 * Shaped text keeps, on each glyph, the characters it was drawn for: fontkit hands out one shared
 * glyph object per glyph number, carrying the characters of the first text it was made for, and
 * shaped scripts draw different letters with one glyph (Arabic's dotless bodies). pdfkit reads
 * `codePoints` to build the text a reader copies, so here a glyph drawn for other characters is a
 * light copy that says so (see `keepUnicode` in pdf/text.ts).
 */
function withPlainLayout(font: fontkit.Font): fontkit.Font {
  const fast = Object.create(font) as fontkit.Font;
  // fontkit's layout engine is made on first use for the font it is called on, and asks that font
  // for glyphs: called on `fast`, it gets them from `fast.getGlyph` below.
  const full: Layout = (text, features) => font.layout.call(fast, text, features as never);
  const getGlyph = font.getGlyph.bind(font);
  Object.defineProperty(fast, 'getGlyph', {
    value: (id: number, codePoints?: number[]) => {
      const glyph = getGlyph(id, codePoints);
      if (!glyph || !codePoints || sameCodePoints(glyph.codePoints, codePoints)) return glyph;
      return Object.create(glyph, { codePoints: { value: codePoints } }) as fontkit.Glyph;
    },
  });
  const layout = (text: string, features?: unknown) => {
    if (features || !PLAIN.test(text)) return full(text, features as never);
    const glyphs: fontkit.Glyph[] = [];
    const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] = [];
    for (const ch of text) {
      const glyph = font.glyphForCodePoint(ch.codePointAt(0) ?? 0);
      glyphs.push(glyph);
      positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    return {
      glyphs,
      positions,
      // A getter like fontkit's GlyphRun: pdfkit scales the positions in place, then sums.
      get advanceWidth() {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
  Object.defineProperty(fast, 'layout', { value: layout });
  return fast;
}

/** Distinct (face, word) answers of `readsAsTyped` kept per process. */
const READS_CACHE = 50_000;
const reads = new Map<string, boolean>();

/**
 * Whether `text`, drawn left to right in `face`, reads back from its glyphs alone as it was typed:
 * each glyph stands for characters of its own (pdf/text.ts `keepUnicode` maps them), in the order
 * they were typed. Not so where the font's shaping reorders or splits a cluster: Devanagari draws
 * the vowel sign ि before the consonant it follows ("दुनिया" would read "दुिनया"), and Thai's ำ is
 * two glyphs, the second of which has no character of its own and takes room (it would read
 * "ทำางาน"). Such text is drawn with the characters as typed beside it (/ActualText). Text drawn
 * one glyph per character (Latin, CJK…) is never laid out for this. Right-to-left runs are not
 * asked: their glyphs stand in visual order, and readers put them back in typed order themselves.
 */
export function readsAsTyped(face: Face, text: string): boolean {
  if (PLAIN.test(text)) return true;
  const key = `${face}|${text}`;
  let answer = reads.get(key);
  if (answer === undefined) {
    const { glyphs, positions } = fontOf(face).layout(text);
    const typed = [...text].map((c) => c.codePointAt(0) ?? 0);
    const read: number[] = [];
    let silentRoom = false;
    for (const [i, glyph] of glyphs.entries()) {
      if (glyph.codePoints.length === 0 && (positions[i]?.xAdvance ?? 0) > 0) silentRoom = true;
      read.push(...glyph.codePoints);
    }
    answer = !silentRoom && sameCodePoints(read, typed);
    if (reads.size < READS_CACHE) reads.set(key, answer);
  }
  return answer;
}

/**
 * Whether a glyph stands for the same characters: compared without building strings, as it runs
 * for every glyph drawn (pdf/text.ts `keepUnicode`).
 */
export function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Shown for a character no embedded font has (e.g. a script not covered): never a blank gap. */
export const MISSING_GLYPH = '\u25A1';

export interface Run {
  face: Face;
  text: string;
}

/**
 * Joiners and modifiers stay with the character before them (emoji sequences, accents, the
 * zero-width non-joiner of Persian and Hindi words).
 */
function attaches(cp: number): boolean {
  return (
    cp === 0x200c ||
    cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    cp === 0x20e3 ||
    (cp >= 0xe0020 && cp <= 0xe007f) ||
    (cp >= 0x0300 && cp <= 0x036f)
  );
}

const faceCache: Record<'regular' | 'bold', Map<number, Face | null>> = {
  regular: new Map(),
  bold: new Map(),
};

function faceFor(cp: number, weight: 'regular' | 'bold'): Face | null {
  const cache = faceCache[weight];
  const known = cache.get(cp);
  if (known !== undefined) return known;
  const ch = String.fromCodePoint(cp);
  const own = SCRIPT_FACES.find((s) => s.script.test(ch))?.[weight];
  const face =
    own && fontOf(own).hasGlyphForCodePoint(cp)
      ? own
      : (FALLBACK[weight].find((f) => fontOf(f).hasGlyphForCodePoint(cp)) ?? null);
  cache.set(cp, face);
  return face;
}

/**
 * Marks of direction, embeddings, overrides and isolates: read by the bidi algorithm (text.ts),
 * which has placed the text by the time it is cut into runs, and never drawn.
 */
const BIDI_CONTROL = (cp: number) =>
  cp === 0x061c ||
  cp === 0x200e ||
  cp === 0x200f ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2066 && cp <= 0x2069);

/**
 * Cut one line of text (no newlines) into runs by the face that can draw each character.
 * Control characters are dropped; characters no face has become `MISSING_GLYPH`.
 */
export function splitRuns(text: string, weight: 'regular' | 'bold' = 'regular'): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || BIDI_CONTROL(cp)) continue;
    if (attaches(cp)) {
      // Part of the sequence before it, when that face can shape it; otherwise invisible.
      if (current && fontOf(current.face).hasGlyphForCodePoint(cp)) current.text += ch;
      continue;
    }
    let face = faceFor(cp, weight);
    let glyph = ch;
    if (!face) {
      face = faceFor(MISSING_GLYPH.codePointAt(0) ?? 0, weight) ?? FALLBACK[weight][0]!;
      glyph = MISSING_GLYPH;
    }
    // A space keeps the face it sits in, so a line is not cut into needless runs.
    if (current && (current.face === face || (cp === 0x20 && current.face !== 'emoji'))) {
      current.text += glyph;
    } else {
      current = { face, text: glyph };
      runs.push(current);
    }
  }
  return runs;
}
