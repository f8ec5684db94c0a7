/**
 * Suggested cards for a theme: a glow around each on the canvas (an HTML layer following the
 * view, so the canvas's card components need not know) and a panel listing them with "Add" per
 * card and "Add all". Nothing moves until someone adds. Esc clears.
 */
import type { Element } from '@truenorth/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { isTyping } from '../app/useBoardKeys';
import { worldToScreen } from '../canvas/viewport';
import { useStore } from '../lib/store';
import { addSuggested, clearSuggestions } from './sortingActions';
import { sortingState } from './sortingState';
import './sorting.css';

export function SuggestionsLayer() {
  const ctx = useBoard();
  const { suggestions, prompt } = sortingState(ctx);
  const current = useStore(suggestions);
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const [v, setV] = useState(ctx.viewport.get());
  useEffect(() => ctx.viewport.subscribe(setV), [ctx]);
  // A prompt belongs to the selection it was opened for.
  useEffect(() => ctx.selection.subscribe(() => prompt.set(null)), [ctx, prompt]);
  useEffect(() => {
    if (!current) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !isTyping(e.target)) clearSuggestions(ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx, current]);

  const theme = current ? board.byId.get(current.themeId) : undefined;
  useEffect(() => {
    // The theme was deleted or merged away (perhaps by someone else).
    if (current && theme?.type !== 'theme') clearSuggestions(ctx);
  }, [ctx, current, theme]);
  if (!current || theme?.type !== 'theme') return null;
  // Cards someone else moved into the theme, or deleted, drop out of the list.
  const items = current.items
    .map((s) => ({ ...s, el: board.byId.get(s.id) }))
    .filter((s): s is typeof s & { el: Element & { text: string } } => !!s.el && 'text' in s.el)
    .filter((s) => s.el.parent !== theme.id);
  const box = (el: Element, pad: number) => {
    if (el.type === 'connector') return undefined;
    const tl = worldToScreen(v, el);
    return {
      transform: `translate(${tl.x - pad}px, ${tl.y - pad}px)`,
      width: el.w * v.scale + 2 * pad,
      height: el.h * v.scale + 2 * pad,
    };
  };
  return (
    <>
      <div className="suggest-layer" aria-hidden="true">
        <div className="suggest-theme" style={box(theme, 4)} />
        {items.map((s) => (
          <div
            key={s.id}
            className="suggest-glow"
            data-testid="suggest-glow"
            data-element-id={s.id}
            style={box(s.el, 5)}
          />
        ))}
      </div>
      <aside className="suggest-panel" aria-label={`Cards like ${theme.name}`} data-testid="suggest-panel">
        <header>
          <div>
            <h2>Similar to “{theme.name}”</h2>
            <p>
              {items.length ? 'Suggestions only: nothing moves until you add it.' : 'No similar cards found.'}
            </p>
          </div>
          <button
            type="button"
            className="sort-btn"
            aria-label="Close suggestions (Esc)"
            title="Close (Esc)"
            onClick={() => clearSuggestions(ctx)}
          >
            ✕
          </button>
        </header>
        <ol>
          {items.map((s) => (
            <li key={s.id} data-testid="suggest-item" data-element-id={s.id}>
              <button
                type="button"
                className="suggest-text"
                title="Select on the board"
                onClick={() => ctx.selection.set(new Set([s.id]))}
              >
                <span>{s.el.text || '(empty)'}</span>
                {s.shared.length > 0 && <small>shares: {s.shared.join(', ')}</small>}
              </button>
              {ctx.canEdit && (
                <button
                  type="button"
                  className="sort-btn"
                  data-testid="suggest-add"
                  onClick={() => addSuggested(ctx, [s.id])}
                >
                  Add
                </button>
              )}
            </li>
          ))}
        </ol>
        {ctx.canEdit && items.length > 1 && (
          <button
            type="button"
            className="sort-btn is-primary suggest-all"
            data-testid="suggest-add-all"
            onClick={() =>
              addSuggested(
                ctx,
                items.map((s) => s.id),
              )
            }
          >
            Add all {items.length} to “{theme.name}”
          </button>
        )}
      </aside>
    </>
  );
}
