/**
 * The stored form of the workshop state. What storage hands back is `unknown` (another node, an
 * older server or a hand edit may have written it): it becomes a `WorkshopState` only through
 * this schema. The wire parts (steps, scopes, viewports) reuse the schemas from `shared/`.
 */
import { AgendaStep, StepStatus, Viewport, VoteScope } from '@truenorth/shared';
import { z } from 'zod';
import type { WorkshopState } from './state.js';

const Ms = z.number().int().nonnegative();

const TimerSchema = z.object({
  running: z.boolean(),
  endsAt: z.number().finite().nullable(),
  remainingMs: Ms.nullable(),
  totalMs: Ms,
});

const VoteSchema = z.object({
  id: z.string().min(1),
  scope: VoteScope,
  votesPerPerson: z.number().int().min(1),
  status: z.enum(['open', 'revealed']),
  cardIds: z.array(z.string()),
  ballots: z.record(z.string(), z.array(z.string())),
  tallies: z.record(z.string(), Ms).nullable(),
});

export const WorkshopStateSchema = z.object({
  agenda: z.array(AgendaStep.extend({ status: StepStatus })),
  current: z.number().int().nonnegative().nullable(),
  timer: TimerSchema.nullable(),
  follow: z.object({ active: z.boolean(), viewport: Viewport.nullable() }),
  done: z.array(z.string()),
  vote: VoteSchema.nullable(),
  private: z.object({ active: z.boolean(), round: z.number().int().nonnegative() }),
});

// A parsed state is a valid reducer state, and the schema names every field of it (zod would
// silently drop a field added to `WorkshopState` but not here).
type Parsed = z.infer<typeof WorkshopStateSchema>;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const _sameKeys: SameKeys<Parsed, WorkshopState> & SameKeys<Parsed['vote'] & {}, WorkshopState['vote'] & {}> =
  true;
const _assignable = (s: Parsed): WorkshopState => s;
void _sameKeys;
void _assignable;

/** The stored state, or why it is unusable. `current` must point into the agenda. */
export function parseWorkshopState(
  value: unknown,
): { ok: true; state: WorkshopState } | { ok: false; error: string } {
  const parsed = WorkshopStateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  const state = parsed.data;
  if (state.current !== null && state.current >= state.agenda.length) {
    return { ok: false, error: `current: step ${state.current} is not in the agenda` };
  }
  return { ok: true, state };
}
