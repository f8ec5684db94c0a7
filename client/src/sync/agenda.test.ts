import { ControlCommand, type WorkshopView } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { canEditAgenda, currentFrameId, isFinished, MAX_MINUTES, setStepMinutes } from './agenda';

const FRAME_A = 'a'.repeat(21);
const FRAME_B = 'b'.repeat(21);

function view(patch: Partial<WorkshopView> = {}): WorkshopView {
  return {
    role: 'facilitator',
    now: 0,
    agenda: [
      { frameId: FRAME_A, exercise: 'introductions', title: 'Introductions', minutes: 15, status: 'pending' },
      { frameId: FRAME_B, exercise: 'lean-canvas', title: 'Lean Canvas', minutes: 45, status: 'pending' },
    ],
    current: null,
    timer: null,
    follow: { active: false, viewport: null },
    done: false,
    doneCount: 0,
    vote: null,
    private: { active: false, round: 0 },
    ...patch,
  };
}

describe('setStepMinutes', () => {
  it('sends the whole agenda with the one time box changed, as the server parses it', () => {
    const result = setStepMinutes(view(), 1, ' 30 ');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.command).toEqual({
      type: 'agenda.set',
      steps: [
        { frameId: FRAME_A, exercise: 'introductions', title: 'Introductions', minutes: 15 },
        { frameId: FRAME_B, exercise: 'lean-canvas', title: 'Lean Canvas', minutes: 30 },
      ],
    });
    expect(ControlCommand.parse(result.command)).toEqual(result.command);
  });

  it.each(['0', '-5', '2.5', '', 'abc', '1e2', String(MAX_MINUTES + 1)])('refuses %j', (input) => {
    const result = setStepMinutes(view(), 0, input);
    expect(result).toEqual({
      ok: false,
      message: `A time box is a whole number of minutes from 1 to ${MAX_MINUTES}.`,
    });
  });

  it('accepts the limits', () => {
    expect(setStepMinutes(view(), 0, '1').ok).toBe(true);
    expect(setStepMinutes(view(), 0, String(MAX_MINUTES)).ok).toBe(true);
  });

  it('refuses a step that is gone', () => {
    expect(setStepMinutes(view(), 5, '10').ok).toBe(false);
  });
});

describe('canEditAgenda', () => {
  it('lets the facilitator change time boxes, also while the workshop runs', () => {
    expect(canEditAgenda(view())).toBe(true);
    const running = view();
    running.current = 0;
    running.agenda = running.agenda.map((s, i) => ({ ...s, status: i === 0 ? 'active' : 'pending' }));
    expect(canEditAgenda(running)).toBe(true);
  });
  it('not for anyone else, nor without a run-sheet', () => {
    expect(canEditAgenda(view({ role: 'participant' }))).toBe(false);
    expect(canEditAgenda(view({ role: 'observer' }))).toBe(false);
    expect(canEditAgenda(view({ agenda: [] }))).toBe(false);
  });
});

describe('where the workshop is', () => {
  it('names the running step’s frame, and says when every step has been run', () => {
    expect(currentFrameId(null)).toBeNull();
    expect(currentFrameId(view())).toBeNull();
    expect(currentFrameId(view({ current: 1 }))).toBe(FRAME_B);
    expect(isFinished(view())).toBe(false);
    const ran = view().agenda.map((step) => ({ ...step, status: 'done' as const }));
    expect(isFinished(view({ agenda: ran }))).toBe(true);
    expect(isFinished(view({ agenda: ran, current: 1 }))).toBe(false);
    expect(isFinished(view({ agenda: [] }))).toBe(false);
  });
});
