/** A chapter's content as structured text: one renderer per kind of block. */

import { ACCENT, splitByLine } from '@truenorth/shared';
import { leftToRight, ownDirection } from '@truenorth/shared/direction';
import type { Block, MostVotes, ThemeBlockItem } from '../chapters.js';
import {
  MOST_VOTES_WORDING,
  quote,
  RECORD_WORDING,
  spineLineNote,
  stepHeading,
  themeCounts,
  themeTitle,
  tiedNote,
  votesLabel,
  WORST_WORDING,
} from '../wording.js';
import type { Flow } from './flow.js';
import { MUTED } from './text.js';

const H2 = 13;
const H3 = 11;
const LINE_RED = '#cf222e';

export function renderBlock(flow: Flow, block: Block): void {
  flow.section = block.title;
  switch (block.kind) {
    case 'table':
      flow.heading(block.title, H2, 6);
      for (const row of block.rows) flow.tableRow(row.label, row.hint, row.cards);
      break;
    case 'list':
      flow.heading(block.title, H2, 2);
      if (block.hint) flow.paragraph([{ text: block.hint, style: { color: MUTED } }], 8);
      flow.space(2);
      if (block.cards.length === 0) flow.empty();
      for (const card of block.cards) flow.card(card);
      break;
    case 'themes':
      flow.heading(block.title, H2, 4);
      if (block.themes.length === 0) flow.empty(RECORD_WORDING.noThemes);
      for (const theme of block.themes) renderTheme(flow, theme);
      break;
    case 'spine':
      renderSpine(flow, block);
      break;
    case 'worst':
      flow.heading(block.title, H2, 4);
      if (block.items.length === 0) flow.empty(WORST_WORDING.none);
      for (const item of block.items) {
        flow.card(item.card, 0, WORST_WORDING.idea);
        for (const d of item.doInstead) flow.card(d, 18, WORST_WORDING.doInstead);
      }
      if (block.unlinked.length) {
        flow.space(4);
        flow.heading(WORST_WORDING.unlinked, H3, 2);
        for (const card of block.unlinked) flow.card(card);
      }
      break;
  }
  flow.section = null;
  flow.space(10);
}

/**
 * What got the most votes, at the top of a chapter's text: each theme or card with its count
 * first, then its name or (shortened) text, and a card's box, lane or theme in grey.
 */
export function renderMostVotes(flow: Flow, most: MostVotes | null): void {
  if (!most) return;
  flow.section = null;
  const counts = most.leaders.map((l) => votesLabel(l.votes));
  const countW = Math.max(0, ...counts.map((c) => flow.kit.width(c, 10, true)));
  flow.heading(MOST_VOTES_WORDING.title, H2, 4);
  most.leaders.forEach((leader, i) => {
    const count = counts[i] ?? '';
    if (leader.kind === 'theme') {
      const { theme } = leader;
      flow.ranked({ theme: true, color: theme.color }, count, countW, [
        { text: themeTitle(theme), style: { bold: true } },
        { text: `  — ${MOST_VOTES_WORDING.theme}`, style: { color: MUTED } },
      ]);
    } else {
      const { card } = leader;
      flow.ranked({ theme: false, color: card.color }, count, countW, [
        { text: quote(card.text) },
        ...(card.container ? [{ text: `  — ${leftToRight(card.container)}`, style: { color: MUTED } }] : []),
      ]);
    }
  });
  if (most.tied) {
    flow.space(2);
    flow.paragraph(
      [{ text: tiedNote(most.leaders.length, most.tied.count, most.tied.votes), style: { color: MUTED } }],
      9,
      most.leaders.length ? 14 : 0,
    );
  }
  flow.space(12);
}

function renderTheme(flow: Flow, theme: ThemeBlockItem): void {
  flow.section = null;
  flow.room(3 * 16);
  // Its name and a few cards together on one page (the name comes 18 below, after 4 of space).
  const cards = theme.cards.reduce((h, card) => h + flow.cardHeight(card, 10), 0);
  flow.keep(4 + 18 + Math.max(cards, 16));
  flow.space(4);
  const line = flow.kit.wrap(
    [
      { text: themeTitle(theme), style: { bold: true } },
      // The counts read left to right after a theme named in Arabic or Hebrew ("1 card", not "card 1").
      { text: `  ${leftToRight(themeCounts(theme))}`, style: { color: MUTED } },
    ],
    H3,
    flow.width - 10,
  )[0]!;
  // The theme's colour bar on the side its name starts from (the right, for a name in Arabic).
  flow.doc
    .rect(line.rtl ? flow.left + flow.width - 4 : flow.left, flow.y + 2, 4, 12)
    .fill(ACCENT[theme.color]);
  flow.kit.drawLine(line, line.rtl ? flow.left : flow.left + 10, flow.y + 12, H3);
  flow.space(18);
  flow.section = theme.name;
  if (theme.cards.length === 0) flow.empty(RECORD_WORDING.noCards, 10);
  for (const card of theme.cards) flow.card(card, 10);
}

function renderSpine(flow: Flow, block: Extract<Block, { kind: 'spine' }>): void {
  const [above, below] = block.lineLabels;
  flow.heading(block.title, H2, 2);
  if (block.line !== null) {
    flow.paragraph([{ text: spineLineNote(block.lineLabels), style: { color: MUTED } }], 9);
  }
  flow.space(4);
  const lanes = Math.max(...block.steps.map((s) => s.lanes.length), 0);
  block.steps.forEach((step, i) => {
    // "1. " before the step's name, whatever its script (not "اكتشاف .1").
    flow.heading(stepHeading(i, step.name, ownDirection), H3, 2);
    flow.section = step.name;
    for (const lane of step.lanes) {
      if (lanes > 1) flow.paragraph([{ text: lane.name, style: { bold: true, color: MUTED } }], 9, 10);
      if (block.line === null) {
        if (lane.cards.length === 0) flow.empty(RECORD_WORDING.noCards, 10);
        for (const card of lane.cards) flow.card(card, 10);
        continue;
      }
      const { core, critical } = splitByLine(lane.cards);
      flow.paragraph([{ text: above, style: { bold: true, color: MUTED } }], 8, 10);
      if (core.length === 0) flow.empty(RECORD_WORDING.noCards, 10);
      for (const card of core) flow.card(card, 10);
      flow.room(20);
      flow.space(3);
      flow.doc.save();
      flow.doc
        .moveTo(flow.left + 10, flow.y)
        .lineTo(flow.left + flow.width, flow.y)
        .lineWidth(1.2)
        .dash(5, { space: 3 })
        .stroke(LINE_RED);
      flow.doc.restore();
      flow.space(4);
      flow.paragraph([{ text: below, style: { bold: true, color: MUTED } }], 8, 10);
      if (critical.length === 0) flow.empty(RECORD_WORDING.noCards, 10);
      for (const card of critical) flow.card(card, 10);
    }
    flow.space(6);
  });
}
