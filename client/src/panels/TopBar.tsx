import type { Role, RotatableRole, RotatedToken } from '@truenorth/shared';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { boardPath } from '../app/route';
import { shortcutFor } from '../app/shortcuts';
import { RecordTools } from '../history/RecordTools';
import { rotateLink } from '../lib/api';
import { rememberBoard, rememberedBoard } from '../lib/storage';
import { useDismiss } from '../lib/useDismiss';
import { useScrollEdges } from '../lib/useScrollEdges';
import { BoardTitle } from './BoardTitle';
import { Icon } from './icons';
import { LiveLine } from './LiveLine';
import { PresenceAvatars } from './PresenceAvatars';
import type { RunAction } from './Toolbar';

/** The width of the fading hints over the ends of the top bar's scrolling actions (styles.css). */
const MORE_HINT_PX = 40;

/**
 * A fading end of the scrolling actions with a chevron: more that way. Only for pointers (a mouse
 * cannot swipe): keys reach every action by Tab, so it is out of the tab order and hidden from
 * screen readers.
 */
function MoreHint({ side, onClick }: { side: 'start' | 'end'; onClick: () => void }) {
  return (
    <button
      type="button"
      className={`topbar-more is-${side}`}
      tabIndex={-1}
      aria-hidden="true"
      data-testid={`topbar-more-${side}`}
      onClick={onClick}
    >
      <Icon name={side === 'start' ? 'chevronLeft' : 'chevronRight'} size={16} />
    </button>
  );
}

const STATUS_TEXT = {
  saved: 'All changes saved on the server',
  syncing: 'Sending changes to the server…',
  offline: 'Offline — changes are kept in this browser and sent when the connection is back',
} as const;

/**
 * The status's words while it says `offline` but the browser has a network: the server cannot be
 * reached (a tunnel, a server down). "Offline" alone read as if this device had no network.
 */
const UNREACHABLE_TEXT =
  'Not connected to the server — changes are kept in this browser and sent when the connection is back';

type SyncStatus = keyof typeof STATUS_TEXT;

/**
 * What a screen reader is told of the connection: losing it — the device's network, or the way to
 * the server — and everything saved once back. Not the saved ↔ syncing flicker every edit makes
 * (the status was a live region, so each few keystrokes said "syncing… saved" over everything
 * else being announced).
 */
function useConnectionNews(status: SyncStatus, networkDown: boolean): string {
  const [news, setNews] = useState('');
  // Offline before the first sync is the page opening, not a drop.
  const phase = useRef<'opening' | 'online' | 'offline' | 'unreachable'>('opening');
  useEffect(() => {
    if (status === 'offline' && phase.current === 'online') {
      phase.current = networkDown ? 'offline' : 'unreachable';
      setNews(
        networkDown
          ? 'Offline. Your changes are kept in this browser and sent when the connection is back.'
          : 'Lost the connection to the server. Your changes are kept in this browser and sent when it is back.',
      );
    } else if (status === 'saved') {
      if (phase.current === 'offline') setNews('Back online: everything is saved.');
      if (phase.current === 'unreachable') setNews('Connected again: everything is saved.');
      phase.current = 'online';
    }
  }, [status, networkDown]);
  return news;
}

export function TopBar({
  title,
  token,
  role,
  run,
  outlineOpen,
  outlineToggleRef,
}: {
  title: string;
  /** This page's token (what the facilitator proves itself with when replacing a link). */
  token: string;
  role: Role;
  run: RunAction;
  outlineOpen: boolean;
  /** The outline's toggle, which takes the focus back when the outline closes. */
  outlineToggleRef?: React.Ref<HTMLButtonElement>;
}) {
  const ctx = useBoard();
  const { status, networkDown } = useSyncExternalStore(ctx.session.subscribe, ctx.session.getSnapshot);
  const connectionNews = useConnectionNews(status, networkDown);
  const [shareOpen, setShareOpen] = useState(false);
  const shareBox = useRef<HTMLDivElement>(null);
  useDismiss(shareBox, shareOpen, () => setShareOpen(false));
  const links = rememberedBoard(ctx.session.boardId)?.links ?? null;
  // A facilitator can share from any device: the links it does not know it can replace.
  const canShare = links !== null || role === 'facilitator';
  // On a narrow window the actions scroll sideways: a fading edge with a chevron says which side
  // has more, and takes a pointer there (a mouse cannot swipe); keys reach every action by Tab.
  const actions = useRef<HTMLDivElement>(null);
  const more = useScrollEdges(actions, MORE_HINT_PX);
  const scrollActions = (dir: 1 | -1) => {
    const el = actions.current;
    el?.scrollBy({ left: dir * Math.max(48, el.clientWidth - 48), behavior: 'smooth' });
  };
  return (
    <header className="topbar">
      <div className="topbar-left">
        <a className="brand" href="/">
          <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
            <path d="M16 2 L23 29 L16 22 L9 29 Z" fill="currentColor" />
          </svg>
          <span className="sr-only">Truenorth home</span>
        </a>
        <BoardTitle title={title} role={role} boardId={ctx.session.boardId} token={token} />
        <span className={`role-badge role-${role}`} data-testid="role-badge">
          {role}
        </span>
      </div>
      <div className="topbar-end">
        {more.start && <MoreHint side="start" onClick={() => scrollActions(-1)} />}
        <div className="topbar-right" ref={actions} data-testid="topbar-actions">
          <PresenceAvatars role={role} />
          <LiveLine testId="status-announcement">{connectionNews}</LiveLine>
          <span
            className={`status status-${status}`}
            title={status === 'offline' && !networkDown ? UNREACHABLE_TEXT : STATUS_TEXT[status]}
          >
            <span className="status-dot" aria-hidden="true" />
            <span data-testid="sync-status">{status}</span>
          </span>
          {canShare && (
            <div className="share" ref={shareBox}>
              <button
                type="button"
                className="btn btn-primary btn-small"
                aria-label="Share links"
                aria-expanded={shareOpen}
                onClick={() => setShareOpen(!shareOpen)}
              >
                <Icon name="share" size={16} /> Share
              </button>
              {shareOpen && (
                <SharePopover
                  boardId={ctx.session.boardId}
                  token={token}
                  role={role}
                  initial={links}
                  onClose={() => setShareOpen(false)}
                />
              )}
            </div>
          )}
          <RecordTools title={title} role={role} />
          <button
            ref={outlineToggleRef}
            type="button"
            className={`tool${outlineOpen ? ' is-active' : ''}`}
            aria-label="Outline panel"
            aria-pressed={outlineOpen}
            title={`Outline (${shortcutFor('outline').keys[0]})`}
            data-testid="toggle-outline"
            onClick={() => run('outline')}
          >
            <Icon name="outline" />
          </button>
          <button
            type="button"
            className="tool"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            data-testid="open-help"
            onClick={() => run('help')}
          >
            <Icon name="help" />
          </button>
        </div>
        {more.end && <MoreHint side="end" onClick={() => scrollActions(1)} />}
      </div>
    </header>
  );
}

type Links = Record<Role, string>;

/** What a replacement did, in words: the old link stopped, and whom that cut off. */
export function replacedText({ role, disconnected, otherNodes }: RotatedToken): string {
  const done = `Replaced: the old ${role} link no longer works.`;
  if (disconnected === undefined) return done;
  if (disconnected === 0)
    return `${done} ${otherNodes ? 'Anyone still on it was disconnected.' : 'Nobody was on it.'}`;
  const windows = `${disconnected} open ${disconnected === 1 ? 'window' : 'windows'}`;
  return `${done} ${otherNodes ? 'At least ' : ''}${windows} on it ${disconnected === 1 ? 'was' : 'were'} disconnected.`;
}

/**
 * The role links. Whoever created the board on this browser knows all three; a facilitator on
 * another device knows its own and can replace the participant or observer link — which cuts off
 * everyone still on the old one (the server closes their sockets), so it asks first.
 */
function SharePopover({
  boardId,
  token,
  role,
  initial,
  onClose,
}: {
  boardId: string;
  token: string;
  role: Role;
  initial: Partial<Links> | null;
  onClose: () => void;
}) {
  const [links, setLinks] = useState<Partial<Links>>(() => ({
    ...(role === 'facilitator' ? { facilitator: boardPath(boardId, token) } : {}),
    ...initial,
  }));
  const [copied, setCopied] = useState<Role | null>(null);
  const [confirming, setConfirming] = useState<RotatableRole | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // What the last replacement did: shown in its row until the popover closes, so the facilitator
  // knows it worked and whom it cut off (the row alone looks just as it did before).
  const [replaced, setReplaced] = useState<RotatedToken | null>(null);
  const copy = async (which: Role) => {
    const link = links[which];
    if (!link) return;
    const url = new URL(link, location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      setCopied(which);
    } catch {
      window.prompt('Copy this link', url);
    }
  };
  const replace = async (which: RotatableRole) => {
    setBusy(true);
    setProblem(null);
    const r = await rotateLink(boardId, token, which);
    setBusy(false);
    setConfirming(null);
    if (!r.ok) {
      setProblem(
        r.kind === 'network'
          ? 'Could not reach the server. Try again.'
          : `Could not replace the link: ${r.message}`,
      );
      return;
    }
    const next = { ...links, [which]: r.value.link };
    setLinks(next);
    setCopied(null);
    setReplaced(r.value);
    rememberBoard(boardId, { token, links: next });
  };
  const rows: { role: Role; text: string }[] = [
    { role: 'participant', text: 'Participants can add and move cards' },
    { role: 'observer', text: 'Observers watch live, read-only' },
    { role: 'facilitator', text: 'Co-facilitators can do everything' },
  ];
  return (
    <div className="popover" role="dialog" aria-label="Share links">
      <div className="popover-head">
        <strong>Invite people</strong>
        <button type="button" className="tool" aria-label="Close" onClick={onClose}>
          <Icon name="close" size={16} />
        </button>
      </div>
      {rows.map((r) => {
        const replaceable = role === 'facilitator' && r.role !== 'facilitator' ? r.role : null;
        if (replaceable && confirming === replaceable) {
          return (
            <div key={r.role} className="share-row share-confirm" data-testid={`share-${r.role}`}>
              <div className="muted">
                Everyone on the current {r.role} link is disconnected and needs the new one.
              </div>
              <div className="share-actions">
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  disabled={busy}
                  onClick={() => replace(replaceable)}
                >
                  Replace link
                </button>
                <button type="button" className="btn btn-small" onClick={() => setConfirming(null)}>
                  Keep
                </button>
              </div>
            </div>
          );
        }
        return (
          <div key={r.role} className="share-row" data-testid={`share-${r.role}`}>
            <div>
              <div className="share-role">{r.role}</div>
              <div className="muted">{links[r.role] ? r.text : 'Link shown where the board was created'}</div>
            </div>
            <div className="share-actions">
              {links[r.role] && (
                <button
                  type="button"
                  className={`btn btn-small${replaced?.role === r.role && copied !== r.role ? ' btn-primary' : ''}`}
                  onClick={() => copy(r.role)}
                >
                  {/* The role is in the name for a screen reader, after the words on the button
                      (a voice user says what they see: WCAG 2.5.3). */}
                  {copied === r.role ? (
                    <>
                      Copied<span className="sr-only"> the link for {r.role}s</span>
                    </>
                  ) : (
                    <>
                      Copy link<span className="sr-only"> for {r.role}s</span>
                    </>
                  )}
                </button>
              )}
              {replaceable && (
                <button
                  type="button"
                  className="btn btn-small"
                  title="Make a new link; the old one stops working"
                  onClick={() => setConfirming(replaceable)}
                >
                  New link<span className="sr-only"> for {r.role}s</span>
                </button>
              )}
            </div>
            {replaced?.role === r.role && (
              <p className="share-done" role="status">
                {replacedText(replaced)}
              </p>
            )}
          </div>
        );
      })}
      {problem && (
        <p className="share-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
