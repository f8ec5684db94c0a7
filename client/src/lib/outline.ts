/**
 * The outline: the board as a tree for keyboard and screen-reader users —
 * frames → boxes (grid cells, lanes, themes) → cards, in reading order.
 */
import {
  addableKind,
  type Element,
  type ElementOf,
  type LaneKind,
  type Rect,
  slotsOf,
  spineTags,
} from '@truenorth/shared';

export interface OutlineCard {
  id: string;
  text: string;
  kind: 'sticky' | 'text';
  /** In a story spine with a line: the name of the line's side the card is on ("Core"). */
  side?: string;
  /** Dot votes the card received, once a vote was revealed (0 for texts). */
  votes: number;
}

export interface OutlineGroup {
  /** `${parent}|${slot}`: unique per group, used by "move to". */
  key: string;
  parent: string | null;
  slot: string | null;
  label: string;
  /** The box's part alone ("Problem"; a theme's name), as a choice listed under its exercise. */
  part: string;
  /**
   * The group named on its own, after "New card": "in Lean Canvas › Problem", "in Story Spine, in
   * the frame" (every frame has an "In the frame" group), "outside frames".
   */
  where: string;
  /** What goes in it, as the box says under its name ("Top 3 problems"); empty when none. */
  hint: string;
  /** Where new cards for this group are placed; null when it has no area (loose cards). */
  rect: Rect | null;
  cards: OutlineCard[];
}

export interface OutlineSection {
  id: string | null;
  title: string;
  /** A frame's instructions: a text above everything else in it, read before its boxes. */
  intro: OutlineCard | null;
  groups: OutlineGroup[];
}

export function groupKey(parent: string | null, slot: string | null): string {
  return `${parent ?? ''}|${slot ?? ''}`;
}

const byReading = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.y - b.y) > 40 ? a.y - b.y : a.x - b.x;

type Card = ElementOf<'sticky'> | ElementOf<'text'>;

export function buildOutline(elements: readonly Element[]): OutlineSection[] {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const frames = elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame').sort(byReading);
  const boxes = elements
    .filter((e) => e.type === 'grid' || e.type === 'swimlanes' || e.type === 'theme')
    .sort((a, b) => byReading(a as Rect, b as Rect)) as (
    | ElementOf<'grid'>
    | ElementOf<'swimlanes'>
    | ElementOf<'theme'>
  )[];
  const cards = elements.filter((e): e is Card => e.type === 'sticky' || e.type === 'text').sort(byReading);

  const groups = new Map<string, OutlineGroup>();
  const sectionOf = new Map<string, OutlineSection>();
  const sections: OutlineSection[] = [];
  const frameIds = new Set(frames.map((f) => f.id));

  const section = (id: string | null, title: string) => {
    const s: OutlineSection = { id, title, intro: null, groups: [] };
    sections.push(s);
    sectionOf.set(id ?? '', s);
    return s;
  };
  const add = (
    s: OutlineSection,
    g: Omit<OutlineGroup, 'key' | 'cards' | 'where' | 'hint' | 'part'> & { hint?: string; part?: string },
  ) => {
    const where =
      g.parent === null
        ? 'outside frames'
        : g.slot === null && frameIds.has(g.parent)
          ? `in ${s.title}, in the frame`
          : `in ${g.label}`;
    const group = { hint: '', part: g.label, ...g, where, key: groupKey(g.parent, g.slot), cards: [] };
    if (groups.has(group.key)) return;
    groups.set(group.key, group);
    s.groups.push(group);
  };

  for (const f of frames) {
    const s = section(f.id, f.title || 'Frame');
    add(s, { parent: f.id, slot: null, label: 'In the frame', rect: f });
  }
  const outside = section(null, 'Outside frames');
  add(outside, { parent: null, slot: null, label: 'Loose cards', rect: null });

  for (const box of boxes) {
    const s = (box.parent && frameIds.has(box.parent) ? sectionOf.get(box.parent) : undefined) ?? outside;
    const boxTitle = box.type === 'theme' ? box.name : box.title;
    for (const slot of slotsOf(box)) {
      const hint = box.type === 'grid' ? (box.cells.find((c) => c.id === slot.slot)?.hint ?? '') : '';
      const name = spokenName(slot.name, hint);
      const label = box.type === 'theme' ? boxTitle || 'Theme' : [boxTitle, name].filter(Boolean).join(' › ');
      const part = box.type === 'theme' ? label : name || label;
      add(s, {
        parent: box.id,
        slot: slot.slot,
        label: label || 'Box',
        part: part || 'Box',
        hint,
        rect: slot.rect,
      });
    }
  }

  const intros = new Set<string>();
  for (const f of frames) {
    const s = sectionOf.get(f.id) as OutlineSection;
    const intro = introOf(f, elements);
    if (!intro) continue;
    s.intro = { id: intro.id, text: intro.text, kind: 'text', votes: 0 };
    intros.add(intro.id);
  }

  // The story spine's line splits its cards in two (computed, as everywhere: spineTags).
  const tags = spineTags(elements);
  for (const c of cards) {
    if (intros.has(c.id)) continue;
    let g = groups.get(groupKey(c.parent, c.slot)) ?? groups.get(groupKey(c.parent, null));
    if (!g && c.parent && byId.has(c.parent)) {
      // A member of a box slot that no longer exists: list it under the box's first group.
      g = [...groups.values()].find((x) => x.parent === c.parent);
    }
    const tag = tags.get(c.id);
    const spine = c.parent ? byId.get(c.parent) : undefined;
    const side = tag && spine?.type === 'swimlanes' ? spine.lineLabels[tag === 'core' ? 0 : 1] : undefined;
    (g ?? (groups.get(groupKey(null, null)) as OutlineGroup)).cards.push({
      id: c.id,
      text: c.text,
      kind: c.type,
      votes: c.type === 'sticky' ? c.votes : 0,
      ...(side ? { side } : {}),
    });
  }
  return sections;
}

/**
 * A box part's name as it reads aloud: a blank to fill in ("The … is a") takes what its hint says
 * goes there ("(product name) is a (product category)" → "The (product name) is a"), rather than
 * being read as "dot dot dot" or skipped.
 */
export function spokenName(name: string, hint: string): string {
  if (!name.includes('…')) return name;
  const blank = /\([^()]+\)/.exec(hint)?.[0] ?? 'blank';
  return name
    .replace(/\s*…\s*/, ` ${blank} `)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The frame's instructions, as its template writes them: the first text in it (reading order)
 * that lies wholly above all of its boxes. A frame without boxes has none: its texts are cards.
 */
function introOf(frame: ElementOf<'frame'>, elements: readonly Element[]): ElementOf<'text'> | undefined {
  const inside = elements.filter((e) => e.parent === frame.id);
  const boxesTop = Math.min(
    ...inside
      .filter((e) => e.type === 'grid' || e.type === 'swimlanes' || e.type === 'theme')
      .map((e) => e.y),
  );
  if (!Number.isFinite(boxesTop)) return undefined;
  return inside
    .filter((e): e is ElementOf<'text'> => e.type === 'text' && e.y + e.h <= boxesTop)
    .sort(byReading)[0];
}

/** The step or lane of a swimlanes that an outline group stands for: renamed, added after, removed. */
export interface LanePart {
  kind: LaneKind;
  laneId: string;
  name: string;
}

/**
 * Which step or lane the group `slot` of `box` is, as the canvas's "Add step" / "Add lane" sees a
 * swimlanes: steps where it has steps (a Story Spine), lanes otherwise (a Road Map). A swimlanes
 * with both lanes and steps lists each step once per lane: only the first lane's group stands for
 * it, so a step is not offered twice. Null for any other group.
 */
export function lanePartOf(box: Element | undefined, slot: string | null): LanePart | null {
  if (box?.type !== 'swimlanes' || slot === null) return null;
  if (addableKind(box) === 'steps') {
    const [lane, stepId] = slot.split(':');
    const step = box.steps.find((s) => s.id === stepId);
    if (!step || lane !== (box.lanes[0]?.id ?? 'lane')) return null;
    return { kind: 'steps', laneId: step.id, name: step.name };
  }
  const lane = box.lanes.find((l) => l.id === slot);
  return lane ? { kind: 'lanes', laneId: lane.id, name: lane.name } : null;
}

/** A group as a "move to" choice. */
export interface MoveTarget {
  key: string;
  /** In full, with its exercise ("Lean Business Model Canvas › Lean Canvas › Problem"). */
  label: string;
  /** Its exercise (or "Outside frames"), under which the choice is listed. */
  section: { id: string | null; title: string };
  /**
   * As listed under its exercise: the box's part alone ("Problem"), or with its box when another
   * group there has the same name ("Grid › Cell 1"), so that it fits in the select.
   */
  choice: string;
  group: OutlineGroup;
}

/** Every group, labelled with its section, for "move to" choices. */
export function allGroups(sections: readonly OutlineSection[]): MoveTarget[] {
  return sections.flatMap((s) => {
    const named = new Map<string, number>();
    for (const g of s.groups) named.set(g.part, (named.get(g.part) ?? 0) + 1);
    return s.groups.map((g) => ({
      key: g.key,
      label: s.id === null ? g.label : `${s.title} › ${g.label}`,
      section: { id: s.id, title: s.title },
      choice: (named.get(g.part) ?? 0) > 1 ? g.label : g.part,
      group: g,
    }));
  });
}
