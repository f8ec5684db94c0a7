import { useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { forViewer, type ConnectionNotice as Notice, offlineNotice } from '../sync/notice';
import { Icon } from './icons';
import { LiveLine } from './LiveLine';

/**
 * Why the board is not saving, when the relay said so: shown until everything is saved again.
 * Without a network, that it is offline and the work is kept — unless the server refused this
 * browser's changes, which still asks for a decision.
 */
export function ConnectionNotice() {
  const ctx = useBoard();
  const { notice, networkDown } = useSyncExternalStore(ctx.session.subscribe, ctx.session.getSnapshot);
  const shown =
    networkDown && notice?.kind !== 'refused'
      ? offlineNotice(ctx.canEdit)
      : notice && (ctx.canEdit ? notice : forViewer(notice));
  return (
    <>
      {/* A notice that sorts itself out is read out from a region already on the page (one added
          with its text is missed); one the user must act on is an alert, read out as it appears.
          Going offline is read out by the top bar's status. */}
      <LiveLine testId="connection-announcement">
        {shown?.kind === 'waiting' ? `${shown.title}. ${shown.body}` : ''}
      </LiveLine>
      {/* Keyed, so a question left open ("discard?") does not outlive its notice. */}
      {shown && <NoticeStrip key={shown.name} notice={shown} />}
    </>
  );
}

function NoticeStrip({ notice }: { notice: Notice }) {
  const ctx = useBoard();
  const [confirming, setConfirming] = useState(false);
  return (
    <div
      className={`connection-notice is-${notice.kind}`}
      role={notice.kind === 'refused' ? 'alert' : undefined}
      data-testid="connection-notice"
      data-close={notice.name}
    >
      <Icon name={notice.kind === 'offline' ? 'offline' : 'warning'} size={18} />
      <div>
        <strong>{notice.title}</strong>
        {/* Offline is one calm line; the others read as a heading and what to know. */}
        {notice.kind === 'offline' ? <span> {notice.body}</span> : <p>{notice.body}</p>}
        {notice.kind === 'refused' && (
          <div className="connection-notice-actions">
            {confirming ? (
              <>
                <span>Discard what this browser wrote since the board was last saved?</span>
                <button
                  type="button"
                  className="btn btn-danger"
                  onClick={() => void ctx.session.discardUnsaved()}
                >
                  Discard
                </button>
                <button type="button" className="btn" onClick={() => setConfirming(false)}>
                  Keep them
                </button>
              </>
            ) : (
              <button type="button" className="btn" onClick={() => setConfirming(true)}>
                Discard my unsaved changes…
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
