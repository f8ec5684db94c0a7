/**
 * The cards exports — CSV, JSON, Markdown — as the text of the file, from an export board. One
 * function for both places they are made: on the event loop for a small board, on an export
 * thread (`pdf/worker-main.ts`) for a big one, so the two cannot drift apart.
 */
import { elementsMap } from '@truenorth/shared';
import type * as Y from 'yjs';
import type { ExportBoard } from './board.js';
import { buildChapters } from './chapters.js';
import { toCsv } from './csv.js';
import { toMarkdown } from './markdown.js';
import { cardsExport } from './rows.js';

export type DataFormat = 'csv' | 'json' | 'md';

export function renderData(format: DataFormat, board: ExportBoard): string {
  switch (format) {
    case 'csv':
      return toCsv(cardsExport(board).cards);
    case 'json':
      return JSON.stringify(cardsExport(board));
    case 'md':
      return toMarkdown(board, buildChapters(board, { emptyCards: false }));
  }
}

/**
 * Up to these sizes a cards export is made on the event loop; past them on an export thread. A
 * live board is counted in elements (reading it walks them), a snapshot in bytes (it is decoded
 * first; a workshop board takes ~380 bytes a card, so 64 KiB is ~170 cards).
 *
 * Measured (`bench/export.ts`, 2-core shared machine, CPU time as the wall clock was noisy): at
 * the limits the event loop is held ~10–25 ms (a 500-card board ~12 ms, a 330-card snapshot
 * ~35 ms, hence the lower snapshot limit); an export thread answers a small board in ~50–100 ms once started, but ~0.8–1.5 s
 * when it has to start first (tsx and the export code load on the thread), so below the limits a
 * thread would make the export much slower for little gain. Past them, the event loop would be
 * held for 60–170 ms (1,000 cards) up to 0.4–1 s (a 5,000-card snapshot).
 */
export const INLINE_MAX_ELEMENTS = 600;
export const INLINE_MAX_BYTES = 64 * 1024;

export const inlinePresent = (doc: Y.Doc) => elementsMap(doc).size <= INLINE_MAX_ELEMENTS;
export const inlineSnapshot = (update: Uint8Array) => update.byteLength <= INLINE_MAX_BYTES;
