import type { WorkshopView } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { spokenDuration, timerMarkPassed, votesLeftNews, workshopNews } from './workshopNews';

const base: WorkshopView = {
  role: 'participant',
  now: 1_000_000,
  agenda: [
    { frameId: 'a', title: 'Introductions', minutes: 15, status: 'active' },
    { frameId: 'b', title: 'Road Map', minutes: 45, status: 'pending' },
  ] as WorkshopView['agenda'],
  current: 0,
  timer: { running: true, endsAt: 1_000_000 + 600_000, remainingMs: null, totalMs: 900_000 },
  follow: { active: false, viewport: null },
  done: false,
  doneCount: null,
  vote: null,
  private: { active: false, round: 0 },
};

describe('workshopNews', () => {
  it('says nothing for the first view of a visit, nor for a view that changed nothing said aloud', () => {
    expect(workshopNews(null, base, 'participant')).toEqual([]);
    expect(workshopNews(base, { ...base, doneCount: 3, now: base.now + 5000 }, 'participant')).toEqual([]);
  });

  it('tells a timer added to from one started, paused and resumed', () => {
    const t = base.timer!;
    const added = { ...base, timer: { ...t, endsAt: t.endsAt! + 60_000, totalMs: t.totalMs + 60_000 } };
    expect(workshopNews(base, added, 'participant')).toEqual([
      '1 minute added to the timer: 11 minutes left.',
    ]);
    const paused = { ...base, timer: { ...t, running: false, endsAt: null, remainingMs: 250_000 } };
    expect(workshopNews(base, paused, 'participant')).toEqual(['Timer paused with 4:10 left.']);
    expect(workshopNews(paused, base, 'participant')).toEqual(['Timer resumed: 10 minutes left.']);
  });

  it('leaves the new step’s time box to the step’s news', () => {
    const next = { ...base, current: 1, timer: { ...base.timer!, totalMs: 45 * 60_000 } };
    expect(workshopNews(base, next, 'observer')).toEqual([
      'The workshop moved on to step 2 of 2, Road Map. Time box: 45 minutes.',
    ]);
    expect(workshopNews(next, { ...next, current: null, timer: null }, 'observer')).toEqual([
      'The workshop has ended.',
    ]);
  });
});

describe('timerMarkPassed', () => {
  it('speaks when the countdown passes its last minute and its end, once', () => {
    expect(timerMarkPassed(null, 30_000)).toBeNull();
    expect(timerMarkPassed(61_000, 60_000)).toBe('One minute left on the timer.');
    expect(timerMarkPassed(60_000, 59_750)).toBeNull();
    expect(timerMarkPassed(250, 0)).toBe('Time’s up.');
    expect(timerMarkPassed(0, 0)).toBeNull();
    // More time, or a new timer: not a countdown passing anything.
    expect(timerMarkPassed(0, 60_000)).toBeNull();
    expect(timerMarkPassed(45_000, 300_000)).toBeNull();
  });

  it('reads durations as a person says them', () => {
    expect(spokenDuration(60_000)).toBe('1 minute');
    expect(spokenDuration(62_000)).toBe('1:02');
    expect(spokenDuration(2000)).toBe('2 seconds');
  });
});

describe('votesLeftNews', () => {
  const open: NonNullable<WorkshopView['vote']> = {
    id: 'v1',
    scope: { kind: 'frame', frameId: 'a' },
    votesPerPerson: 3,
    status: 'open',
    cardIds: ['c1', 'c2'],
    mine: [],
    remaining: 3,
    voters: null,
    tallies: null,
  };
  const cast = { ...open, mine: ['c1'], remaining: 2 };
  const none = { asked: null, outlineOpen: false };

  it('says the votes left when they change in the same open vote, with what was asked on the canvas', () => {
    expect(votesLeftNews(open, cast, none)).toBe('2 votes left.');
    expect(votesLeftNews(open, { ...cast, remaining: 1 }, none)).toBe('1 vote left.');
    expect(votesLeftNews(open, cast, { asked: 'Voted for “Offline”', outlineOpen: false })).toBe(
      'Voted for “Offline”: 2 votes left.',
    );
    expect(votesLeftNews(cast, open, { asked: 'Vote taken back from “Offline”', outlineOpen: true })).toBe(
      'Vote taken back from “Offline”: 3 votes left.',
    );
  });

  it('says nothing when the count did not change, a vote starts or ends, or the outline said it', () => {
    // Every other change of the view (the timer, someone else's vote) re-renders: not news.
    expect(votesLeftNews(cast, { ...cast, voters: 4 }, none)).toBeNull();
    expect(votesLeftNews(null, open, none)).toBeNull();
    expect(votesLeftNews(cast, null, none)).toBeNull();
    expect(votesLeftNews(cast, { ...open, id: 'v2' }, none)).toBeNull();
    expect(votesLeftNews(cast, { ...cast, status: 'revealed' }, none)).toBeNull();
    // A vote from the outline: the outline's own line says it, with the card.
    expect(votesLeftNews(open, cast, { asked: null, outlineOpen: true })).toBeNull();
  });
});
