/** The Story Spine's semantics: which side of the movable line each card is on. */
import type { Element, ElementOf } from '../elements/index.js';
import { center, lineSide } from '../geometry.js';
import {
  type BoardInput,
  type CardContent,
  cardContent,
  cardsIn,
  elementsOf,
  findPart,
  isCard,
} from './board.js';

export type SpineTag = 'core' | 'critical';

/**
 * card id → 'core' | 'critical' for every card that is a member of a swimlanes with a line, by
 * the side of the line its centre is on. Computed, never stored: moving the line (or a card)
 * retags at once, and two people can never disagree about a stored tag.
 */
export function spineTags(board: BoardInput): Map<string, SpineTag> {
  const elements = elementsOf(board);
  const spines = new Map<string, ElementOf<'swimlanes'>>();
  for (const e of elements) if (e.type === 'swimlanes' && e.line !== null) spines.set(e.id, e);
  const tags = new Map<string, SpineTag>();
  for (const e of elements) {
    const spine = e.parent === null ? undefined : spines.get(e.parent);
    if (!spine || !isCard(e)) continue;
    const c = center(e);
    const side = lineSide(spine, c.x, c.y);
    if (side) tags.set(e.id, side);
  }
  return tags;
}

export type TaggedCard = CardContent & { tag: SpineTag | null };

/**
 * A spine's cards on each side of its line, in their order: above it (core, `lineLabels[0]`) and
 * below it (mission-critical, `lineLabels[1]`). A card with no side counts as above. Every view of
 * the split (the PDF record, the Markdown) reads it from here, so they cannot disagree.
 */
export function splitByLine<T extends { tag: SpineTag | null }>(
  cards: readonly T[],
): { core: T[]; critical: T[] } {
  return {
    core: cards.filter((c) => c.tag !== 'critical'),
    critical: cards.filter((c) => c.tag === 'critical'),
  };
}

export interface SpineContent {
  frameId: string | null;
  spineId: string;
  /** The line's position (0–1 across the lanes), null when there is none. */
  line: number | null;
  /** Names of the two sides: [above/left, below/right]. */
  lineLabels: [string, string];
  /** Journey steps in order, each with the lanes (epics/themes) and their tagged cards. */
  steps: {
    id: string;
    name: string;
    lanes: { id: string; name: string; cards: TaggedCard[] }[];
  }[];
  /** Member cards whose slot names no step of a lane (e.g. dropped on the spine's header). */
  other: TaggedCard[];
}

function isSpine(el: Element): el is ElementOf<'swimlanes'> {
  return el.type === 'swimlanes';
}

/** The story spine of `frameId` (or of the first story-spine frame), steps × lanes with tags. */
export function spineContent(board: BoardInput, frameId?: string): SpineContent | null {
  const elements = elementsOf(board);
  const found = findPart(elements, 'story-spine', frameId, isSpine);
  if (!found) return null;
  const spine = found.part;
  const tags = spineTags(elements);
  const tagged = (cards: ReturnType<typeof cardsIn>): TaggedCard[] =>
    cards.map((c) => ({ ...cardContent(c), tag: tags.get(c.id) ?? null }));
  const known = new Set<string>();
  const steps = spine.steps.map((step) => ({
    id: step.id,
    name: step.name,
    lanes: spine.lanes.map((lane) => {
      const slot = `${lane.id}:${step.id}`;
      known.add(slot);
      return { id: lane.id, name: lane.name, cards: tagged(cardsIn(elements, spine.id, slot)) };
    }),
  }));
  const other = tagged(cardsIn(elements, spine.id).filter((c) => c.slot === null || !known.has(c.slot)));
  return {
    frameId: found.frameId,
    spineId: spine.id,
    line: spine.line,
    lineLabels: spine.lineLabels,
    steps,
    other,
  };
}
