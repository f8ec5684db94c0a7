/**
 * "Suggest similar cards": ranks cards by how much their text resembles a theme's cards and name.
 * Local and pure — no network, no model — and it never moves anything: grouping stays a person's
 * decision (auto-regrouping is what annoys people in other tools).
 *
 * Text becomes two sparse TF-IDF vectors: words (lowercased, punctuation stripped, stopwords out,
 * plurals folded; scripts written without spaces — Chinese, Japanese, Thai — as character
 * bigrams) and character trigrams (which catch shared stems and typos in short texts, and
 * inflected languages such as Russian). The score mixes the cosines of both against the theme's
 * centroid.
 */
import type { Element } from '../elements/index.js';
import { type BoardInput, type Card, elementsOf, isCard } from '../exercises/board.js';

export interface SuggestOptions {
  /** At most this many suggestions (default 20). */
  limit?: number;
  /** Suggestions scoring below this are dropped (0–1, default 0.08). */
  minScore?: number;
  /**
   * Which cards may be suggested: `frame` (default) — those in the theme's exercise frame when it
   * has one, else the whole board; `board` — every card; `unsorted` — like `frame`, but not
   * cards already in another theme.
   */
  scope?: 'frame' | 'board' | 'unsorted';
}

export interface Suggestion {
  id: string;
  /** Similarity, 0–1. */
  score: number;
  /** A few words the card shares with the theme (to say why it was suggested). */
  shared: string[];
}

const STOPWORDS = new Set(
  (
    'a an the and or but if then else of to in on at by for with from into onto as is are was were be been ' +
    'being it its this that these those there here we us our you your they them their he she his her i me my ' +
    'not no do does did done have has had will would can could should may might must shall so too very just ' +
    'more most less much many some any all each every other such than also about over under up down out off ' +
    'again only own same what which who whom whose when where why how new theme themes'
  ).split(' '),
);

/** Default theme names carry no meaning ("Theme A", "New theme"). */
const PLACEHOLDER_NAME = /^(new )?theme( [a-z0-9])?$/i;

/** Scripts written without spaces between words. */
const NO_SPACES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Plural "s" folded away; short words and "-ss", "-us", "-is" endings kept. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

export interface Features {
  words: Map<string, number>;
  grams: Map<string, number>;
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

const HAS_SURROGATES = /[\uD800-\uDFFF]/;

/** Character trigrams of a word padded with spaces (so word starts and ends count). */
function addTrigrams(grams: Map<string, number>, word: string): void {
  const padded = ` ${word} `;
  if (!HAS_SURROGATES.test(padded)) {
    for (let i = 0; i + 3 <= padded.length; i++) bump(grams, padded.slice(i, i + 3));
    return;
  }
  const chars = [...padded];
  for (let i = 0; i + 2 < chars.length; i++) bump(grams, `${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
}

function extract(text: string): Features {
  const words = new Map<string, number>();
  const grams = new Map<string, number>();
  const lower = text.normalize('NFKC').toLowerCase();
  for (const [run] of lower.matchAll(WORD)) {
    if (NO_SPACES.test(run)) {
      const chars = [...run];
      if (chars.length === 1) bump(words, run);
      for (let i = 0; i + 1 < chars.length; i++) bump(words, `${chars[i]}${chars[i + 1]}`);
      continue;
    }
    if (STOPWORDS.has(run)) continue;
    const w = stem(run);
    bump(words, w);
    addTrigrams(grams, w);
  }
  return { words, grams };
}

/** The words and character trigrams of a text, with counts. */
export function features(text: string): Features {
  return extract(text);
}

/**
 * A text as term ids (words first, then trigrams) with their term frequencies. Ids index typed
 * arrays, which keeps scoring thousands of cards to a few passes over numbers.
 */
interface Encoded {
  ids: Int32Array;
  tf: Float64Array;
  words: number;
}

const MAX_TERMS = 1_000_000;
const CACHE_MAX = 20_000;
let vocabulary = new Map<string, number>();
let terms: string[] = [];
/** Encoded recent texts: the panel asks again as the board changes, and most texts are the same. */
let cache = new Map<string, Encoded>();

function termId(term: string): number {
  let id = vocabulary.get(term);
  if (id === undefined) {
    id = terms.length;
    vocabulary.set(term, id);
    terms.push(term);
  }
  return id;
}

const tfOf = (count: number) => (count === 1 ? 1 : 1 + Math.log(count));

function encode(text: string): Encoded {
  const hit = cache.get(text);
  if (hit) return hit;
  const f = extract(text);
  const n = f.words.size + f.grams.size;
  const ids = new Int32Array(n);
  const tf = new Float64Array(n);
  let i = 0;
  for (const [w, c] of f.words) {
    ids[i] = termId(w);
    tf[i++] = tfOf(c);
  }
  // Trigrams live in their own part of the vocabulary: "ogi" the trigram is not "ogi" the word.
  for (const [g, c] of f.grams) {
    ids[i] = termId(`\u0001${g}`);
    tf[i++] = tfOf(c);
  }
  const enc = { ids, tf, words: f.words.size };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(text, enc);
  return enc;
}

/** Scratch space indexed by term id, reused between calls and zeroed after each. */
let df = new Float64Array(0);
let idf = new Float64Array(0);
let profile = new Float64Array(0);

function ensureScratch(size: number): void {
  if (df.length >= size) return;
  const next = Math.max(size, df.length * 2, 1024);
  df = new Float64Array(next);
  idf = new Float64Array(next);
  profile = new Float64Array(next);
}

/** Norms of a text's word part and trigram part under the current idf. */
function norms(e: Encoded): [number, number] {
  let w = 0;
  let g = 0;
  for (let i = 0; i < e.ids.length; i++) {
    const x = (e.tf[i] as number) * (idf[e.ids[i] as number] as number);
    if (i < e.words) w += x * x;
    else g += x * x;
  }
  return [Math.sqrt(w), Math.sqrt(g)];
}

const WORD_WEIGHT = 0.65;

/** Which exercise frame an element sits in (following parents), or null. */
function frameIdOf(byId: ReadonlyMap<string, Element>, el: Element): string | null {
  const seen = new Set<string>();
  let at: Element | undefined = el;
  while (at && !seen.has(at.id)) {
    if (at.type === 'frame') return at.id;
    seen.add(at.id);
    at = at.parent === null ? undefined : byId.get(at.parent);
  }
  return null;
}

/**
 * Cards not in the theme, ranked by similarity to the theme's cards and name, best first (ties
 * by id, so every client ranks alike). Empty when the theme is unknown or says nothing yet.
 */
export function suggestSimilar(board: BoardInput, themeId: string, opts: SuggestOptions = {}): Suggestion[] {
  const elements = elementsOf(board);
  const byId = new Map(elements.map((e) => [e.id, e]));
  const theme = byId.get(themeId);
  if (theme?.type !== 'theme') return [];
  const limit = opts.limit ?? 20;
  const minScore = opts.minScore ?? 0.08;
  const scope = opts.scope ?? 'frame';
  const frame = scope === 'board' ? null : frameIdOf(byId, theme);

  const members: Card[] = [];
  const candidates: Card[] = [];
  for (const el of elements) {
    if (!isCard(el)) continue;
    if (el.parent === themeId) members.push(el);
    else if (el.type === 'sticky' && el.text.trim()) {
      if (frame !== null && frameIdOf(byId, el) !== frame) continue;
      if (scope === 'unsorted' && el.parent !== null && byId.get(el.parent)?.type === 'theme') continue;
      candidates.push(el);
    }
  }
  const name = PLACEHOLDER_NAME.test(theme.name.trim()) ? '' : theme.name;
  // Old texts' terms pile up over a long session: start afresh now and then.
  if (terms.length > MAX_TERMS) {
    vocabulary = new Map();
    terms = [];
    cache = new Map();
  }
  const memberCodes = members.map((c) => encode(c.text));
  const nameCode = encode(name);
  const candidateCodes = candidates.map((c) => encode(c.text));
  ensureScratch(terms.length);
  const touched: number[] = [];
  try {
    const corpus = [...memberCodes, ...candidateCodes];
    for (const e of [...corpus, nameCode]) {
      for (const id of e.ids) {
        if (df[id] === 0 && idf[id] === 0) touched.push(id);
        if (e !== nameCode) df[id] = (df[id] as number) + 1;
        idf[id] = 1;
      }
    }
    const n = corpus.length + 1;
    for (const id of touched) idf[id] = Math.log((n + 1) / ((df[id] as number) + 1)) + 1;

    // The theme's centroid; its name counts like two cards, since someone chose it.
    for (const e of [...memberCodes, nameCode]) {
      const scale = e === nameCode ? 2 : 1;
      const [nw, ng] = norms(e);
      for (let i = 0; i < e.ids.length; i++) {
        const norm = i < e.words ? nw : ng;
        const id = e.ids[i] as number;
        if (norm > 0)
          profile[id] = (profile[id] as number) + ((e.tf[i] as number) * (idf[id] as number) * scale) / norm;
      }
    }
    let pw = 0;
    let pg = 0;
    for (const id of touched) {
      const x = (profile[id] as number) ** 2;
      if ((terms[id] as string).startsWith('\u0001')) pg += x;
      else pw += x;
    }
    if (pw === 0 && pg === 0) return [];
    pw = Math.sqrt(pw) || 1;
    pg = Math.sqrt(pg) || 1;

    const scored: { card: Card; score: number; code: Encoded }[] = [];
    candidateCodes.forEach((e, c) => {
      let dotW = 0;
      let dotG = 0;
      let nw = 0;
      let ng = 0;
      for (let i = 0; i < e.ids.length; i++) {
        const id = e.ids[i] as number;
        const x = (e.tf[i] as number) * (idf[id] as number);
        const p = profile[id] as number;
        if (i < e.words) {
          nw += x * x;
          dotW += x * p;
        } else {
          ng += x * x;
          dotG += x * p;
        }
      }
      const score =
        WORD_WEIGHT * (nw > 0 ? dotW / (Math.sqrt(nw) * pw) : 0) +
        (1 - WORD_WEIGHT) * (ng > 0 ? dotG / (Math.sqrt(ng) * pg) : 0);
      if (score >= minScore) scored.push({ card: candidates[c] as Card, score, code: e });
    });
    scored.sort((a, b) => b.score - a.score || (a.card.id < b.card.id ? -1 : 1));
    return scored.slice(0, limit).map(({ card, score, code }) => ({
      id: card.id,
      score: Math.min(1, Math.round(score * 1000) / 1000),
      shared: [...code.ids.subarray(0, code.words)]
        .filter((id) => (profile[id] as number) > 0)
        .sort((a, b) => (profile[b] as number) - (profile[a] as number))
        .slice(0, 3)
        .map((id) => terms[id] as string),
    }));
  } finally {
    for (const id of touched) {
      df[id] = 0;
      idf[id] = 0;
      profile[id] = 0;
    }
  }
}
