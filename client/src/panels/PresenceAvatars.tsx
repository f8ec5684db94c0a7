/**
 * Who is here, in the top bar: the first few people as avatars, then "+N". At a big kick-off
 * "+N" is most of the room, so it is a button: it opens the list of everyone, the people taking
 * part first and those watching (observers) after, each with their colour — the colour of their
 * cursor and of their outline on what they select.
 */
import { initials } from '@truenorth/shared';
import { useRef, useState } from 'react';
import { useBoard } from '../app/boardContext';
import { inkOn } from '../lib/colors';
import { useDismiss } from '../lib/useDismiss';
import { usePeople } from '../sync/usePeers';

/** Avatars shown in the row before the rest fold into "+N". */
export const AVATARS_SHOWN = 8;

interface Person {
  clientId: number;
  user: { name: string; color: string };
  role: string;
  self: boolean;
}

function label(p: Person): string {
  return p.self ? `${p.user.name} (you)` : p.user.name;
}

export function PresenceAvatars({ role }: { role: string }) {
  const ctx = useBoard();
  const peers = usePeople(ctx.session.provider.awareness);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, open, () => setOpen(false));
  const everyone: Person[] = [
    { clientId: -1, user: ctx.user, role, self: true },
    ...peers.map((p) => ({ ...p, self: false })),
  ];
  const count = `${everyone.length} ${everyone.length === 1 ? 'person' : 'people'} here`;
  const rest = everyone.length - AVATARS_SHOWN;
  const taking = everyone.filter((p) => p.role !== 'observer');
  const watching = everyone.filter((p) => p.role === 'observer');
  return (
    <div className="people" ref={box}>
      {rest > 0 && (
        // First in the box, so Escape takes the focus back to it (useDismiss).
        <button
          type="button"
          className="avatar more"
          aria-expanded={open}
          aria-label={`${rest} more: everyone here`}
          title="Everyone here"
          data-testid="people-more"
          onClick={() => setOpen(!open)}
        >
          +{rest}
        </button>
      )}
      <ul className="avatars" aria-label={count} data-testid="avatars">
        {everyone.slice(0, AVATARS_SHOWN).map((p) => (
          <li
            key={p.clientId}
            className="avatar"
            style={{ background: p.user.color, color: inkOn(p.user.color) }}
            title={label(p)}
            aria-label={label(p)}
          >
            {initials(p.user.name)}
          </li>
        ))}
      </ul>
      {open && (
        <div
          className="popover people-popover"
          role="dialog"
          aria-label="Everyone here"
          data-testid="people-list"
        >
          <div className="popover-head">
            <strong>{count}</strong>
          </div>
          <PeopleGroup title={`Taking part · ${taking.length}`} people={taking} />
          {watching.length > 0 && <PeopleGroup title={`Watching · ${watching.length}`} people={watching} />}
        </div>
      )}
    </div>
  );
}

function PeopleGroup({ title, people }: { title: string; people: Person[] }) {
  return (
    <section className="people-group">
      <h3>{title}</h3>
      <ul>
        {people.map((p) => (
          <li key={p.clientId} data-testid="person">
            <span className="people-dot" style={{ background: p.user.color }} aria-hidden="true">
              {initials(p.user.name)}
            </span>
            <span className="people-name">{label(p)}</span>
            {p.role === 'facilitator' && <span className="people-role">facilitator</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
