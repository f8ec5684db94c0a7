/**
 * Card sorting in the selection bar: group selected cards as a theme (or split them out of
 * theirs), park them, and for a selected theme: rename, merge into another, suggest similar cards.
 */
import { PARKING_LOT_NAME } from '@truenorth/shared';
import { useState, useSyncExternalStore } from 'react';
import { useBoard } from '../app/boardContext';
import { tooltip } from '../app/shortcuts';
import { useStore } from '../lib/store';
import {
  groupSelection,
  mergeSelectedInto,
  parkSelection,
  sortingTargets,
  suggestForSelection,
} from './sortingActions';
import { sortingState } from './sortingState';
import './sorting.css';

export function SortingBar() {
  const ctx = useBoard();
  const selection = useStore(ctx.selection);
  const board = useSyncExternalStore(ctx.store.subscribe, ctx.store.getSnapshot);
  const { prompt } = sortingState(ctx);
  const asking = useStore(prompt);
  const t = sortingTargets(board, selection);
  const split = !!t.cardsTheme && !t.cardsTheme.parking;
  if (!ctx.canEdit || (t.cards.length === 0 && !t.theme)) return null;

  if (asking?.kind === 'group' || asking?.kind === 'split') {
    return (
      <NamePrompt
        label={asking.kind === 'split' ? 'Split out as theme' : 'Group as theme'}
        onDone={(name) => {
          prompt.set(null);
          if (name !== null) groupSelection(ctx, name);
        }}
      />
    );
  }
  if (asking?.kind === 'merge' && t.theme) {
    return (
      <MergeChooser
        themes={t.mergeTargets.map((m) => ({ id: m.id, name: m.name, parking: m.parking }))}
        onDone={(target) => {
          prompt.set(null);
          if (target) mergeSelectedInto(ctx, target);
        }}
      />
    );
  }
  return (
    <fieldset className="sorting-actions" aria-label="Card sorting">
      {t.cards.length > 0 && (
        <button
          type="button"
          className="sort-btn"
          data-testid="sort-group"
          title={tooltip('groupTheme')}
          onClick={() => prompt.set({ kind: split ? 'split' : 'group' })}
        >
          {split ? 'Split out' : 'Group as theme'}
        </button>
      )}
      {t.parkable && (
        <button
          type="button"
          className="sort-btn"
          data-testid="sort-park"
          title={tooltip('parkingLot')}
          onClick={() => parkSelection(ctx)}
        >
          Park
        </button>
      )}
      {t.theme && (
        <button
          type="button"
          className="sort-btn"
          data-testid="sort-rename"
          title="Rename theme (Enter)"
          onClick={() => ctx.editing.set(t.theme?.id ?? null)}
        >
          Rename
        </button>
      )}
      {t.mergeTargets.length > 0 && (
        <button
          type="button"
          className="sort-btn"
          data-testid="sort-merge"
          title={tooltip('mergeTheme')}
          onClick={() => prompt.set({ kind: 'merge' })}
        >
          Merge into…
        </button>
      )}
      {(t.theme || t.cardsTheme) && (
        <button
          type="button"
          className="sort-btn"
          data-testid="sort-suggest"
          title={tooltip('suggestSimilar')}
          onClick={() => suggestForSelection(ctx)}
        >
          Suggest similar
        </button>
      )}
    </fieldset>
  );
}

function NamePrompt({ label, onDone }: { label: string; onDone: (name: string | null) => void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="sorting-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        onDone(name.trim() || 'New theme');
      }}
    >
      <input
        // biome-ignore lint/a11y/noAutofocus: the person just asked to name the theme
        autoFocus
        className="sort-input"
        data-testid="sort-name"
        aria-label={`${label}: name`}
        placeholder="Theme name"
        // A theme named in Arabic or Hebrew is typed right to left, as the theme then shows it.
        dir="auto"
        maxLength={200}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onDone(null);
          }
        }}
      />
      <button type="submit" className="sort-btn is-primary" data-testid="sort-name-ok">
        {label}
      </button>
      <button type="button" className="sort-btn" onClick={() => onDone(null)}>
        Cancel
      </button>
    </form>
  );
}

function MergeChooser({
  themes,
  onDone,
}: {
  themes: { id: string; name: string; parking: boolean }[];
  onDone: (target: string | null) => void;
}) {
  return (
    <fieldset
      className="sorting-prompt"
      aria-label="Merge into"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone(null);
        }
      }}
    >
      <span className="sort-label">Merge into</span>
      <div className="sort-choices">
        {themes.map((t, i) => (
          <button
            // biome-ignore lint/a11y/noAutofocus: the chooser was opened by keyboard as often as by mouse
            autoFocus={i === 0}
            key={t.id}
            type="button"
            className="sort-btn"
            data-testid="sort-merge-target"
            title={t.name || 'Untitled'}
            onClick={() => onDone(t.id)}
          >
            {t.name || 'Untitled'}
            {t.parking && t.name !== PARKING_LOT_NAME ? ' (parking lot)' : ''}
          </button>
        ))}
      </div>
      <button type="button" className="sort-btn" onClick={() => onDone(null)}>
        Cancel
      </button>
    </fieldset>
  );
}
