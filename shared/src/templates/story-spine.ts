/**
 * Story Spine: the user's journey as steps across, the epics/themes met at each step below, and a
 * movable line: cards above it are core, below it mission-critical (see `spineTags`).
 */
import type * as Y from 'yjs';
import { type NewElement, updateElement } from '../commands.js';
import { BODY_H, BODY_TOP, BODY_W, FRAME_PAD, FrameLayout, type Point } from './parts.js';

export const SPINE_STEPS = [
  { id: 'discover', name: 'Discover' },
  { id: 'sign-up', name: 'Sign up' },
  { id: 'first-use', name: 'First use' },
  { id: 'habit', name: 'Habit' },
  { id: 'share', name: 'Share' },
] as const;

/** One lane under the steps: the line cuts across it, so each step's cards split into two. */
export const SPINE_LANES = [{ id: 'epics', name: 'Epics / Themes' }] as const;
export const SPINE_LINE = 0.5;
export const SPINE_LINE_LABELS: [string, string] = ['Core', 'Mission-critical'];

export function storySpineTemplate(origin: Point): NewElement[] {
  const layout = new FrameLayout(
    'story-spine',
    origin,
    'Walk through the user’s journey and set the epics or themes they meet at each step. Above the line is core; below it, mission-critical — drag the line to decide.',
  );
  layout.add('swimlanes', FRAME_PAD, BODY_TOP, {
    title: 'User journey',
    w: BODY_W,
    h: BODY_H,
    orientation: 'horizontal',
    steps: SPINE_STEPS.map((s) => ({ ...s })),
    lanes: SPINE_LANES.map((l) => ({ ...l })),
    line: SPINE_LINE,
    lineLabels: SPINE_LINE_LABELS,
  });
  return layout.items;
}

/**
 * Move a story spine's line (a drag's end): `line` is the fraction across the lanes, clamped to
 * 0–1; null removes the line. False when `spineId` is not a swimlanes or `line` is not a number.
 */
export function setSpineLine(doc: Y.Doc, spineId: string, line: number | null, origin?: unknown): boolean {
  if (line !== null && !Number.isFinite(line)) return false;
  const value = line === null ? null : Math.max(0, Math.min(1, line));
  return updateElement<'swimlanes'>(doc, spineId, { line: value }, origin);
}
