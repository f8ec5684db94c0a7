/**
 * The run-sheet (each step shows its exercise) and the facilitator's controls; participants get
 * "I'm done" and their votes, and everyone who writes gets their introduction card while that
 * step runs. Every control command is sent to the server; what changes is what it sends back.
 */
import {
  addIntroductionCard,
  type ControlCommand,
  introductionCardOf,
  type Role,
  settleIntroductionCard,
  type WorkshopView,
} from '@truenorth/shared';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { showElement, showStep } from '../app/actions';
import { useBoard } from '../app/boardContext';
import {
  canEditAgenda,
  currentFrameId,
  isFinished,
  MAX_MINUTES,
  MIN_MINUTES,
  setStepMinutes,
} from '../sync/agenda';
import { participantsHere } from '../sync/presence';
import { usePeople } from '../sync/usePeers';
import type { WorkshopClient, WorkshopSnapshot } from '../sync/workshop';
import { useCanvasOverlay } from './useCanvasOverlay';
import { WorkshopEnd } from './WorkshopEnd';

/** How long a time box change waits for the server's answer before saying it may not have been saved. */
const ANSWER_MS = 5000;
/** How long after "Start workshop" or "End step & next" the new step is still brought into view. */
const ADVANCE_MS = 5000;
/** Where the panel starts folded (the top bar's narrow layout starts there too: styles.css). */
const NARROW = '(max-width: 720px)';

interface Props {
  client: WorkshopClient;
  snap: WorkshopSnapshot;
  role: Role;
  followViewport: () => { x: number; y: number; zoom: number };
}

export function WorkshopPanel({ client, snap, role, followViewport }: Props) {
  // Until someone toggles it, the panel is open only where there is a run-sheet to show, and
  // folded on a narrow window (a phone), where it would cover most of the canvas.
  const [toggled, setOpen] = useState<boolean | null>(null);
  const [narrow] = useState(() => window.matchMedia?.(NARROW).matches ?? false);
  // The panel covers the canvas's right edge: fits keep clear of it, and the opening view is
  // fitted again when it appears, opens or closes.
  const overlay = useCanvasOverlay();
  const board = useBoard();
  const view = snap.view;
  const send = (c: ControlCommand) => client.send(c);
  // The facilitator who starts the workshop or moves it on is taken to the step it is now on (with
  // follow-me on, everyone following goes with them); nobody else's view jumps.
  const advanced = useRef<number | null>(null);
  const currentFrame = currentFrameId(view);
  useEffect(() => {
    const sentAt = advanced.current;
    if (sentAt === null) return;
    advanced.current = null;
    // Ending the last step leaves no step to show.
    if (currentFrame !== null && Date.now() - sentAt <= ADVANCE_MS) showStep(board, currentFrame);
  }, [currentFrame, board]);
  // On a phone the open panel leaves an exercise shown from it a strip: fold it, and the held fit
  // is redone for the whole screen.
  const foldOnPhone = () => {
    if (window.matchMedia?.(NARROW).matches) setOpen(false);
  };
  // The workshop ending while they are here opens everyone's panel (folded on a phone, closed by
  // an observer) at its close: that it is over, and the record. Opening a finished board does not.
  const finished = view ? isFinished(view) : false;
  const running = view?.current !== null && view?.current !== undefined;
  const wasRunning = useRef(false);
  useEffect(() => {
    if (finished && wasRunning.current) setOpen(true);
    wasRunning.current = running;
  }, [finished, running]);
  if (!view) return null;
  const open = toggled ?? (role !== 'observer' && view.agenda.length > 0 && !narrow);
  return (
    <section
      ref={overlay}
      className="workshop-panel"
      aria-label="Workshop"
      data-testid="workshop-panel"
      data-canvas-overlay
    >
      <div className="workshop-head">
        <button type="button" className="workshop-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="workshop-toggle-text">
            Workshop
            {view.current !== null
              ? ` · ${view.agenda[view.current]?.title ?? ''}`
              : finished
                ? ' · finished'
                : ''}
          </span>
        </button>
        {/* Folded (as it starts on a phone), the panel still offers the step's own action beside
            its name: on a phone "Add my card" is what a participant came to do, and it took
            unfolding the panel over the canvas to find it; in the other steps, and on
            Introductions during a private round (no card then), "I'm done". */}
        {!open && role !== 'observer' && (
          <IntroductionCard view={view} role={role} onShow={foldOnPhone} folded />
        )}
        {!open && role === 'participant' && !introductionCardOffered(view, role) && (
          <DoneButton view={view} send={send} folded />
        )}
      </div>
      {role !== 'observer' && <SettleIntroductionCard />}
      {open && (
        <div className="workshop-body">
          {finished && <WorkshopEnd view={view} />}
          <RunSheet view={view} client={client} error={snap.error} onShow={foldOnPhone} />
          {role === 'facilitator' ? (
            <FacilitatorControls
              view={view}
              send={send}
              followViewport={followViewport}
              onAdvance={() => {
                advanced.current = Date.now();
              }}
            />
          ) : (
            role === 'participant' && <ParticipantControls view={view} send={send} />
          )}
          {role !== 'observer' && <IntroductionCard view={view} role={role} onShow={foldOnPhone} />}
          {snap.error && snap.error.command !== 'agenda.set' && (
            <p className="workshop-error" role="alert" data-testid="workshop-error">
              {snap.error.message}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

interface PendingMinutes {
  frameId: string;
  minutes: number;
  sentAt: number;
}

/**
 * The agenda, with a time box per step. Before the workshop starts the facilitator can change each
 * step's minutes: the change shows at once, and goes back (with the reason) if the server refuses.
 */
function RunSheet({
  view,
  client,
  error,
  onShow,
}: {
  view: WorkshopView;
  client: WorkshopClient;
  error: WorkshopSnapshot['error'];
  /** A step's exercise was brought into view. */
  onShow: () => void;
}) {
  const editable = canEditAgenda(view);
  const board = useBoard();
  const [pending, setPending] = useState<PendingMinutes | null>(null);
  const [problem, setProblem] = useState<{ frameId: string; message: string } | null>(null);

  // The server answers a change with the new agenda, or with an error.
  useEffect(() => {
    if (!pending) return;
    if (error?.command === 'agenda.set' && error.at >= pending.sentAt) {
      setPending(null);
      setProblem({ frameId: pending.frameId, message: `The time box was not changed: ${error.message}` });
      return;
    }
    const step = view.agenda.find((s) => s.frameId === pending.frameId);
    if (!step || step.minutes === pending.minutes) {
      setPending(null);
      return;
    }
    const late = setTimeout(
      () => {
        setPending(null);
        setProblem({
          frameId: pending.frameId,
          message: 'The server did not answer: the time box may not have been changed.',
        });
      },
      Math.max(0, pending.sentAt + ANSWER_MS - Date.now()),
    );
    return () => clearTimeout(late);
  }, [pending, view, error]);

  const commit = (index: number, frameId: string, input: string): boolean => {
    const result = setStepMinutes(view, index, input);
    if (!result.ok) {
      setProblem({ frameId, message: result.message });
      return false;
    }
    const minutes = result.command.steps[index]?.minutes ?? 0;
    setProblem(null);
    if (minutes === view.agenda[index]?.minutes) {
      setPending(null);
      return true;
    }
    if (!client.send(result.command, { quiet: true })) {
      setProblem({ frameId, message: 'You are offline: the time box was not changed.' });
      return false;
    }
    setPending({ frameId, minutes, sentAt: Date.now() });
    return true;
  };

  if (view.agenda.length === 0) return <p className="workshop-muted">No exercises on this board yet.</p>;
  return (
    <>
      <ol className="run-sheet" data-testid="run-sheet">
        {view.agenda.map((step, i) => (
          <li
            key={step.frameId}
            className={`run-step is-${step.status}`}
            aria-current={i === view.current ? 'step' : undefined}
          >
            <span className="run-number" aria-hidden="true">
              {i + 1}.
            </span>
            <button
              type="button"
              className="run-title"
              title={`Show ${step.title}`}
              onClick={() => {
                if (showStep(board, step.frameId)) onShow();
              }}
            >
              {step.title}
            </button>
            {step.status === 'done' ? (
              <span className="workshop-muted">✓</span>
            ) : editable ? (
              <MinutesField
                title={step.title}
                value={pending?.frameId === step.frameId ? pending.minutes : step.minutes}
                invalid={problem?.frameId === step.frameId}
                onCommit={(input) => commit(i, step.frameId, input)}
                onCancel={() => setProblem((p) => (p?.frameId === step.frameId ? null : p))}
              />
            ) : (
              <span className="workshop-muted run-time">{step.minutes} min</span>
            )}
          </li>
        ))}
      </ol>
      {problem && (
        <p className="workshop-error" role="alert" id="agenda-error" data-testid="agenda-error">
          {problem.message}
        </p>
      )}
    </>
  );
}

/** A step's minutes: saved on Enter or on leaving the field; Escape puts back the saved value. */
function MinutesField({
  title,
  value,
  invalid,
  onCommit,
  onCancel,
}: {
  title: string;
  value: number;
  invalid: boolean;
  onCommit: (input: string) => boolean;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(String(value));
  const cancelled = useRef(false);
  // What the field shows follows the time box: saved, sent, or back after a refusal.
  useEffect(() => setDraft(String(value)), [value]);
  const commit = (leaving: boolean) => {
    if (draft.trim() === String(value) && !invalid) return;
    // Left with a value that cannot be saved: show the saved one again (the message stays).
    if (!onCommit(draft) && leaving) setDraft(String(value));
  };
  return (
    <span className="run-minutes">
      <input
        type="number"
        inputMode="numeric"
        min={MIN_MINUTES}
        max={MAX_MINUTES}
        step={1}
        value={draft}
        aria-label={`Minutes for ${title}`}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'agenda-error' : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          if (cancelled.current) cancelled.current = false;
          else commit(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(false);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            cancelled.current = true;
            setDraft(String(value));
            onCancel();
            e.currentTarget.blur();
          }
        }}
      />
      <span aria-hidden="true">min</span>
    </span>
  );
}

function FacilitatorControls({
  view,
  send,
  followViewport,
  onAdvance,
}: {
  view: WorkshopView;
  send: (c: ControlCommand) => void;
  followViewport: () => { x: number; y: number; zoom: number };
  /** Called as the facilitator starts the workshop or moves it to the next step. */
  onAdvance: () => void;
}) {
  const { selection, store } = useBoard();
  const [perPerson, setPerPerson] = useState(3);
  const timer = view.timer;
  const vote = view.vote;
  // "End vote" goes with the vote: the focus it had moves to "Start vote" instead of the page's body.
  const startVoteButton = useRef<HTMLButtonElement>(null);
  const endingVote = useRef(false);
  useEffect(() => {
    if (vote || !endingVote.current) return;
    endingVote.current = false;
    if (document.activeElement === document.body || document.activeElement === null)
      startVoteButton.current?.focus();
  }, [vote]);
  const startVote = () => {
    const themes = [...selection.get()].filter((id) => store.getSnapshot().byId.get(id)?.type === 'theme');
    // Without themes selected, the vote covers the exercise the workshop is on: the server knows
    // which for certain (this view may not have heard yet of a "Start workshop" just pressed),
    // and refuses, in words, when none is running.
    const scope =
      themes.length > 0 ? { kind: 'themes' as const, themeIds: themes } : { kind: 'current' as const };
    send({ type: 'vote.start', scope, votesPerPerson: perPerson });
  };
  return (
    <div className="workshop-controls">
      <div className="workshop-row">
        {view.current === null ? (
          <button
            type="button"
            // Once the workshop is over, running it again is not the obvious next thing to do.
            className={isFinished(view) ? 'is-quiet' : undefined}
            onClick={() => {
              onAdvance();
              send({ type: 'agenda.start' });
            }}
            disabled={view.agenda.length === 0}
          >
            {isFinished(view) ? 'Run again from the start' : 'Start workshop'}
          </button>
        ) : (
          <button
            type="button"
            onClick={() => {
              onAdvance();
              send({ type: 'agenda.next' });
            }}
          >
            {view.current === view.agenda.length - 1 ? 'End workshop' : <>End step &amp; next</>}
          </button>
        )}
        {view.current !== null && <DoneCount done={view.doneCount ?? 0} />}
      </div>
      <fieldset className="workshop-row" aria-label="Timer">
        <button type="button" onClick={() => send({ type: 'timer.start', seconds: 5 * 60 })}>
          5 min
        </button>
        {timer && (
          // One button that changes its word, so the keyboard's focus stays on it (two buttons
          // swapped for each other dropped it on the page's body).
          <button
            type="button"
            onClick={() => send(timer.running ? { type: 'timer.pause' } : { type: 'timer.resume' })}
          >
            {timer.running ? 'Pause' : 'Resume'}
          </button>
        )}
        {timer && (
          <button type="button" onClick={() => send({ type: 'timer.add', seconds: 60 })}>
            +1 min
          </button>
        )}
      </fieldset>
      <div className="workshop-row">
        <button
          type="button"
          aria-pressed={view.follow.active}
          onClick={() =>
            send(
              view.follow.active
                ? { type: 'follow.stop' }
                : { type: 'follow.start', viewport: followViewport() },
            )
          }
        >
          {view.follow.active ? 'Stop follow me' : 'Follow me'}
        </button>
      </div>
      <div className="workshop-row">
        <button
          type="button"
          aria-pressed={view.private.active}
          data-testid="private-toggle"
          aria-describedby={view.private.active ? 'private-hint' : undefined}
          title={
            view.private.active
              ? undefined
              : 'Participants’ new notes stay on their screens until you reveal them; yours stay public'
          }
          onClick={() => send({ type: view.private.active ? 'private.reveal' : 'private.start' })}
        >
          {view.private.active ? 'Reveal private notes' : 'Private brainstorming'}
        </button>
        {view.private.active && (
          // The facilitator's own notes are not drafts: they go on the board (prompts, examples).
          <p className="workshop-muted workshop-hint" id="private-hint" data-testid="private-hint">
            Participants’ new notes are hidden until you reveal them. Yours are not: everyone sees them as you
            write.
          </p>
        )}
      </div>
      <fieldset className="workshop-row" aria-label="Dot voting">
        {!vote || vote.status === 'revealed' ? (
          <>
            <label>
              Votes each{' '}
              <input
                type="number"
                min={1}
                max={50}
                value={perPerson}
                onChange={(e) => setPerPerson(Math.max(1, Math.min(50, Number(e.target.value) || 1)))}
              />
            </label>
            <button
              ref={startVoteButton}
              type="button"
              onClick={startVote}
              title="Over the selected themes, or the current step's frame"
            >
              Start vote
            </button>
          </>
        ) : (
          <>
            <span className="workshop-muted" data-testid="voters">
              {vote.voters ?? 0} voted
            </span>
            {/* Where "Start vote" was, so a second Enter or a double click would reveal a vote
                nobody had cast in yet: until someone has voted it does nothing and says why
                (aria-disabled keeps the focus on it). */}
            <button
              type="button"
              aria-disabled={!vote.voters}
              title={vote.voters ? undefined : 'Nobody has voted yet'}
              onClick={() => {
                if (vote.voters) send({ type: 'vote.reveal' });
              }}
            >
              Reveal votes
            </button>
          </>
        )}
        {vote && (
          <button
            type="button"
            onClick={() => {
              endingVote.current = true;
              send({ type: 'vote.close' });
            }}
          >
            End vote
          </button>
        )}
      </fieldset>
      {vote && <MyVotes view={view} send={send} />}
    </div>
  );
}

function ParticipantControls({ view, send }: { view: WorkshopView; send: (c: ControlCommand) => void }) {
  return (
    <div className="workshop-controls">
      <DoneButton view={view} send={send} />
      {view.vote && <MyVotes view={view} send={send} />}
    </div>
  );
}

/** A participant is done with the step that runs: there is none before the start or after the end. */
function DoneButton({
  view,
  send,
  folded = false,
}: {
  view: WorkshopView;
  send: (c: ControlCommand) => void;
  /** In the folded panel's title row, beside the step's name. */
  folded?: boolean;
}) {
  if (view.current === null) return null;
  return (
    <button
      type="button"
      className={folded ? 'workshop-step-action' : undefined}
      aria-pressed={view.done}
      data-testid="im-done"
      onClick={() => send({ type: 'done.set', done: !view.done })}
    >
      {view.done ? "I'm done ✓" : "I'm done"}
    </button>
  );
}

/**
 * "Add my card" is offered: the Introductions step runs, and this person's notes are not kept
 * private (a participant's are during a private round, and the card would be public at once).
 * Read from the view, not from the drafts' sink (`draftSink`): the sink follows the view's private
 * round, but is set by an effect after this renders.
 */
function introductionCardOffered(view: WorkshopView, role: Role): boolean {
  return (
    view.current !== null &&
    view.agenda[view.current]?.exercise === 'introductions' &&
    !(role === 'participant' && view.private.active)
  );
}

/**
 * How a card is voted for here: "tap" on a touch screen, "click" with a mouse. Both words are
 * rendered and styles.css shows the one for the screen's pointer (`pointer: coarse`), so only that
 * one is seen and read out.
 */
export function VoteHow({ capital = false }: { capital?: boolean }) {
  return (
    <>
      <span className="vote-by-mouse">{capital ? 'Click' : 'click'}</span>
      <span className="vote-by-touch">{capital ? 'Tap' : 'tap'}</span>
    </>
  );
}

function MyVotes({ view, send }: { view: WorkshopView; send: (c: ControlCommand) => void }) {
  const { store } = useBoard();
  const vote = view.vote;
  if (!vote) return null;
  if (vote.status === 'revealed') return <p className="workshop-muted">Votes revealed on the cards.</p>;
  const counts = new Map<string, number>();
  for (const id of vote.mine) counts.set(id, (counts.get(id) ?? 0) + 1);
  const byId = store.getSnapshot().byId;
  return (
    <div className="my-votes">
      <p data-testid="votes-left">
        <VoteHow capital /> cards to vote · {vote.remaining} of {vote.votesPerPerson} left
      </p>
      <ul>
        {[...counts].map(([id, n]) => {
          const el = byId.get(id);
          const text = el?.type === 'sticky' ? el.text.slice(0, 40) || '(empty card)' : id;
          return (
            <li key={id}>
              {text} ×{n}{' '}
              <button
                type="button"
                aria-label={`Take back a vote from ${text}`}
                onClick={() => send({ type: 'vote.retract', cardId: id })}
              >
                −
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * The facilitator's "I'm done" count, against the participants here: "Done: 3 of 12". Someone who
 * said done and left still counts as done, so the total is never below it.
 */
function DoneCount({ done }: { done: number }) {
  const ctx = useBoard();
  const here = participantsHere(usePeople(ctx.session.provider.awareness));
  return (
    <span className="workshop-muted" data-testid="done-count">
      {here > 0 ? `Done: ${done} of ${Math.max(done, here)}` : `Done: ${done}`}
    </span>
  );
}

/** Moves that settle stacked introduction cards: not the user's own (undo does not track them). */
const SETTLE_ORIGIN = { settle: 'introductions' } as const;

/**
 * People who press "Add my card" at the same moment each put theirs on the same free spot: once
 * the others' cards have arrived, this person's moves to the next free one unless it came first.
 * Mounted whether the panel is open or folded (a phone folds it as soon as the card is added). The
 * move is not an undo step of the user's: undoing "Add my card" still takes the card away.
 */
function SettleIntroductionCard() {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const card = introductionCardOf(board.elements, ctx.user.name);
  // The cards on the same spot as this person's, by id: looked at again whenever one more arrives
  // there (an earlier card arriving after a later one must still move this one), and after each
  // move (two that moved onto the same next spot settle once more).
  const stack =
    card === undefined
      ? ''
      : board.elements
          .filter(
            (e) =>
              e.type === 'sticky' &&
              e.id !== card.id &&
              e.parent === card.parent &&
              e.x === card.x &&
              e.y === card.y,
          )
          .map((e) => e.id)
          .sort()
          .join(' ');
  const cardId = card?.id;
  const at = card ? `${card.x},${card.y}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: `at` is when to look again
  useEffect(() => {
    if (stack && cardId) settleIntroductionCard(ctx.session.doc, cardId, SETTLE_ORIGIN);
  }, [stack, cardId, at, ctx.session.doc]);
  return null;
}

/**
 * Introductions: one card per person. While that step runs, "Add my card" puts yours in the
 * introductions box, starting with your name, and opens it for writing; once you have one, "My
 * card" takes you to it. Not in a private round (the card would be public at once).
 */
function IntroductionCard({
  view,
  role,
  onShow,
  folded = false,
}: {
  view: WorkshopView;
  role: Role;
  onShow: () => void;
  /** In the folded panel's title row, beside the step's name. */
  folded?: boolean;
}) {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const frameId = currentFrameId(view);
  if (!frameId || !introductionCardOffered(view, role)) return null;
  const name = ctx.user.name;
  const mine = introductionCardOf(board.elements, name) !== undefined;
  const open = () => {
    const { doc, origin, undo } = ctx.session;
    undo.stopCapturing();
    const result = addIntroductionCard(doc, name, origin);
    if (!result) return;
    // The box with everyone's cards (on a phone the editor then brings the card itself up to size).
    showElement(ctx, frameId);
    onShow();
    ctx.selection.set(new Set([result.cardId]));
    if (result.created) ctx.editing.set(result.cardId);
  };
  const button = (
    <button
      type="button"
      className={folded ? 'workshop-step-action' : undefined}
      data-testid="intro-card"
      onClick={open}
    >
      {mine ? 'My card' : 'Add my card'}
    </button>
  );
  return folded ? button : <div className="workshop-row">{button}</div>;
}
