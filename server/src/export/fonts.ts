/**
 * Fonts for the PDF record. PDF viewers only show glyphs the file carries, so every script a card
 * may be written in needs an embedded font: Noto Sans (Latin, Cyrillic, Greek), Noto Sans SC
 * (Chinese, Japanese kana and kanji), Noto Sans KR (Hangul) and monochrome Noto Emoji. Text is cut
 * into runs, each drawn with the first face that has its glyphs; pdfkit embeds only the glyphs
 * used (a subset), so the CJK fonts cost kilobytes per document, not megabytes.
 *
 * The font files are read and parsed once per process (the CJK ones only when first needed) and
 * the parsed fontkit fonts are shared by every document: pdfkit accepts a parsed font and keeps
 * the subset per document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type Face = 'sans' | 'bold' | 'cjk' | 'korean' | 'emoji';
export const FACES: readonly Face[] = ['sans', 'bold', 'cjk', 'korean', 'emoji'];

const FONT_FILES: Record<Face, string> = {
  sans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  korean: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
};

/** Faces tried in order for a character; bold text falls back to the regular CJK faces. */
const FALLBACK: Record<'regular' | 'bold', readonly Face[]> = {
  regular: ['sans', 'cjk', 'korean', 'emoji'],
  bold: ['bold', 'cjk', 'korean', 'emoji'],
};

const require = createRequire(import.meta.url);
const parsed = new Map<Face, fontkit.Font>();

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
 */
function withPlainLayout(font: fontkit.Font): fontkit.Font {
  const full: Layout = font.layout.bind(font);
  const fast = Object.create(font) as fontkit.Font;
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

/** Shown for a character no embedded font has (e.g. a script not covered): never a blank gap. */
export const MISSING_GLYPH = '\u25A1';

export interface Run {
  face: Face;
  text: string;
}

/** Joiners and modifiers stay with the character before them (emoji sequences, accents). */
function attaches(cp: number): boolean {
  return (
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
  const face = FALLBACK[weight].find((f) => fontOf(f).hasGlyphForCodePoint(cp)) ?? null;
  cache.set(cp, face);
  return face;
}

/**
 * Cut one line of text (no newlines) into runs by the face that can draw each character.
 * Control characters are dropped; characters no face has become `MISSING_GLYPH`.
 */
export function splitRuns(text: string, weight: 'regular' | 'bold' = 'regular'): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
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
