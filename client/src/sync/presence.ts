/**
 * Presence over y-websocket awareness: who is here, where their cursor is, what they select or
 * edit. Remote states are written by other clients, so each is parsed before use.
 *
 * Two kinds of stillness, told apart where each can be known. Someone reading: their cursor's
 * name fades, the arrow and the avatar stay (peerCursors.ts). Someone whose connection went quiet
 * (a tunnel, a laptop lid): the relay, which pings them, removes their state within a few seconds
 * (`quietPresenceMs`, server/src/relay/relay.ts), so they are no longer among the peers here — not
 * guessed from this browser's side, where a state is renewed only every 15 s and a reader's
 * background tab may renew it later still. With a relay that does not, y-protocols drops them
 * after 30 s.
 */
import { PersonName, personKey } from '@truenorth/shared';
import type { Awareness } from 'y-protocols/awareness';
import { z } from 'zod';

export const PresenceState = z.object({
  user: z.object({
    name: PersonName,
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
  cursor: z.object({ x: z.number().finite(), y: z.number().finite() }).nullable().catch(null).default(null),
  selection: z.array(z.string().max(64)).max(500).catch([]).default([]),
  editing: z.string().max(64).nullable().catch(null).default(null),
  role: z.string().max(32).catch('').default(''),
});
export type PresenceState = z.infer<typeof PresenceState>;

export interface Peer extends PresenceState {
  clientId: number;
}

/** Everyone else on the board with a valid state, ordered by name for a stable avatar row. */
export function readPeers(states: Map<number, unknown>, selfId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, raw] of states) {
    if (clientId === selfId) continue;
    const parsed = PresenceState.safeParse(raw);
    if (parsed.success) peers.push({ ...parsed.data, clientId });
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}

/**
 * Who is here, as the avatar row shows them: changes when someone joins, leaves, renames or
 * changes colour or role — not when a cursor or a selection moves.
 */
export function rosterKey(peers: readonly Peer[]): string {
  return JSON.stringify(peers.map((p) => [p.clientId, p.user.name, p.user.color, p.role]));
}

/**
 * How many people are here taking part (participants, by name: one person with two windows open
 * counts once) — what the facilitator's "Done: 3 of 12" counts against. From presence, so it
 * includes people connected through other nodes.
 */
export function participantsHere(peers: readonly Peer[]): number {
  return new Set(peers.filter((p) => p.role === 'participant').map((p) => personKey(p.user.name))).size;
}

export function setPresence(awareness: Awareness, patch: Partial<PresenceState>): void {
  const current = awareness.getLocalState() ?? {};
  awareness.setLocalState({ ...current, ...patch });
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/** What y-websocket's provider sends each awareness change with (its `_awarenessUpdateHandler`). */
export interface PresenceSender {
  awareness: Awareness;
  _awarenessUpdateHandler: (changes: AwarenessChanges, origin: unknown) => void;
}

/**
 * y-websocket's provider sends the relay every awareness change it sees, the others' states it was
 * just given included: in a room of twenty each cursor broadcast came back nineteen times, for
 * the relay to discard. Only this browser's own state goes out — its changes, and y-protocols'
 * answer when the relay says it was removed (the same state with a newer clock, which is how
 * someone back from a dropped connection is seen again). Other changes go out as before.
 */
export function sendOnlyOwnPresence(provider: PresenceSender): void {
  const { awareness } = provider;
  const send = provider._awarenessUpdateHandler;
  awareness.off('update', send);
  const own = (changes: AwarenessChanges, origin: unknown) => {
    if (origin !== provider) {
      send(changes, origin);
      return;
    }
    const self = awareness.clientID;
    if ([changes.added, changes.updated, changes.removed].some((ids) => ids.includes(self))) {
      send({ added: [], updated: [self], removed: [] }, origin);
    }
  };
  // The provider takes this one off again when it is destroyed.
  provider._awarenessUpdateHandler = own;
  awareness.on('update', own);
}
