/**
 * Exercise templates: what a new board starts with. Pure data (`templateElements`) plus the one
 * write that inserts it (`seedTemplate`).
 */
import type * as Y from 'yjs';
import type { BoardTemplate } from '../api.js';
import { createElements, type NewElement } from '../commands.js';
import { assertNever } from '../elements/index.js';
import { EXERCISE_KINDS, type ExerciseKind } from '../exercises.js';
import { metaMap, readMeta } from '../layout.js';
import { cardSortingTemplate } from './card-sorting.js';
import { elevatorPitchTemplate } from './elevator-pitch.js';
import { introductionsTemplate } from './introductions.js';
import { leanCanvasTemplate } from './lean-canvas.js';
import { FRAME_H, FRAME_W, type Point, type TemplateBuilder } from './parts.js';
import { roadMapTemplate } from './road-map.js';
import { storySpineTemplate } from './story-spine.js';
import { worstSolutionTemplate } from './worst-solution.js';

export * from './card-sorting.js';
export * from './elevator-pitch.js';
export * from './introductions.js';
export * from './lanes.js';
export * from './lean-canvas.js';
export * from './parts.js';
export * from './road-map.js';
export * from './story-spine.js';
export * from './worst-solution.js';

export const EXERCISE_TEMPLATES: Record<ExerciseKind, TemplateBuilder> = {
  introductions: introductionsTemplate,
  'elevator-pitch': elevatorPitchTemplate,
  'lean-canvas': leanCanvasTemplate,
  'worst-solution': worstSolutionTemplate,
  'card-sorting': cardSortingTemplate,
  'story-spine': storySpineTemplate,
  'road-map': roadMapTemplate,
};

/** The workshop's frames sit in a grid of this many columns, read left to right, top to bottom. */
export const WORKSHOP_COLUMNS = 4;
export const WORKSHOP_GAP = 400;

/** Top-left corner of the workshop's n-th frame (agenda order). */
export function workshopOrigin(index: number): Point {
  return {
    x: (index % WORKSHOP_COLUMNS) * (FRAME_W + WORKSHOP_GAP),
    y: Math.floor(index / WORKSHOP_COLUMNS) * (FRAME_H + WORKSHOP_GAP),
  };
}

/**
 * The elements a board made from `template` starts with (fresh ids on every call): nothing for
 * `blank`, one exercise's frame at (0, 0), or all seven frames in agenda order for `workshop`.
 */
export function templateElements(template: BoardTemplate): NewElement[] {
  switch (template) {
    case 'blank':
      return [];
    case 'workshop':
      return EXERCISE_KINDS.flatMap((kind, i) => EXERCISE_TEMPLATES[kind](workshopOrigin(i)));
    case 'introductions':
    case 'elevator-pitch':
    case 'lean-canvas':
    case 'worst-solution':
    case 'card-sorting':
    case 'story-spine':
    case 'road-map':
      return EXERCISE_TEMPLATES[template]({ x: 0, y: 0 });
    default:
      return assertNever(template);
  }
}

export const SEED_ORIGIN = 'seed';

/**
 * Insert a template's content into a new board, once: if `meta.seeded` is already true this is a
 * no-op (returns false); otherwise the content, `meta.template` and `meta.seeded = true` are
 * written in one transaction (returns true).
 *
 * Seeding is one party's job — the server's, when it creates the board — and never a client's on
 * open. Every client that opened an empty board and inserted the template would add its own copy
 * with its own ids, and Yjs merges them all: the template appears once per client (the failure in
 * hocuspocus#84 and #592). The `seeded` flag only stops parties that have already synced it, so it
 * guards against a second call, not against two concurrent first calls.
 */
export function seedTemplate(doc: Y.Doc, template: BoardTemplate, origin: unknown = SEED_ORIGIN): boolean {
  let seeded = false;
  doc.transact(() => {
    if (readMeta(doc).seeded) return;
    createElements(doc, templateElements(template), origin);
    const meta = metaMap(doc);
    meta.set('template', template);
    meta.set('seeded', true);
    seeded = true;
  }, origin);
  return seeded;
}
