/**
 * What the record says around the team's words, in one place for the PDF and the Markdown: the
 * chapter, step and theme titles, the counts, the notes for an empty part. Both renderers write a
 * chapter's blocks (chapters.ts) with these, so a reader of either sees the same structure under
 * the same names.
 *
 * Where a name the team typed (a frame, a step) sits inside this (English) wording, `name` is
 * applied to it: the PDF passes `ownDirection`, so that "7. خريطة الطريق" keeps its number at the
 * left, the Markdown `escapeMarkdown` (a Markdown viewer lays out each line's direction itself).
 */

import { personKey } from '@truenorth/shared';

type Isolate = (name: string) => string;
const asTyped: Isolate = (name) => name;

export const OTHER_CHAPTER_TITLE = 'Other cards';

export function formatDate(at: Date, withTime = false): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'UTC',
  }).format(at);
}

/** When the record is of: "As of 30 November 2026 at 10:00 UTC", or the snapshot it was made from. */
export function recordWhen(board: { at: Date; source: { kind: string; name?: string } }): string {
  const at = `${formatDate(board.at, true)} UTC`;
  return board.source.kind === 'snapshot' ? `Snapshot “${board.source.name ?? ''}” of ${at}` : `As of ${at}`;
}

/** The record in numbers: "34 cards · 6 participants · 7 chapters". */
export function recordCounts(cards: number, people: number, chapters: number): string {
  return [cardsLabel(cards), countLabel(people, 'participant'), countLabel(chapters, 'chapter')].join(' · ');
}

export const skippedNote = (n: number) => `${n} unreadable element(s) could not be included.`;

/** A participant as the cover lists them: "Dana (facilitator)". */
export function participantLabel(p: { name: string; facilitator: boolean }, name: Isolate = asTyped): string {
  return p.facilitator ? `${name(p.name)} (facilitator)` : name(p.name);
}

/** "1 card", "3 votes". */
export function countLabel(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const cardsLabel = (n: number) => countLabel(n, 'card');

export const votesLabel = (votes: number | null) => (votes === null ? '' : countLabel(votes, 'vote'));

/**
 * The author to print after a card: none when the card's first line already is their name — an
 * introduction card starts with it ("Add my card" writes it there), and "Dana\nHead of Product —
 * Dana" says it twice.
 */
export function byline(card: { text: string; author: string }): string {
  const first = card.text.trimStart().split('\n', 1)[0] ?? '';
  return card.author && personKey(first) === personKey(card.author) ? '' : card.author;
}

/** What the "Most votes" list at the top of a chapter says around the team's words. */
export const MOST_VOTES_WORDING = {
  title: 'Most votes',
  /** After a theme's name, where a card has its box. */
  theme: 'theme',
} as const;

/**
 * Under a "Most votes" list cut before a tie that would not fit: "and 2 more with 2 votes each",
 * or, when even the first tie is too many to list, "7 tied with 1 vote each".
 */
export function tiedNote(listed: number, tied: number, votes: number): string {
  return `${listed ? `and ${tied} more` : `${tied} tied`} with ${votesLabel(votes)} each`;
}

/** Longest card text, in characters, a "Most votes" list quotes whole. */
const QUOTE_MAX = 90;

/**
 * A card's text as a line of a "Most votes" list: its lines joined with " / ", and a long one cut
 * at a word before `QUOTE_MAX` characters with "…" (the whole card is in the chapter below it).
 */
export function quote(text: string): string {
  const line = text
    .trim()
    .split(/\s*\n\s*/)
    .filter(Boolean)
    .join(' / ')
    .replace(/[ \t]+/g, ' ');
  // Characters as a reader counts them: an emoji or an accented letter is one, never split.
  const chars = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(line)].map(
    (s) => s.segment,
  );
  if (chars.length <= QUOTE_MAX) return line;
  const cut = chars.slice(0, QUOTE_MAX - 1).join('');
  // At the last space, unless that would leave little (a script written without spaces).
  const space = cut.lastIndexOf(' ');
  const kept = space > cut.length * 0.6 ? cut.slice(0, space) : cut;
  return `${kept.replace(/[\s,;:.\-–—/]+$/, '')}…`;
}

export const RECORD_WORDING = {
  /** In place of the cards of a part nobody put a card in. */
  noCards: 'No cards',
  noThemes: 'No themes',
  unnamedTheme: 'Unnamed theme',
  nobody: 'Nobody named on the board.',
} as const;

/**
 * What the record calls The Worst Solution's parts, in the PDF and the Markdown alike: each worst
 * idea with the "do instead" cards flipped from it, then those linked to no worst idea.
 */
export const WORST_WORDING = {
  idea: 'Worst idea',
  doInstead: 'Do instead',
  unlinked: 'Do instead (not linked to a worst idea)',
  none: 'No worst ideas',
} as const;

/** A chapter's title as the record numbers it: "5. Card Sorting". */
export function chapterHeading(index: number, title: string, name: Isolate = asTyped): string {
  return `${index + 1}. ${name(title)}`;
}

/** A story spine step's title: "1. Discover". */
export const stepHeading = chapterHeading;

/** The story spine's note on its line. */
export function spineLineNote([above, below]: readonly [string, string], name: Isolate = asTyped): string {
  return `Cards above the line are ${name(above)}; below it, ${name(below)}.`;
}

/** A theme's name, saying it is the parking lot unless its name already does. */
export function themeTitle(theme: { name: string; parking: boolean }, wording: Isolate = asTyped): string {
  const name = theme.name.trim() || RECORD_WORDING.unnamedTheme;
  return theme.parking && !/parking lot/i.test(name) ? `${name}${wording(' (parking lot)')}` : name;
}

/** What a theme holds: "2 cards · 7 votes" (no votes while nobody on the board has voted). */
export function themeCounts(theme: { cards: readonly unknown[]; votes: number | null }): string {
  const votes = theme.votes === null ? '' : ` · ${votesLabel(theme.votes)}`;
  return `${cardsLabel(theme.cards.length)}${votes}`;
}
