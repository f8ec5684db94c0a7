/**
 * Naming the parts of a swimlanes: the Story Spine's journey steps and the Road Map's lanes are a
 * starting point, and a team renames them to fit their product ("Book", "Check in", "Q3"…).
 */
import type * as Y from 'yjs';
import { updateElement } from '../commands.js';
import { MAX_LABEL } from '../elements/common.js';
import { readElement } from '../layout.js';

export type LaneKind = 'lanes' | 'steps';

/** Longest name a lane or step may have (it is drawn in one line of a column or band). */
export const MAX_LANE_NAME = 80;

/**
 * Renames one lane or step of the swimlanes `id` (its id, and so every card's membership, stays).
 * The name is trimmed and cut to MAX_LANE_NAME; false when it is blank, unchanged, or there is no
 * such swimlanes, lane or step.
 */
export function renameLane(
  doc: Y.Doc,
  id: string,
  kind: LaneKind,
  laneId: string,
  name: string,
  origin?: unknown,
): boolean {
  const read = readElement(doc, id);
  const el = read && read.status !== 'skipped' ? read.element : undefined;
  if (el?.type !== 'swimlanes') return false;
  const value = name.trim().slice(0, Math.min(MAX_LANE_NAME, MAX_LABEL));
  const list = el[kind];
  const index = list.findIndex((l) => l.id === laneId);
  if (!value || index < 0 || list[index]?.name === value) return false;
  const next = list.map((l, i) => (i === index ? { ...l, name: value } : l));
  return updateElement<'swimlanes'>(doc, id, { [kind]: next } as never, origin);
}
