/**
 * Random commands for the convergence tests. Text edits follow one rule so that lost or doubled
 * characters can be detected: every insert carries a unique token like `[2.17]`, and no edit ever
 * deletes or rewrites a character of a token. So at the end every token must appear exactly once
 * in the element it was typed into (if that element still exists). Plain-string text with
 * last-writer-wins loses tokens; a setText that rewrites the whole text doubles them.
 */
import type * as Y from 'yjs';
import {
  addLanePart,
  COLORS,
  createElement,
  createElements,
  deleteElements,
  duplicateElements,
  type Element,
  editText,
  HEADER,
  moveBy,
  moveTo,
  readBoard,
  removeLanePart,
  renameLane,
  reorder,
  setMembership,
  setText,
  slotsOf,
  updateElement,
} from '../src/index.js';
import type { Rng } from './prng.js';

const FILLER = ['a', 'b', 'c', 'x', 'y', ' ', 'é', '😀', '👍🏽', '\n'];
const TOKEN = /\[\d+\.\d+\]/g;

export type OpName =
  | 'createCard'
  | 'createContainer'
  | 'createBatch'
  | 'createConnector'
  | 'moveBy'
  | 'moveTo'
  | 'typeToken'
  | 'deleteFiller'
  | 'setText'
  | 'delete'
  | 'setMembership'
  | 'reorder'
  | 'update'
  | 'duplicate'
  | 'laneParts';

export const OP_WEIGHTS: Record<OpName, number> = {
  createCard: 14,
  createContainer: 4,
  createBatch: 2,
  createConnector: 3,
  moveBy: 8,
  moveTo: 12,
  typeToken: 14,
  deleteFiller: 6,
  setText: 10,
  delete: 5,
  setMembership: 7,
  reorder: 6,
  update: 5,
  duplicate: 3,
  laneParts: 6,
};

/** Tokens typed so far: token → the element it was typed into. */
export type Tokens = Map<string, string>;

/**
 * Steps and lanes added to a swimlanes (part id → the swimlanes' id), and those removed: an added
 * part that nobody removed must be in the end document, whoever else changed the parts meanwhile.
 */
export interface Parts {
  added: Map<string, string>;
  removed: Set<string>;
}

/** Token spans [start, end) in a text. */
function tokenSpans(text: string): [number, number][] {
  return [...text.matchAll(TOKEN)].map((m) => [m.index, m.index + m[0].length]);
}

/** Positions where an insert does not land inside a token. */
function freePositions(text: string): number[] {
  const spans = tokenSpans(text);
  const out: number[] = [];
  for (let i = 0; i <= text.length; i++) if (!spans.some(([s, e]) => i > s && i < e)) out.push(i);
  return out;
}

/** A random filler-only range [start, end) (may be empty). */
function fillerRange(rng: Rng, text: string): [number, number] {
  const start = rng.pick(freePositions(text)) ?? 0;
  const nextToken = tokenSpans(text).find(([s]) => s >= start)?.[0] ?? text.length;
  return [start, Math.min(nextToken, start + rng.int(0, 4))];
}

function filler(rng: Rng, max = 4): string {
  let s = '';
  for (let n = rng.int(0, max); n > 0; n--) s += rng.pick(FILLER);
  return s;
}

export class Actor {
  private count = 0;

  constructor(
    readonly index: number,
    private readonly doc: Y.Doc,
    private readonly rng: Rng,
    private readonly tokens: Tokens,
    private readonly parts: Parts,
  ) {}

  private id(): string {
    return `p${this.index}n${this.count++}`;
  }

  private token(elementId: string): string {
    const token = `[${this.index}.${this.count++}]`;
    this.tokens.set(token, elementId);
    return token;
  }

  private point(): { x: number; y: number } {
    return { x: this.rng.int(-200, 3000), y: this.rng.int(-200, 3000) };
  }

  run(op: OpName): void {
    const rng = this.rng;
    const doc = this.doc;
    const { elements } = readBoard(doc);
    const any = () => rng.pick(elements);
    const cards = elements.filter((e) => e.type === 'sticky' || e.type === 'text');
    const containers = elements.filter((e) => slotsOf(e).length > 0);
    const origin = `peer${this.index}`;

    switch (op) {
      case 'createCard': {
        const id = this.id();
        const kind = rng.chance(0.8) ? 'sticky' : 'text';
        createElement(doc, kind, { ...this.point(), text: filler(rng) + this.token(id) }, { id, origin });
        return;
      }
      case 'createContainer': {
        const id = this.id();
        const kind = rng.pick(['grid', 'swimlanes', 'theme', 'frame'] as const) ?? 'theme';
        const size = { w: rng.int(300, 1200), h: rng.int(300, 1200) };
        const input =
          kind === 'grid'
            ? { cols: 2, rows: 2, cells: [0, 1, 2, 3].map((i) => ({ id: `c${i}`, col: i % 2, row: i >> 1 })) }
            : kind === 'swimlanes'
              ? {
                  lanes: [{ id: 'l1' }, { id: 'l2' }],
                  steps: rng.chance(0.5) ? [{ id: 's1' }, { id: 's2' }] : [],
                }
              : {};
        createElement(doc, kind, { ...this.point(), ...size, ...input }, { id, origin });
        return;
      }
      case 'createBatch': {
        const theme = this.id();
        const card = this.id();
        const at = this.point();
        createElements(
          doc,
          [
            { kind: 'theme', input: { ...at, w: 400, h: 400 }, id: theme },
            {
              kind: 'sticky',
              input: { x: at.x + 20, y: at.y + 20, parent: theme, text: this.token(card) },
              id: card,
            },
          ],
          origin,
        );
        return;
      }
      case 'createConnector': {
        const [from, to] = [any(), any()];
        if (from && to && from.type !== 'connector' && to.type !== 'connector') {
          createElement(doc, 'connector', { from: from.id, to: to.id }, { id: this.id(), origin });
        }
        return;
      }
      case 'moveBy': {
        const ids = [any(), any()].flatMap((e) => (e ? [e.id] : []));
        moveBy(doc, ids, rng.int(-300, 300), rng.int(-300, 300), origin);
        return;
      }
      case 'moveTo': {
        const el = rng.chance(0.8) ? rng.pick(cards) : any();
        if (!el) return;
        const target = rng.chance(0.7) ? pointInSlot(rng, containers, el) : this.point();
        moveTo(doc, [{ id: el.id, ...target }], origin);
        return;
      }
      case 'typeToken': {
        const el = rng.pick(cards);
        if (!el || !('text' in el)) return;
        const at = rng.pick(freePositions(el.text)) ?? 0;
        editText(doc, el.id, at, 0, filler(rng, 2) + this.token(el.id) + filler(rng, 2), origin);
        return;
      }
      case 'deleteFiller': {
        const el = rng.pick(cards);
        if (!el || !('text' in el)) return;
        const [start, end] = fillerRange(rng, el.text);
        editText(doc, el.id, start, end - start, '', origin);
        return;
      }
      case 'setText': {
        // What a text box does on each keystroke: one contiguous change, sent as the whole text.
        const el = rng.pick(cards);
        if (!el || !('text' in el)) return;
        const [start, end] = fillerRange(rng, el.text);
        const insert = filler(rng) + (rng.chance(0.5) ? this.token(el.id) : '');
        setText(doc, el.id, el.text.slice(0, start) + insert + el.text.slice(end), origin);
        return;
      }
      case 'delete': {
        const el = any();
        if (el) deleteElements(doc, [el.id], origin);
        return;
      }
      case 'setMembership': {
        const el = any();
        if (!el) return;
        const parent = rng.chance(0.8) ? rng.pick(containers) : any();
        const slot = parent ? (rng.pick(slotsOf(parent))?.slot ?? null) : null;
        setMembership(doc, el.id, rng.chance(0.15) ? null : (parent?.id ?? null), slot, origin);
        return;
      }
      case 'reorder': {
        const ids = [any(), any()].flatMap((e) => (e ? [e.id] : []));
        reorder(doc, ids, rng.chance(0.5) ? 'front' : 'back', origin);
        return;
      }
      case 'update': {
        const el = rng.pick(cards);
        if (el) updateElement(doc, el.id, { color: rng.pick(COLORS), w: rng.int(60, 400) }, origin);
        return;
      }
      case 'duplicate': {
        const el = any();
        if (el) duplicateElements(doc, [el.id], rng.int(-50, 50), rng.int(-50, 50), origin);
        return;
      }
      case 'laneParts': {
        // Rename, add or remove a step or lane, as the Story Spine's and the Road Map's people do.
        const el = rng.pick(elements.filter((e) => e.type === 'swimlanes'));
        if (el?.type !== 'swimlanes') return;
        const kind = el.steps.length > 0 && rng.chance(0.5) ? 'steps' : 'lanes';
        const part = rng.pick(el[kind]);
        const roll = rng.next();
        if (roll < 0.5 && part) {
          renameLane(doc, el.id, kind, part.id, `${filler(rng, 2)}${this.index}.${this.count++}`, origin);
        } else if (roll < 0.8) {
          const added = addLanePart(doc, el.id, kind, part?.id ?? null, filler(rng), origin);
          if (added.ok) this.parts.added.set(added.laneId, el.id);
        } else if (part && removeLanePart(doc, el.id, kind, part.id, origin).ok) {
          this.parts.removed.add(part.id);
        }
        return;
      }
    }
  }
}

/** A point inside some slot of some container (other than the element itself), for drops. */
function pointInSlot(rng: Rng, containers: Element[], el: Element): { x: number; y: number } {
  const slot = rng.pick(containers.filter((c) => c.id !== el.id).flatMap(slotsOf));
  if (!slot) return { x: rng.int(0, 2000), y: rng.int(0, 2000) };
  const w = 'w' in el ? el.w : 0;
  const h = 'h' in el ? el.h : 0;
  // The drop uses the element's centre, so aim the centre into the slot.
  const cx = slot.rect.x + rng.next() * slot.rect.w;
  const cy = slot.rect.y + rng.next() * Math.max(slot.rect.h, HEADER);
  return { x: Math.round(cx - w / 2), y: Math.round(cy - h / 2) };
}
