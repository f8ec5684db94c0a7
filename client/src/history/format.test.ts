import type { SnapshotInfo } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { describeError } from './api';
import { byWhom, formatSpan, formatTime, historyRows, snapshotProblem, takenBy } from './format';

const snapshot = (createdBy: string | null): SnapshotInfo => ({
  id: 's1',
  boardId: 'AKG5s7Jz1Lcb',
  name: 'End of day 1',
  kind: createdBy ? 'manual' : 'agenda',
  createdAt: '2026-11-30T04:20:00.000Z',
  createdBy,
  size: 10,
});

describe('who took a snapshot', () => {
  it('reads as what follows its time', () => {
    expect(byWhom(snapshot(null))).toBe('taken automatically');
    expect(byWhom(snapshot('facilitator'))).toBe('by a facilitator');
    expect(byWhom(snapshot('service'))).toBe('by an integration');
  });
  it('is left out where the kind says it already', () => {
    expect(takenBy({ ...snapshot(null), kind: 'periodic' })).toBeNull();
    expect(takenBy(snapshot(null))).toBe('taken automatically');
    expect(takenBy({ ...snapshot('facilitator'), kind: 'periodic' })).toBe('by a facilitator');
  });
});

describe('the history list', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 9, 0) + minutes * 60_000).toISOString();
  const snap = (id: string, kind: SnapshotInfo['kind'], minutes: number): SnapshotInfo => ({
    ...snapshot(kind === 'periodic' ? null : 'facilitator'),
    id,
    kind,
    createdAt: at(minutes),
  });

  it('folds three or more automatic snapshots in a row into one row, and keeps the others', () => {
    // Newest first, as the server lists them.
    const list = [
      snap('p9', 'periodic', 90),
      snap('p8', 'periodic', 80),
      snap('named', 'manual', 75),
      snap('p7', 'periodic', 70),
      snap('p6', 'periodic', 60),
      snap('p5', 'periodic', 50),
      snap('p4', 'periodic', 40),
      snap('step', 'agenda', 35),
      snap('p3', 'periodic', 30),
      snap('p2', 'periodic', 20),
      snap('p1', 'periodic', 10),
    ];
    const rows = historyRows(list);
    expect(
      rows.map((r) => (r.kind === 'one' ? r.snapshot.id : `[${r.snapshots.map((s) => s.id).join(' ')}]`)),
    ).toEqual(['p9', 'p8', 'named', '[p7 p6 p5 p4]', 'step', '[p3 p2 p1]']);
    // Every snapshot is in exactly one row, in the list's order.
    expect(rows.flatMap((r) => (r.kind === 'one' ? [r.snapshot] : r.snapshots))).toEqual(list);
  });

  it('keys a run by its oldest snapshot, so it stays the same run as newer ones join', () => {
    const older = [snap('p3', 'periodic', 30), snap('p2', 'periodic', 20), snap('p1', 'periodic', 10)];
    const [before] = historyRows(older);
    const [after] = historyRows([snap('p4', 'periodic', 40), ...older]);
    expect(before).toMatchObject({ kind: 'run', key: 'p1' });
    expect(after).toMatchObject({ kind: 'run', key: 'p1' });
  });

  it('says a span of time with its shared parts once', () => {
    const span = formatSpan(at(10), at(120));
    expect(span).toContain('–');
    expect(span.match(/2026/g)).toHaveLength(1);
    expect(formatSpan(at(10), at(10))).toBe(formatTime(at(10)));
    expect(formatSpan('soon', at(10))).toContain('soon');
  });
});

describe('a snapshot that cannot be opened', () => {
  it('says a thinned-out automatic snapshot is no longer kept, not that something failed', () => {
    const gone = {
      message: 'No snapshot with this id on this board (SNAPSHOT_NOT_FOUND).',
      code: 'SNAPSHOT_NOT_FOUND',
    };
    expect(snapshotProblem('load', gone)).toMatch(/^This automatic snapshot is no longer kept/);
    expect(snapshotProblem('restore', gone)).toMatch(/^This automatic snapshot is no longer kept/);
  });
  it('passes any other problem on, saying what could not be done', () => {
    const offline = { message: describeError({ kind: 'network', message: 'Failed to fetch' }) };
    expect(snapshotProblem('load', offline)).toBe(`Could not load this snapshot: ${offline.message}`);
    expect(snapshotProblem('restore', { ...offline, code: 'HTTP_500' })).toBe(
      `Could not restore: ${offline.message}`,
    );
  });
  it('says what no connection means, not the browser’s “Failed to fetch”', () => {
    const text = describeError({ kind: 'network', message: 'Failed to fetch' });
    expect(text).not.toMatch(/fetch/i);
    expect(text).toMatch(/cannot be reached/);
    expect(text).toMatch(/board is kept/);
    expect(describeError({ kind: 'http', message: 'No such board', code: 'BOARD_NOT_FOUND' })).toBe(
      'No such board (BOARD_NOT_FOUND).',
    );
  });
});
