/**
 * What a screen reader is told when the workshop changes under the user: the step it moved to, a
 * private round starting or revealed, a dot vote starting, revealed or ended, the timer started,
 * paused, resumed or given more time. On the screen these show as the panel's heading, banners
 * and buttons changing, none of which is announced by itself. The timer's countdown is not news:
 * only its last minute and its end are (`timerNews`), never each second.
 */
import type { Role, WorkshopView } from '@truenorth/shared';

/** "5 minutes", "1 minute", "4:12". */
export function spokenDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  if (total % 60 === 0) {
    const m = total / 60;
    return `${m} ${m === 1 ? 'minute' : 'minutes'}`;
  }
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m === 0 ? `${s} seconds` : `${m}:${String(s).padStart(2, '0')}`;
}

function stepNews(before: WorkshopView, after: WorkshopView): string | null {
  if (before.current === after.current) return null;
  const i = after.current;
  if (i === null) return 'The workshop has ended.';
  const title = after.agenda[i]?.title ?? '';
  const where = `step ${i + 1} of ${after.agenda.length}, ${title}`;
  const timer = after.timer?.running ? ` Time box: ${spokenDuration(after.timer.totalMs)}.` : '';
  return before.current === null
    ? `The workshop started: ${where}.${timer}`
    : `The workshop moved on to ${where}.${timer}`;
}

function privateNews(before: WorkshopView, after: WorkshopView, role: Role): string | null {
  const was = before.private.active;
  const is = after.private.active;
  if (!was && is) {
    if (role === 'participant')
      return 'Private brainstorming: your new notes stay private, on your screen only, until the facilitator reveals them.';
    if (role === 'facilitator')
      return 'Private brainstorming started: participants’ new notes stay hidden until you reveal them. Your notes are public.';
    return 'Private brainstorming: participants’ notes appear when the facilitator reveals them.';
  }
  if (was && !is)
    return role === 'participant'
      ? 'The facilitator revealed the private notes: yours are on the board now, for everyone.'
      : 'The private notes are revealed: they are on the board now.';
  return null;
}

function voteNews(before: WorkshopView, after: WorkshopView, role: Role): string | null {
  const was = before.vote;
  const is = after.vote;
  if (is && (!was || was.id !== is.id)) {
    return role === 'observer'
      ? 'Dot voting started.'
      : `Dot voting started: ${is.votesPerPerson} ${is.votesPerPerson === 1 ? 'vote' : 'votes'} each.`;
  }
  if (was && is && was.status === 'open' && is.status === 'revealed')
    return 'Votes revealed: each card shows its count.';
  if (was && !is) return 'Dot voting ended.';
  return null;
}

function timerChangeNews(before: WorkshopView, after: WorkshopView): string | null {
  const was = before.timer;
  const is = after.timer;
  if (!is) return null;
  // A new step starts its time box: the step's news says so.
  if (before.current !== after.current) return null;
  const left = is.running && is.endsAt !== null ? is.endsAt - after.now : (is.remainingMs ?? 0);
  if (!was) return `Timer started: ${spokenDuration(is.totalMs)}.`;
  if (is.totalMs > was.totalMs && was.running === is.running)
    return `${spokenDuration(is.totalMs - was.totalMs)} added to the timer: ${spokenDuration(left)} left.`;
  if (was.running && !is.running) return `Timer paused with ${spokenDuration(left)} left.`;
  if (!was.running && is.running && is.totalMs === was.totalMs)
    return `Timer resumed: ${spokenDuration(left)} left.`;
  if (is.running && (is.endsAt !== was.endsAt || is.totalMs !== was.totalMs))
    return `Timer started: ${spokenDuration(is.totalMs)}.`;
  return null;
}

/** What changed between two views of the workshop, as sentences to read out (none: nothing to say). */
export function workshopNews(before: WorkshopView | null, after: WorkshopView, role: Role): string[] {
  // The first view of a visit is where things stand, not news.
  if (!before) return [];
  return [
    stepNews(before, after),
    privateNews(before, after, role),
    voteNews(before, after, role),
    timerChangeNews(before, after),
  ].filter((s): s is string => s !== null);
}

/**
 * The countdown's milestone passed between two readings of the time left (ms), if any: its last
 * minute and its end. Only a countdown passing one says so — not a timer started, resumed or given
 * more time with less than that left, and never each second.
 */
export function timerMarkPassed(before: number | null, left: number): string | null {
  if (before === null || left >= before) return null;
  if (before > 0 && left <= 0) return 'Time’s up.';
  if (before > 60_000 && left <= 60_000) return 'One minute left on the timer.';
  return null;
}

/**
 * This user's votes left, said when they change in the same open vote — a vote cast or taken back
 * on the canvas, in the workshop panel, from another tab — and never on a render that changed
 * nothing else: the canvas banner's count is not a live region (it would be read at every change
 * of the banner). `asked` is what a tap or click on the canvas asked for, said with the count. A
 * change nobody asked for on the canvas while the outline is open is the outline's: its own line
 * says it, with the card, and it is not said twice.
 */
export function votesLeftNews(
  before: WorkshopView['vote'] | undefined,
  after: WorkshopView['vote'] | undefined,
  { asked, outlineOpen }: { asked: string | null; outlineOpen: boolean },
): string | null {
  if (!before || !after || before.id !== after.id) return null;
  if (before.status !== 'open' || after.status !== 'open' || before.remaining === after.remaining)
    return null;
  if (!asked && outlineOpen) return null;
  const left = `${after.remaining} ${after.remaining === 1 ? 'vote' : 'votes'} left.`;
  return asked ? `${asked}: ${left}` : left;
}
