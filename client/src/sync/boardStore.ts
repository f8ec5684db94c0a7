/**
 * The board as React sees it: the parsed elements, kept up to date incrementally. Only elements
 * touched by a transaction are parsed again, so typing in one sticky on a 5,000-card board does
 * not re-validate the other 4,999.
 */
import {
  type BoardState,
  compareZ,
  type Element,
  type ElementProblem,
  elementsMap,
  readElement,
} from '@truenorth/shared';
import type * as Y from 'yjs';

export class BoardStore {
  private readonly byId = new Map<string, Element>();
  private readonly problems = new Map<string, ElementProblem>();
  private state: BoardState = { elements: [], byId: new Map(), problems: [] };
  private readonly listeners = new Set<() => void>();
  private readonly map: Y.Map<unknown>;

  constructor(private readonly doc: Y.Doc) {
    this.map = elementsMap(doc);
    this.reparse(this.map.keys());
    this.map.observeDeep(this.onChange);
  }

  private onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const dirty = new Set<string>();
    for (const event of events) {
      if (event.target === this.map) {
        for (const key of event.changes.keys.keys()) dirty.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') dirty.add(id);
      }
    }
    if (dirty.size) this.reparse(dirty);
  };

  private reparse(ids: Iterable<string>): void {
    for (const id of ids) {
      this.byId.delete(id);
      this.problems.delete(id);
      const outcome = readElement(this.doc, id);
      if (!outcome) continue;
      if (outcome.status === 'skipped') this.problems.set(id, outcome);
      else {
        this.byId.set(id, outcome.element);
        if (outcome.status === 'repaired') {
          this.problems.set(id, { id, status: 'repaired', problems: outcome.problems });
        }
      }
    }
    const elements = [...this.byId.values()].sort(compareZ);
    this.state = { elements, byId: new Map(this.byId), problems: [...this.problems.values()] };
    for (const fn of this.listeners) fn();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): BoardState => this.state;

  destroy(): void {
    this.map.unobserveDeep(this.onChange);
    this.listeners.clear();
  }
}
