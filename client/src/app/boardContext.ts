import type { Role } from '@truenorth/shared';
import { createContext, useContext } from 'react';
import type { ViewportController } from '../canvas/viewportController';
import type { Store } from '../lib/store';
import type { BoardStore } from '../sync/boardStore';
import type { BoardSession } from '../sync/session';

/** Everything the board's components share: the document, local UI state, and who we are. */
export interface BoardContextValue {
  session: BoardSession;
  store: BoardStore;
  selection: Store<ReadonlySet<string>>;
  editing: Store<string | null>;
  viewport: ViewportController;
  /** Last pointer position over the canvas, in world units (null when outside). */
  pointer: { current: { x: number; y: number } | null };
  /**
   * Set while this browser's cursor must not be shown to the others (an open dot vote: where a
   * pointer rests on a card tells what its owner votes for).
   */
  cursorHidden: { current: boolean };
  canEdit: boolean;
  /** The role of this board link: only the facilitator may edit locked elements. */
  role: Role;
  user: { name: string; color: string };
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const ctx = useContext(BoardContext);
  if (!ctx) throw new Error('useBoard outside a board');
  return ctx;
}
