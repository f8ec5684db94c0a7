/**
 * The board's history: its snapshots (named, per agenda step, automatic, before a restore), a
 * read-only look at any of them, a comparison of two, and — for facilitators — taking a snapshot
 * and restoring one. A restore is a new change everyone receives; the server keeps the state just
 * before it as a snapshot, so "Undo restore" restores that one.
 */
import type { SnapshotInfo } from '@truenorth/shared';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { Icon } from '../panels/icons';
import { Modal } from '../panels/Modal';
import { describeError, restoreSnapshot, takeSnapshot } from './api';
import { ComparePanel } from './ComparePanel';
import { formatSpan, formatTime, historyRows, KIND_LABEL, snapshotProblem, takenBy } from './format';
import { SnapshotPreview } from './SnapshotPreview';
import { useSnapshot, useSnapshots } from './useSnapshots';
import './history.css';

type Notice = { tone: 'ok' | 'error'; text: string; undo?: SnapshotInfo } | null;

export function HistoryPanel({
  token,
  facilitator,
  onClose,
}: {
  token: string;
  facilitator: boolean;
  onClose: () => void;
}) {
  const ctx = useBoard();
  const boardId = ctx.session.boardId;
  const live = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot).elements;
  const { list, refresh, load } = useSnapshots(boardId, token);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<'preview' | 'compare'>('preview');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const view = useSnapshot(load, selected);
  // The snapshot was thinned out since the list was read: read the list again.
  const gone = view?.state === 'error' && view.code === 'SNAPSHOT_NOT_FOUND';
  useEffect(() => {
    if (gone) void refresh(true);
  }, [gone, refresh]);
  const snapshots = useMemo(() => (list.state === 'ready' ? list.value : []), [list]);
  const rows = useMemo(() => historyRows(snapshots), [snapshots]);
  // Runs of automatic snapshots shown unfolded (by the run's key); the one holding the selected
  // snapshot unfolds by itself, so the selection is always in sight.
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setUnfolded((open) => {
      const next = new Set(open);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  useEffect(() => {
    const run = rows.find((r) => r.kind === 'run' && r.snapshots.some((s) => s.id === selected));
    if (run?.kind === 'run') setUnfolded((open) => (open.has(run.key) ? open : new Set(open).add(run.key)));
  }, [rows, selected]);

  const item = (s: SnapshotInfo) => (
    <button
      type="button"
      className={`hist-item kind-${s.kind}${selected === s.id ? ' is-selected' : ''}`}
      aria-current={selected === s.id}
      data-snapshot-id={s.id}
      data-kind={s.kind}
      onClick={() => {
        setSelected(s.id);
        setTab('preview');
      }}
    >
      <span className="hist-item-name">{s.name}</span>
      <span className="hist-item-meta">
        <span className="hist-kind">{KIND_LABEL[s.kind]}</span> {formatTime(s.createdAt)}
        {takenBy(s) && ` · ${takenBy(s)}`}
      </span>
    </button>
  );

  const take = async () => {
    const n = name.trim();
    if (!n) return;
    setBusy(true);
    const r = await takeSnapshot(boardId, token, n);
    setBusy(false);
    if (!r.ok) return setNotice({ tone: 'error', text: `Could not take the snapshot: ${describeError(r)}` });
    setName('');
    setNotice({ tone: 'ok', text: `Snapshot “${r.value.name}” taken.` });
    await refresh();
    setSelected(r.value.id);
  };

  const restore = async (info: SnapshotInfo) => {
    setBusy(true);
    const r = await restoreSnapshot(boardId, token, info.id);
    setBusy(false);
    if (!r.ok) {
      setNotice({
        tone: 'error',
        text: snapshotProblem('restore', {
          message: describeError(r),
          code: r.kind === 'http' ? r.code : undefined,
        }),
      });
      if (r.kind === 'http' && r.code === 'SNAPSHOT_NOT_FOUND') await refresh(true);
      return;
    }
    const { restored, restorePoint, mode } = r.value;
    setNotice({
      tone: 'ok',
      text:
        mode === 'undo'
          ? `Took back the restore for everyone, keeping what people did since it. The board as it was just before is kept as “${restorePoint.name}”.`
          : `Restored “${restored.name}” for everyone. The board as it was just before is kept as “${restorePoint.name}”.`,
      undo: restorePoint,
    });
    await refresh();
  };

  return (
    <Modal
      title="History"
      className="hist-modal"
      testId="history-panel"
      closeLabel="Close history"
      onClose={onClose}
    >
      {notice && (
        <div className={`hist-notice hist-notice-${notice.tone}`} role="status" data-testid="history-notice">
          <span>{notice.text}</span>
          {notice.undo && facilitator && (
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              data-testid="undo-restore"
              onClick={() => notice.undo && restore(notice.undo)}
            >
              Undo restore
            </button>
          )}
        </div>
      )}
      <div className="hist-body">
        <div className="hist-side">
          {facilitator && (
            <form
              className="hist-take"
              onSubmit={(e) => {
                e.preventDefault();
                void take();
              }}
            >
              <input
                type="text"
                value={name}
                maxLength={200}
                placeholder="e.g. End of day 1"
                aria-label="Snapshot name"
                data-testid="snapshot-name"
                onChange={(e) => setName(e.target.value)}
              />
              <button
                type="submit"
                className="btn btn-primary btn-small"
                disabled={busy || !name.trim()}
                data-testid="take-snapshot"
              >
                Take snapshot
              </button>
            </form>
          )}
          {list.state === 'loading' && <p className="hist-empty">Loading snapshots…</p>}
          {list.state === 'error' && (
            <p className="hist-error">
              Could not load the history: {list.message}{' '}
              <button type="button" className="btn btn-small" onClick={() => void refresh()}>
                Retry
              </button>
            </p>
          )}
          {list.state === 'ready' && snapshots.length === 0 && (
            <p className="hist-empty">
              No snapshots yet. They are taken at every agenda step, every few minutes while people work, and
              whenever a facilitator names one.
            </p>
          )}
          <ol className="hist-list" aria-label="Snapshots, newest first" data-testid="snapshot-list">
            {rows.map((row) =>
              row.kind === 'one' ? (
                <li key={row.snapshot.id}>{item(row.snapshot)}</li>
              ) : (
                <li key={`run-${row.key}`} className="hist-run">
                  <button
                    type="button"
                    className="hist-item hist-run-head kind-periodic"
                    aria-expanded={unfolded.has(row.key)}
                    data-testid="snapshot-run"
                    onClick={() => toggle(row.key)}
                  >
                    <span className="hist-item-name">
                      <Icon name={unfolded.has(row.key) ? 'chevronDown' : 'chevronRight'} size={14} />
                      {row.snapshots.length} automatic snapshots
                    </span>
                    <span className="hist-item-meta">
                      <span className="hist-kind">{KIND_LABEL.periodic}</span>{' '}
                      {formatSpan(
                        row.snapshots[row.snapshots.length - 1]!.createdAt,
                        row.snapshots[0]!.createdAt,
                      )}
                    </span>
                  </button>
                  {unfolded.has(row.key) && (
                    <ol className="hist-run-items" aria-label={`${row.snapshots.length} automatic snapshots`}>
                      {row.snapshots.map((snap) => (
                        <li key={snap.id}>{item(snap)}</li>
                      ))}
                    </ol>
                  )}
                </li>
              ),
            )}
          </ol>
        </div>
        <div className="hist-main">
          <div className="hist-tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'preview'}
              className={tab === 'preview' ? 'is-active' : ''}
              onClick={() => setTab('preview')}
            >
              Preview
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'compare'}
              className={tab === 'compare' ? 'is-active' : ''}
              data-testid="tab-compare"
              disabled={snapshots.length === 0}
              onClick={() => setTab('compare')}
            >
              Compare
            </button>
          </div>
          {tab === 'preview' ? (
            <SnapshotPreview view={view} canRestore={facilitator} busy={busy} onRestore={restore} />
          ) : (
            <ComparePanel snapshots={snapshots} live={live} load={load} initialBefore={selected} />
          )}
        </div>
      </div>
    </Modal>
  );
}
