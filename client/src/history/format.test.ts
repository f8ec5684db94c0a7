import type { SnapshotInfo } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { byWhom, takenBy } from './format';

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
