import type { WorkshopView } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { ERROR_SHOWN_MS, errorStillApplies } from './workshop';

const at = 1_000_000;
const refusal = (command: string | null) => ({ code: 'CONFLICT', message: 'no votes left', command, at });
const view = (vote: boolean) => ({ vote: vote ? { id: 'v1' } : null }) as unknown as WorkshopView;

describe('a refusal from the server', () => {
  it('stays while it still says something about the workshop', () => {
    expect(errorStillApplies(refusal('vote.cast'), view(true), at + 1_000)).toBe(true);
    expect(errorStillApplies(refusal('timer.start'), view(false), at + 1_000)).toBe(true);
    expect(errorStillApplies(refusal(null), null, at)).toBe(true);
  });
  it('about a vote ends with the vote (no votes left, once voting is over)', () => {
    expect(errorStillApplies(refusal('vote.cast'), view(false), at + 1_000)).toBe(false);
    expect(errorStillApplies(refusal('vote.retract'), null, at + 1_000)).toBe(false);
    // Starting a vote was refused: there is no vote, and that is what it is about.
    expect(errorStillApplies(refusal('vote.start'), view(false), at + 1_000)).toBe(true);
  });
  it('goes after a while, whatever it was', () => {
    expect(errorStillApplies(refusal('timer.start'), view(false), at + ERROR_SHOWN_MS)).toBe(false);
    expect(errorStillApplies(refusal('vote.cast'), view(true), at + ERROR_SHOWN_MS + 1)).toBe(false);
  });
});
