import type { Role } from '@truenorth/shared';
import { useEffect, useRef, useState } from 'react';
import { DisplayName } from '../lib/storage';

/** What the link lets this person do, said before they give their name. */
const JOINING_AS: Record<Role, string> = {
  facilitator: 'You are joining as the facilitator',
  participant: 'You are joining as a participant',
  observer: 'You are joining as an observer (view only)',
};

/** First visit: ask who this is, so cursors, avatars and notes carry a name. */
export function NamePrompt({
  title,
  role,
  onDone,
}: {
  title: string;
  role: Role;
  onDone: (name: string) => void;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div className="page center">
      <form
        className="card name-card"
        aria-labelledby="name-title"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = DisplayName.safeParse(name);
          if (!parsed.success) {
            setError('Please enter a name of 1–64 characters.');
            return;
          }
          onDone(parsed.data);
        }}
      >
        <div className="eyebrow" data-testid="joining-as">
          {JOINING_AS[role]}
        </div>
        <h1 id="name-title">{title}</h1>
        <label htmlFor="display-name">Your name, as others will see it</label>
        <input
          id="display-name"
          aria-label="Display name"
          data-testid="display-name"
          ref={input}
          maxLength={64}
          value={name}
          placeholder="e.g. Ada Lovelace"
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" aria-label="Join board">
          Join board
        </button>
      </form>
    </div>
  );
}
