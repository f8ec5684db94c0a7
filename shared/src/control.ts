/**
 * The workshop's control channel: JSON messages inside `MessageType.control` (101) frames, in both
 * directions. Clients send commands; the server answers with the workshop state as the receiving
 * role may see it, or an error. The workshop state itself lives on the server, never in the shared
 * document (a participant can write anything there).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import { ElementId } from './elements/common.js';
import { ExerciseKind } from './exercises.js';
import { MessageType } from './protocol.js';

/** Longest control message either side accepts (characters of JSON). */
export const MAX_CONTROL_CHARS = 64 * 1024;
export const MAX_AGENDA_STEPS = 50;
export const MAX_TIMER_SECONDS = 24 * 60 * 60;
export const MAX_VOTES_PER_PERSON = 50;

const Seconds = z.number().int().min(1).max(MAX_TIMER_SECONDS);

export const AgendaStep = z.object({
  frameId: ElementId,
  exercise: ExerciseKind.nullable(),
  title: z.string().min(1).max(200),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});
export type AgendaStep = z.infer<typeof AgendaStep>;

export const VoteScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('frame'), frameId: ElementId }),
  z.object({ kind: z.literal('themes'), themeIds: z.array(ElementId).min(1).max(200) }),
]);
export type VoteScope = z.infer<typeof VoteScope>;

/**
 * What a `vote.start` asks for: a scope, or `current` — the exercise the workshop is on, as the
 * server knows it. A facilitator pressing "Start vote" right after "Start workshop" may not have
 * heard yet which step is running; the server has, so it decides (and refuses when none is).
 */
export const VoteTarget = z.union([VoteScope, z.object({ kind: z.literal('current') })]);
export type VoteTarget = z.infer<typeof VoteTarget>;

/** Said when a vote over "the current exercise" is asked for while no step runs. */
export const NO_VOTE_SCOPE =
  'Select the themes to vote on first, or start the workshop: the vote then covers the current exercise.';

/**
 * What a facilitator leading follow-me shows: the centre (`x`, `y`, world units) and `zoom`, and
 * the size in screen pixels of the part of their canvas no panel covers (`w`, `h`; absent from
 * older clients). Followers fit that region into their own visible area.
 */
export const Viewport = z.object({
  x: z.number().finite().min(-1e7).max(1e7),
  y: z.number().finite().min(-1e7).max(1e7),
  zoom: z.number().finite().min(0.01).max(100),
  w: z.number().finite().min(1).max(20_000).optional(),
  h: z.number().finite().min(1).max(20_000).optional(),
});
export type Viewport = z.infer<typeof Viewport>;

/** Client → server. Facilitator-only unless noted (`FACILITATOR_COMMANDS`). */
export const ControlCommand = z.discriminatedUnion('type', [
  /** Any role: name this browser's ballot and done flag so they survive a reconnect. */
  z.object({ type: z.literal('hello'), key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }),
  z.object({ type: z.literal('agenda.set'), steps: z.array(AgendaStep).max(MAX_AGENDA_STEPS) }),
  z.object({ type: z.literal('agenda.start'), index: z.number().int().min(0).optional() }),
  z.object({ type: z.literal('agenda.next') }),
  z.object({ type: z.literal('timer.start'), seconds: Seconds }),
  z.object({ type: z.literal('timer.pause') }),
  z.object({ type: z.literal('timer.resume') }),
  z.object({ type: z.literal('timer.add'), seconds: Seconds }),
  z.object({ type: z.literal('follow.start'), viewport: Viewport.optional() }),
  z.object({ type: z.literal('follow.stop') }),
  z.object({ type: z.literal('follow.viewport'), viewport: Viewport }),
  /** Participants only. */
  z.object({ type: z.literal('done.set'), done: z.boolean() }),
  z.object({
    type: z.literal('vote.start'),
    scope: VoteTarget,
    votesPerPerson: z.number().int().min(1).max(MAX_VOTES_PER_PERSON),
  }),
  /** Participants and the facilitator. */
  z.object({ type: z.literal('vote.cast'), cardId: ElementId }),
  z.object({ type: z.literal('vote.retract'), cardId: ElementId }),
  z.object({ type: z.literal('vote.reveal') }),
  z.object({ type: z.literal('vote.close') }),
  /** Private brainstorming: participants' new notes stay in their browsers until the reveal. */
  z.object({ type: z.literal('private.start') }),
  z.object({ type: z.literal('private.reveal') }),
]);
export type ControlCommand = z.infer<typeof ControlCommand>;
export type ControlCommandType = ControlCommand['type'];

export const FACILITATOR_COMMANDS: ReadonlySet<ControlCommandType> = new Set([
  'agenda.set',
  'agenda.start',
  'agenda.next',
  'timer.start',
  'timer.pause',
  'timer.resume',
  'timer.add',
  'follow.start',
  'follow.stop',
  'follow.viewport',
  'vote.start',
  'vote.reveal',
  'vote.close',
  'private.start',
  'private.reveal',
]);

export const StepStatus = z.enum(['pending', 'active', 'done']);

/**
 * The timer: running → `endsAt` (server epoch ms); paused → `remainingMs`. Clients correct for
 * their clock with the view's `now`.
 */
export const TimerView = z.object({
  running: z.boolean(),
  endsAt: z.number().nullable(),
  remainingMs: z.number().int().nonnegative().nullable(),
  totalMs: z.number().int().nonnegative(),
});
export type TimerView = z.infer<typeof TimerView>;

export const VoteView = z.object({
  id: z.string(),
  scope: VoteScope,
  votesPerPerson: z.number().int(),
  status: z.enum(['open', 'revealed']),
  /** Cards that can receive votes (in scope when the vote started). */
  cardIds: z.array(z.string()),
  /** This viewer's own votes (card ids, one entry per vote); empty for observers. */
  mine: z.array(z.string()),
  remaining: z.number().int().nonnegative(),
  /** Facilitator only: how many people have cast at least one vote (never who or where). */
  voters: z.number().int().nonnegative().nullable(),
  /** Only after reveal: votes per card id. */
  tallies: z.record(z.string(), z.number().int().nonnegative()).nullable(),
});
export type VoteView = z.infer<typeof VoteView>;

export const PrivateView = z.object({
  active: z.boolean(),
  round: z.number().int().nonnegative(),
});
export type PrivateView = z.infer<typeof PrivateView>;

/** Whether a note drafted in private round `round` may be published now. */
export function draftsRevealed(view: PrivateView, round: number): boolean {
  return !view.active || view.round !== round;
}

/** The workshop state as one role (and one person) may see it. */
export const WorkshopView = z.object({
  role: z.enum(['facilitator', 'participant', 'observer']),
  /** Server clock (epoch ms) when this view was made. */
  now: z.number(),
  agenda: z.array(AgendaStep.extend({ status: StepStatus })),
  current: z.number().int().nullable(),
  timer: TimerView.nullable(),
  follow: z.object({ active: z.boolean(), viewport: Viewport.nullable() }),
  /** This viewer said "I'm done" for the current step. */
  done: z.boolean(),
  /** Facilitator only: how many participants are done. */
  doneCount: z.number().int().nonnegative().nullable(),
  vote: VoteView.nullable(),
  /**
   * Private brainstorming. `round` counts the private rounds started; a note drafted in round r
   * is published once the view is no longer `{ active: true, round: r }` (revealed, or a later
   * round — a client that was offline then still publishes its drafts when it comes back).
   */
  private: PrivateView,
});
export type WorkshopView = z.infer<typeof WorkshopView>;

/** `UNAVAILABLE`: the server could not store the change (nothing changed; try again). */
export const ControlErrorCode = z.enum(['FORBIDDEN', 'BAD_COMMAND', 'CONFLICT', 'NOT_FOUND', 'UNAVAILABLE']);
export type ControlErrorCode = z.infer<typeof ControlErrorCode>;

/** Server → client. */
export const ControlServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: WorkshopView }),
  z.object({
    type: z.literal('error'),
    code: ControlErrorCode,
    message: z.string(),
    command: z.string().optional(),
  }),
]);
export type ControlServerMessage = z.infer<typeof ControlServerMessage>;

/** A `control` frame around a JSON value. */
export function encodeControl(value: unknown): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.control);
  encoding.writeVarString(e, JSON.stringify(value));
  return encoding.toUint8Array(e);
}

/** The JSON text of a `control` frame (type byte included), or null when it is not one. */
export function decodeControlText(data: Uint8Array): string | null {
  try {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== MessageType.control) return null;
    const text = decoding.readVarString(d);
    return decoding.hasContent(d) ? null : text;
  } catch {
    return null;
  }
}

/** Parse JSON text into a value; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
