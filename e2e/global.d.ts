import type * as Y from 'yjs';

declare global {
  interface Window {
    /** Exposed by the board page (client/src/app/BoardView.tsx) for tests and debugging. */
    __truenorth?: {
      doc: Y.Doc;
      provider: {
        synced: boolean;
        wsconnected: boolean;
        ws: WebSocket | null;
        connect(): void;
        disconnect(): void;
      };
      undo: Y.UndoManager;
      origin: unknown;
      screenCenterOf?: (id: string) => { x: number; y: number } | null;
      worldToScreen?: (p: { x: number; y: number }) => { x: number; y: number } | null;
    };
  }
}
