/**
 * What an export reads from a board: its parsed elements (parse-on-read, `readBoard`), its title,
 * and the vote count of each card. Built from a Y.Doc — the live one, inside the relay's task, or
 * one made from a snapshot — and plain data afterwards, so rendering never touches the live doc.
 */
import {
  type Element,
  elementYMap,
  metaMap,
  migrateDoc,
  type Person,
  readBoard,
  readMeta,
  readPeople,
  type TookPart,
  tookPart,
} from '@truenorth/shared';
import * as Y from 'yjs';
import { z } from 'zod';

export type ExportSource =
  | { kind: 'present' }
  | { kind: 'snapshot'; id: string; name: string; createdAt: string };

export interface ExportBoard {
  id: string;
  title: string;
  /** Back to front, as `readBoard` gives them. */
  elements: Element[];
  byId: Map<string, Element>;
  /** Card id → dot votes, for stickies (text cards cannot be voted on). */
  votes: Map<string, number>;
  /** Whether any card has a vote: only then does the record show vote counts. */
  voted: boolean;
  /** When the exported state is from (now, or the snapshot's time). */
  at: Date;
  source: ExportSource;
  /** Elements that could not be read (skipped). */
  skipped: number;
  /** Who took part (the board's `people`), by name. */
  people: Person[];
}

/** Who took part, by name (`tookPart`): the record's cover and its participants list. */
export function participantsOf(board: ExportBoard): TookPart[] {
  return tookPart(board.people, board.elements);
}

/** A vote count as stored by whoever wrote it: anything else means "no votes recorded". */
const Votes = z.number().int().min(0).max(1_000_000);

export interface BoardRecordLike {
  id: string;
  title: string;
}

export function readExportBoard(
  doc: Y.Doc,
  record: BoardRecordLike,
  at: Date,
  source: ExportSource,
): ExportBoard {
  const { elements, byId, problems } = readBoard(doc);
  const votes = new Map<string, number>();
  for (const el of elements) {
    if (el.type !== 'sticky') continue;
    // The parsed sticky's count (0 until a vote is revealed); the stored field as a fallback.
    const parsed = Votes.safeParse(
      (el as { votes?: unknown }).votes ?? elementYMap(doc, el.id)?.get('votes'),
    );
    if (parsed.success) votes.set(el.id, parsed.data);
  }
  // The document's title wins when someone renamed the board in it; else the stored record's.
  const title = metaMap(doc).has('title') ? readMeta(doc).title : record.title;
  return {
    id: record.id,
    title,
    elements,
    byId,
    votes,
    voted: [...votes.values()].some((v) => v > 0),
    at,
    source,
    skipped: problems.filter((p) => p.status === 'skipped').length,
    people: readPeople(doc),
  };
}

/**
 * A snapshot's stored bytes as an export board. Throws when the bytes are not a Yjs update (the
 * caller answers with an error; a corrupt snapshot never crashes the server).
 */
export function readSnapshotBoard(
  update: Uint8Array,
  record: BoardRecordLike,
  source: Extract<ExportSource, { kind: 'snapshot' }>,
): ExportBoard {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    migrateDoc(doc);
    const at = new Date(source.createdAt);
    return readExportBoard(doc, record, Number.isNaN(at.getTime()) ? new Date() : at, source);
  } finally {
    doc.destroy();
  }
}
