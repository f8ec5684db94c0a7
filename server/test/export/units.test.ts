import { guardCell as guard, readCsv, unguardCell as unguard } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/export/csv.js';

/** The exported text read back with the import's reader (throws its error). */

import MarkdownIt from 'markdown-it';
import PDFDocument from 'pdfkit';
import type { Chapter } from '../../src/export/chapters.js';
import { exportFileName } from '../../src/export/filename.js';
import { fontOf, MISSING_GLYPH, parsedFaces, splitRuns } from '../../src/export/fonts.js';
import { escapeMarkdown, toMarkdown } from '../../src/export/markdown.js';
import { TextKit, wordsOf } from '../../src/export/pdf/text.js';
import { themeTitle } from '../../src/export/wording.js';

function parseCsv(text: string): string[][] {
  const r = readCsv(text, ',');
  if (!r.ok) throw new Error(r.error);
  return r.rows.map((row) => row.fields);
}

describe('splitRuns', () => {
  it('parses a script’s font only when a character needs it', () => {
    splitRuns('Hi Привет Ωμέγα — “quoted” 12 €');
    expect(parsedFaces()).toEqual(['sans']);
    splitRuns('مرحبا');
    expect(parsedFaces()).toEqual(['sans', 'arabic']);
  });

  it('draws arrows, the story spine’s ◂ ▸ and check marks with the symbol font, never loading a CJK one', () => {
    // (A space stays in the run before it when that font has one.)
    expect(splitRuns('Idea → action ◂ ▸ ✓ done')).toEqual([
      { face: 'sans', text: 'Idea ' },
      { face: 'symbols', text: '→ ' },
      { face: 'sans', text: 'action ' },
      { face: 'symbols', text: '◂ ▸ ✓ ' },
      { face: 'sans', text: 'done' },
    ]);
    expect(splitRuns('→', 'bold')).toEqual([{ face: 'symbols', text: '→' }]);
    expect(parsedFaces()).not.toContain('cjk');
    expect(parsedFaces()).not.toContain('korean');
  });

  it('gives Arabic, Hebrew, Devanagari and Thai their own fonts, bold ones in bold', () => {
    expect(splitRuns('مرحبا، بالعالم 2026 שלום नमस्ते। สวัสดี')).toEqual([
      { face: 'arabic', text: 'مرحبا، بالعالم ' },
      { face: 'sans', text: '2026 ' },
      { face: 'hebrew', text: 'שלום ' },
      { face: 'devanagari', text: 'नमस्ते। ' },
      { face: 'thai', text: 'สวัสดี' },
    ]);
    expect(splitRuns('שלום', 'bold')).toEqual([{ face: 'hebrewBold', text: 'שלום' }]);
    // Marks of direction are read by the bidi algorithm, not drawn.
    expect(splitRuns('a\u200fb\u2067c\u2069')).toEqual([{ face: 'sans', text: 'abc' }]);
  });

  it('shapes Arabic and Devanagari with the font’s rules: joined letters, conjuncts', () => {
    const arabic = fontOf('arabic').layout('مرحبا');
    // Drawn right to left, in the forms that join: final alef, …, initial meem.
    expect(arabic.glyphs[0]?.name).toMatch(/^uni0627\.fina/);
    expect(arabic.glyphs.at(-1)?.name).toMatch(/^uni0645\.init/);
    const hindi = fontOf('devanagari').layout('नमस्ते');
    // स्त: a half sa before ta, one glyph for two characters.
    expect(hindi.glyphs.map((g) => g.codePoints)).toContainEqual([0x938, 0x94d]);
  });

  it('gives each script a face that has its glyphs', () => {
    expect(splitRuns('Hi Привет 用户旅程 日本語のカード 한국어 🚀')).toEqual([
      { face: 'sans', text: 'Hi Привет ' },
      { face: 'cjk', text: '用户旅程 日本語のカード ' },
      { face: 'korean', text: '한국어 ' },
      { face: 'emoji', text: '🚀' },
    ]);
    expect(splitRuns('Bold Ж 字', 'bold')).toEqual([
      { face: 'bold', text: 'Bold Ж ' },
      { face: 'cjk', text: '字' },
    ]);
  });

  it('keeps emoji sequences together, drops control characters, marks what no font has', () => {
    expect(splitRuns('👍🏽 ok')).toEqual([
      { face: 'emoji', text: '👍🏽' },
      { face: 'sans', text: ' ok' },
    ]);
    expect(splitRuns('a\u0007b')).toEqual([{ face: 'sans', text: 'ab' }]);
    const runs = splitRuns('\u{1D800}');
    expect(runs.map((r) => r.text).join('')).toBe(MISSING_GLYPH);
  });
});

describe('bidirectional lines', () => {
  const kit = new TextKit(new PDFDocument({ autoFirstPage: false }));
  const visual = (text: string, width = 1000) =>
    kit.wrap(text, 10, width).map((l) => ({
      runs: l.runs.map((r) => [r.text, r.level]),
      rtl: l.rtl,
      offset: Math.round(l.offset),
    }));

  it('puts runs in visual order, numbers and Latin words kept left to right', () => {
    const [mixed] = visual('Roadmap: خطة 2026 Q1');
    expect(mixed?.rtl).toBe(false);
    expect(mixed?.runs).toEqual([
      ['Roadmap: ', 0],
      ['2026', 2],
      [' ', 1],
      ['خطة', 1],
      [' Q1', 0],
    ]);
    const [hello] = visual('مرحبا بالعالم 2026');
    expect(hello?.rtl).toBe(true);
    expect(hello?.runs).toEqual([
      ['2026', 2],
      [' ', 1],
      ['بالعالم', 1],
      [' ', 1],
      ['مرحبا', 1],
    ]);
  });

  it('wraps in typed order and right-aligns every line of a right-to-left paragraph', () => {
    const width = kit.width('שלום עולם', 10) + 1;
    const lines = kit.wrap('שלום עולם שלום\nabc', 10, width);
    expect(lines.map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['עולם שלום', 'שלום', 'abc']);
    expect(lines.map((l) => l.rtl)).toEqual([true, true, false]);
    expect(lines[0]?.offset).toBeCloseTo(1, 0);
    expect(lines[1]?.offset).toBeCloseTo(width - kit.width('שלום', 10), 0);
    expect(lines[2]?.offset).toBe(0);
  });

  it('breaks Thai, written without spaces, between its words', () => {
    expect(wordsOf('สวัสดีชาวโลก hello')).toEqual(['สวัสดี', 'ชาว', 'โลก', 'hello']);
    const lines = kit.wrap('สวัสดีชาวโลก', 10, kit.width('สวัสดีชาว', 10) + 1);
    expect(lines.map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['สวัสดีชาว', 'โลก']);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and parses back', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    const values = ['a,b', 'say "hi"', 'two\r\nlines', '', 'ü'];
    expect(parseCsv(values.map(csvField).join(','))).toEqual([values]);
    expect(parseCsv('a,b\r\n"c\n",d\n')).toEqual([
      ['a', 'b'],
      ['c\n', 'd'],
    ]);
    expect(() => parseCsv('"open')).toThrow(/never closed/);
    expect(() => parseCsv('"a"b')).toThrow(/after a closing quote/);
  });

  it('guards formula cells and can take the guard off', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(guard(v)).toBe(`'${v}`);
      expect(unguard(guard(v))).toBe(v);
    }
    expect(guard("'quoted")).toBe("'quoted");
    expect(unguard("'quoted")).toBe("'quoted");
    const csv = toCsv([
      {
        id: 'a',
        exercise: 'X',
        exerciseKind: null,
        container: '',
        text: '=2*3',
        author: '',
        votes: 3,
        tag: null,
      },
    ]);
    expect(csv).toBe("\uFEFFexercise,container,text,author,votes\r\nX,,'=2*3,,3\r\n");
  });
});

describe('file names', () => {
  it('are ASCII in filename and in any script in filename*', () => {
    const at = new Date('2025-03-04T23:59:00Z');
    expect(exportFileName('Plan', at, 'pdf')).toBe('attachment; filename="plan-2025-03-04.pdf"');
    expect(exportFileName('План', at, 'csv')).toBe(
      `attachment; filename="board-2025-03-04.csv"; filename*=UTF-8''${encodeURIComponent('план-2025-03-04.csv')}`,
    );
  });
});

describe('escapeMarkdown', () => {
  it('neutralises syntax a card could use to restructure the document', () => {
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('- not a bullet\n1. not a list')).toBe('\\- not a bullet\n1\\. not a list');
    expect(escapeMarkdown('Title\n===\n-\n-x')).toBe('Title\n\\===\n\\-\n-x');
    expect(escapeMarkdown('[link](x) <b>*em*</b>')).toBe('\\[link\\](x) \\<b>\\*em\\*\\</b>');
    // Only what is syntax where it stands: the file still reads as typed.
    expect(escapeMarkdown('>> 日本語のカード!! +cmd|calc')).toBe('\\>> 日本語のカード!! +cmd|calc');
  });

  it('renders every card as its own text in one bullet, whatever it holds', () => {
    const md = new MarkdownIt();
    const texts = [
      '# heading?',
      '> quote\n>> deeper',
      '- a\n+ b\n* c\n1. d\n2) e',
      'Title\n===\nSub\n---\n***\n___',
      '[link](http://x) ![img](y.png) <script>alert(1)</script> <b>bold</b>',
      '*em* _em_ **strong** `code` ~~gone~~ ~x~',
      '```\nfenced\n```',
      '        indented code?',
      'a | b\n--|--\nc | d',
      '&amp; &copy; &#169; AT&T',
      'back\\slash\\\nline',
      '日本語のカード!! 🎉 +cmd|calc =1+1',
    ];
    const cards = texts.map((text, i) => ({
      id: `c${i}`,
      kind: 'sticky' as const,
      container: 'Theme A',
      text,
      author: '',
      color: null,
      votes: null,
      tag: null,
    }));
    const chapter = (title: string, exercise: 'card-sorting' | 'road-map', list: typeof cards): Chapter => ({
      key: title,
      title,
      exercise,
      frame: null,
      prompts: [],
      members: [],
      blocks: [{ kind: 'list', title: 'Theme A', hint: '', cards: list }],
      mostVotes: null,
    });
    const sorting = chapter('Card Sorting', 'card-sorting', cards);
    const board = {
      title: 'Walk # A',
      at: new Date('2026-11-30T00:00:00Z'),
      source: { kind: 'present' },
      people: [],
      elements: [],
      skipped: 0,
    };
    const roadmap = chapter(
      'Road Map',
      'road-map',
      cards.slice(0, 1).map((c) => ({ ...c, id: 'r0' })),
    );
    const text = toMarkdown(board as never, [sorting, roadmap]);
    // A heading has a blank line above it, as Markdown reads best as plain text.
    expect(text).not.toMatch(/[^\n]\n#/);
    const tokens = md.parse(toMarkdown(board as never, [sorting]), {});
    const kinds = new Set(tokens.map((t) => t.type));
    for (const syntax of ['blockquote_open', 'table_open', 'fence', 'code_block', 'hr', 'ordered_list_open'])
      expect(kinds.has(syntax), syntax).toBe(false);
    expect(tokens.filter((t) => t.type === 'heading_open').map((t) => t.tag)).toEqual(['h1', 'h2', 'h3']);
    const items = tokens.filter((t) => t.type === 'list_item_open');
    expect(items).toHaveLength(texts.length);
    // Each bullet's inline content, read back as plain text, is the card's text.
    const inline = tokens.filter((t, i) => t.type === 'inline' && tokens[i - 2]?.type === 'list_item_open');
    const plain = (t: (typeof tokens)[number]) =>
      (t.children ?? [])
        .map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? '\n' : c.content))
        .join('');
    expect(inline.map(plain)).toEqual(
      texts.map((t) =>
        t
          .split('\n')
          .map((l) => l.trimStart())
          .join('\n'),
      ),
    );
  });
});

describe('a theme title in the record', () => {
  it('says which theme is the parking lot, once', () => {
    expect(themeTitle({ name: 'Parking lot', parking: true })).toBe('Parking lot');
    expect(themeTitle({ name: 'Later, maybe', parking: true })).toBe('Later, maybe (parking lot)');
    expect(themeTitle({ name: 'Onboarding', parking: false })).toBe('Onboarding');
  });
});
