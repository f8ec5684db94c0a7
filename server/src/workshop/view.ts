/**
 * What one person may see of the workshop state. Ballots never leave the server: before a
 * reveal a participant sees only their own votes, the facilitator only how many people voted,
 * an observer neither.
 */
import type { WorkshopView } from '@truenorth/shared';
import type { Actor, WorkshopState } from './state.js';

export function viewFor(state: WorkshopState, actor: Actor, now: number): WorkshopView {
  const facilitator = actor.role === 'facilitator';
  const vote = state.vote;
  const mine = actor.role === 'observer' ? [] : [...(vote?.ballots[actor.key] ?? [])];
  return {
    role: actor.role,
    now,
    agenda: state.agenda.map((s) => ({ ...s })),
    current: state.current,
    timer: state.timer ? { ...state.timer } : null,
    follow: { active: state.follow.active, viewport: state.follow.viewport },
    done: state.done.includes(actor.key),
    doneCount: facilitator ? state.done.length : null,
    private: { ...state.private },
    vote: vote
      ? {
          id: vote.id,
          scope: vote.scope,
          votesPerPerson: vote.votesPerPerson,
          status: vote.status,
          cardIds: [...vote.cardIds],
          mine,
          remaining: actor.role === 'observer' ? 0 : Math.max(0, vote.votesPerPerson - mine.length),
          voters: facilitator ? Object.values(vote.ballots).filter((b) => b.length > 0).length : null,
          tallies: vote.status === 'revealed' && vote.tallies ? { ...vote.tallies } : null,
        }
      : null,
  };
}
