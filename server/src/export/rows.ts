/**
 * The cards as rows — exercise, container (box/lane/theme), text, author, votes — for the CSV,
 * JSON and Markdown exports. Same chapters and order as the PDF record.
 */
import { ExerciseKind } from '@truenorth/shared';
import { z } from 'zod';
import type { ExportBoard } from './board.js';
import { buildChapters, type Chapter, chapterCards } from './chapters.js';

export const CardRow = z.object({
  id: z.string(),
  /** The exercise's (frame's) title; '' for cards outside every frame. */
  exercise: z.string(),
  exerciseKind: ExerciseKind.nullable(),
  container: z.string(),
  text: z.string(),
  author: z.string(),
  votes: z.number().int().nonnegative().nullable(),
  /** Side of the story spine's line ('core' above it, 'critical' below), when in a spine. */
  tag: z.enum(['core', 'critical']).nullable(),
});
export type CardRow = z.infer<typeof CardRow>;

/** `GET /api/boards/:id/export.json`. */
export const CardsExport = z.object({
  format: z.literal('truenorth-cards'),
  version: z.literal(1),
  board: z.object({ id: z.string(), title: z.string() }),
  /** ISO 8601 time of the exported state. */
  at: z.string(),
  snapshot: z.object({ id: z.string(), name: z.string() }).nullable(),
  cards: z.array(CardRow),
});
export type CardsExport = z.infer<typeof CardsExport>;

export function rowsOf(chapters: readonly Chapter[]): CardRow[] {
  return chapters.flatMap((chapter) =>
    chapterCards(chapter).map((c) => ({
      id: c.id,
      exercise: chapter.frame ? chapter.title : '',
      exerciseKind: chapter.exercise,
      container: c.container,
      text: c.text,
      author: c.author,
      votes: c.votes,
      tag: c.tag,
    })),
  );
}

export function cardsExport(board: ExportBoard, chapters = buildChapters(board)): CardsExport {
  return {
    format: 'truenorth-cards',
    version: 1,
    board: { id: board.id, title: board.title },
    at: board.at.toISOString(),
    snapshot: board.source.kind === 'snapshot' ? { id: board.source.id, name: board.source.name } : null,
    cards: rowsOf(chapters),
  };
}
