import type { AgendaStep, ControlCommand, Role } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  allowed,
  initialState,
  type ReduceResult,
  reduce,
  type WorkshopState,
} from '../../src/workshop/state.js';
import { viewFor } from '../../src/workshop/view.js';

const AGENDA: AgendaStep[] = [
  { frameId: 'f1', exercise: 'introductions', title: 'Introductions', minutes: 10 },
  { frameId: 'f2', exercise: 'card-sorting', title: 'Card Sorting', minutes: 30 },
];
const fac: Actor = { key: 'facilitator:f', role: 'facilitator' };
const ann: Actor = { key: 'participant:ann', role: 'participant' };
const bob: Actor = { key: 'participant:bob', role: 'participant' };
const obs: Actor = { key: 'observer:o', role: 'observer' };
const NOW = 1_000_000;
const ctx = (now = NOW) => ({ now, newId: () => 'vote-1', cardsInScope: () => ['c1', 'c2', 'c3'] });

function run(state: WorkshopState, command: ControlCommand, actor: Actor, now = NOW): ReduceResult {
  return reduce(state, command, actor, ctx(now));
}
function apply(state: WorkshopState, command: ControlCommand, actor: Actor = fac, now = NOW): WorkshopState {
  const r = run(state, command, actor, now);
  if (!r.ok) throw new Error(`${command.type}: ${r.code} ${r.message}`);
  return r.state;
}
function votingState(): WorkshopState {
  return apply(initialState(AGENDA), {
    type: 'vote.start',
    scope: { kind: 'frame', frameId: 'f2' },
    votesPerPerson: 2,
  });
}

const FACILITATOR_ONLY: ControlCommand[] = [
  { type: 'agenda.set', steps: AGENDA },
  { type: 'agenda.start' },
  { type: 'agenda.next' },
  { type: 'timer.start', seconds: 60 },
  { type: 'timer.pause' },
  { type: 'timer.resume' },
  { type: 'timer.add', seconds: 60 },
  { type: 'follow.start' },
  { type: 'follow.stop' },
  { type: 'follow.viewport', viewport: { x: 1, y: 2, zoom: 1 } },
  { type: 'vote.start', scope: { kind: 'frame', frameId: 'f2' }, votesPerPerson: 3 },
  { type: 'vote.reveal' },
  { type: 'vote.close' },
];

describe('roles', () => {
  it.each(['participant', 'observer'] as Role[])('a %s cannot send any facilitator command', (role) => {
    const state = votingState();
    for (const command of FACILITATOR_ONLY) {
      const r = run(state, command, { key: `${role}:x`, role });
      expect(r.ok === false && r.code, command.type).toBe('FORBIDDEN');
    }
  });

  it('observers may only say hello; participants say done, the facilitator does not', () => {
    expect(allowed('observer', 'hello')).toBe(true);
    for (const type of ['done.set', 'vote.cast', 'vote.retract'] as const)
      expect(allowed('observer', type)).toBe(false);
    expect(allowed('participant', 'done.set')).toBe(true);
    expect(allowed('facilitator', 'done.set')).toBe(false);
    expect(allowed('facilitator', 'vote.cast')).toBe(true);
  });
});

describe('agenda', () => {
  it('start runs the first step with its time box; next ends it with a snapshot and runs the next', () => {
    let s = apply(initialState(AGENDA), { type: 'agenda.start' });
    expect(s.current).toBe(0);
    expect(s.agenda.map((a) => a.status)).toEqual(['active', 'pending']);
    expect(s.timer).toEqual({
      running: true,
      endsAt: NOW + 10 * 60_000,
      remainingMs: null,
      totalMs: 600_000,
    });
    s = apply(s, { type: 'done.set', done: true }, ann);
    const r = run(s, { type: 'agenda.next' }, fac, NOW + 5);
    expect(r.ok && r.effects).toEqual([{ kind: 'snapshot', name: 'Introductions — end' }]);
    s = r.ok ? r.state : s;
    expect(s.current).toBe(1);
    expect(s.agenda.map((a) => a.status)).toEqual(['done', 'active']);
    expect(s.timer?.endsAt).toBe(NOW + 5 + 30 * 60_000);
    expect(s.done).toEqual([]);
    const last = run(s, { type: 'agenda.next' }, fac);
    expect(last.ok && last.effects).toEqual([{ kind: 'snapshot', name: 'Card Sorting — end' }]);
    expect(last.ok && last.state.current).toBe(null);
    expect(last.ok && last.state.timer).toBe(null);
  });

  it('refuses what makes no sense', () => {
    expect(run(initialState(), { type: 'agenda.start' }, fac)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(initialState(AGENDA), { type: 'agenda.start', index: 5 }, fac)).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(run(initialState(AGENDA), { type: 'agenda.next' }, fac)).toMatchObject({ code: 'CONFLICT' });
  });

  it('set replaces the run-sheet and stops the running step', () => {
    const s = apply(apply(initialState(AGENDA), { type: 'agenda.start' }), {
      type: 'agenda.set',
      steps: [AGENDA[1]!],
    });
    expect(s.agenda).toEqual([{ ...AGENDA[1], status: 'pending' }]);
    expect(s.current).toBe(null);
  });

  it('new time boxes for the same steps keep the run where it is', () => {
    let s = apply(initialState(AGENDA), { type: 'agenda.start' });
    s = apply(s, { type: 'agenda.next' }, fac, NOW + 60_000);
    const timer = s.timer;
    s = apply(
      s,
      { type: 'agenda.set', steps: AGENDA.map((step) => ({ ...step, minutes: step.minutes + 5 })) },
      fac,
      NOW + 70_000,
    );
    expect(s.agenda.map((step) => [step.minutes, step.status])).toEqual([
      [15, 'done'],
      [35, 'active'],
    ]);
    expect(s.current).toBe(1);
    // The running step got 5 more minutes: so did its timer.
    expect(s.timer).toEqual({
      ...timer,
      endsAt: timer!.endsAt! + 300_000,
      totalMs: timer!.totalMs + 300_000,
    });
  });

  it('a shorter time box for the running step shortens its timer, never below zero', () => {
    let s = apply(initialState(AGENDA), { type: 'agenda.start' });
    const steps = (minutes: number) => AGENDA.map((step, i) => (i === 0 ? { ...step, minutes } : step));
    s = apply(s, { type: 'agenda.set', steps: steps(4) }, fac, NOW + 60_000);
    expect(s.timer).toMatchObject({ running: true, endsAt: NOW + 240_000, totalMs: 240_000 });
    s = apply(s, { type: 'timer.pause' }, fac, NOW + 120_000);
    expect(s.timer).toMatchObject({ remainingMs: 120_000 });
    s = apply(s, { type: 'agenda.set', steps: steps(1) }, fac, NOW + 130_000);
    expect(s.timer).toMatchObject({ running: false, remainingMs: 0, totalMs: 60_000 });
    // A step that is not running keeps the timer as it is.
    const other = apply(s, {
      type: 'agenda.set',
      steps: AGENDA.map((st, i) => (i === 1 ? { ...st, minutes: 99 } : { ...st, minutes: 1 })),
    });
    expect(other.timer).toEqual(s.timer);
  });
});

describe('timer', () => {
  it('starts, pauses, resumes and takes more time', () => {
    let s = apply(initialState(), { type: 'timer.start', seconds: 60 });
    s = apply(s, { type: 'timer.pause' }, fac, NOW + 20_000);
    expect(s.timer).toMatchObject({ running: false, endsAt: null, remainingMs: 40_000 });
    s = apply(s, { type: 'timer.add', seconds: 30 });
    expect(s.timer).toMatchObject({ remainingMs: 70_000, totalMs: 90_000 });
    s = apply(s, { type: 'timer.resume' }, fac, NOW + 100_000);
    expect(s.timer).toMatchObject({ running: true, endsAt: NOW + 170_000, remainingMs: null });
    s = apply(s, { type: 'timer.add', seconds: 10 });
    expect(s.timer?.endsAt).toBe(NOW + 180_000);
  });

  it('adding to a timer that ran out counts from now', () => {
    const s = apply(
      apply(initialState(), { type: 'timer.start', seconds: 10 }),
      { type: 'timer.add', seconds: 5 },
      fac,
      NOW + 60_000,
    );
    expect(s.timer?.endsAt).toBe(NOW + 65_000);
  });

  it('refuses pause, resume and add without a timer in that state', () => {
    expect(run(initialState(), { type: 'timer.pause' }, fac)).toMatchObject({ code: 'CONFLICT' });
    expect(run(initialState(), { type: 'timer.resume' }, fac)).toMatchObject({ code: 'CONFLICT' });
    expect(run(initialState(), { type: 'timer.add', seconds: 1 }, fac)).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('follow me and done', () => {
  it('follow carries the facilitator viewport to everyone', () => {
    let s = apply(initialState(), { type: 'follow.start', viewport: { x: 1, y: 2, zoom: 0.5 } });
    s = apply(s, { type: 'follow.viewport', viewport: { x: 3, y: 4, zoom: 1 } });
    expect(viewFor(s, ann, NOW).follow).toEqual({ active: true, viewport: { x: 3, y: 4, zoom: 1 } });
    s = apply(s, { type: 'follow.stop' });
    expect(viewFor(s, obs, NOW).follow.active).toBe(false);
  });

  it('each participant is done once; only the facilitator sees the count', () => {
    let s = apply(initialState(), { type: 'done.set', done: true }, ann);
    s = apply(s, { type: 'done.set', done: true }, ann);
    s = apply(s, { type: 'done.set', done: true }, bob);
    expect(viewFor(s, fac, NOW).doneCount).toBe(2);
    expect(viewFor(s, ann, NOW)).toMatchObject({ done: true, doneCount: null });
    s = apply(s, { type: 'done.set', done: false }, bob);
    expect(viewFor(s, fac, NOW).doneCount).toBe(1);
    expect(viewFor(s, bob, NOW).done).toBe(false);
  });
});

describe('dot voting', () => {
  it('casts within the budget and the scope, retracts, and tallies at reveal', () => {
    let s = votingState();
    s = apply(s, { type: 'vote.cast', cardId: 'c1' }, ann);
    s = apply(s, { type: 'vote.cast', cardId: 'c1' }, ann);
    expect(run(s, { type: 'vote.cast', cardId: 'c2' }, ann)).toMatchObject({ code: 'CONFLICT' });
    expect(run(s, { type: 'vote.cast', cardId: 'nope' }, bob)).toMatchObject({ code: 'NOT_FOUND' });
    expect(run(s, { type: 'vote.retract', cardId: 'c3' }, bob)).toMatchObject({ code: 'NOT_FOUND' });
    s = apply(s, { type: 'vote.cast', cardId: 'c2' }, bob);
    s = apply(s, { type: 'vote.cast', cardId: 'c3' }, bob);
    s = apply(s, { type: 'vote.retract', cardId: 'c3' }, bob);
    s = apply(s, { type: 'vote.cast', cardId: 'c1' }, fac);
    const r = run(s, { type: 'vote.reveal' }, fac);
    const tallies = { c1: 3, c2: 1, c3: 0 };
    expect(r.ok && r.effects).toEqual([{ kind: 'writeTallies', tallies }]);
    s = r.ok ? r.state : s;
    for (const who of [fac, ann, bob, obs]) expect(viewFor(s, who, NOW).vote?.tallies).toEqual(tallies);
    expect(run(s, { type: 'vote.cast', cardId: 'c2' }, bob)).toMatchObject({ code: 'CONFLICT' });
    expect(run(s, { type: 'vote.reveal' }, fac)).toMatchObject({ code: 'CONFLICT' });
    expect(apply(s, { type: 'vote.close' }).vote).toBe(null);
  });

  it('before reveal each view holds only its own votes; nobody sees a tally', () => {
    let s = votingState();
    s = apply(s, { type: 'vote.cast', cardId: 'c1' }, ann);
    s = apply(s, { type: 'vote.cast', cardId: 'c2' }, bob);
    const views = [fac, ann, bob, obs].map((a) => viewFor(s, a, NOW).vote);
    expect(views.map((v) => v?.tallies)).toEqual([null, null, null, null]);
    expect(views.map((v) => v?.mine)).toEqual([[], ['c1'], ['c2'], []]);
    expect(views.map((v) => v?.remaining)).toEqual([2, 1, 1, 0]);
    expect(views.map((v) => v?.voters)).toEqual([2, null, null, null]);
    // Nothing of the other ballots is anywhere in a participant's view.
    expect(JSON.stringify(viewFor(s, ann, NOW))).not.toContain('c2"]');
    expect(JSON.stringify(viewFor(s, ann, NOW))).not.toContain('bob');
  });

  it('a vote over "the current exercise" covers the step the server knows is running', () => {
    const asked: unknown[] = [];
    const cardsInScope = (scope: unknown) => {
      asked.push(scope);
      return ['c1'];
    };
    const c = { ...ctx(), cardsInScope };
    const start = { type: 'vote.start', scope: { kind: 'current' }, votesPerPerson: 2 } as const;
    // No step running: refused in words, and nothing is read from the board.
    const refused = reduce(initialState(AGENDA), start, fac, c);
    expect(refused).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(refused.ok ? '' : refused.message).toMatch(
      /^Select the themes to vote on first, or start the workshop/,
    );
    expect(asked).toEqual([]);
    // Started (the facilitator's view may not know yet): the running step's frame.
    let s = apply(initialState(AGENDA), { type: 'agenda.start' });
    s = apply(s, { type: 'agenda.next' });
    const r = reduce(s, start, fac, c);
    expect(asked).toEqual([{ kind: 'frame', frameId: 'f2' }]);
    expect(r.ok && r.state.vote?.scope).toEqual({ kind: 'frame', frameId: 'f2' });
  });

  it('one vote at a time, over cards that exist', () => {
    const s = votingState();
    expect(
      run(s, { type: 'vote.start', scope: { kind: 'frame', frameId: 'f1' }, votesPerPerson: 1 }, fac),
    ).toMatchObject({
      code: 'CONFLICT',
    });
    const empty = reduce(
      initialState(),
      { type: 'vote.start', scope: { kind: 'themes', themeIds: ['t'] }, votesPerPerson: 1 },
      fac,
      { ...ctx(), cardsInScope: () => [] },
    );
    expect(empty).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(initialState(), { type: 'vote.reveal' }, fac)).toMatchObject({ code: 'CONFLICT' });
    expect(run(initialState(), { type: 'vote.cast', cardId: 'c1' }, ann)).toMatchObject({ code: 'CONFLICT' });
  });

  it('a vote ends with its step: an open one is revealed onto the cards before the snapshot', () => {
    let s = apply(initialState(AGENDA), { type: 'agenda.start' });
    s = apply(s, { type: 'vote.start', scope: { kind: 'frame', frameId: 'f1' }, votesPerPerson: 2 });
    s = apply(s, { type: 'vote.cast', cardId: 'c1' }, ann);
    s = apply(s, { type: 'vote.cast', cardId: 'c1' }, bob);
    s = apply(s, { type: 'vote.cast', cardId: 'c3' }, bob);
    const r = run(s, { type: 'agenda.next' }, fac);
    expect(r.ok && r.effects).toEqual([
      { kind: 'writeTallies', tallies: { c1: 2, c2: 0, c3: 1 } },
      { kind: 'snapshot', name: 'Introductions — end' },
    ]);
    s = r.ok ? r.state : s;
    expect(s.current).toBe(1);
    expect(s.vote).toBe(null);
    for (const who of [fac, ann, obs]) expect(viewFor(s, who, NOW).vote).toBe(null);
    // The next step's vote can start at once.
    expect(
      run(s, { type: 'vote.start', scope: { kind: 'frame', frameId: 'f2' }, votesPerPerson: 1 }, fac).ok,
    ).toBe(true);
  });

  it('a revealed vote is closed with its step, and its tallies are not written again', () => {
    let s = apply(initialState(AGENDA), { type: 'agenda.start' });
    s = apply(s, { type: 'vote.start', scope: { kind: 'frame', frameId: 'f1' }, votesPerPerson: 1 });
    s = apply(s, { type: 'vote.cast', cardId: 'c2' }, ann);
    s = apply(s, { type: 'vote.reveal' });
    const r = run(s, { type: 'agenda.next' }, fac);
    expect(r.ok && r.effects).toEqual([{ kind: 'snapshot', name: 'Introductions — end' }]);
    expect(r.ok && r.state.vote).toBe(null);
    // Ending the last step (the workshop) closes it the same way.
    s = apply(apply(s, { type: 'agenda.start', index: 1 }), {
      type: 'vote.start',
      scope: { kind: 'frame', frameId: 'f2' },
      votesPerPerson: 1,
    });
    expect(apply(s, { type: 'agenda.next' }).vote).toBe(null);
  });

  it('a vote started before the workshop, or a step restarted, keeps its vote', () => {
    const before = votingState();
    expect(apply(before, { type: 'agenda.start' }).vote?.status).toBe('open');
    let s = apply(initialState(AGENDA), { type: 'agenda.start' });
    s = apply(s, { type: 'vote.start', scope: { kind: 'frame', frameId: 'f1' }, votesPerPerson: 1 });
    expect(apply(s, { type: 'agenda.start', index: 0 }).vote?.status).toBe('open');
  });

  it('never mutates the state it was given', () => {
    const s = votingState();
    const before = JSON.stringify(s);
    apply(s, { type: 'vote.cast', cardId: 'c1' }, ann);
    apply(s, { type: 'vote.reveal' });
    apply(s, { type: 'agenda.start' });
    expect(JSON.stringify(s)).toBe(before);
  });
});
