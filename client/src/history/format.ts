/** How snapshots read in the history panel. */
import type { SnapshotInfo } from '@truenorth/shared';

export const KIND_LABEL: Record<SnapshotInfo['kind'], string> = {
  manual: 'Named',
  agenda: 'Agenda step',
  periodic: 'Automatic',
  'restore-point': 'Before a restore',
};

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : when.format(d);
}

/** Who took a snapshot, as it follows its time: "taken automatically", "by a facilitator"… */
export function byWhom(info: SnapshotInfo): string {
  if (!info.createdBy) return 'taken automatically';
  return info.createdBy === 'service' ? 'by an integration' : `by a ${info.createdBy}`;
}

/** Who took it, or null where its kind says so already (periodic snapshots are automatic). */
export function takenBy(info: SnapshotInfo): string | null {
  return info.kind === 'periodic' && !info.createdBy ? null : byWhom(info);
}

/** A text on one line, at most `max` characters (cut with "…"); `empty` when there is none. */
export function short(text: string, max = 80, empty = '(empty)'): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t || empty;
}

/** "Nov 30, 2026, 9:10 – 11:00 AM": a span of time, its shared parts said once. */
export function formatSpan(fromIso: string, toIso: string): string {
  const from = new Date(fromIso);
  const to = new Date(toIso);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `${fromIso} – ${toIso}`;
  return from.getTime() === to.getTime() ? when.format(from) : when.formatRange(from, to);
}

/** One row of the history list: a snapshot, or a run of automatic ones folded into one row. */
export type HistoryRow =
  | { kind: 'one'; snapshot: SnapshotInfo }
  | {
      kind: 'run';
      /** The run's oldest snapshot's id: stays the same while newer ones join the run. */
      key: string;
      /** Newest first, as the list. */
      snapshots: SnapshotInfo[];
    };

/**
 * Automatic snapshots come every few minutes while people work — dozens a day — and would bury
 * the named and per-step ones. `minRun` or more in a row (newest first, as listed) fold into one
 * row; fewer stay as they are.
 */
export function historyRows(list: readonly SnapshotInfo[], minRun = 3): HistoryRow[] {
  const rows: HistoryRow[] = [];
  let run: SnapshotInfo[] = [];
  const endRun = () => {
    if (run.length >= minRun) rows.push({ kind: 'run', key: run[run.length - 1]!.id, snapshots: run });
    else for (const snapshot of run) rows.push({ kind: 'one', snapshot });
    run = [];
  };
  for (const snapshot of list) {
    if (snapshot.kind === 'periodic') {
      run.push(snapshot);
      continue;
    }
    endRun();
    rows.push({ kind: 'one', snapshot });
  }
  endRun();
  return rows;
}

/**
 * Why a snapshot could not be opened or restored, in words. One that is gone was an automatic
 * snapshot the server thinned out as it aged (snapshot-retention.ts); nothing else is ever let go.
 */
export function snapshotProblem(what: 'load' | 'restore', error: { message: string; code?: string }): string {
  if (error.code === 'SNAPSHOT_NOT_FOUND') {
    return 'This automatic snapshot is no longer kept: as they age, automatic snapshots are thinned out to one an hour, then one a day. Named and agenda-step snapshots are always kept.';
  }
  return `${what === 'load' ? 'Could not load this snapshot' : 'Could not restore'}: ${error.message}`;
}
