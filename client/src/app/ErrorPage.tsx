import { ErrorCode, LINK_REPLACED_REASON } from '@truenorth/shared';

const INVALID = {
  title: 'This link is no longer valid',
  body: 'The access token was not accepted — it may have been mistyped, or the facilitator replaced it with a new link. Ask them for a fresh one.',
};
/** Cut off while on the board: the server said why. */
const REPLACED = {
  title: 'The facilitator replaced this link',
  body: 'Links to this board were replaced while you were on it — usually because one was shared beyond the team. Ask the facilitator for the new link.',
};
const GONE = {
  title: 'Board not found',
  body: 'There is no board at this address. It may have been deleted.',
};
const FORBIDDEN = { title: 'Not allowed', body: 'This link does not give access to this board.' };
const BUSY = {
  title: 'Too busy right now',
  body: 'The board is at capacity or you sent too much too fast. Wait a moment and try again.',
};

/**
 * Messages for the page's own kinds and for error codes. A code is always in the HTTP API's form
 * (shared `ErrorCode`; a closed socket's through `errorCodeOfClose`), so it shows the same however
 * the refusal came.
 */
const MESSAGES: Record<string, { title: string; body: string }> = {
  'no-token': {
    title: 'This link is incomplete',
    body: 'Board links carry an access token. Ask the facilitator for the full link.',
  },
  'not-found': { title: 'Page not found', body: 'There is nothing at this address.' },
  network: {
    title: 'Cannot reach Truenorth',
    body: 'The server did not answer, and this board has not been opened on this browser before. Check the connection and try again.',
  },
  [ErrorCode.unauthorized]: INVALID,
  [ErrorCode.forbidden]: FORBIDDEN,
  [ErrorCode.boardNotFound]: GONE,
  [ErrorCode.notFound]: GONE,
  [ErrorCode.rateLimited]: BUSY,
  [ErrorCode.roomFull]: BUSY,
};

export function ErrorPage({
  kind,
  code,
  detail,
  unsaved = false,
}: {
  kind: string;
  code?: string;
  detail?: string;
  /** This browser may hold changes the server never stored (it keeps them for the board). */
  unsaved?: boolean;
}) {
  const key = code && MESSAGES[code] ? code : kind;
  const replaced = code === ErrorCode.unauthorized && detail === LINK_REPLACED_REASON;
  const msg = (replaced ? REPLACED : MESSAGES[key]) ?? {
    title: 'Something went wrong',
    body: detail || 'The board could not be opened.',
  };
  return (
    <div className="page center" data-testid="error-page" data-error={code ?? kind}>
      <div className="card error-card" role="alert">
        <div className="error-mark" aria-hidden="true">
          !
        </div>
        <h1>{msg.title}</h1>
        <p>{msg.body}</p>
        {unsaved && (msg === INVALID || msg === REPLACED) && (
          <p data-testid="error-unsaved">
            Changes not yet saved are kept in this browser: open the new link here and they will be sent.
          </p>
        )}
        {code && (
          <p className="muted small" data-testid="error-code">
            Code: {code}
          </p>
        )}
        <div className="row">
          <a className="btn" href="/">
            Go to start page
          </a>
          {kind !== 'not-found' && kind !== 'no-token' && (
            <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
              Try again
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
