import { useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { Icon } from './icons';

/** Elements another client wrote badly are skipped, never fatal: say how many, quietly. */
export function ProblemsBanner() {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const [open, setOpen] = useState(false);
  const skipped = board.problems.filter((p) => p.status === 'skipped');
  if (skipped.length === 0) return null;
  return (
    <div
      className="problems"
      data-canvas-overlay
      role="status"
      data-testid="skipped-warning"
      data-count={skipped.length}
    >
      <Icon name="warning" size={16} />
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {skipped.length} {skipped.length === 1 ? 'element' : 'elements'} could not be shown
      </button>
      {open && (
        <ul className="problems-list">
          {skipped.slice(0, 20).map((p) => (
            <li key={p.id}>
              <code>{p.id}</code>: {p.problems.slice(0, 2).join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
