import { useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { forViewer, type ConnectionNotice as Notice } from '../sync/notice';
import { Icon } from './icons';

/** Why the board is not saving, when the relay said so: shown until everything is saved again. */
export function ConnectionNotice() {
  const ctx = useBoard();
  const { notice } = useSyncExternalStore(ctx.session.subscribe, ctx.session.getSnapshot);
  // Keyed, so a question left open ("discard?") does not outlive its notice.
  if (!notice) return null;
  return <NoticeStrip key={notice.name} notice={ctx.canEdit ? notice : forViewer(notice)} />;
}

function NoticeStrip({ notice }: { notice: Notice }) {
  const ctx = useBoard();
  const [confirming, setConfirming] = useState(false);
  return (
    <div
      className={`connection-notice is-${notice.kind}`}
      role={notice.kind === 'refused' ? 'alert' : 'status'}
      data-testid="connection-notice"
      data-close={notice.name}
    >
      <Icon name="warning" size={18} />
      <div>
        <strong>{notice.title}</strong>
        <p>{notice.body}</p>
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
