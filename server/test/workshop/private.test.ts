/** Private brainstorming in the workshop reducer and views: facilitator-only, rounds counted. */
import { type ControlCommand, draftsRevealed, WorkshopView } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { type Actor, initialState, reduce, type WorkshopState } from '../../src/workshop/state.js';
import { viewFor } from '../../src/workshop/view.js';

const fac: Actor = { key: 'facilitator:f', role: 'facilitator' };
const ann: Actor = { key: 'participant:ann', role: 'participant' };
const obs: Actor = { key: 'observer:o', role: 'observer' };
const ctx = { now: 1, newId: () => 'x', cardsInScope: () => [] };

function apply(state: WorkshopState, command: ControlCommand, actor: Actor = fac): WorkshopState {
  const r = reduce(state, command, actor, ctx);
  if (!r.ok) throw new Error(`${command.type}: ${r.code} ${r.message}`);
  return r.state;
}

describe('private brainstorming', () => {
  it('only the facilitator starts and reveals it', () => {
    const s = initialState();
    for (const actor of [ann, obs]) {
      for (const type of ['private.start', 'private.reveal'] as const) {
        const r = reduce(s, { type }, actor, ctx);
        expect(r.ok ? 'ok' : r.code).toBe('FORBIDDEN');
      }
    }
    const on = apply(s, { type: 'private.start' });
    const r = reduce(on, { type: 'private.reveal' }, ann, ctx);
    expect(r.ok ? 'ok' : r.code).toBe('FORBIDDEN');
    expect(on.private).toEqual({ active: true, round: 1 });
  });

  it('counts rounds; starting twice or revealing when off is a conflict', () => {
    let s = initialState();
    const revealOff = reduce(s, { type: 'private.reveal' }, fac, ctx);
    expect(revealOff.ok ? 'ok' : revealOff.code).toBe('CONFLICT');
    s = apply(s, { type: 'private.start' });
    const again = reduce(s, { type: 'private.start' }, fac, ctx);
    expect(again.ok ? 'ok' : again.code).toBe('CONFLICT');
    s = apply(s, { type: 'private.reveal' });
    expect(s.private).toEqual({ active: false, round: 1 });
    s = apply(s, { type: 'private.start' });
    expect(s.private).toEqual({ active: true, round: 2 });
  });

  it('survives a new agenda, and every role sees it in a valid view', () => {
    let s = apply(initialState(), { type: 'private.start' });
    s = apply(s, { type: 'agenda.set', steps: [] });
    expect(s.private.active).toBe(true);
    for (const actor of [fac, ann, obs]) {
      const view = WorkshopView.parse(viewFor(s, actor, 1));
      expect(view.private).toEqual({ active: true, round: 1 });
    }
  });

  it('a draft is published once its round is revealed or a later round began', () => {
    expect(draftsRevealed({ active: true, round: 3 }, 3)).toBe(false);
    expect(draftsRevealed({ active: false, round: 3 }, 3)).toBe(true);
    // Offline through the reveal and the next round's start: the old draft goes out.
    expect(draftsRevealed({ active: true, round: 4 }, 3)).toBe(true);
  });
});
