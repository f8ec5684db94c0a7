/**
 * After the parts of a swimlanes change (a lane or step added, removed, or the whole list set), the
 * page puts back into its own part any card that sits outside it (`settleLaneCards`). Adding a part
 * re-lays the cards in the same transaction, for the parts its author sees; two people adding one
 * at the same moment each lay the cards out for one part fewer than the board ends up with, and
 * without this a card sat across its part's border until someone moved it. Nothing is written when
 * every card is in its part — after any change but such a meeting.
 *
 * Only pages that may edit run it (an observer's writes are dropped by the relay). Each waits a
 * little and a random while more before looking, so one page usually settles the cards and the
 * others, having received that, find nothing to do; two that do write the same places. Its writes
 * carry their own origin: not the person's, so their undo never takes back a settling they did not
 * make.
 */
import { elementsMap, settleLaneCards } from '@truenorth/shared';
import * as Y from 'yjs';

export interface LaneSettlerOptions {
  /** How long after a change of the parts the page looks (ms). */
  delayMs?: number;
  /** Up to how much longer, at random, so that pages do not all write at once (ms). */
  jitterMs?: number;
  random?: () => number;
}

/** The transaction origin of a settling: the page's undo tracks only the person's own origin. */
export const SETTLE_ORIGIN = { settle: true } as const;

const PART_KEYS = new Set(['lanes', 'steps']);

export class LaneSettler {
  private readonly map: Y.Map<unknown>;
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly delayMs: number;
  private readonly jitterMs: number;
  private readonly random: () => number;
  private destroyed = false;

  constructor(
    private readonly doc: Y.Doc,
    { delayMs = 300, jitterMs = 400, random = Math.random }: LaneSettlerOptions = {},
  ) {
    this.delayMs = delayMs;
    this.jitterMs = jitterMs;
    this.random = random;
    this.map = elementsMap(doc);
    this.map.observeDeep(this.onChange);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.map.unobserveDeep(this.onChange);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private readonly onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void => {
    if (tr.origin === SETTLE_ORIGIN) return;
    for (const event of events) {
      const [id, key] = event.path;
      if (typeof id !== 'string') continue;
      // Inside a part list kept part by part (['id', 'lanes', …]), or the element's own keys.
      const parts =
        typeof key === 'string'
          ? PART_KEYS.has(key)
          : key === undefined &&
            event instanceof Y.YMapEvent &&
            [...(event as Y.YMapEvent<unknown>).keysChanged].some((k) => k !== null && PART_KEYS.has(k));
      if (parts) this.pending.add(id);
    }
    if (this.pending.size > 0 && this.timer === undefined) {
      this.timer = setTimeout(this.settle, this.delayMs + this.random() * this.jitterMs);
    }
  };

  private readonly settle = (): void => {
    this.timer = undefined;
    const ids = [...this.pending];
    this.pending.clear();
    for (const id of ids) settleLaneCards(this.doc, id, SETTLE_ORIGIN);
  };
}
