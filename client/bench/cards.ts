/**
 * The board both apps draw: N cards shaped like real workshop stickies (a short sentence, a colour,
 * an author), 200×200 (tldraw's note size), in a square grid with a 40-unit gutter. Pure and
 * deterministic, so the Node seeder and the tldraw page build exactly the same board.
 */

export const CARD_SIZE = 200;
export const PITCH = 240;

/** Truenorth colour names, with the tldraw colour nearest to each. */
export const PALETTE = [
  { truenorth: 'yellow', tldraw: 'yellow' },
  { truenorth: 'pink', tldraw: 'light-red' },
  { truenorth: 'blue', tldraw: 'light-blue' },
  { truenorth: 'green', tldraw: 'light-green' },
  { truenorth: 'orange', tldraw: 'orange' },
] as const;

const PHRASES = [
  'Customers cannot see the whole picture',
  'Weekly demo with the sales team',
  'Onboarding takes too long',
  'Fewer handovers between teams',
  'Pricing page confuses people',
  'Measure activation, not sign-ups',
  'Partner with two agencies',
  'Ship the mobile app before Q3',
  'Our support knowledge is tribal',
  'One dashboard for the board meeting',
  'Hire a second designer',
  'Retire the legacy importer',
];

const AUTHORS = ['Ada Lovelace', 'Ben Okafor', 'Chen Wei', 'Dana Scott'];

export interface BenchCard {
  x: number;
  y: number;
  text: string;
  /** Index into PALETTE. */
  color: number;
  author: string;
}

export function columnsFor(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n)));
}

export function benchCards(n: number): BenchCard[] {
  const cols = columnsFor(n);
  return Array.from({ length: n }, (_, i) => ({
    x: (i % cols) * PITCH,
    y: Math.floor(i / cols) * PITCH,
    text: `${PHRASES[i % PHRASES.length]} (#${i + 1})`,
    color: (i * 7) % PALETTE.length,
    author: AUTHORS[i % AUTHORS.length] as string,
  }));
}

/** The world rectangle the cards cover. */
export function boardBounds(n: number): { x: number; y: number; w: number; h: number } {
  const cols = columnsFor(n);
  const rows = Math.ceil(n / cols);
  return { x: 0, y: 0, w: (cols - 1) * PITCH + CARD_SIZE, h: (rows - 1) * PITCH + CARD_SIZE };
}
