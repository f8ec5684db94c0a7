/** Reading a PDF back the way a person's tools do: poppler's pdftotext, pdfinfo, pdffonts. */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';

const run = promisify(execFile);

export async function savePdf(dir: string, name: string, body: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, body);
  return file;
}

/** The text of every page (`-layout`), one string per page. */
export async function pdfPages(file: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 });
  return stdout.split('\f').slice(0, -1);
}

export async function pdfPageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? Number.NaN);
}

/** Embedded font names (subset prefixes removed). */
export async function pdfFonts(file: string): Promise<string[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [name = '', ...rest] = l.trim().split(/\s+/);
      const emb = rest[rest.length - 5];
      return `${name.replace(/^[A-Z]{6}\+/, '')}${emb === 'yes' ? '' : ' (not embedded)'}`;
    });
}

/** Render pages to PNG (proves the file draws); returns the image files. */
export async function renderPng(file: string, outPrefix: string, first: number, last: number): Promise<void> {
  await run('pdftoppm', ['-png', '-r', '20', '-f', String(first), '-l', String(last), file, outPrefix]);
}

/** Whitespace-free text: pdftotext may split or space runs of different fonts differently. */
export const squash = (s: string) => s.replace(/\s+/g, '');

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word on one page (1-based) with its box, in points (`pdftotext -bbox`). */
export async function pdfWords(file: string, page: number): Promise<Word[]> {
  const p = String(page);
  const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', p, '-l', p, file, '-'], {
    maxBuffer: 64 << 20,
  });
  const words: Word[] = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of stdout.matchAll(re)) {
    words.push({
      text: m[5] ?? '',
      xMin: +(m[1] ?? 0),
      yMin: +(m[2] ?? 0),
      xMax: +(m[3] ?? 0),
      yMax: +(m[4] ?? 0),
    });
  }
  return words;
}

/** A literal PDF string's bytes: `(…)` with its backslash escapes undone. */
function literalBytes(body: string): number[] {
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      bytes.push(c.charCodeAt(0));
      continue;
    }
    const next = body[++i] ?? '';
    const octal = /^[0-7]{1,3}/.exec(body.slice(i));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += octal[0].length - 1;
    } else if (next in escapes) bytes.push(escapes[next] as number);
  }
  return bytes;
}

/**
 * Every /ActualText string in the page content of a PDF (as pdfkit writes them: literal strings,
 * UTF-16BE after a byte-order mark when not ASCII), in the order they are drawn.
 */
export async function pdfActualTexts(file: string): Promise<string[]> {
  const raw = await readFile(file);
  const latin = raw.toString('latin1');
  const out: string[] = [];
  for (const m of latin.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = latin.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(raw.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const t of content.matchAll(/\/ActualText \(((?:\\[\s\S]|[^\\)])*)\)/g)) {
      const bytes = literalBytes(t[1] ?? '');
      if (bytes[0] === 0xfe && bytes[1] === 0xff) {
        let text = '';
        for (let i = 2; i + 1 < bytes.length; i += 2)
          text += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
        out.push(text);
      } else out.push(String.fromCharCode(...bytes));
    }
  }
  return out;
}

/** A page rendered by pdftoppm: its pixels, addressed in points (72 a inch) from the top left. */
export interface PagePixels {
  /** The colour at (x, y) in points, as "#rrggbb". */
  at(x: number, y: number): string;
  /** Points across the page (one pixel every 1/scale points). */
  width: number;
  height: number;
  scale: number;
}

/** One page (1-based) drawn at `scale` pixels a point (`pdftoppm`, PPM). */
export async function pdfPixels(file: string, page: number, scale = 4): Promise<PagePixels> {
  const p = String(page);
  const { stdout } = await run('pdftoppm', ['-r', String(72 * scale), '-f', p, '-l', p, file], {
    encoding: 'buffer',
    maxBuffer: 256 << 20,
  });
  const data = stdout as unknown as Buffer;
  // P6 <width> <height> <max>\n, then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PPM');
  const w = Number(header[1]);
  const h = Number(header[2]);
  const start = header[0].length;
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return {
    width: w / scale,
    height: h / scale,
    scale,
    at(x, y) {
      const px = Math.round(x * scale);
      const py = Math.round(y * scale);
      if (px < 0 || py < 0 || px >= w || py >= h) return '#ffffff';
      const i = start + (py * w + px) * 3;
      return `#${hex(data[i] ?? 0)}${hex(data[i + 1] ?? 0)}${hex(data[i + 2] ?? 0)}`;
    },
  };
}

/**
 * Where `color` is drawn on the band of the page between `top` and `bottom` (points): the
 * horizontal extents of its runs of pixels, left to right (a swatch, a bar).
 */
export function colorRuns(page: PagePixels, color: string, top: number, bottom: number): [number, number][] {
  const step = 1 / page.scale;
  const hit: boolean[] = [];
  for (let x = 0; x < page.width; x += step) {
    let found = false;
    for (let y = top; y <= bottom && !found; y += step) found = page.at(x, y) === color;
    hit.push(found);
  }
  const runs: [number, number][] = [];
  hit.forEach((h, i) => {
    const x = i * step;
    const last = runs[runs.length - 1];
    if (!h) return;
    if (last && Math.abs(last[1] - (x - step)) < step / 2) last[1] = x;
    else runs.push([x, x]);
  });
  return runs;
}
