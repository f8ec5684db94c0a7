/**
 * The record's structure, shared by the PDF and the data exports: one chapter per frame (agenda
 * order), each with its content as blocks — the Lean Canvas as a table, themes with votes, the
 * spine split by its line… — read with the shared exercise readers. Every card of a chapter
 * appears in its blocks: cards the exercise reader does not place (dropped loose in the frame,
 * in a part the template does not know) are listed by container after them, and cards outside
 * any frame make a last chapter. Nothing on the board is left out of the record — except, when
 * asked (`emptyCards: false`, the PDF and the Markdown), cards with no text.
 */
import {
  type CardContent,
  type Color,
  cardContent,
  cardSortingContent,
  type Element,
  type ElementOf,
  EXERCISE_KINDS,
  EXERCISE_TITLES,
  type ExerciseKind,
  gridSlots,
  introductionsContent,
  isCard,
  isPlaceholderTheme,
  laneSlots,
  leanCanvasContent,
  pitchContent,
  readingOrder,
  roadmapContent,
  type SpineTag,
  spineContent,
  spineTags,
  worstSolutionContent,
} from '@truenorth/shared';
import type { ExportBoard } from './board.js';
import { OTHER_CHAPTER_TITLE } from './wording.js';

export interface ExportCard {
  id: string;
  kind: 'sticky' | 'text';
  text: string;
  author: string;
  color: Color | null;
  votes: number | null;
  /** Side of the story spine's line, for cards in a spine. */
  tag: SpineTag | null;
  /** The box, lane or theme the card is in ('' when none). */
  container: string;
}

export interface TableRow {
  label: string;
  hint: string;
  cards: ExportCard[];
}

export interface ThemeBlockItem {
  name: string;
  color: Color;
  parking: boolean;
  cards: ExportCard[];
  /** Sum of the cards' votes; null when nobody on the board has voted yet. */
  votes: number | null;
}

export type Block =
  | { kind: 'table'; title: string; rows: TableRow[] }
  | { kind: 'list'; title: string; hint: string; cards: ExportCard[] }
  | { kind: 'themes'; title: string; themes: ThemeBlockItem[] }
  | {
      kind: 'spine';
      title: string;
      line: number | null;
      lineLabels: [string, string];
      steps: { name: string; lanes: { name: string; cards: ExportCard[] }[] }[];
    }
  | {
      kind: 'worst';
      title: string;
      items: { card: ExportCard; doInstead: ExportCard[] }[];
      unlinked: ExportCard[];
    };

/** A theme or a card in a chapter's "Most votes" list. */
export type VoteLeader =
  | { kind: 'theme'; theme: ThemeBlockItem; votes: number }
  | { kind: 'card'; card: ExportCard; votes: number };

/**
 * What got the most votes in a chapter: up to `MOST_VOTES` themes and cards, most first. A tie
 * is listed whole or not at all; `tied` says how many shared the next count when the list had to
 * stop before them.
 */
export interface MostVotes {
  leaders: VoteLeader[];
  tied: { count: number; votes: number } | null;
}

export const MOST_VOTES = 5;

export interface Chapter {
  /** The frame's id, or `other` for cards outside every frame. */
  key: string;
  title: string;
  exercise: ExerciseKind | null;
  frame: ElementOf<'frame'> | null;
  /** Free text placed directly on the frame (the exercise's prompt). */
  prompts: string[];
  /** What the picture draws: the frame and everything in it, back to front. */
  members: Element[];
  blocks: Block[];
  /** Null when nothing in the chapter has a vote. */
  mostVotes: MostVotes | null;
}

/** Frame that owns each element: the nearest frame up its parent chain (itself for a frame). */
function owners(board: ExportBoard): Map<string, string | null> {
  const owner = new Map<string, string | null>();
  const find = (el: Element, depth: number): string | null => {
    const known = owner.get(el.id);
    if (known !== undefined) return known;
    let result: string | null = null;
    if (el.type === 'frame') result = el.id;
    else if (el.type === 'connector') {
      const from = board.byId.get(el.from);
      result = from && depth < 64 ? find(from, depth + 1) : null;
    } else if (el.parent !== null && depth < 64) {
      const parent = board.byId.get(el.parent);
      result = parent ? find(parent, depth + 1) : null;
    }
    owner.set(el.id, result);
    return result;
  };
  for (const el of board.elements) find(el, 0);
  return owner;
}

/** The name of the part of its container a card is in (a box, lane · step, theme). */
export function containerLabel(board: ExportBoard, el: Element): string {
  const parent = el.parent === null ? undefined : board.byId.get(el.parent);
  if (!parent) return '';
  switch (parent.type) {
    case 'grid':
      return gridSlots(parent).find((s) => s.slot === el.slot)?.name || parent.title;
    case 'swimlanes':
      return laneSlots(parent).find((s) => s.slot === el.slot)?.name || parent.title;
    case 'theme':
      return parent.name;
    default:
      return '';
  }
}

const agendaIndex = (f: ElementOf<'frame'>) =>
  f.exercise === null ? EXERCISE_KINDS.length : EXERCISE_KINDS.indexOf(f.exercise);

export interface ChapterOptions {
  /**
   * Keep cards with no text (default true). The data exports (CSV, JSON) keep every card: they
   * are a row per card of the board, for spreadsheets and re-import, where a row that is there
   * on the board is expected in the file. The record (PDF, Markdown) leaves them out: an empty
   * card — a worst idea flipped but never filled in, a sticky added and left blank — tells its
   * reader nothing, and "(empty card)" among the team's words reads as if something was lost.
   * Left out everywhere in the record alike: no list, theme, lane, "do instead" or count shows
   * one, and a starter theme holding only empty cards counts as untouched.
   */
  emptyCards?: boolean;
}

const hasText = (c: { text: string }) => c.text.trim() !== '';

export function buildChapters(board: ExportBoard, { emptyCards = true }: ChapterOptions = {}): Chapter[] {
  const { elements } = board;
  const keep = emptyCards ? () => true : hasText;
  const owner = owners(board);
  const tags = spineTags(elements);
  const card = (c: CardContent): ExportCard => {
    const el = board.byId.get(c.id);
    return {
      ...c,
      votes: board.votes.get(c.id) ?? null,
      tag: tags.get(c.id) ?? null,
      container: el ? containerLabel(board, el) : '',
    };
  };
  const frames = elements
    .filter((e): e is ElementOf<'frame'> => e.type === 'frame')
    .sort((a, b) => agendaIndex(a) - agendaIndex(b) || readingOrder(a, b));

  const chapters: Chapter[] = frames.map((frame) => {
    const members = elements.filter((e) => owner.get(e.id) === frame.id);
    const blocks = frame.exercise ? exerciseBlocks(elements, frame, card, keep, board.voted) : [];
    const prompts = members
      .filter((e): e is ElementOf<'text'> => e.type === 'text' && e.parent === frame.id)
      .sort(readingOrder)
      .map((t) => t.text)
      .filter((t) => t.trim() !== '');
    const shown = new Set(blocks.flatMap(blockCards).map((c) => c.id));
    const rest = members
      .filter(isCard)
      .filter((c) => keep(c) && !shown.has(c.id) && !(c.type === 'text' && c.parent === frame.id));
    blocks.push(...groupByContainer(rest, card, frame.exercise ? 'Also in this frame' : ''));
    return {
      key: frame.id,
      title: frame.title.trim() || (frame.exercise ? EXERCISE_TITLES[frame.exercise] : 'Frame'),
      exercise: frame.exercise,
      frame,
      prompts,
      members,
      blocks,
      mostVotes: mostVotes(blocks),
    };
  });

  const loose = elements.filter((e) => owner.get(e.id) === null && e.type !== 'connector');
  const looseCards = loose.filter(isCard).filter(keep);
  if (looseCards.length > 0) {
    const blocks = groupByContainer(looseCards, card, '');
    chapters.push({
      key: 'other',
      title: OTHER_CHAPTER_TITLE,
      exercise: null,
      frame: null,
      prompts: [],
      members: elements.filter((e) => owner.get(e.id) === null),
      blocks,
      mostVotes: mostVotes(blocks),
    });
  }
  return chapters;
}

/** Cards as lists, one per container, containers in the order of their first card. */
function groupByContainer(cards: Element[], card: (c: CardContent) => ExportCard, hint: string): Block[] {
  const groups = new Map<string, ExportCard[]>();
  for (const el of [...cards].sort(readingOrder)) {
    if (!isCard(el)) continue;
    const c = card(cardContent(el));
    const group = groups.get(c.container);
    if (group) group.push(c);
    else groups.set(c.container, [c]);
  }
  return [...groups].map(([label, list]) => ({
    kind: 'list' as const,
    title: label || 'Cards',
    hint,
    cards: list,
  }));
}

function exerciseBlocks(
  elements: readonly Element[],
  frame: ElementOf<'frame'>,
  card: (c: CardContent) => ExportCard,
  keep: (c: CardContent) => boolean,
  voted: boolean,
): Block[] {
  const cards = (list: CardContent[]) => list.filter(keep).map(card);
  switch (frame.exercise) {
    case 'introductions':
      return [
        { kind: 'list', title: 'Our team', hint: '', cards: cards(introductionsContent(elements, frame.id)) },
      ];
    case 'elevator-pitch': {
      const pitch = pitchContent(elements, frame.id);
      if (!pitch) return [];
      return [
        {
          kind: 'table',
          title: 'The pitch',
          rows: pitch.parts.map((p) => ({ label: p.name, hint: p.hint, cards: cards(p.cards) })),
        },
        { kind: 'list', title: 'Team reactions', hint: '', cards: cards(pitch.reactions) },
      ];
    }
    case 'lean-canvas': {
      const canvas = leanCanvasContent(elements, frame.id);
      if (!canvas) return [];
      return [
        {
          kind: 'table',
          title: 'Lean Canvas',
          rows: canvas.boxes.map((b) => ({ label: b.name, hint: b.hint, cards: cards(b.cards) })),
        },
      ];
    }
    case 'worst-solution': {
      const worst = worstSolutionContent(elements, frame.id);
      if (!worst) return [];
      // A do-instead card flipped from an empty (left out) worst idea is listed as not linked.
      const items = worst.worst.filter(keep);
      const linked = new Set(items.flatMap((w) => w.doInstead.map((d) => d.id)));
      return [
        {
          kind: 'worst',
          title: 'Worst ideas and what we do instead',
          items: items.map((w) => ({ card: card(w), doInstead: cards(w.doInstead) })),
          unlinked: cards(worst.doInstead.filter((d) => !linked.has(d.id))),
        },
      ];
    }
    case 'card-sorting': {
      const sorting = cardSortingContent(elements, frame.id);
      if (!sorting) return [];
      return [
        { kind: 'list', title: 'Idea pool (not sorted yet)', hint: '', cards: cards(sorting.pool) },
        {
          kind: 'themes',
          title: 'Themes',
          // Every theme the team named, filled or not (the parking lot too); not the template's
          // untouched starter placeholders ("Theme C", no cards).
          themes: sorting.themes
            .filter((t) => !isPlaceholderTheme(t))
            .map((t) => {
              const list = cards(t.cards);
              return {
                name: t.name,
                color: t.color,
                parking: t.parking,
                cards: list,
                votes: voted ? list.reduce((s, c) => s + (c.votes ?? 0), 0) : null,
              };
            }),
        },
      ];
    }
    case 'story-spine': {
      const spine = spineContent(elements, frame.id);
      if (!spine) return [];
      const blocks: Block[] = [
        {
          kind: 'spine',
          title: 'User journey',
          line: spine.line,
          lineLabels: spine.lineLabels,
          steps: spine.steps.map((s) => ({
            name: s.name,
            lanes: s.lanes.map((l) => ({ name: l.name, cards: cards(l.cards) })),
          })),
        },
      ];
      if (spine.other.length) {
        blocks.push({
          kind: 'list',
          title: 'On the journey, outside its steps',
          hint: '',
          cards: cards(spine.other),
        });
      }
      return blocks;
    }
    case 'road-map': {
      const map = roadmapContent(elements, frame.id);
      if (!map) return [];
      return [
        { kind: 'list', title: 'Vision', hint: map.hints.vision, cards: cards(map.vision) },
        {
          kind: 'table',
          title: 'Next steps',
          rows: map.lanes.map((l) => ({ label: l.name, hint: '', cards: cards(l.cards) })),
        },
        { kind: 'list', title: 'Broad goals', hint: map.hints.goals, cards: cards(map.goals) },
        { kind: 'list', title: 'Success metrics', hint: map.hints.metrics, cards: cards(map.metrics) },
        {
          kind: 'list',
          title: 'What we test first',
          hint: map.hints.testFirst,
          cards: cards(map.testFirst),
        },
      ];
    }
    default:
      return [];
  }
}

/**
 * The themes and cards of a chapter's blocks with the most votes. The counts are those on the
 * cards, which the server writes only when a vote is revealed: an open vote's are not in the
 * document, so they cannot show. People vote on cards; a theme counts its cards' votes, as its
 * heading does ("6 cards · 18 votes") — so a theme ranks above each of its cards. Equal counts
 * keep the record's order, themes first.
 */
export function mostVotes(blocks: readonly Block[]): MostVotes | null {
  const seen = new Set<string>();
  const ranked: VoteLeader[] = [
    ...blocks
      .flatMap((b) => (b.kind === 'themes' ? b.themes : []))
      .flatMap((theme) => (theme.votes ? [{ kind: 'theme' as const, theme, votes: theme.votes }] : [])),
    ...blocks
      .flatMap(blockCards)
      .filter((c) => !seen.has(c.id) && seen.add(c.id))
      .flatMap((card) => (card.votes ? [{ kind: 'card' as const, card, votes: card.votes }] : [])),
  ].sort((a, b) => b.votes - a.votes);
  if (ranked.length === 0) return null;
  let listed = 0;
  while (listed < ranked.length && listed < MOST_VOTES) {
    const votes = ranked[listed]!.votes;
    let end = listed;
    while (end < ranked.length && ranked[end]!.votes === votes) end++;
    if (end > MOST_VOTES) return { leaders: ranked.slice(0, listed), tied: { count: end - listed, votes } };
    listed = end;
  }
  return { leaders: ranked.slice(0, listed), tied: null };
}

/** Every card a block shows, in the order it shows them (a linked do-instead card once). */
export function blockCards(block: Block): ExportCard[] {
  switch (block.kind) {
    case 'table':
      return block.rows.flatMap((r) => r.cards);
    case 'list':
      return block.cards;
    case 'themes':
      return block.themes.flatMap((t) => t.cards);
    case 'spine':
      return block.steps.flatMap((s) => s.lanes.flatMap((l) => l.cards));
    case 'worst':
      return [...block.items.flatMap((i) => [i.card, ...i.doInstead]), ...block.unlinked];
  }
}

/** Every card of a chapter once, in the order the record shows them. */
export function chapterCards(chapter: Chapter): ExportCard[] {
  const seen = new Set<string>();
  return chapter.blocks.flatMap(blockCards).filter((c) => !seen.has(c.id) && seen.add(c.id));
}
