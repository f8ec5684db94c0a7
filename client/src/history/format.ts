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

export function short(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t || '(empty)';
}
