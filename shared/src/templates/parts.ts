/**
 * Building blocks for the exercise templates: a frame and its parts, laid out relative to the
 * frame's top-left corner. Every part is a member of the frame (parent = frame id), so moving,
 * locking or deleting the frame takes its parts along.
 */
import type { NewElement } from '../commands.js';
import type { ElementInput } from '../elements/index.js';
import { EXERCISE_TITLES, type ExerciseKind } from '../exercises.js';
import { HEADER } from '../geometry.js';
import { newId } from '../ids.js';

export interface Point {
  x: number;
  y: number;
}

/** Every exercise frame has this size: room for a few dozen stickies per area. */
export const FRAME_W = 2400;
export const FRAME_H = 1400;
/** Margin between the frame's edge and its parts. */
export const FRAME_PAD = 40;
/** Top of the area below the prompt text, relative to the frame. */
export const BODY_TOP = 144;
export const BODY_W = FRAME_W - 2 * FRAME_PAD;
export const BODY_H = FRAME_H - BODY_TOP - FRAME_PAD;

/** Lays out an exercise template: one frame of `kind` at `origin`, with its parts. */
export type TemplateBuilder = (origin: Point) => NewElement[];

type PartInput<K extends 'text' | 'grid' | 'swimlanes' | 'theme'> = Omit<
  ElementInput<K>,
  'type' | 'x' | 'y' | 'parent'
>;

/** Collects a frame and its members; positions given to `add*` are relative to the frame. */
export class FrameLayout {
  readonly frameId = newId();
  readonly items: NewElement[] = [];

  constructor(
    readonly kind: ExerciseKind,
    readonly origin: Point,
    prompt: string,
  ) {
    const frame: NewElement<'frame'> = {
      kind: 'frame',
      id: this.frameId,
      input: {
        x: origin.x,
        y: origin.y,
        w: FRAME_W,
        h: FRAME_H,
        title: EXERCISE_TITLES[kind],
        exercise: kind,
      },
    };
    this.items.push(frame);
    this.add('text', FRAME_PAD, HEADER + 16, { text: prompt, w: BODY_W, h: 64, fontSize: 28 });
  }

  add<K extends 'text' | 'grid' | 'swimlanes' | 'theme'>(
    kind: K,
    dx: number,
    dy: number,
    input: PartInput<K>,
  ): string {
    const id = newId();
    const item = {
      kind,
      id,
      input: { ...input, x: this.origin.x + dx, y: this.origin.y + dy, parent: this.frameId },
    } as NewElement<K>;
    this.items.push(item as NewElement);
    return id;
  }
}
