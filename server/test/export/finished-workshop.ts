/**
 * A finished two-day workshop, filled the way a team fills it through the app's own commands:
 * eight introductions ("Add my card"), cards imported into their boxes (as the CSV import places
 * them), worst ideas flipped into "do instead" cards, thirty cards sorted into five named themes
 * with votes revealed, a story spine with cards on both sides of its line, a road map whose lanes
 * were renamed to quarters and whose cards were voted on. Some cards are long, some in Arabic,
 * Chinese or with emoji.
 */
import {
  addIntroductionCard,
  addToTheme,
  applyCardImport,
  csvCell,
  type ElementOf,
  flipToDoInstead,
  HEADER,
  layoutCardImport,
  moveToParkingLot,
  planCardImport,
  readBoard,
  recordPerson,
  renameLane,
  renameTheme,
  seedTemplate,
  setText,
  themeFromSelection,
  updateElement,
} from '@truenorth/shared';
import * as Y from 'yjs';

export const LONG_CARD =
  'Facilitators told us the hardest part of a remote workshop is not the exercises themselves but ' +
  'the hour afterwards, when somebody has to turn forty photographed sticky notes into a document ' +
  'the leadership team will actually read; if the record writes itself, that hour goes back to ' +
  'deciding what to do next instead of transcribing what was said.';

export const PEOPLE = [
  { name: 'Dana Whitfield', role: 'facilitator' as const, intro: 'Head of Product · runs the offsite' },
  { name: 'Marcus Oyelaran', role: 'participant' as const, intro: 'Engineering lead · 9 years here' },
  { name: 'Priya Raman', role: 'participant' as const, intro: 'UX research · loves a good interview' },
  { name: 'Lukas Brenner', role: 'participant' as const, intro: 'Sales, DACH region' },
  { name: 'ليلى حداد', role: 'participant' as const, intro: 'مديرة التسويق · دبي' },
  { name: '王芳', role: 'participant' as const, intro: '数据分析师 · 上海办公室' },
  { name: 'Tomás Rivera', role: 'participant' as const, intro: 'Customer success · ☕ + 🚲' },
  { name: 'Ingrid Solberg', role: 'participant' as const, intro: 'CFO · here to keep us honest' },
];

const author = (i: number) => PEOPLE[i % PEOPLE.length]?.name ?? 'Dana Whitfield';

/** Import rows (text, box) into a frame as the CSV import does: one transaction, a tidy grid. */
function importCards(doc: Y.Doc, frameId: string, rows: readonly [text: string, box: string][]): string[] {
  const csv = [
    'text,container,author',
    ...rows.map(([t, box], i) => [t, box, author(i)].map(csvCell).join(',')),
  ]
    .join('\n')
    .concat('\n');
  const { elements } = readBoard(doc);
  const plan = planCardImport(csv, elements, frameId);
  if (!plan.ok) throw new Error(plan.error);
  const bad = plan.rows.filter((r) => r.status !== 'ok');
  if (bad.length) throw new Error(`import: ${bad.map((r) => r.problems.join('; ')).join(' | ')}`);
  return applyCardImport(doc, layoutCardImport(plan.rows, elements, { name: 'Dana Whitfield', now: 0 }));
}

function frameOf(doc: Y.Doc, kind: string): ElementOf<'frame'> {
  const f = readBoard(doc).elements.find((e) => e.type === 'frame' && e.exercise === kind);
  if (f?.type !== 'frame') throw new Error(`no ${kind}`);
  return f;
}

function partOf<T extends ElementOf<'grid' | 'swimlanes' | 'theme'>>(
  doc: Y.Doc,
  kind: string,
  type: T['type'],
  test: (e: T) => boolean = () => true,
): T {
  const frame = frameOf(doc, kind);
  const part = readBoard(doc).elements.find((e) => e.parent === frame.id && e.type === type && test(e as T));
  if (!part) throw new Error(`no ${type} in ${kind}`);
  return part as T;
}

export const THEMES: { name: string; cards: string[]; votes: number[] }[] = [
  {
    name: 'Onboarding',
    cards: [
      'Guided first board',
      'Sample workshop to play with',
      'Invite the team in one click',
      'Checklist for new facilitators',
      'Video: a workshop in 3 minutes',
      '新用户引导流程',
    ],
    votes: [5, 1, 4, 0, 0, 2],
  },
  {
    name: 'Facilitation tools',
    cards: [
      'Timer everyone can hear',
      'Follow the facilitator',
      'Private brainstorming',
      'Dot voting with a budget',
      'Break-out rooms',
      'Lock the template',
    ],
    votes: [2, 3, 6, 4, 1, 0],
  },
  {
    name: 'The record',
    cards: [
      'PDF that executives can read',
      'Action items with owners',
      'Email the record automatically',
      LONG_CARD,
      'Decisions log',
      'تصدير إلى PowerPoint',
    ],
    votes: [7, 5, 1, 3, 2, 0],
  },
  {
    name: 'Integrations',
    cards: [
      'Jira export',
      'Slack notifications',
      'Calendar invites with the board',
      'SSO (Okta, Entra)',
      'Teams app',
    ],
    votes: [2, 1, 0, 4, 1],
  },
  {
    name: 'Pricing & packaging',
    cards: [
      'Free tier for 3 boards',
      'Per-facilitator pricing',
      'Annual discount',
      'Education plan 🎓',
      'Pay per workshop',
    ],
    votes: [3, 4, 0, 1, 2],
  },
];

export const PARKED = ['AI that writes the cards for us', 'Blockchain? 🙃'];

/** The road map's lanes after the team renamed them. */
export const LANE_NAMES = ['Q1 2027', 'Q2 2027', 'H2 2027 and beyond'];

/** The road map's revealed vote (what to do first): card text → votes; the other cards got none. */
export const ROAD_MAP_VOTES: Record<string, number> = {
  'Pilot with the two Lisbon squads': 6,
  'Will executives read a 20-page record?': 5,
  'Record v2: executive summary page': 3,
  'SSO with Okta': 3,
  'Jira export': 2,
  'Facilitator training programme': 2,
  'Teams app': 1,
};

export function finishedWorkshop(): Y.Doc {
  const doc = new Y.Doc();
  seedTemplate(doc, 'workshop');
  for (const [i, p] of PEOPLE.entries())
    recordPerson(doc, { name: p.name, role: p.role, at: 1000 + i }, 'test');
  doc.getMap('meta').set('title', 'Truenorth offsite · Lisbon, March 2027');

  // Introductions: each person presses "Add my card" and writes under their name.
  for (const [i, p] of PEOPLE.entries()) {
    const added = addIntroductionCard(doc, p.name, p.name, 2000 + i);
    if (added) setText(doc, added.cardId, `${p.name}\n${p.intro}`, p.name);
  }

  importCards(doc, frameOf(doc, 'elevator-pitch').id, [
    ['Product teams in scale-ups of 50–500 people', 'For'],
    ['need to agree on one direction across time zones', 'Who'],
    ['Truenorth is a collaborative workshop board', 'The … is a'],
    ['turns a two-day offsite into a shared plan and a record', 'That'],
    ['Miro and Mural, which are blank canvases', 'Unlike'],
    ['ships the seven exercises and writes the minutes for you', 'Our product'],
    ['Too long for an elevator — cut "collaborative"?', 'Reactions'],
    ['Love the record angle 👍', 'Reactions'],
    ['"Shared plan" is the hook', 'Reactions'],
    ['يعجبني التركيز على النتيجة', 'Reactions'],
  ]);

  importCards(doc, frameOf(doc, 'lean-canvas').id, [
    ['Workshops end with photos nobody reads', 'Problem'],
    ['Remote teams cannot see the same wall', 'Problem'],
    ['Alignment decays within weeks', 'Problem'],
    ['Product leaders in scale-ups', 'Customer Segments'],
    ['Agile coaches and consultants', 'Customer Segments'],
    ['Strategy offices in enterprises', 'Customer Segments'],
    ['From workshop to written plan in one click', 'Unique Value Proposition'],
    ['Exercises that know what their boxes mean', 'Unique Value Proposition'],
    ['Seven ready exercises', 'Solution'],
    ['Live card sorting', 'Solution'],
    ['Automatic PDF record', 'Solution'],
    ['Facilitator communities', 'Channels'],
    ['Conference workshops', 'Channels'],
    ['Partnerships with coaching firms', 'Channels'],
    ['Subscription per facilitator', 'Revenue Streams'],
    ['Enterprise licences with SSO', 'Revenue Streams'],
    ['Hosting and storage', 'Cost Structure'],
    ['Two product squads', 'Cost Structure'],
    ['Sales team for enterprise', 'Cost Structure'],
    ['Boards that reach the record', 'Key Metrics'],
    ['Weekly active facilitators', 'Key Metrics'],
    ['Net revenue retention', 'Key Metrics'],
    ['数据留在本地服务器', 'Key Metrics'],
    ['Ten years of workshop know-how in the templates', 'Unfair Advantage'],
    [LONG_CARD.replace('Facilitators', 'Our coaches'), 'Unfair Advantage'],
  ]);

  // Worst ideas, then each flipped into what to do instead.
  const worstFrame = frameOf(doc, 'worst-solution').id;
  const worst = importCards(doc, worstFrame, [
    ['Make every workshop eight hours with no breaks', 'Worst ideas'],
    ['Only the CEO may write cards', 'Worst ideas'],
    ['Delete the board when the workshop ends', 'Worst ideas'],
    ['Charge per sticky note 💸', 'Worst ideas'],
  ]);
  const instead = [
    'Time-box every exercise and take real breaks',
    'Everyone writes privately first, then reveals',
    'Keep snapshots and send the record the same day',
    '',
  ];
  for (const [i, id] of worst.entries()) {
    const flipped = flipToDoInstead(doc, id, 'test', instead[i] ?? '', {
      author: author(i + 1),
      at: 3000 + i,
    });
    // The last flip left with the card's text typed afterwards, as people do.
    if (flipped && !instead[i]) setText(doc, flipped.cardId, 'Flat price, unlimited cards', 'test');
  }

  // Card sorting: everything into the idea pool, then themes made from selections and the starter
  // themes renamed, votes revealed.
  const sorting = frameOf(doc, 'card-sorting').id;
  const all = THEMES.flatMap((t) => t.cards);
  const ids = importCards(
    doc,
    sorting,
    [...all, ...PARKED].map((t) => [t, 'Ideas'] as [string, string]),
  );
  let k = 0;
  const starters = ['Theme A', 'Theme B', 'Theme C'];
  for (const [i, theme] of THEMES.entries()) {
    const mine = ids.slice(k, k + theme.cards.length);
    k += theme.cards.length;
    const starter = starters[i];
    if (starter) {
      const t = partOf<ElementOf<'theme'>>(doc, 'card-sorting', 'theme', (e) => e.name === starter);
      renameTheme(doc, t.id, theme.name);
      // Moving cards in one by one, as a facilitator drags them.
      addToTheme(doc, t.id, mine);
    } else themeFromSelection(doc, mine, theme.name);
    // The vote revealed: the server writes each card's count.
    for (const [j, id] of mine.entries()) updateElement<'sticky'>(doc, id, { votes: theme.votes[j] ?? 0 });
  }
  moveToParkingLot(doc, ids.slice(k));

  // Story spine: cards per step, then the mission-critical ones dragged below the line.
  const spine = partOf<ElementOf<'swimlanes'>>(doc, 'story-spine', 'swimlanes');
  const spineFrame = frameOf(doc, 'story-spine').id;
  const step = (name: string) => `Epics / Themes · ${name}`;
  importCards(doc, spineFrame, [
    ['Hears about us from a colleague', step('Discover')],
    ['Reads a sample record', step('Discover')],
    ['Creates a board from the workshop template', step('Sign up')],
    ['Invites the team with a link', step('First use')],
    ['Runs the first exercise live', step('First use')],
    ['Runs a workshop every quarter', step('Habit')],
    ['Sends the record to leadership', step('Share')],
    ['分享给其他团队', step('Share')],
  ]);
  const critical = importCards(doc, spineFrame, [
    ['Works behind a corporate proxy', step('Discover')],
    ['No account needed to join', step('Sign up')],
    ['Nothing is lost when the Wi-Fi drops', step('First use')],
    ['Snapshots of every step', step('Habit')],
    ['A record executives can read in 5 minutes', step('Share')],
  ]);
  const lineY = spine.y + HEADER + (spine.line ?? 0.5) * (spine.h - HEADER);
  const byId = readBoard(doc).byId;
  for (const id of critical) {
    const c = byId.get(id);
    if (c?.type === 'sticky')
      updateElement(doc, id, { y: lineY + 40 + (c.y - (spine.y + HEADER)) / 2 } as never);
  }

  // Road map: lanes renamed to quarters, cards in each.
  const lanes = partOf<ElementOf<'swimlanes'>>(doc, 'road-map', 'swimlanes');
  for (const [i, lane] of lanes.lanes.entries())
    renameLane(doc, lanes.id, 'lanes', lane.id, LANE_NAMES[i] ?? lane.name);
  const roadMap = frameOf(doc, 'road-map').id;
  const roadMapCards: [string, string][] = [
    ['Every product team in the company plans its quarter on one shared board', 'Vision'],
    ['Pilot with the two Lisbon squads', 'Q1 2027'],
    ['Record v2: executive summary page', 'Q1 2027'],
    ['SSO with Okta', 'Q1 2027'],
    ['Jira export', 'Q2 2027'],
    ['Facilitator training programme', 'Q2 2027'],
    ['Education plan 🎓', 'H2 2027 and beyond'],
    ['الدخول إلى السوق الخليجي', 'H2 2027 and beyond'],
    ['Teams app', 'H2 2027 and beyond'],
    ['Halve the time from workshop to written plan', 'Broad goals'],
    ['Facilitators come back every quarter', 'Broad goals'],
    ['80% of boards reach the record', 'Success metrics'],
    ['NPS above 40 among facilitators', 'Success metrics'],
    ['Will executives read a 20-page record?', 'What we test first'],
  ];
  const roadMapIds = importCards(doc, roadMap, roadMapCards);
  // The vote on the whole road map revealed: the server writes every card's count, 0 included.
  for (const [i, id] of roadMapIds.entries())
    updateElement<'sticky'>(doc, id, { votes: ROAD_MAP_VOTES[roadMapCards[i]?.[0] ?? ''] ?? 0 });
  return doc;
}
