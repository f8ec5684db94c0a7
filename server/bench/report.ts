/** The results table: one row per figure, one column per server, and Truenorth ÷ each peer. */
import { SERVER_KINDS, SERVER_NAMES, type ServerKind } from './ipc.js';

export interface Row {
  figure: string;
  unit: string;
  values: Partial<Record<ServerKind, number | null>>;
  /** Rows without a comparison (context) show no ratio. */
  compare?: boolean;
  digits?: number;
}

function fmt(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined) return 'n/a';
  if (Number.isNaN(value)) return 'failed';
  return value.toFixed(digits);
}

/** Truenorth ÷ peer; below 1 means Truenorth is ahead (every figure here is lower-is-better). */
function ratio(row: Row, peer: ServerKind): string {
  const a = row.values.truenorth;
  const b = row.values[peer];
  if (row.compare === false || a == null || b == null || Number.isNaN(a) || Number.isNaN(b)) return '';
  if (b === 0) return a === 0 ? '=' : '';
  const r = a / b;
  return `${r.toFixed(2)}× ${r <= 1 ? '✓' : '✗'}`;
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
