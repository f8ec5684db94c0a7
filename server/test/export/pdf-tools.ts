/** Reading a PDF back the way a person's tools do: poppler's pdftotext, pdfinfo, pdffonts. */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

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
