import { describe, expect, it } from 'vitest';
import {
  COORD_LIMIT,
  ELEMENT_KINDS,
  ELEMENT_SCHEMAS,
  type ElementKind,
  MAX_LABEL,
  MAX_TEXT,
  parseElement,
} from './index.js';

/** The least each kind needs; everything else has a default. */
const MINIMAL: Record<ElementKind, Record<string, unknown>> = {
  sticky: { type: 'sticky', x: 1, y: 2 },
  text: { type: 'text', x: 1, y: 2 },
  frame: { type: 'frame', x: 1, y: 2 },
  grid: { type: 'grid', x: 1, y: 2 },
  swimlanes: { type: 'swimlanes', x: 1, y: 2 },
  theme: { type: 'theme', x: 1, y: 2 },
  connector: { type: 'connector', from: 'a', to: 'b' },
};

const BASE_DEFAULTS = { z: 'a0', parent: null, slot: null, locked: false, createdBy: '', createdAt: 0 };

const DEFAULTS: Record<ElementKind, Record<string, unknown>> = {
  sticky: { w: 180, h: 180, text: '', color: 'yellow', author: '', votes: 0 },
  text: { w: 320, h: 48, text: '', fontSize: 24 },
  frame: { w: 1600, h: 1000, title: 'Frame', exercise: null },
  grid: { w: 1500, h: 900, title: '', cols: 3, rows: 3, cells: [] },
  swimlanes: {
    w: 1500,
    h: 800,
    title: '',
    orientation: 'horizontal',
    lanes: [],
    steps: [],
    line: null,
    lineLabels: ['Core', 'Mission-critical'],
  },
  theme: { w: 420, h: 520, name: 'Theme', color: 'blue', parking: false },
  connector: { x: 0, y: 0, label: '' },
};

describe('element schemas', () => {
  it('has one schema per kind and every kind is tested here', () => {
    expect(Object.keys(MINIMAL).sort()).toEqual([...ELEMENT_KINDS].sort());
  });

  it.each(ELEMENT_KINDS)('%s: defaults fill in every field', (kind) => {
    const out = parseElement('e1', MINIMAL[kind]);
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    expect(out.element).toEqual({ ...BASE_DEFAULTS, ...MINIMAL[kind], ...DEFAULTS[kind], id: 'e1' });
    expect(ELEMENT_SCHEMAS[kind].parse(MINIMAL[kind])).toMatchObject(DEFAULTS[kind]);
  });

  it.each(ELEMENT_KINDS)('%s: a bad value in a defaulted field is repaired and reported', (kind) => {
    const out = parseElement('e1', { ...MINIMAL[kind], z: 42, locked: 'yes', parent: '../etc' });
    expect(out.status).toBe('repaired');
    if (out.status !== 'repaired') return;
    expect(out.element).toMatchObject({ z: 'a0', locked: false, parent: null });
    expect(out.problems.join('\n')).toMatch(/z:/);
    expect(out.problems.join('\n')).toMatch(/locked:/);
  });

  it.each(ELEMENT_KINDS.filter((k) => k !== 'connector'))(
    '%s: x or y that is not a finite, bounded number skips the element',
    (kind) => {
      for (const x of ['12', Number.NaN, Number.POSITIVE_INFINITY, COORD_LIMIT * 2, null, {}, [1]]) {
        const out = parseElement('e1', { ...MINIMAL[kind], x });
        expect(out.status, `x = ${String(x)}`).toBe('skipped');
      }
    },
  );

  it('connector: missing ends skip it; bad coordinates are repaired', () => {
    expect(parseElement('c', { type: 'connector', from: 'a' }).status).toBe('skipped');
    expect(parseElement('c', { type: 'connector', from: 'a', to: 'b c' }).status).toBe('skipped');
    const out = parseElement('c', { type: 'connector', from: 'a', to: 'b', x: Number.NaN });
    expect(out).toMatchObject({ status: 'repaired', element: { x: 0 } });
  });

  it('sizes: NaN, Infinity, too small or huge fall back to the default', () => {
    for (const w of [Number.NaN, Number.POSITIVE_INFINITY, 0, -5, 1e12, '100']) {
      const out = parseElement('s', { type: 'sticky', x: 0, y: 0, w });
      expect(out).toMatchObject({ status: 'repaired', element: { w: 180 } });
    }
  });

  it('text and labels that are too long are cut, not rejected', () => {
    const out = parseElement('s', {
      type: 'sticky',
      x: 0,
      y: 0,
      text: 'x'.repeat(MAX_TEXT + 10),
      author: 'a'.repeat(MAX_LABEL + 1),
    });
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    expect(out.element.type === 'sticky' && out.element.text.length).toBe(MAX_TEXT);
    expect(out.element.type === 'sticky' && out.element.author.length).toBe(MAX_LABEL);
  });

  it('a non-string text becomes empty; an unknown colour the default', () => {
    const out = parseElement('s', { type: 'sticky', x: 0, y: 0, text: 42, color: 'chartreuse' });
    expect(out).toMatchObject({ status: 'repaired', element: { text: '', color: 'yellow' } });
  });

  it('frame: an unknown exercise kind is repaired to none', () => {
    expect(parseElement('f', { type: 'frame', x: 0, y: 0, exercise: 'lean-canvas' })).toMatchObject({
      status: 'ok',
      element: { exercise: 'lean-canvas' },
    });
    expect(parseElement('f', { type: 'frame', x: 0, y: 0, exercise: 'karaoke' })).toMatchObject({
      status: 'repaired',
      element: { exercise: null },
    });
  });

  it('grid: one bad cell costs that cell only; a huge list is cut to the maximum', () => {
    const good = { id: 'c1', col: 0, row: 0 };
    const out = parseElement('g', {
      type: 'grid',
      x: 0,
      y: 0,
      cells: [good, { id: 'bad id!', col: 0, row: 0 }, { id: 'c2', col: 99, row: 0 }, 'cell'],
    });
    expect(out).toMatchObject({ status: 'repaired', element: { cells: [{ ...good, name: '', hint: '' }] } });

    const many = Array.from({ length: 100_000 }, (_, i) => ({ id: `c${i}`, col: i % 64, row: 0 }));
    const big = parseElement('g', { type: 'grid', x: 0, y: 0, cells: many });
    expect(big.status).toBe('repaired');
    expect(big.status !== 'skipped' && big.element.type === 'grid' && big.element.cells.length).toBe(512);
  });

  it('swimlanes: bad lanes dropped, bad orientation, line and labels repaired', () => {
    const out = parseElement('l', {
      type: 'swimlanes',
      x: 0,
      y: 0,
      orientation: 'diagonal',
      lanes: [{ id: 'a', name: 'A' }, { id: '' }, null],
      steps: 'now,next',
      line: 1.5,
      lineLabels: ['only one'],
    });
    expect(out).toMatchObject({
      status: 'repaired',
      element: {
        orientation: 'horizontal',
        lanes: [{ id: 'a', name: 'A' }],
        steps: [],
        line: null,
        lineLabels: ['Core', 'Mission-critical'],
      },
    });
  });

  it('theme: a non-boolean parking flag is repaired', () => {
    expect(parseElement('t', { type: 'theme', x: 0, y: 0, parking: 1 })).toMatchObject({
      status: 'repaired',
      element: { parking: false },
    });
  });

  it('text: a font size out of range is repaired', () => {
    expect(parseElement('t', { type: 'text', x: 0, y: 0, fontSize: 1e6 })).toMatchObject({
      status: 'repaired',
      element: { fontSize: 24 },
    });
  });

  it('never throws, whatever it is given', () => {
    const junk: unknown[] = [
      null,
      undefined,
      42,
      'sticky',
      [],
      [{ type: 'sticky' }],
      { type: 'unicorn', x: 0, y: 0 },
      { type: 'toString', x: 0, y: 0 },
      { type: '__proto__', x: 0, y: 0 },
      { type: { toString: () => 'sticky' } },
      Object.create(null),
      JSON.parse('{"type":"sticky","x":0,"y":0,"__proto__":{"locked":true}}'),
    ];
    for (const raw of junk) expect(() => parseElement('x', raw)).not.toThrow();
    expect(parseElement('x', { type: 'toString', x: 0, y: 0 }).status).toBe('skipped');
    expect(parseElement('x', { type: '__proto__', x: 0, y: 0 }).status).toBe('skipped');
    expect(({} as Record<string, unknown>).locked).toBeUndefined();
  });

  it('unknown fields are not part of the parsed element', () => {
    const out = parseElement('s', { type: 'sticky', x: 0, y: 0, bogus: 3 });
    expect(out.status).toBe('ok');
    expect(out.status === 'ok' && 'bogus' in out.element).toBe(false);
  });
});
