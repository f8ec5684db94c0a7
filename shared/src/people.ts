/**
 * Who took part in a workshop, for its record: `doc.getMap('people')`, one entry per name —
 * `{ name, role, at }` as a plain value under the name's key (`personKey`). The server writes it
 * when a facilitator or participant first shows a name on the board (their presence), with the
 * role of their link, never the role a client claims. Observers are not listed. Values are
 * `unknown` until `Person` parses them: a client could write anything here.
 */
import type * as Y from 'yjs';
import { z } from 'zod';

export const PEOPLE_KEY = 'people';

/** A person's display name, as their presence shows it and the board's people list it. */
export const PersonName = z.string().trim().min(1).max(64);

export const Person = z.object({
  name: PersonName,
  role: z.enum(['facilitator', 'participant']),
  /** When they first showed up (ms since the epoch). */
  at: z.number().finite(),
});
export type Person = z.infer<typeof Person>;

/** The part of a presence (awareness) state that names its user. */
export const PresenceName = z.object({ user: z.object({ name: PersonName }) });

/** A word that can give an initial: it starts with a letter or a digit ("(facilitator)" does not). */
const NAMED_WORD = /^[\p{L}\p{N}]/u;
/** What is not part of a name's letters: punctuation, symbols, emoji. */
const NOT_LETTERS = /[^\p{L}\p{M}\p{N}]/gu;

let segmenter: Intl.Segmenter | undefined;

/** The first `count` user-perceived characters of `text` (an emoji or a letter with its accents is one). */
function firstGraphemes(text: string, count: number): string {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let out = '';
  let taken = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (taken++ === count) break;
    out += segment;
  }
  return out;
}

/** Initials by display name, for `initials` (emptied when it reaches `INITIALS_CACHED`). */
const initialsOf = new Map<string, string>();
const INITIALS_CACHED = 1000;

/**
 * Up to two initials of a display name, for avatars and a note's author mark: the first letters
 * of its first and last words ("Ada Lovelace" → "AL"), the first two of a single word ("Pat" →
 * "PA"). Words that start with punctuation are asides ("Fran (facilitator)" → "FR"); whole
 * characters only (an accent stays on its letter, an emoji is never cut in half). A name with no
 * letters at all keeps its first character ("🦊" → "🦊").
 */
export function initials(name: string): string {
  let known = initialsOf.get(name);
  if (known === undefined) {
    // A board has few authors; the cache only keeps ICU's segmenter (~15 µs a call) off the
    // canvas's render of every note and the PDF's drawing of every card.
    if (initialsOf.size >= INITIALS_CACHED) initialsOf.clear();
    known = pickInitials(name);
    initialsOf.set(name, known);
  }
  return known;
}

function pickInitials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => NAMED_WORD.test(w));
  let picked: string;
  if (words.length > 1) {
    picked = firstGraphemes(words[0]!, 1) + firstGraphemes(words[words.length - 1]!, 1);
  } else {
    const letters = (words[0] ?? name).replace(NOT_LETTERS, '');
    picked = letters ? firstGraphemes(letters, 2) : firstGraphemes(name.trim(), 1);
  }
  return picked.toUpperCase();
}

export function peopleMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(PEOPLE_KEY);
}

/** One key per person however they type their name's case or spacing. */
export function personKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Everyone listed, by name; entries that do not parse are left out. */
export function readPeople(doc: Y.Doc): Person[] {
  const people: Person[] = [];
  for (const value of peopleMap(doc).values()) {
    const parsed = Person.safeParse(value);
    if (parsed.success) people.push(parsed.data);
  }
  return people.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * List a person (one transaction), or raise them to facilitator when they come back with that
 * link; their first appearance is kept. Returns whether anything was written.
 */
export function recordPerson(doc: Y.Doc, person: Person, origin: unknown): boolean {
  const key = personKey(person.name);
  const map = peopleMap(doc);
  const known = Person.safeParse(map.get(key));
  if (known.success && (known.data.role === 'facilitator' || person.role === 'participant')) return false;
  const entry: Person = known.success
    ? { ...known.data, role: person.role }
    : { name: person.name.trim().replace(/\s+/g, ' '), role: person.role, at: person.at };
  doc.transact(() => map.set(key, entry), origin);
  return true;
}

/**
 * List several people in one transaction (each as `recordPerson` would): a room filling up writes
 * its newcomers together, one update for everyone to receive instead of one per person. Returns
 * how many were written.
 */
export function recordPeople(doc: Y.Doc, people: readonly Person[], origin: unknown): number {
  let written = 0;
  doc.transact(() => {
    for (const person of people) if (recordPerson(doc, person, origin)) written++;
  }, origin);
  return written;
}

/** Someone who took part, as the record names them. */
export interface TookPart {
  name: string;
  facilitator: boolean;
}

/**
 * Who took part, by name: everyone in `people` (facilitators and participants who joined, whether
 * or not they wrote a card), and anyone else who wrote a sticky (cards imported, or written before
 * the board kept its people). Facilitators are marked. The record's cover and the workshop panel's
 * closing count both say this.
 */
export function tookPart(
  people: readonly Person[],
  elements: readonly { type: string; author?: string }[],
): TookPart[] {
  const byKey = new Map<string, TookPart>();
  for (const p of people)
    byKey.set(personKey(p.name), { name: p.name, facilitator: p.role === 'facilitator' });
  for (const el of elements) {
    const name = el.type === 'sticky' ? (el.author ?? '').trim() : '';
    if (name && !byKey.has(personKey(name))) byKey.set(personKey(name), { name, facilitator: false });
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}
