/**
 * Rows both SQL backends read back, with the same column names: data from outside the process,
 * parsed into the records of `types.ts` before use.
 */
import { BoardTemplate } from '@truenorth/shared';
import { z } from 'zod';
import type { BoardRecord, SnapshotMeta } from './types.js';

/** A `boards` row as the app's record. */
export const BoardRow = z
  .object({
    id: z.string(),
    title: z.string(),
    template: BoardTemplate,
    created_at: z.string(),
    facilitator_hash: z.string(),
    participant_hash: z.string(),
    observer_hash: z.string(),
  })
  .transform(
    (r): BoardRecord => ({
      id: r.id,
      title: r.title,
      template: r.template,
      createdAt: r.created_at,
      tokenHashes: {
        facilitator: r.facilitator_hash,
        participant: r.participant_hash,
        observer: r.observer_hash,
      },
    }),
  );

/** A `snapshots` row without its data (`size` is the data's length) as the app's record. */
export const SnapshotMetaRow = z
  .object({
    id: z.string(),
    board_id: z.string(),
    name: z.string(),
    kind: z.enum(['manual', 'periodic', 'agenda', 'restore-point']),
    created_at: z.string(),
    created_by: z.string().nullable(),
    size: z.number().int().nonnegative(),
    restore_of: z.string().nullable().optional(),
  })
  .transform(
    (r): SnapshotMeta => ({
      id: r.id,
      boardId: r.board_id,
      name: r.name,
      kind: r.kind,
      createdAt: r.created_at,
      createdBy: r.created_by,
      size: r.size,
      restoreOf: r.restore_of ?? null,
    }),
  );
