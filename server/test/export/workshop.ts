/**
 * A full workshop board for the export tests and the benchmark: the seven exercise templates
 * (`seedTemplate('workshop')`) with cards in every part, in several scripts, and the order in which
 * the record must show them.
 */
import {
  type Color,
  createElements,
  DO_INSTEAD_LABEL,
  type Element,
  type ElementOf,
  type ExerciseKind,
  elementYMap,
  HEADER,
  type NewElement,
  newId,
  readBoard,
  seedTemplate,
  slotsOf,
} from '@truenorth/shared';
import * as Y from 'yjs';

export interface CardSpec {
  text: string;
  author?: string;
  color?: Color;
  votes?: number;
  /** For the story spine: which side of its line (default above). */
  side?: 'core' | 'critical';
}

/** Finds a workshop's parts and adds cards into them, stacked in reading order. */
export class WorkshopBuilder {
  private readonly counts = new Map<string, number>();
  private pending: NewElement[] = [];
  private votes = new Map<string, number>();
  private elements: Element[];

  /** Seeds `doc` with the workshop template unless it already is (a server-seeded board). */
  constructor(readonly doc: Y.Doc = new Y.Doc()) {
    seedTemplate(doc, 'workshop');
    this.elements = readBoard(doc).elements;
  }

  frame(kind: ExerciseKind): ElementOf<'frame'> {
    const frame = this.elements.find(
      (e): e is ElementOf<'frame'> => e.type === 'frame' && e.exercise === kind,
    );
    if (!frame) throw new Error(`no ${kind} frame`);
    return frame;
  }

  /** The container in the `kind` frame matching `test` (e.g. a grid by title, a theme by name). */
  part(kind: ExerciseKind, test: (el: Element) => boolean): Element {
    const frame = this.frame(kind);
    const part = this.elements.find((e) => e.parent === frame.id && test(e));
    if (!part) throw new Error(`no such part in ${kind}`);
    return part;
  }

  /** Add cards to `host`'s slot (`null`: the host as a whole), placed row by row inside it. */
  add(host: Element, slot: string | null, cards: readonly (CardSpec | string)[]): string[] {
    const slotRect = slotsOf(host).find((s) => s.slot === slot)?.rect;
    if (!slotRect) throw new Error(`no slot ${slot}`);
    const key = `${host.id}:${slot}`;
    return cards.map((raw) => {
      const card = typeof raw === 'string' ? { text: raw } : raw;
      const k = this.counts.get(key) ?? 0;
      this.counts.set(key, k + 1);
      const cols = Math.max(1, Math.floor((slotRect.w - 20) / 200));
      let top = slotRect.y + (host.type === 'theme' ? HEADER : 70);
      let bottom = slotRect.y + slotRect.h;
      if (host.type === 'swimlanes' && host.line !== null) {
        const lineY = host.y + HEADER + host.line * (host.h - HEADER);
        if (card.side === 'critical') top = lineY + 10;
        else bottom = lineY - 10;
      }
      // Rows of cards; past the bottom they overlap (as on a crowded board) but keep their order.
      const rows = Math.max(1, Math.floor((bottom - top - 180) / 200) + 1);
      const row = Math.floor(k / cols);
      const y = top + (row % rows) * 200 + Math.floor(row / rows) * 0.01;
      const id = newId();
      this.pending.push({
        kind: 'sticky',
        id,
        input: {
          x: slotRect.x + 10 + (k % cols) * 200,
          y,
          w: 180,
          h: 180,
          text: card.text,
          author: card.author ?? 'Ann',
          color: card.color ?? 'yellow',
          parent: host.id,
          slot,
        },
      });
      if (card.votes !== undefined) this.votes.set(id, card.votes);
      return id;
    });
  }

  /** A "do instead" arrow from a worst idea to its flipped card. */
  link(from: string, to: string): void {
    this.pending.push({ kind: 'connector', input: { x: 0, y: 0, from, to, label: DO_INSTEAD_LABEL } });
  }

  /** A card outside every frame. */
  loose(text: string, x: number, y: number): string {
    const id = newId();
    this.pending.push({ kind: 'sticky', id, input: { x, y, text, author: 'Bo', color: 'pink' } });
    return id;
  }

  /** Write everything added so far into the document. */
  flush(): void {
    const { doc } = this;
    createElements(doc, this.pending);
    for (const [id, votes] of this.votes) elementYMap(doc, id)?.set('votes', votes);
    this.pending = [];
    this.votes = new Map();
    this.elements = readBoard(doc).elements;
  }
}

const gridTitled = (title: string) => (el: Element) => el.type === 'grid' && el.title === title;
const themeNamed = (name: string) => (el: Element) => el.type === 'theme' && el.name === name;

export interface ExpectedChapter {
  title: string;
  /** Card texts in the order the record shows them. */
  texts: string[];
}

/**
 * Cards in every exercise. Returns the chapters (agenda order) and their texts in record order.
 * Texts are short enough to stay on one line of the PDF's text.
 */
export function fillWorkshop(b: WorkshopBuilder): ExpectedChapter[] {
  const intro = b.part('introductions', gridTitled('Our team'));
  b.add(intro, 'people', [
    { text: 'Ann · Strategist · 12 years', author: 'Ann' },
    { text: 'Привет, команда', author: 'Борис' },
    { text: 'Kenji · 日本語のカード', author: 'Kenji' },
  ]);

  const pitch = b.part('elevator-pitch', gridTitled('The pitch'));
  b.add(pitch, 'for', ['Product teams in scale-ups']);
  b.add(pitch, 'unlike', ['Static whiteboards, "quoted", with commas']);
  const reactions = b.part('elevator-pitch', gridTitled('Team reactions'));
  b.add(reactions, 'reactions', ['Love it 🚀', '한국어 카드']);

  const lean = b.part('lean-canvas', gridTitled('Lean Canvas'));
  b.add(lean, 'problem', ['Teams misalign on goals', 'Workshops leave no record']);
  b.add(lean, 'uvp', ['Templates that know their meaning']);
  b.add(lean, 'key-metrics', ['Weekly active boards']);
  b.add(lean, 'unfair-advantage', ['=SUM(A1:A9) is not a formula']);

  const worst = b.part('worst-solution', (e) => e.type === 'grid');
  const [w1, w2] = b.add(worst, 'worst', ['Hide the agenda', 'Lose every sticky']);
  const [d1] = b.add(worst, 'instead', [{ text: 'Share the agenda up front', color: 'green' }]);
  b.add(worst, 'instead', [{ text: 'Autosave everything', color: 'green' }]);
  b.link(w1 as string, d1 as string);
  void w2;

  const pool = b.part('card-sorting', gridTitled('Idea pool'));
  b.add(pool, 'pool', ['Dark mode']);
  b.add(b.part('card-sorting', themeNamed('Theme A')), null, [
    { text: 'Voting with dots', votes: 5 },
    { text: 'Anonymous votes', votes: 2 },
  ]);
  b.add(b.part('card-sorting', themeNamed('Theme B')), null, [{ text: '日本語のカード 2', votes: 1 }]);
  b.add(b.part('card-sorting', themeNamed('Parking lot')), null, ['Blockchain?']);

  const spine = b.part('story-spine', (e) => e.type === 'swimlanes');
  b.add(spine, 'epics:discover', [{ text: '用户旅程' }, { text: 'Offline mode', side: 'critical' }]);
  b.add(spine, 'epics:share', [{ text: 'Invite link' }]);

  b.add(b.part('road-map', gridTitled('Vision')), 'vision', ['Every team shares a true north']);
  const lanes = b.part('road-map', (e) => e.type === 'swimlanes');
  b.add(lanes, 'now', ['Pilot with two teams']);
  b.add(lanes, 'later', ['Enterprise SSO']);
  const measures = b.part('road-map', gridTitled('Goals & measures'));
  b.add(measures, 'goals', ['Faster alignment']);
  b.add(measures, 'metrics', ['Time to first decision']);
  b.add(measures, 'test-first', ['Will facilitators pay?']);

  b.loose('A note far from every frame', -3000, -3000);
  b.flush();

  return [
    {
      title: 'Introductions',
      texts: ['Ann · Strategist · 12 years', 'Привет, команда', 'Kenji · 日本語のカード'],
    },
    {
      title: 'Elevator Pitch',
      texts: [
        'Product teams in scale-ups',
        'Static whiteboards, "quoted", with commas',
        'Love it 🚀',
        '한국어 카드',
      ],
    },
    {
      title: 'Lean Business Model Canvas',
      texts: [
        'Teams misalign on goals',
        'Workshops leave no record',
        'Templates that know their meaning',
        'Weekly active boards',
        '=SUM(A1:A9) is not a formula',
      ],
    },
    {
      title: 'The Worst Solution',
      texts: ['Hide the agenda', 'Share the agenda up front', 'Lose every sticky', 'Autosave everything'],
    },
    {
      title: 'Card Sorting',
      texts: ['Dark mode', 'Voting with dots', 'Anonymous votes', '日本語のカード 2', 'Blockchain?'],
    },
    { title: 'Story Spine', texts: ['用户旅程', 'Offline mode', 'Invite link'] },
    {
      title: 'Road Map',
      texts: [
        'Every team shares a true north',
        'Pilot with two teams',
        'Enterprise SSO',
        'Faster alignment',
        'Time to first decision',
        'Will facilitators pay?',
      ],
    },
    { title: 'Other cards', texts: ['A note far from every frame'] },
  ];
}

/** `count` cards with numbered texts in one theme of the card-sorting exercise. */
export function crowdTheme(b: WorkshopBuilder, count: number, themeName = 'Theme A'): string[] {
  const texts = Array.from({ length: count }, (_, i) => `Idea number ${String(i + 1).padStart(4, '0')}`);
  b.add(
    b.part('card-sorting', themeNamed(themeName)),
    null,
    texts.map((text, i) => ({ text, votes: i % 4, author: `Person ${i % 12}` })),
  );
  b.flush();
  return texts;
}
