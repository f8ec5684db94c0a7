/**
 * What the workshop reads from and writes to the board: the default run-sheet (the exercise
 * frames in reading order), the cards a vote covers, and the revealed tallies on the cards.
 */
import {
  type AgendaStep,
  type Element,
  EXERCISE_TITLES,
  type ExerciseKind,
  elementYMap,
  readBoard,
  readingOrder,
  type VoteScope,
} from '@truenorth/shared';
import type * as Y from 'yjs';

/** Default time box per exercise, in minutes. */
export const DEFAULT_MINUTES: Record<ExerciseKind, number> = {
  introductions: 15,
  'elevator-pitch': 20,
  'lean-canvas': 45,
  'worst-solution': 30,
  'card-sorting': 45,
  'story-spine': 60,
  'road-map': 45,
};

/** One step per exercise frame, in reading order (the order the workshop template lays them out). */
export function defaultAgenda(doc: Y.Doc): AgendaStep[] {
  return readBoard(doc)
    .elements.filter(
      (e): e is Extract<Element, { type: 'frame' }> => e.type === 'frame' && e.exercise !== null,
    )
    .sort(readingOrder)
    .map((f) => {
      const exercise = f.exercise as ExerciseKind;
      return {
        frameId: f.id,
        exercise,
        title: (f.title || EXERCISE_TITLES[exercise]).slice(0, 200),
        minutes: DEFAULT_MINUTES[exercise],
      };
    });
}

/** Sticky notes inside the frame (at any depth) or directly in one of the themes. */
export function cardsInScope(doc: Y.Doc, scope: VoteScope): string[] {
  const { elements, byId } = readBoard(doc);
  const within = (el: Element, ancestor: string): boolean => {
    const seen = new Set<string>();
    let at: Element | undefined = el;
    while (at && at.parent !== null && !seen.has(at.id)) {
      if (at.parent === ancestor) return true;
      seen.add(at.id);
      at = byId.get(at.parent);
    }
    return false;
  };
  const themes = scope.kind === 'themes' ? new Set(scope.themeIds) : null;
  return elements
    .filter((e) => e.type === 'sticky')
    .filter((e) =>
      themes ? e.parent !== null && themes.has(e.parent) : within(e, (scope as { frameId: string }).frameId),
    )
    .sort(readingOrder)
    .map((e) => e.id);
}

/** Write the revealed counts onto the cards (call inside a server transaction). */
export function writeTallies(doc: Y.Doc, tallies: Readonly<Record<string, number>>): void {
  for (const [id, count] of Object.entries(tallies)) {
    const card = elementYMap(doc, id);
    if (card && card.get('type') === 'sticky') card.set('votes', count);
  }
}
