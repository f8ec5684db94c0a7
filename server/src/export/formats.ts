/**
 * Everything the export routes render with, behind one dynamic import (`routes/export.ts`): a
 * relay that never exports does not carry this code. The PDF record has its own, heavier import.
 */
export { readExportBoard, readSnapshotBoard } from './board.js';
export { buildChapters } from './chapters.js';
export { toCsv } from './csv.js';
export {
  type DataFormat,
  INLINE_MAX_BYTES,
  INLINE_MAX_ELEMENTS,
  inlinePresent,
  inlineSnapshot,
  renderData,
} from './data.js';
export { exportFileName } from './filename.js';
export { toMarkdown } from './markdown.js';
export { cardsExport } from './rows.js';
