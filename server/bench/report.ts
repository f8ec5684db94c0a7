/** The results table: one row per figure, one column per server, and Truenorth ÷ each peer. */
import { SERVER_KINDS, SERVER_NAMES, type ServerKind } from './ipc.js';

export interface Row {
  figure: string;
  unit: string;
  values: Partial<Record<ServerKind, number | null>>;
  /** Rows without a comparison (context) show no ratio. */
  compare?: boolean;
  digits?: number;
  /** Each run's values when the bench ran more than once (the ratio then shows its range). */
  runs?: Partial<Record<ServerKind, number | null>>[] | undefined;
}

function fmt(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined) return 'n/a';
  if (Number.isNaN(value)) return 'failed';
  return value.toFixed(digits);
}

/** Truenorth ÷ peer, or null when there is nothing to compare. */
function divide(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || Number.isNaN(a) || Number.isNaN(b) || b === 0) return null;
  return a / b;
}

/**
 * Truenorth ÷ peer; below 1 means Truenorth is ahead (every figure here is lower-is-better). Over
 * several runs: the ratio of the medians, each run's range, and ✓ only if Truenorth was ahead in
 * every run, ✗ if behind in every run, ≈ if it went both ways.
 */
function ratio(row: Row, peer: ServerKind): string {
  if (row.compare === false) return '';
  const r = divide(row.values.truenorth, row.values[peer]);
  if (r === null) return row.values.truenorth === 0 && row.values[peer] === 0 ? '=' : '';
  const each = (row.runs ?? [])
    .map((v) => divide(v.truenorth, v[peer]))
    .filter((x): x is number => x !== null);
  if (each.length < 2) return `${r.toFixed(2)}× ${r <= 1 ? '✓' : '✗'}`;
  const lo = Math.min(...each);
  const hi = Math.max(...each);
  const verdict = hi <= 1 ? '✓' : lo > 1 ? '✗' : '≈';
  return `${r.toFixed(2)}× (${lo.toFixed(2)}–${hi.toFixed(2)}) ${verdict}`;
}

/** A Markdown table (readable in a terminal too). */
export function table(rows: readonly Row[], kinds: readonly ServerKind[]): string {
  const peers = SERVER_KINDS.filter((k) => k !== 'truenorth' && kinds.includes(k));
  const header = [
    'Figure (lower is better)',
    ...kinds.map((k) => SERVER_NAMES[k]),
    ...(kinds.includes('truenorth') ? peers.map((p) => `TN ÷ ${SERVER_NAMES[p]}`) : []),
  ];
  const lines = rows.map((row) => [
    `${row.figure} (${row.unit})`,
    ...kinds.map((k) => fmt(row.values[k], row.digits ?? 1)),
    ...(kinds.includes('truenorth') ? peers.map((p) => ratio(row, p)) : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [render(header), rule, ...lines.map(render)].join('\n');
}
