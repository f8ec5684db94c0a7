import type { BoardTemplate } from '@truenorth/shared';
import { useState } from 'react';
import { createBoard } from '../lib/api';
import { rememberBoard, rememberedBoards } from '../lib/storage';
import { Icon } from '../panels/icons';
import { boardPath } from './route';

const EXERCISES = [
  ['Introductions', 'One card per person'],
  ['Elevator Pitch', 'Why are we here?'],
  ['Lean Canvas', 'The nine boxes'],
  ['Worst Solution', 'Flip the worst ideas'],
  ['Card Sorting', 'Cluster ideas into themes'],
  ['Story Spine', 'Steps, epics and the line'],
  ['Road Map', 'Now, next, later'],
] as const;

/** The longest board title the server takes (CreateBoardBody). */
const MAX_TITLE = 200;

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

/** When a remembered board was last opened here: the day's word for today and yesterday. */
function openedText(at: number, now = new Date()): string {
  const when = new Date(at);
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const day = at >= midnight ? 'today' : at >= midnight - 86_400_000 ? 'yesterday' : DAY.format(when);
  return `Opened ${day}, ${TIME.format(when)}`;
}

export function Landing({ navigate }: { navigate: (path: string) => void }) {
  const [busy, setBusy] = useState<BoardTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Tomorrow's workshop, by the name the team knows it by: on the board, its tab and in the list
  // of recent boards (every board called "Strategy & alignment workshop" is hard to tell apart).
  const [name, setName] = useState('');
  const recent = rememberedBoards().slice(0, 6);

  const create = async (template: BoardTemplate) => {
    setBusy(template);
    setError(null);
    const title =
      name.trim() || (template === 'workshop' ? 'Strategy & alignment workshop' : 'Untitled board');
    const r = await createBoard({ title, template });
    setBusy(null);
    if (!r.ok) {
      setError(
        r.kind === 'network' ? 'Cannot reach the server. Check the connection and try again.' : r.message,
      );
      return;
    }
    const b = r.value;
    rememberBoard(b.id, { token: b.tokens.facilitator, title: b.title, role: 'facilitator', links: b.links });
    navigate(boardPath(b.id, b.tokens.facilitator));
  };

  return (
    <div className="page landing">
      <header className="landing-head">
        <div className="brand-row">
          <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
            <path d="M16 2 L23 29 L16 22 L9 29 Z" fill="currentColor" />
          </svg>
          <span>Truenorth</span>
        </div>
      </header>
      <main className="landing-main">
        <section className="hero">
          <h1>Find your team’s true north.</h1>
          <p className="lead">
            A live whiteboard for strategy &amp; alignment workshops. Every exercise is a template that knows
            what its boxes mean — brainstorm together, sort into themes, and keep a record of what you
            decided.
          </p>
          <form
            className="landing-create"
            onSubmit={(e) => {
              e.preventDefault();
              if (busy === null) void create('workshop');
            }}
          >
            <label className="landing-name">
              <span>Workshop name</span>
              <input
                className="landing-name-input"
                value={name}
                maxLength={MAX_TITLE}
                placeholder="e.g. Checkout team — strategy days"
                data-testid="new-board-name"
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <div className="row">
              <button
                type="submit"
                className="btn btn-primary btn-large"
                aria-label="New workshop board"
                data-testid="new-workshop"
                disabled={busy !== null}
              >
                {busy === 'workshop' ? 'Creating…' : 'New workshop board'}
                <Icon name="arrowRight" size={18} />
              </button>
              <button
                type="button"
                className="btn btn-large"
                aria-label="New blank board"
                data-testid="new-blank"
                disabled={busy !== null}
                onClick={() => create('blank')}
              >
                {busy === 'blank' ? 'Creating…' : 'Blank board'}
              </button>
            </div>
          </form>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </section>
        {/* Above the exercises: the next morning, on a laptop, one's boards are in sight without scrolling. */}
        {recent.length > 0 && (
          <section className="recent" aria-label="Recent boards">
            <h2>Recent boards</h2>
            <ul>
              {recent.map((b) => (
                <li key={b.id}>
                  <a
                    href={boardPath(b.id, b.token)}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(boardPath(b.id, b.token));
                    }}
                  >
                    <span className="recent-name">
                      <span>{b.title}</span>
                      {b.openedAt > 0 && <span className="recent-when">{openedText(b.openedAt)}</span>}
                    </span>
                    {b.role && <span className={`role-badge role-${b.role}`}>{b.role}</span>}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section className="exercises" aria-label="Exercises in a workshop board">
          {EXERCISES.map(([exercise, text], i) => (
            <div key={exercise} className="exercise">
              <span className="exercise-n">{i + 1}</span>
              <div>
                <strong>{exercise}</strong>
                <div className="muted">{text}</div>
              </div>
            </div>
          ))}
        </section>
      </main>
    </div>
  );
}
