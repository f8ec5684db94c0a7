import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, detectSeparator, readCsv } from './csv.js';

const fields = (text: string) => {
  const r = readCsv(text);
  if (!r.ok) throw new Error(r.error);
  return r.rows.map((row) => row.fields);
};

describe('readCsv (RFC 4180)', () => {
  it('reads plain rows with CRLF or LF endings and a final line without a break', () => {
    expect(fields('a,b\r\nc,d\ne,f')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    expect(fields('"a,1","say ""hi""","two\r\nlines"\r\nx,,""\r\n')).toEqual([
      ['a,1', 'say "hi"', 'two\r\nlines'],
      ['x', '', ''],
    ]);
  });

  it('skips a byte-order mark and keeps empty fields at the ends', () => {
    expect(fields('\uFEFFtext,box\r\n,\r\n')).toEqual([
      ['text', 'box'],
      ['', ''],
    ]);
  });

  it('gives each row the line it starts on, counting line breaks inside quotes', () => {
    const r = readCsv('h\n"a\nb"\nc\n');
    expect(r.ok && r.rows.map((x) => x.line)).toEqual([1, 2, 4]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(fields('5" screen,ok')).toEqual([['5" screen', 'ok']]);
  });

  it('reports a quote left open with the line it opened on', () => {
    const r = readCsv('a\nb,"never closed\nmore');
    expect(r).toMatchObject({ ok: false, line: 2 });
    expect(!r.ok && r.error).toMatch(/never closed/);
  });

  it('reports text after a closing quote', () => {
    expect(readCsv('"a"b,c')).toMatchObject({ ok: false, line: 1 });
  });

  it('reads tab-separated text pasted from a spreadsheet', () => {
    expect(detectSeparator('text\tbox\nx\ty')).toBe('\t');
    expect(detectSeparator('text,box\tx')).toBe(',');
    expect(fields('text\tbox\nhello, world\tProblem')).toEqual([
      ['text', 'box'],
      ['hello, world', 'Problem'],
    ]);
  });

  it('reads semicolon-separated exports (a spreadsheet in a locale whose decimal mark is a comma)', () => {
    const text = '\uFEFFIdea;Theme;Votes\r\n"Slow; clunky\r\nonboarding";Problem;2,5\r\n';
    expect(detectSeparator(text)).toBe(';');
    expect(fields(text)).toEqual([
      ['Idea', 'Theme', 'Votes'],
      ['Slow; clunky\r\nonboarding', 'Problem', '2,5'],
    ]);
  });

  it('picks the separator the first row uses most, outside quotes; a tie is a comma', () => {
    expect(detectSeparator('"a;b;c",x\n')).toBe(',');
    expect(detectSeparator('"a,b,c";x\n')).toBe(';');
    expect(detectSeparator('text;box,author\n')).toBe(',');
    expect(detectSeparator('just one column\nwith; a semicolon later')).toBe(',');
    expect(detectSeparator('"a header\nover two lines";box\n')).toBe(';');
  });

  it('reads back whatever csvCell writes (seeded property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 5 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (table) => {
          const text = `${table.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
          expect(fields(text)).toEqual(table);
        },
      ),
      { seed: 4181, numRuns: 100 },
    );
  });
});
