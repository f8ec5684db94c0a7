/**
 * What to tell the user when the relay closed the connection for a reason they can do something
 * about, or should at least know: a full board, a change it will not take, a restart. Links it
 * refuses for good (a bad token, a missing board) get the error page instead (`fatal`).
 */
import { type CloseCodeName, closeCodeName } from '@truenorth/shared';

export interface ConnectionNotice {
  /**
   * The close code's name, for tests and the fine print (`unreachable`: no server answered;
   * `offline`: this device has no network).
   */
  name: CloseCodeName | 'unreachable' | 'offline';
  /**
   * `waiting`: it sorts itself out by reconnecting. `refused`: the server will not take this
   * browser's changes as they are (the user may discard them). `offline`: nothing is wrong with
   * the board; the device has no network, and work goes on.
   */
  kind: 'waiting' | 'refused' | 'offline';
  title: string;
  body: string;
}

const KEPT = 'Changes you make meanwhile are kept in this browser.';
/** A message the relay could not use: not this client's doing, normally; reconnecting may help. */
const UNUSABLE: Omit<ConnectionNotice, 'name'> = {
  kind: 'waiting',
  title: 'The server refused this connection',
  body: `Reconnecting. ${KEPT} If this keeps happening, reload the page.`,
};

const NOTICES: Partial<Record<CloseCodeName, Omit<ConnectionNotice, 'name'>>> = {
  goingAway: {
    kind: 'waiting',
    title: 'The server is restarting',
    body: `Reconnecting in a moment. ${KEPT}`,
  },
  roomFull: {
    kind: 'waiting',
    title: 'This board is full',
    body: `It has as many people as this server allows at once. Truenorth keeps trying and lets you in when someone leaves. ${KEPT}`,
  },
  docTooLarge: {
    kind: 'refused',
    title: 'Your latest changes are not saved: the board is at its size limit',
    body: 'They are kept in this browser, and saved as soon as the board has room: ask the facilitator to delete what it no longer needs. Or discard them to go on with the board as saved.',
  },
  messageTooBig: {
    kind: 'refused',
    title: 'Your latest changes are too large to send at once',
    body: 'They are kept in this browser, but the server will not take them. Discard them to go on with the board as saved, and add the content in smaller parts.',
  },
  rateLimited: {
    kind: 'waiting',
    title: 'Too many changes at once',
    body: 'The server slowed this connection down for a moment. Reconnecting; nothing is lost.',
  },
  slowConsumer: {
    kind: 'waiting',
    title: 'The connection fell behind',
    body: 'It could not keep up with the board’s changes. Reconnecting; nothing is lost.',
  },
  tryAgainLater: {
    kind: 'waiting',
    title: 'The board is unavailable for a moment',
    body: `The server could not store changes just now. Reconnecting. ${KEPT}`,
  },
  badMessage: UNUSABLE,
  unknownMessage: UNUSABLE,
  unsupportedData: UNUSABLE,
  policyViolation: UNUSABLE,
  internalError: UNUSABLE,
};

/**
 * The notice after the connection closed with `code`; `undefined` when the close says nothing new
 * (no close frame: the network or a server that went away — the status says offline), so the
 * notice before it stays.
 */
export function noticeAfterClose(code: number): ConnectionNotice | null | undefined {
  // 1005: no status given; 1006: closed without a close frame.
  if (code === 1005 || code === 1006) return undefined;
  const name = closeCodeName(code);
  if (name === 'unknown') return null;
  const notice = NOTICES[name];
  return notice ? { name, ...notice } : null;
}

/** A notice as one who cannot change the board (an observer) reads it: without "your changes are kept". */
export function forViewer(notice: ConnectionNotice): ConnectionNotice {
  return { ...notice, body: notice.body.replace(` ${KEPT}`, '').replace(`${KEPT} `, '').replace(KEPT, '') };
}

/** How long the server may be out of reach, with the network up, before the user is told. */
export const UNREACHABLE_AFTER_MS = 4_000;

/**
 * The server went away without a word (killed, a network between) while the browser says it has a
 * network. That says only that the device is on some network — a train's Wi-Fi in a tunnel is
 * one — not that the way to the server works: so not "your network is up", which blamed the server
 * for what is most often the connection.
 */
export const UNREACHABLE: ConnectionNotice = {
  name: 'unreachable',
  kind: 'waiting',
  title: 'Cannot reach the server',
  body: `No answer: the connection on the way (a tunnel, a hotel Wi-Fi) or the server itself may be down. Truenorth keeps trying. ${KEPT}`,
};

/**
 * This device has no network (a train in a tunnel). Said in words for as long as it lasts: the
 * status alone is one red word — a dot on a phone — and does not say that the work goes on.
 */
export function offlineNotice(canEdit: boolean): ConnectionNotice {
  return {
    name: 'offline',
    kind: 'offline',
    title: 'You are offline.',
    body: canEdit
      ? 'Keep working: your changes are kept in this browser and sent when the connection is back.'
      : 'The board shows what this browser has, and catches up when the connection is back.',
  };
}
