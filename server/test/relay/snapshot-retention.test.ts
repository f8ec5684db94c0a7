import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotsToPrune, tookOneLately } from '../../src/relay/snapshot-retention.js';
import type { SnapshotKind } from '../../src/storage/types.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const policy = { keepAllMs: DAY, keepHourlyMs: 7 * DAY };
/** Midnight UTC, so hours and days below fall where the test says. */
const NOW = Date.UTC(2026, 10, 30);

interface Snap {
  id: string;
  kind: SnapshotKind;
  createdAt: string;
}

function snap(id: string, ageMs: number, kind: SnapshotKind = 'periodic'): Snap {
  return { id, kind, createdAt: new Date(NOW - ageMs).toISOString() };
}

/** One automatic snapshot every `every` ms from `from` back to `to` (ages), newest first. */
function every(every: number, from: number, to: number, prefix = 'p'): Snap[] {
  const out: Snap[] = [];
  for (let age = from; age <= to; age += every) out.push(snap(`${prefix}${age / MIN}`, age));
  return out;
}

function kept(snaps: Snap[], now = NOW): Snap[] {
  const prune = new Set(snapshotsToPrune(snaps, now, policy));
  return snaps.filter((s) => !prune.has(s.id));
}

describe('snapshot retention', () => {
  it('keeps every automatic snapshot of the last day', () => {
    const day = every(10 * MIN, 5 * MIN, DAY - MIN);
    expect(day).toHaveLength(144);
    expect(snapshotsToPrune(day, NOW, policy)).toEqual([]);
  });

  it('keeps the newest of each hour for a week, then the newest of each day', () => {
    // Ten days of a snapshot every 10 minutes, day and night.
    const all = every(10 * MIN, 10 * MIN, 10 * DAY);
    const left = kept(all);
    const ages = left.map((s) => NOW - Date.parse(s.createdAt));
    // The last day whole (143 snapshots younger than 24 h)…
    expect(ages.filter((a) => a < DAY)).toHaveLength(143);
    // …then one an hour, the newest of it (minute 50, ten minutes before the hour ends)…
    const hourly = ages.filter((a) => a >= DAY && a < 7 * DAY);
    expect(hourly).toHaveLength(6 * 24);
    for (const a of hourly) expect(a % HOUR).toBe(10 * MIN);
    // …then one a day, the newest of it (23:50 UTC).
    const daily = left.filter((s) => NOW - Date.parse(s.createdAt) >= 7 * DAY);
    expect(daily.map((s) => s.createdAt.slice(11, 16))).toEqual(['23:50', '23:50', '23:50']);
    expect(new Set(daily.map((s) => s.createdAt.slice(0, 10))).size).toBe(3);
  });

  it('never lets go of named, per-step or restore-point snapshots, however old', () => {
    const others: Snap[] = [
      snap('named', 30 * DAY, 'manual'),
      snap('named-2', 30 * DAY + MIN, 'manual'),
      snap('step', 10 * DAY, 'agenda'),
      snap('step-2', 10 * DAY + MIN, 'agenda'),
      snap('before-restore', 8 * DAY, 'restore-point'),
      snap('before-restore-2', 8 * DAY + MIN, 'restore-point'),
    ];
    const periodic = every(10 * MIN, 8 * DAY + 10 * MIN, 8 * DAY + 2 * HOUR); // 22:00–23:50 of one day
    const prune = snapshotsToPrune([...others, ...periodic], NOW, policy);
    for (const s of others) expect(prune).not.toContain(s.id);
    // The periodic ones of that day: only the newest of the day stays.
    expect(prune).toHaveLength(periodic.length - 1);
    expect(prune).not.toContain(periodic[0]!.id);
  });

  it('keeps an automatic snapshot a restore point names, so that restore can still be undone', () => {
    // 22:00–23:50 of a day a week ago; a restore of 22:30's snapshot was made right after it.
    const periodic = every(10 * MIN, 8 * DAY + 10 * MIN, 8 * DAY + 2 * HOUR);
    const restoredOne = periodic.find((s) => s.id === `p${(8 * DAY + 90 * MIN) / MIN}`)!;
    const point = {
      ...snap('before-restore', 8 * DAY + 5 * MIN, 'restore-point'),
      restoreOf: restoredOne.id,
    };
    const prune = snapshotsToPrune([point, ...periodic], NOW, policy);
    expect(prune).not.toContain(restoredOne.id);
    expect(prune).not.toContain(periodic[0]!.id); // the newest of the day, as before
    expect(prune).toHaveLength(periodic.length - 2);
    // Named by something that is not a restore point, it goes as any other.
    const named = { ...snap('named', 8 * DAY, 'manual'), restoreOf: restoredOne.id };
    expect(snapshotsToPrune([named, ...periodic], NOW, policy)).toContain(restoredOne.id);
  });

  it('keeps the newest automatic snapshot and any whose time does not read', () => {
    const old = [
      snap('newest', 40 * DAY - 2 * HOUR),
      snap('older', 40 * DAY - HOUR),
      { id: 'odd', kind: 'periodic' as const, createdAt: 'yesterday' },
    ];
    expect(snapshotsToPrune(old, NOW, policy)).toEqual(['older']);
  });

  it('is stable: pruning again later only lets go of what has aged since', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 * DAY }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 10 * DAY }),
        (ageList, later) => {
          const snaps = [...new Set(ageList)].map((a) => snap(`s${a}`, a));
          const first = kept(snaps);
          // What stays now is what the schedule keeps: pruning what is left removes nothing more.
          expect(snapshotsToPrune(first, NOW, policy)).toEqual([]);
          // Later, the survivors thin out again, but the newest always stays and nothing younger
          // than a day goes.
          const second = new Set(snapshotsToPrune(first, NOW + later, policy));
          if (first.length > 0) {
            const newest = first.reduce((a, b) =>
              Date.parse(a.createdAt) > Date.parse(b.createdAt) ? a : b,
            );
            expect(second.has(newest.id)).toBe(false);
          }
          for (const s of first) {
            if (NOW + later - Date.parse(s.createdAt) < DAY) expect(second.has(s.id)).toBe(false);
          }
          // At most one per hour older than a day, and one per day older than a week.
          const left = first.filter((s) => !second.has(s.id));
          const buckets = new Map<string, number>();
          for (const s of left) {
            const at = Date.parse(s.createdAt);
            const age = NOW + later - at;
            if (age < DAY) continue;
            const key = age < 7 * DAY ? `h${Math.floor(at / HOUR)}` : `d${Math.floor(at / DAY)}`;
            buckets.set(key, (buckets.get(key) ?? 0) + 1);
          }
          for (const count of buckets.values()) expect(count).toBe(1);
        },
      ),
    );
  });
});

describe('whether an automatic snapshot is due', () => {
  const at = (ageMs: number) => new Date(NOW - ageMs).toISOString();
  it('is not when another node took one less than half an interval ago', () => {
    expect(tookOneLately([{ kind: 'periodic', createdAt: at(4 * MIN) }], NOW, 10 * MIN)).toBe(true);
    expect(tookOneLately([{ kind: 'periodic', createdAt: at(6 * MIN) }], NOW, 10 * MIN)).toBe(false);
  });
  it('looks only at the newest automatic one, and not at other kinds', () => {
    const list = [
      { kind: 'manual' as const, createdAt: at(MIN) },
      { kind: 'periodic' as const, createdAt: at(20 * MIN) },
      // Storage lists newest first: only the first automatic one in the list counts.
      { kind: 'periodic' as const, createdAt: at(2 * MIN) },
    ];
    expect(tookOneLately(list, NOW, 10 * MIN)).toBe(false);
    expect(tookOneLately([], NOW, 10 * MIN)).toBe(false);
  });
  it('is held back by a clock a little ahead, not by one far off or a time that does not read', () => {
    expect(tookOneLately([{ kind: 'periodic', createdAt: at(-5 * MIN) }], NOW, 10 * MIN)).toBe(true);
    expect(tookOneLately([{ kind: 'periodic', createdAt: at(-DAY) }], NOW, 10 * MIN)).toBe(false);
    expect(tookOneLately([{ kind: 'periodic', createdAt: 'soon' }], NOW, 10 * MIN)).toBe(false);
  });
});
