import { useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { Icon } from './icons';

/**
 * Elements another client wrote badly are skipped, never fatal: say how many, quietly. So are
 * unreadable records in this browser's own copy of the board (set aside when it was opened).
 */
export function ProblemsBanner() {
  const ctx = useBoard();
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const { damaged } = useSyncExternalStore(ctx.session.subscribe, ctx.session.getSnapshot);
  const [open, setOpen] = useState(false);
  const skipped = board.problems.filter((p) => p.status === 'skipped');
  if (damaged === 0 && skipped.length === 0) return null;
  return (
    <div className="problems" data-canvas-overlay role="status">
      {damaged > 0 && (
        <p className="problems-line" data-testid="damaged-copy">
          <Icon name="warning" size={16} />
          This browser’s copy of the board was damaged: {damaged} unreadable{' '}
          {damaged === 1 ? 'change was' : 'changes were'} set aside. The board is whole on the server.
        </p>
      )}
      {skipped.length > 0 && (
        <div className="problems-line" data-testid="skipped-warning" data-count={skipped.length}>
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
      )}
    </div>
  );
}
