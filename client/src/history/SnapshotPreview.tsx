/** A snapshot drawn read-only, under a banner that says it is the past; restore for facilitators. */
import type { SnapshotInfo } from '@truenorth/shared';
import { useLayoutEffect, useRef, useState } from 'react';
import type { SnapshotView } from './api';
import { BoardPicture } from './BoardPicture';
import { formatTime, KIND_LABEL, snapshotProblem, takenBy } from './format';
import type { Loaded } from './useSnapshots';

export function SnapshotPreview({
  view,
  canRestore,
  busy,
  onRestore,
}: {
  view: Loaded<SnapshotView> | null;
  canRestore: boolean;
  busy: boolean;
  onRestore: (info: SnapshotInfo) => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 600, h: 400 });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize({ w: Math.max(200, el.clientWidth), h: Math.max(200, el.clientHeight) });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const info = view?.state === 'ready' ? view.value.info : null;
  // A new snapshot chosen: ask again before restoring it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new snapshot only
  useLayoutEffect(() => setConfirming(false), [info?.id]);

  return (
    <div className="hist-preview" data-testid="snapshot-preview">
      {info && (
        <div className="hist-past-banner" role="status">
          <div>
            <strong>Looking at the past:</strong> “{info.name}” · {KIND_LABEL[info.kind]} ·{' '}
            {formatTime(info.createdAt)}
            {takenBy(info) && ` · ${takenBy(info)}`}
            <div className="small">Read-only. The live board is unchanged until someone restores this.</div>
          </div>
          {canRestore &&
            (confirming ? (
              <div className="hist-confirm">
                <span data-testid="confirm-restore-text">
                  {info.kind === 'restore-point' && info.restoreOf
                    ? 'Undo that restore for everyone? What people did since it is kept.'
                    : 'Replace the board for everyone with this version?'}
                </span>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  disabled={busy}
                  data-testid="confirm-restore"
                  onClick={() => void onRestore(info).then(() => setConfirming(false))}
                >
                  Restore for everyone
                </button>
                <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                data-testid="restore-snapshot"
                onClick={() => setConfirming(true)}
              >
                Restore this version…
              </button>
            ))}
        </div>
      )}
      <div className="hist-picture" ref={box}>
        {view === null && <p className="hist-empty">Choose a snapshot to see the board as it was.</p>}
        {view?.state === 'loading' && <p className="hist-empty">Loading…</p>}
        {view?.state === 'error' && <p className="hist-error">{snapshotProblem('load', view)}</p>}
        {view?.state === 'ready' && (
          <>
            <BoardPicture
              key={view.value.info.id}
              elements={view.value.elements}
              width={size.w}
              height={size.h}
            />
            <span className="hist-watermark" aria-hidden="true">
              {formatTime(view.value.info.createdAt)}
            </span>
            {view.value.skipped > 0 && (
              <p className="hist-note">{view.value.skipped} unreadable element(s) are not shown.</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
