/**
 * The facilitator's workshop state and the pure reducer that changes it: run-sheet, timer,
 * follow-me, "I'm done", dot voting and private brainstorming. `reduce(state, command, actor, ctx)` returns the next
 * state and the side effects the hub must perform (a snapshot, tallies written to cards), or an
 * error — never throws, never mutates its input. Roles are enforced here.
 */
import {
  type AgendaStep,
  type ControlCommand,
  type ControlErrorCode,
  FACILITATOR_COMMANDS,
  NO_VOTE_SCOPE,
  type Role,
  type Viewport,
  type VoteScope,
} from '@truenorth/shared';

export type StepStatus = 'pending' | 'active' | 'done';

export interface Timer {
  running: boolean;
  /** Server epoch ms when a running timer ends. */
  endsAt: number | null;
  /** What is left of a paused timer. */
  remainingMs: number | null;
  totalMs: number;
}

export interface Vote {
  id: string;
  scope: VoteScope;
  votesPerPerson: number;
  status: 'open' | 'revealed';
  /** The cards in scope when the vote started: only these can receive votes. */
  cardIds: readonly string[];
  /** Voter key → the cards voted for (one entry per vote). Never leaves the server. */
  ballots: Readonly<Record<string, readonly string[]>>;
  /** Votes per card, set at reveal. */
  tallies: Readonly<Record<string, number>> | null;
}

export interface WorkshopState {
  agenda: readonly (AgendaStep & { status: StepStatus })[];
  current: number | null;
  timer: Timer | null;
  follow: { active: boolean; viewport: Viewport | null };
  /** Keys of the participants done with the current step. */
  done: readonly string[];
  vote: Vote | null;
  /** Private brainstorming: on or off, and how many rounds were started. */
  private: { active: boolean; round: number };
}

/** Who sent a command: the role from their link, and a stable key for their ballot. */
export interface Actor {
  key: string;
  role: Role;
}

export interface ReduceContext {
  now: number;
  newId(): string;
  /** The card ids a vote over `scope` covers, read from the board. */
  cardsInScope(scope: VoteScope): string[];
}

export type Effect =
  | { kind: 'snapshot'; name: string }
  | { kind: 'writeTallies'; tallies: Readonly<Record<string, number>> };

export type ReduceResult =
  | { ok: true; state: WorkshopState; effects: Effect[] }
  | { ok: false; code: ControlErrorCode; message: string };

export function initialState(agenda: readonly AgendaStep[] = []): WorkshopState {
  return {
    agenda: agenda.map((s) => ({ ...s, status: 'pending' as const })),
    current: null,
    timer: null,
    follow: { active: false, viewport: null },
    done: [],
    vote: null,
    private: { active: false, round: 0 },
  };
}

const fail = (code: ControlErrorCode, message: string): ReduceResult => ({ ok: false, code, message });
const ok = (state: WorkshopState, effects: Effect[] = []): ReduceResult => ({ ok: true, state, effects });

/** Whether `role` may send `type` at all (before any state is looked at). */
export function allowed(role: Role, type: ControlCommand['type']): boolean {
  if (type === 'hello') return true;
  if (role === 'observer') return false;
  if (FACILITATOR_COMMANDS.has(type)) return role === 'facilitator';
  if (type === 'done.set') return role === 'participant';
  return true;
}

function runningTimer(seconds: number, now: number): Timer {
  const totalMs = seconds * 1000;
  return { running: true, endsAt: now + totalMs, remainingMs: null, totalMs };
}

/**
 * The tallies of a vote as they are now: every card in it (0 when nobody voted for it), plus one
 * per vote in anybody's ballot.
 */
function talliesOf(vote: Vote): Record<string, number> {
  const tallies: Record<string, number> = Object.fromEntries(vote.cardIds.map((id) => [id, 0]));
  for (const ballot of Object.values(vote.ballots)) {
    for (const id of ballot) tallies[id] = (tallies[id] ?? 0) + 1;
  }
  return tallies;
}

/**
 * Make step `index` the running one: the step before it (if any) ends and is snapshotted. A dot
 * vote belongs to the step it ran in: the step's end ends it too — one still open is revealed
 * first (its tallies are written to the cards, before the snapshot, so nobody's votes are lost and
 * the step's record holds them) — and the next exercise starts with no vote.
 */
function enterStep(state: WorkshopState, index: number | null, now: number): ReduceResult {
  const effects: Effect[] = [];
  const moving = state.current !== null && index !== state.current;
  if (moving && state.vote?.status === 'open') {
    effects.push({ kind: 'writeTallies', tallies: talliesOf(state.vote) });
  }
  const agenda = state.agenda.map((step, i) => {
    if (i === state.current && step.status === 'active' && i !== index) {
      effects.push({ kind: 'snapshot', name: `${step.title} — end` });
      return { ...step, status: 'done' as const };
    }
    if (i === index) return { ...step, status: 'active' as const };
    return step;
  });
  const step = index === null ? undefined : agenda[index];
  return ok(
    {
      ...state,
      agenda,
      current: index,
      timer: step ? runningTimer(step.minutes * 60, now) : null,
      done: [],
      vote: moving ? null : state.vote,
    },
    effects,
  );
}

/**
 * The running step's timer after its time box changed: longer or shorter by the difference
 * (never below zero left); other timers are untouched.
 */
function retimed(state: WorkshopState, steps: readonly AgendaStep[], now: number): Timer | null {
  const t = state.timer;
  const i = state.current;
  if (!t || i === null || state.agenda[i]?.status !== 'active') return t;
  const deltaMs = ((steps[i]?.minutes ?? 0) - (state.agenda[i]?.minutes ?? 0)) * 60_000;
  if (deltaMs === 0) return t;
  const totalMs = Math.max(0, t.totalMs + deltaMs);
  if (t.running && t.endsAt !== null) return { ...t, totalMs, endsAt: Math.max(now, t.endsAt + deltaMs) };
  return { ...t, totalMs, remainingMs: Math.max(0, (t.remainingMs ?? 0) + deltaMs) };
}

function reduceVote(
  state: WorkshopState,
  command: ControlCommand,
  actor: Actor,
  ctx: ReduceContext,
): ReduceResult {
  const vote = state.vote;
  switch (command.type) {
    case 'vote.start': {
      if (vote?.status === 'open') return fail('CONFLICT', 'a vote is open: reveal or close it first');
      // "The current exercise" is resolved here, where the running step is known for certain.
      const running = state.current === null ? undefined : state.agenda[state.current];
      const scope: VoteScope | null =
        command.scope.kind !== 'current'
          ? command.scope
          : running
            ? { kind: 'frame', frameId: running.frameId }
            : null;
      if (!scope) return fail('CONFLICT', NO_VOTE_SCOPE);
      const cardIds = [...new Set(ctx.cardsInScope(scope))];
      if (cardIds.length === 0) return fail('CONFLICT', 'there are no cards to vote on in that scope');
      return ok({
        ...state,
        vote: {
          id: ctx.newId(),
          scope,
          votesPerPerson: command.votesPerPerson,
          status: 'open',
          cardIds,
          ballots: {},
          tallies: null,
        },
      });
    }
    case 'vote.cast':
    case 'vote.retract': {
      if (vote?.status !== 'open') return fail('CONFLICT', 'no vote is open');
      const mine = vote.ballots[actor.key] ?? [];
      let next: string[];
      if (command.type === 'vote.cast') {
        if (!vote.cardIds.includes(command.cardId)) return fail('NOT_FOUND', 'that card is not in this vote');
        if (mine.length >= vote.votesPerPerson) return fail('CONFLICT', 'no votes left');
        next = [...mine, command.cardId];
      } else {
        const at = mine.indexOf(command.cardId);
        if (at === -1) return fail('NOT_FOUND', 'you have no vote on that card');
        next = [...mine.slice(0, at), ...mine.slice(at + 1)];
      }
      return ok({ ...state, vote: { ...vote, ballots: { ...vote.ballots, [actor.key]: next } } });
    }
    case 'vote.reveal': {
      if (vote?.status !== 'open') return fail('CONFLICT', 'no vote is open');
      const tallies = talliesOf(vote);
      return ok({ ...state, vote: { ...vote, status: 'revealed', tallies } }, [
        { kind: 'writeTallies', tallies },
      ]);
    }
    case 'vote.close':
      if (!vote) return fail('CONFLICT', 'no vote to close');
      return ok({ ...state, vote: null });
    default:
      return fail('BAD_COMMAND', `not a vote command: ${command.type}`);
  }
}

export function reduce(
  state: WorkshopState,
  command: ControlCommand,
  actor: Actor,
  ctx: ReduceContext,
): ReduceResult {
  if (!allowed(actor.role, command.type)) {
    return fail('FORBIDDEN', `the ${actor.role} role may not ${command.type}`);
  }
  const { now } = ctx;
  switch (command.type) {
    case 'hello':
      return ok(state);
    case 'agenda.set': {
      // The same steps (same frames, same order) with new time boxes or titles: the run goes on
      // where it is — statuses, current step and its running timer are kept. A different list
      // of steps starts the run over.
      const sameSteps =
        command.steps.length === state.agenda.length &&
        command.steps.every((step, i) => step.frameId === state.agenda[i]?.frameId);
      if (sameSteps) {
        return ok({
          ...state,
          agenda: command.steps.map((step, i) => ({ ...step, status: state.agenda[i]!.status })),
          timer: retimed(state, command.steps, now),
        });
      }
      return ok({
        ...initialState(command.steps),
        follow: state.follow,
        vote: state.vote,
        private: state.private,
      });
    }
    case 'agenda.start': {
      const index = command.index ?? 0;
      if (state.agenda.length === 0) return fail('CONFLICT', 'the agenda is empty');
      if (index >= state.agenda.length) return fail('NOT_FOUND', `no agenda step ${index}`);
      return enterStep(state, index, now);
    }
    case 'agenda.next': {
      if (state.current === null) return fail('CONFLICT', 'no step is running');
      const next = state.current + 1;
      return enterStep(state, next < state.agenda.length ? next : null, now);
    }
    case 'timer.start':
      return ok({ ...state, timer: runningTimer(command.seconds, now) });
    case 'timer.pause': {
      const t = state.timer;
      if (!t?.running || t.endsAt === null) return fail('CONFLICT', 'the timer is not running');
      return ok({
        ...state,
        timer: { ...t, running: false, endsAt: null, remainingMs: Math.max(0, t.endsAt - now) },
      });
    }
    case 'timer.resume': {
      const t = state.timer;
      if (!t || t.running || t.remainingMs === null) return fail('CONFLICT', 'the timer is not paused');
      return ok({ ...state, timer: { ...t, running: true, endsAt: now + t.remainingMs, remainingMs: null } });
    }
    case 'timer.add': {
      const t = state.timer;
      if (!t) return fail('CONFLICT', 'no timer to add time to');
      const ms = command.seconds * 1000;
      // A timer that already ran out starts again from now.
      const timer =
        t.running && t.endsAt !== null
          ? { ...t, endsAt: Math.max(t.endsAt, now) + ms, totalMs: t.totalMs + ms }
          : { ...t, remainingMs: (t.remainingMs ?? 0) + ms, totalMs: t.totalMs + ms };
      return ok({ ...state, timer });
    }
    case 'follow.start':
      return ok({
        ...state,
        follow: { active: true, viewport: command.viewport ?? state.follow.viewport },
      });
    case 'follow.stop':
      return ok({ ...state, follow: { ...state.follow, active: false } });
    case 'follow.viewport':
      return ok({ ...state, follow: { ...state.follow, viewport: command.viewport } });
    case 'done.set': {
      const others = state.done.filter((k) => k !== actor.key);
      return ok({ ...state, done: command.done ? [...others, actor.key] : others });
    }
    case 'vote.start':
    case 'vote.cast':
    case 'vote.retract':
    case 'vote.reveal':
    case 'vote.close':
      return reduceVote(state, command, actor, ctx);
    case 'private.start':
      if (state.private.active) return fail('CONFLICT', 'private brainstorming is on already');
      return ok({ ...state, private: { active: true, round: state.private.round + 1 } });
    case 'private.reveal':
      if (!state.private.active) return fail('CONFLICT', 'private brainstorming is not on');
      return ok({ ...state, private: { ...state.private, active: false } });
    default:
      command satisfies never;
      return fail('BAD_COMMAND', 'unknown command');
  }
}
