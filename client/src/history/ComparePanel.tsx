/** Two states of the board side by side as a list of changes: added, removed, edited, moved cards. */
import { type BoardDiff, diffBoards, type Element, isEmptyDiff, type SnapshotInfo } from '@truenorth/shared';
import { useEffect, useMemo, useState } from 'react';
import type { SnapshotView } from './api';
import { formatTime, KIND_LABEL, short } from './format';
import type { Loaded } from './useSnapshots';

export const NOW = 'now';

type Side = Loaded<Element[]>;

function useSide(
  id: string,
  live: readonly Element[],
  load: (sid: string) => Promise<Loaded<SnapshotView>>,
): Side {
  const [side, setSide] = useState<Side>({ state: 'loading' });
  useEffect(() => {
    if (id === NOW) return;
    let on = true;
    setSide({ state: 'loading' });
    void load(id).then(
      (l) => on && setSide(l.state === 'ready' ? { state: 'ready', value: l.value.elements } : l),
    );
    return () => {
      on = false;
    };
  }, [id, load]);
  return id === NOW ? { state: 'ready', value: live as Element[] } : side;
}

export function ComparePanel({
  snapshots,
  live,
  load,
  initialBefore,
}: {
  snapshots: readonly SnapshotInfo[];
  live: readonly Element[];
  load: (sid: string) => Promise<Loaded<SnapshotView>>;
  initialBefore: string | null;
}) {
  const [before, setBefore] = useState(initialBefore ?? snapshots[0]?.id ?? NOW);
  const [after, setAfter] = useState(NOW);
  const a = useSide(before, live, load);
  const b = useSide(after, live, load);
  const diff = useMemo(
    () => (a.state === 'ready' && b.state === 'ready' ? diffBoards(a.value, b.value) : null),
    [a, b],
  );
  const options = (
    <>
      <option value={NOW}>Now (the live board)</option>
      {snapshots.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name} — {KIND_LABEL[s.kind]}, {formatTime(s.createdAt)}
        </option>
      ))}
    </>
  );
  const failed = [a, b].find((s) => s.state === 'error');
  return (
    <div className="hist-compare" data-testid="compare-panel">
      <div className="hist-compare-pick">
        <label>
          From
          <select value={before} onChange={(e) => setBefore(e.target.value)} data-testid="compare-before">
            {options}
          </select>
        </label>
        <span aria-hidden="true">→</span>
        <label>
          To
          <select value={after} onChange={(e) => setAfter(e.target.value)} data-testid="compare-after">
            {options}
          </select>
        </label>
      </div>
      {failed?.state === 'error' && <p className="hist-error">Could not load a snapshot: {failed.message}</p>}
      {!diff && !failed && <p className="hist-empty">Comparing…</p>}
      {diff && <DiffView diff={diff} />}
    </div>
  );
}

function DiffView({ diff }: { diff: BoardDiff }) {
  if (isEmptyDiff(diff)) {
    return (
      <p className="hist-empty" data-testid="diff-empty">
        No card was added, removed, edited or moved between these two ({diff.unchanged} unchanged).
      </p>
    );
  }
  return (
    <div className="hist-diff" data-testid="diff">
      <p className="hist-diff-summary">
        {diff.added.length} added · {diff.removed.length} removed · {diff.edited.length} edited ·{' '}
        {diff.moved.length} moved · {diff.unchanged} unchanged
      </p>
      <DiffSection
        title="Added"
        kind="added"
        items={diff.added.map((c) => ({ id: c.id, main: c.text, place: c.place.label }))}
      />
      <DiffSection
        title="Removed"
        kind="removed"
        items={diff.removed.map((c) => ({ id: c.id, main: c.text, place: c.place.label }))}
      />
      <DiffSection
        title="Edited"
        kind="edited"
        items={diff.edited.map((c) => ({ id: c.id, main: c.text, was: c.before, place: c.place.label }))}
      />
      <DiffSection
        title="Moved"
        kind="moved"
        items={diff.moved.map((c) => ({
          id: c.id,
          main: c.text,
          place: `${c.from.label} → ${c.place.label}`,
        }))}
      />
    </div>
  );
}

function DiffSection({
  title,
  kind,
  items,
}: {
  title: string;
  kind: string;
  items: { id: string; main: string; was?: string; place: string }[];
}) {
  if (items.length === 0) return null;
  return (
    <section className={`hist-diff-section diff-${kind}`} data-testid={`diff-${kind}`}>
      <h4>
        {title} <span className="count">({items.length})</span>
      </h4>
      <ul>
        {items.map((it) => (
          <li key={it.id}>
            {it.was !== undefined && (
              <>
                <del>{short(it.was)}</del>
                <span aria-hidden="true">→</span>
              </>
            )}
            <span className="hist-card-text">{short(it.main)}</span>
            <span className="hist-place">{it.place}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
