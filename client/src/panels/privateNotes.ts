/**
 * The private notes this browser is keeping for a board session (WorkshopLayer's drafts), for the
 * outline to list: they are not in the board's document, so the outline's own view of the board
 * does not have them. Null for anyone but a participant (only a participant's notes are private).
 */
import { useSyncExternalStore } from 'react';
import type { Drafts } from '../sync/drafts';

const bySession = new WeakMap<object, Drafts>();
const listeners = new Set<() => void>();

export function sharePrivateNotes(session: object, drafts: Drafts | null): void {
  if (drafts) bySession.set(session, drafts);
  else bySession.delete(session);
  for (const fn of listeners) fn();
}

export function usePrivateNotes(session: object): Drafts | null {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => bySession.get(session) ?? null,
  );
}
