/**
 * The run-sheet: where the workshop is, and editing its time boxes (facilitator). A change goes to
 * the server as the whole agenda (`agenda.set`), checked first with the same schema the server
 * parses it with.
 */
import { AgendaStep, ControlCommand, type WorkshopView } from '@truenorth/shared';

export const MIN_MINUTES = AgendaStep.shape.minutes.minValue ?? 1;
export const MAX_MINUTES = AgendaStep.shape.minutes.maxValue ?? 24 * 60;

export type AgendaSet = Extract<ControlCommand, { type: 'agenda.set' }>;

/** The frame of the step the workshop is on: null before it starts, after it ends, or unknown. */
export function currentFrameId(view: WorkshopView | null): string | null {
  return view && view.current !== null ? (view.agenda[view.current]?.frameId ?? null) : null;
}

/** Every step of the run-sheet has been run and none is running. */
export function isFinished(view: WorkshopView): boolean {
  return view.current === null && view.agenda.length > 0 && view.agenda.every((s) => s.status === 'done');
}

/**
 * Whether this viewer may change the time boxes: the facilitator, at any time. The server keeps
 * the run where it is when `agenda.set` has the same steps (only time boxes changed), and the
 * running step's timer grows or shrinks with its time box.
 */
export function canEditAgenda(view: WorkshopView): boolean {
  return view.role === 'facilitator' && view.agenda.length > 0;
}

/**
 * The command that gives step `index` a time box of `input` minutes (what was typed), or why it
 * cannot be sent.
 */
export function setStepMinutes(
  view: WorkshopView,
  index: number,
  input: string,
): { ok: true; command: AgendaSet } | { ok: false; message: string } {
  if (!view.agenda[index]) return { ok: false, message: 'That step is no longer on the run-sheet.' };
  const text = input.trim();
  // Only plain whole numbers: Number('1e2') and Number('0x10') are numbers too.
  const minutes = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  const steps = view.agenda.map(({ status: _status, ...step }, i) =>
    i === index ? { ...step, minutes } : step,
  );
  const parsed = ControlCommand.safeParse({ type: 'agenda.set', steps });
  if (parsed.success && parsed.data.type === 'agenda.set') return { ok: true, command: parsed.data };
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  if (!issue || issue.path.includes('minutes')) {
    return {
      ok: false,
      message: `A time box is a whole number of minutes from ${MIN_MINUTES} to ${MAX_MINUTES}.`,
    };
  }
  return { ok: false, message: `The run-sheet cannot be saved: ${issue.message}` };
}
