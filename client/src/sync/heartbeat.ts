/**
 * A connection can die without closing (a tunnel, a shut laptop lid): the browser goes on saying
 * it is open, and y-websocket notices only after 30 s without a message. So after `ASK_AFTER_MS`
 * without one the page asks the server for the room's presence (`queryAwareness`, which the relay
 * always answers), and when `UNANSWERED_AFTER_MS` after asking nothing at all has come, it drops
 * the connection and connects again: the status and its notice say so ~14 s after the last thing
 * heard, about when the others stop seeing this person (the server's `QUIET_PRESENCE_MS`, 12 s).
 * Only an unanswered question counts: a background tab whose timers the browser slows to one a
 * minute asks late, and is answered, rather than dropping a live connection for its own silence.
 */
export const ASK_AFTER_MS = 4_000;
export const UNANSWERED_AFTER_MS = 8_000;
/** How often the page looks (`heartbeatStep`). */
export const HEARTBEAT_EVERY_MS = 2_000;

export interface HeartbeatInput {
  /** The connection is open. */
  open: boolean;
  /** When the last message arrived (ms, `Date.now()`'s clock). */
  heardAt: number;
  /** When the page asked and has not been answered yet. */
  askedAt: number | undefined;
  now: number;
}

/** What to do at one look: ask (and remember when), drop the connection, or nothing. */
export function heartbeatStep({ open, heardAt, askedAt, now }: HeartbeatInput): {
  action: 'ask' | 'drop' | 'none';
  askedAt: number | undefined;
} {
  if (!open) return { action: 'none', askedAt: undefined };
  if (askedAt !== undefined && heardAt < askedAt) {
    return now - askedAt >= UNANSWERED_AFTER_MS
      ? { action: 'drop', askedAt: undefined }
      : { action: 'none', askedAt };
  }
  return now - heardAt >= ASK_AFTER_MS
    ? { action: 'ask', askedAt: now }
    : { action: 'none', askedAt: undefined };
}
