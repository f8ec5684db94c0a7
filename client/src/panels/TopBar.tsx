import type { Role } from '@truenorth/shared';
import { useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { shortcutFor } from '../app/shortcuts';
import { RecordTools } from '../history/RecordTools';
import { initials } from '../lib/colors';
import { rememberedBoard } from '../lib/storage';
import { usePeers } from '../sync/usePeers';
import { Icon } from './icons';
import type { RunAction } from './Toolbar';

const STATUS_TEXT = {
  saved: 'All changes saved on the server',
  syncing: 'Sending changes to the server…',
  offline: 'Offline — changes are kept in this browser and sent when the connection is back',
} as const;

export function TopBar({
  title,
  role,
  run,
  outlineOpen,
}: {
  title: string;
  role: Role;
  run: RunAction;
  outlineOpen: boolean;
}) {
  const ctx = useBoard();
  const { status } = useSyncExternalStore(ctx.session.subscribe, ctx.session.getSnapshot);
  const peers = usePeers(ctx.session.provider.awareness);
  const [shareOpen, setShareOpen] = useState(false);
  const links = rememberedBoard(ctx.session.boardId)?.links ?? null;
  const everyone = [
    { clientId: -1, user: ctx.user, self: true },
    ...peers.map((p) => ({ ...p, self: false })),
  ];
  return (
    <header className="topbar">
      <div className="topbar-left">
        <a className="brand" href="/">
          <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
            <path d="M16 2 L23 29 L16 22 L9 29 Z" fill="currentColor" />
          </svg>
          <span className="sr-only">Truenorth home</span>
        </a>
        <h1 className="board-title" data-testid="board-title">
          {title}
        </h1>
        <span className={`role-badge role-${role}`} data-testid="role-badge">
          {role}
        </span>
      </div>
      <div className="topbar-right">
        <ul
          className="avatars"
          aria-label={`${everyone.length} ${everyone.length === 1 ? 'person' : 'people'} here`}
          data-testid="avatars"
        >
          {everyone.slice(0, 8).map((p) => (
            <li
              key={p.clientId}
              className="avatar"
              style={{ background: p.user.color }}
              title={p.self ? `${p.user.name} (you)` : p.user.name}
              aria-label={p.self ? `${p.user.name} (you)` : p.user.name}
            >
              {initials(p.user.name)}
            </li>
          ))}
          {everyone.length > 8 && <li className="avatar more">+{everyone.length - 8}</li>}
        </ul>
        <span className={`status status-${status}`} title={STATUS_TEXT[status]} aria-live="polite">
          <span className="status-dot" aria-hidden="true" />
          <span data-testid="sync-status">{status}</span>
        </span>
        {links && (
          <div className="share">
            <button
              type="button"
              className="btn btn-primary btn-small"
              aria-label="Share links"
              aria-expanded={shareOpen}
              onClick={() => setShareOpen(!shareOpen)}
            >
              <Icon name="share" size={16} /> Share
            </button>
            {shareOpen && <SharePopover links={links} onClose={() => setShareOpen(false)} />}
          </div>
        )}
        <RecordTools title={title} role={role} />
        <button
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
    </header>
  );
}

function SharePopover({ links, onClose }: { links: Record<Role, string>; onClose: () => void }) {
  const [copied, setCopied] = useState<Role | null>(null);
  const copy = async (role: Role) => {
    const url = new URL(links[role], location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      setCopied(role);
    } catch {
      window.prompt('Copy this link', url);
    }
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
      {rows.map((r) => (
        <div key={r.role} className="share-row">
          <div>
            <div className="share-role">{r.role}</div>
            <div className="muted">{r.text}</div>
          </div>
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Copy ${r.role} link`}
            onClick={() => copy(r.role)}
          >
            {copied === r.role ? 'Copied' : 'Copy link'}
          </button>
        </div>
      ))}
    </div>
  );
}
