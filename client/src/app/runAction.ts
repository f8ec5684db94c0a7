import { runSortingAction } from '../sorting/sortingActions';
import {
  addElement,
  connectSelection,
  deleteSelection,
  duplicateSelection,
  redo,
  reorderSelection,
  selectAll,
  undo,
  zoomToFit,
  zoomToSelection,
} from './actions';
import type { BoardContextValue } from './boardContext';
import type { ActionId } from './shortcuts';

export interface UiToggles {
  toggleOutline(): void;
  toggleHelp(): void;
}

/** What each toolbar button and shortcut does. */
export function runAction(ctx: BoardContextValue, ui: UiToggles, id: ActionId): void {
  switch (id) {
    case 'sticky': {
      const created = addElement(ctx, 'sticky');
      if (created) ctx.editing.set(created);
      return;
    }
    case 'text': {
      const created = addElement(ctx, 'text');
      if (created) ctx.editing.set(created);
      return;
    }
    case 'frame':
    case 'grid':
    case 'swimlanes':
    case 'theme':
      addElement(ctx, id);
      return;
    case 'connect':
      connectSelection(ctx);
      return;
    case 'delete':
      deleteSelection(ctx);
      return;
    case 'duplicate':
      duplicateSelection(ctx);
      return;
    case 'front':
      reorderSelection(ctx, 'front');
      return;
    case 'back':
      reorderSelection(ctx, 'back');
      return;
    case 'undo':
      undo(ctx);
      return;
    case 'redo':
      redo(ctx);
      return;
    case 'selectAll':
      selectAll(ctx);
      return;
    case 'deselect':
      ctx.editing.set(null);
      ctx.selection.set(new Set());
      return;
    case 'edit': {
      const [only, ...rest] = ctx.selection.get();
      if (only && rest.length === 0 && ctx.canEdit) ctx.editing.set(only);
      return;
    }
    case 'zoomIn':
      ctx.viewport.zoomCenter(1.25);
      return;
    case 'zoomOut':
      ctx.viewport.zoomCenter(0.8);
      return;
    case 'zoomFit':
      zoomToFit(ctx);
      return;
    case 'zoomSelection':
      zoomToSelection(ctx);
      return;
    case 'zoomReset':
      ctx.viewport.zoomCenter(1 / ctx.viewport.get().scale);
      return;
    case 'outline':
      ui.toggleOutline();
      return;
    case 'help':
      ui.toggleHelp();
      return;
    case 'groupTheme':
    case 'mergeTheme':
    case 'suggestSimilar':
    case 'parkingLot':
      runSortingAction(ctx, id);
      return;
  }
}
