/**
 * What an export thread is handed and what it answers (`pool.ts` ↔ `worker-main.ts`). Plain data
 * only: the board as one Yjs update (the live document encoded in the relay's task, or a
 * snapshot's stored bytes), rebuilt and read on the export thread, so neither the Y.Doc work nor
 * the rendering runs on the event loop. The thread makes the PDF record or a cards export.
 */
import * as Y from 'yjs';
import {
  type BoardRecordLike,
  type ExportBoard,
  type ExportSource,
  readExportBoard,
  readSnapshotBoard,
} from '../board.js';
import type { DataFormat } from '../data.js';

export type ExportFormat = 'pdf' | DataFormat;

export interface ExportJob {
  /** What to make (default: the PDF record). */
  format?: ExportFormat;
  /** The whole document as one update (v1). */
  update: Uint8Array;
  record: BoardRecordLike;
  /** When the present state was read (a snapshot's time comes from its `source`). */
  at: Date;
  source: ExportSource;
}

export interface ExportRequest {
  id: number;
  job: ExportJob;
}

export type ExportReply =
  | {
      id: number;
      ok: true;
      /** The file (a text format's as UTF-8), transferred (not copied). */
      file: ArrayBuffer;
      /** The title and time the file was made with (the file name uses them). */
      title: string;
      at: Date;
      /** Time on the export thread: reading the board, then rendering. */
      readMs: number;
      renderMs: number;
    }
  | {
      id: number;
      ok: false;
      /** `unreadable`: the update is not a Yjs update; `render`: rendering threw. */
      reason: 'unreadable' | 'render';
      message: string;
    };

/** The export board of a job. Throws when the update cannot be read. */
export function boardOf(job: ExportJob): ExportBoard {
  if (job.source.kind === 'snapshot') return readSnapshotBoard(job.update, job.record, job.source);
  // A copy of the live document as the relay holds it (already migrated when it was loaded).
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, job.update);
    return readExportBoard(doc, job.record, job.at, job.source);
  } finally {
    doc.destroy();
  }
}

/** The bytes of `buf` as an ArrayBuffer of their own, so it can be transferred. */
export function ownArrayBuffer(buf: Uint8Array): ArrayBuffer {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer) {
    return buf.buffer;
  }
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return copy.buffer;
}
