import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initials, readPeople, recordPeople, recordPerson } from './people.js';

describe('initials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['ada  lovelace ', 'AL'],
    ['Pat', 'PA'],
    ['Ada Augusta King Lovelace', 'AL'],
    ['Fran (facilitator)', 'FR'],
    ['(PM) Sam Rivera', 'SR'],
    ['Jean-Luc Picard', 'JP'],
    ["O'Brien", 'OB'],
    ['@sam', 'SA'],
    ['Émile Zola', 'ÉZ'],
    ['Zoë', 'ZO'],
    ['🌟 Maya', 'MA'],
    ['Maya 🌟', 'MA'],
    ['🦊', '🦊'],
    ['👩🏽‍💻 🚀', '👩🏽‍💻'],
    ['خالد أحمد', 'خأ'],
    ['王小明', '王小'],
    ['R2 D2', 'RD'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('keeps a letter and its combining accent together', () => {
    // "é" written as e + U+0301: one character on screen, two code points.
    expect(initials('e\u0301mile')).toBe('E\u0301M');
  });

  it('never cuts a character in half: no lone surrogate, at most two characters', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const out = initials(name);
        expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        // Upper-casing may turn one character into two (ß → SS, ᾀ → ἈΙ); otherwise two at most.
        const count = (text: string) => [...segmenter.segment(text)].length;
        const expands = [...segmenter.segment(name)].some(({ segment }) => count(segment.toUpperCase()) > 1);
        if (!expands) expect(count(out)).toBeLessThanOrEqual(2);
        if (name.trim() !== '') expect(out).not.toBe('');
      }),
    );
  });
});

describe('recordPeople', () => {
  it('lists a batch in one transaction, as recordPerson would each, and counts what it wrote', () => {
    const doc = new Y.Doc();
    recordPerson(doc, { name: 'Fay', role: 'facilitator', at: 1 }, 'test');
    let updates = 0;
    doc.on('update', () => updates++);
    const written = recordPeople(
      doc,
      [
        { name: 'Ada Lovelace', role: 'participant', at: 2 },
        { name: 'fay', role: 'participant', at: 3 }, // known, and a facilitator already
        { name: 'Grace  Hopper ', role: 'participant', at: 4 },
      ],
      'test',
    );
    expect(written).toBe(2);
    expect(updates).toBe(1);
    expect(readPeople(doc).map((p) => [p.name, p.role])).toEqual([
      ['Ada Lovelace', 'participant'],
      ['Fay', 'facilitator'],
      ['Grace Hopper', 'participant'],
    ]);
    // Nothing new: no transaction's update at all.
    expect(recordPeople(doc, [{ name: 'ada lovelace', role: 'participant', at: 5 }], 'test')).toBe(0);
    expect(updates).toBe(1);
  });
});
